"""The statement archive: turns content/ into a static, searchable, cross-linked site/.

The modules are the stages of the build, in order: read, extract, link, render, search_index,
write; `pipeline.build()` runs them and `cli` is the command line.
"""

__version__ = "0.1.0"
