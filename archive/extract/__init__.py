"""The extract stage: from a statement file's raw text and front matter, one `Statement`.

`parse_text` reads what the text alone tells; `extract_statement` lets the curator's front
matter override it and records where each value came from.
"""

from archive.extract.merge import extract_statement
from archive.extract.parse import parse_text

__all__ = ["extract_statement", "parse_text"]
