"""Building site/: the pipeline, the cache and incremental build, serve's resident rebuild,
writing and workers.
"""
