"""Saved web pages: decoded by the charset they declare, their main text extracted with
trafilatura (which drops navigation, share bars, related links and cookie banners), and
their own metadata read (trafilatura's, with htmldate for the publication date: `<meta>`
tags, JSON-LD, the address).
"""

from __future__ import annotations

import codecs
import re
import warnings
from typing import Any

from archive.importing.records import Problem, Record, source_metadata

#: Where a page declares its charset: <meta charset>, <meta http-equiv content="...;
#: charset=...">, or an XML declaration. Browsers look in the first 1,024 bytes; saved pages
#: put a comment ("saved from url=") first, so we look a little further.
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)
#: Labels browsers read as another encoding than Python's codec of the same name (WHATWG).
_BROWSER_ENCODING = {"iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252"}


def declared_charset(raw: bytes) -> str | None:
    match = _DECLARED.search(raw[:4096])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii").lower()


def decode_page(raw: bytes, origin: str) -> str | Problem:
    """The page's text: by its byte-order mark, else its declared charset, else UTF-8;
    a page that is not UTF-8 and declares nothing is refused rather than guessed at."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, "replace")
    charset = declared_charset(raw)
    if charset:
        try:
            codec = codecs.lookup(_BROWSER_ENCODING.get(charset, charset)).name
        except LookupError:
            return Problem(origin, f'declares charset "{charset}", which is not an encoding')
        if codec in ("utf-16-le", "utf-16-be", "utf-16"):
            codec = "utf-8"  # a page read as bytes cannot be UTF-16 without a byte-order mark
        try:
            return raw.decode(codec)
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            return Problem(
                f"{origin}:{line}",
                f"is not {charset} as it declares: byte 0x{raw[error.start]:02x} "
                f"(offset {error.start}); save the page again, or fix its charset",
            )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(
            f"{origin}:{line}",
            f"is not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}) and declares "
            'no charset, so its encoding would be a guess; add <meta charset="..."> naming '
            "the encoding it was saved in, or convert it to UTF-8",
        )


_LANG = re.compile(r"<html[^>]*\slang\s*=\s*[\"']?([a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]+)?)", re.I)


def read_page(raw: bytes, origin: str) -> Record | Problem:
    """A saved page as a Record: the main text, headline first and then a blank line, one
    paragraph a line as the page gave them."""
    page = decode_page(raw, origin)
    if isinstance(page, Problem):
        return page
    import trafilatura  # heavy (lxml, dateparser): only an import of pages loads it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            deduplicate=False,
            # The page's own markup only: a date guessed from its text or copyright line
            # would be shown as the source's, and an unknown date beats a wrong one.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    found: dict[str, Any] = document.as_dict() if document is not None else {}
    text = (found.get("text") or "").strip()
    if not text:
        return Problem(origin, "has no main text that could be told from the page's chrome")
    title = (found.get("title") or "").strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    headline = bool(title and lines and " ".join(lines[0].split()) == " ".join(title.split()))
    if headline and len(lines) == 1:
        return Problem(origin, "has no main text that could be told from the page's chrome")
    # The corpus's form: a headline line, a blank line, the text one paragraph a line.
    body = "\n".join(lines[1:] if headline else lines) + "\n"
    if headline:
        body = lines[0] + "\n\n" + body
    language = _LANG.search(page[:4096])
    metadata, notes = source_metadata(
        {
            "title": title or None,
            "date": found.get("date"),
            "author": found.get("author"),
            "source": found.get("sitename"),
            "url": found.get("url"),
            "language": language.group(1) if language else None,
        }
    )
    return Record(origin, body, metadata, None, "page", notes)
