"""Saved web pages: decoded by the charset they declare, their main text extracted with
trafilatura (which drops navigation, share bars, related links and cookie banners), and
their own metadata read (trafilatura's, with htmldate for the publication date: `<meta>`
tags, JSON-LD, the address).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
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


#: What a cell of a data table never holds: a table whose cells hold these lays a page out.
_BLOCKS = "p|h1|h2|h3|h4|h5|h6|ul|ol|div|article|section|table|blockquote"
_LAYOUT_CELL = re.compile(rf"<t[dh][^>]*>(?:(?!</t[dh]>).)*?<(?:{_BLOCKS})[\s>]", re.I | re.S)


def without_chrome_structures(page: str) -> str | Any:
    """The page, as a tree for the extractor, with two kinds of page structure the
    extractor takes for text made plain:

    - tables that lay the page out (cells holding paragraphs, headings, lists) become plain
      blocks: read as a data table, every cell of a row, the site's menu included, runs into
      one line;
    - lists whose every item is nothing but a link ("related", "most read", "other
      articles") are dropped: a statement's own text is never a list of bare links.
    """
    layout = _LAYOUT_CELL.search(page)
    if not layout and "<li" not in page.lower():
        return page
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return page
    if layout:
        blocks = "|".join(f".//{tag}" for tag in _BLOCKS.split("|"))
        for table in tree.iter("table"):
            if not any(cell.xpath(blocks) for cell in table.xpath(".//td|.//th")):
                continue
            for element in [table, *table.xpath(".//tr|.//td|.//th|.//tbody|.//thead|.//tfoot")]:
                element.tag = "div"
    for listing in tree.xpath("//ul|//ol"):
        items = listing.xpath("./li")
        if items and all(_only_a_link(item) for item in items):
            listing.drop_tree()
    return tree


def _only_a_link(item: Any) -> bool:
    text = " ".join(item.text_content().split())
    linked = " ".join(" ".join(a.text_content().split()) for a in item.xpath(".//a"))
    return bool(text) and len(linked) >= len(text) - 2


def _visible(text: str) -> str:
    """The text without format characters (soft hyphens, word joiners, direction marks),
    spaces made single: what a reader sees of it."""
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cf").split())


def as_the_page_gave_them(lines: list[str], page: str) -> list[str]:
    """The extracted paragraphs with the characters the extractor drops put back (a soft
    hyphen in "kompetens\xadförsörjning", a word joiner in "Biden-\u2060Harris"): each line
    that is a paragraph of the page but for them is that paragraph, as the page has it."""
    if not any(unicodedata.category(c) == "Cf" for c in page):
        return lines
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return lines
    original: dict[str, str] = {}
    for element in tree.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td"):
        given = " ".join(element.text_content().split())
        original.setdefault(_visible(given), given)
    return [original.get(_visible(line), line) for line in lines]


#: Where a page states its date in markup (meta tags, JSON-LD, microdata, <time>). A date
#: htmldate finds elsewhere comes from the page's words (a headline's "12 September 2017",
#: an anniversary's "25 June 1950"), which may be right, or may be no publication date at all.
_DATE_MARKUP = re.compile(
    r"published_time|datePublished|dateCreated|pubdate|DC\.date|dcterms\.(?:created|issued|date)"
    r"|name=[\"']?date[\"'\s>]|itemprop=[\"']?date|<time[^>]+datetime|parsely-pub-date",
    re.I,
)


def page_date(date: str | None, page: str, url: str | None) -> str | None:
    """The extractor's date, when the page's markup or address states it."""
    if not date:
        return None
    if _DATE_MARKUP.search(page):
        return date
    year, month, day = date.split("-")
    in_url = (f"{year}/{month}/{day}", f"{year}-{month}-{day}", f"{year}{month}{day}")
    return date if url and any(form in url for form in in_url) else None


#: The address a browser's "Save page as" records: <!-- saved from url=(0042)https://... -->
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


def saved_from(page: str) -> str | None:
    match = _SAVED_FROM.search(page[:2048])
    return match.group(1) if match else None


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
            without_chrome_structures(page),
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
    title = as_the_page_gave_them([title], page)[0] if title else title
    lines = as_the_page_gave_them(
        [line.strip() for line in text.splitlines() if line.strip()], page
    )
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
            "date": page_date(found.get("date"), page, found.get("url")),
            "author": found.get("author"),
            "source": found.get("sitename"),
            "url": found.get("url") or saved_from(page),
            "language": language.group(1) if language else None,
        }
    )
    return Record(origin, body, metadata, None, "page", notes)
