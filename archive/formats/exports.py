"""Data to take away: every statement's metadata as JSON and CSV, each statement's data as its
page embeds it (static/cite.js offers it as a download), and sitemap.xml and robots.txt for
crawlers.

FIELDS documents each column; README.md's "Data" section must list exactly these (tested).
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from typing import Any

from archive.formats.cite import canonical_url
from archive.formats.previews import page_url
from archive.link import Archive, person_page_id, statement_countries
from archive.model import SiteFile, SiteSettings, Statement

#: Field -> what it holds. One record per statement, in this order, in JSON and CSV alike.
FIELDS: dict[str, str] = {
    "id": "Stable id, the last part of the page URL",
    "url": "Absolute URL of the statement's page (relative path without a base_url)",
    "title": "Title, from the source or made by the archive",
    "title_generated": "true when the archive made the title from the text",
    "date": "When it was said or issued, as precise as known: YYYY-MM-DD, YYYY-MM or YYYY",
    "date_precision": "day, month, year or unknown",
    "date_source": "Where the date came from: front-matter, text:LINE, generated or unknown",
    "published": "When the source published it, if that differs from date",
    "speakers": "Names of the speakers (list)",
    "speaker_ids": "Person page ids of the speakers, in the same order (list)",
    "speaker_roles": "Role of each speaker at the time, in the same order (list)",
    "speaker_countries": "Country of each speaker, in the same order (list)",
    "persons": "Names of other persons the statement mentions (list)",
    "person_ids": "Person page ids of the persons mentioned, in the same order (list)",
    "countries": "Countries the statement is filed under: its speakers' and those it concerns "
    "(list)",
    "resolutions": "Numbers of the Security Council resolutions it cites (list)",
    "doc_type": "Document type id, e.g. press-release or council-speech",
    "doc_type_label": "Document type as the site shows it",
    "source": "Who published the text, e.g. Ministry of Foreign Affairs of Japan",
    "author": "Author of a news report",
    "original_url": "Where the source published it",
    "language": "Language of the text (BCP 47)",
    "event": "The meeting or occasion",
    "topics": "Topics from the archive's vocabulary, or curated (list)",
    "agreements": "Agreements the statement names (list)",
    "responds_to": "Ids of statements this one answers (list)",
    "paragraph_count": "Number of paragraphs of the clean text",
    "word_count": "Number of words of the clean text",
}

#: Fields only in a statement's own data (the download on its page), after the FIELDS.
STATEMENT_ONLY_FIELDS: dict[str, str] = {
    "paragraphs": "The clean text, one string per numbered paragraph (list)",
    "notes": "Curator's or archive's notes on the text (list)",
    "versions": "Each text retrieved from the source, oldest first: number, retrieved, sha256, "
    "text (list; empty unless imported)",
}

#: Separator of a list's items inside one CSV cell.
CSV_LIST_SEPARATOR = "; "
#: A sitemap may list at most 50,000 URLs; beyond that sitemap.xml becomes an index.
SITEMAP_LIMIT = 50_000
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def statement_record(site: SiteSettings, statement: Statement) -> dict[str, Any]:
    """The statement's FIELDS, with lists as lists and missing values as None."""
    return {
        "id": statement.id,
        "url": canonical_url(site, statement.url_path) or statement.url_path,
        "title": statement.title,
        "title_generated": statement.title_generated,
        "date": statement.date.iso,
        "date_precision": statement.date.precision,
        "date_source": statement.date.source,
        "published": statement.published.iso,
        "speakers": [s.name for s in statement.speakers],
        "speaker_ids": [person_page_id(s) for s in statement.speakers],
        "speaker_roles": [s.role or "" for s in statement.speakers],
        "speaker_countries": [s.country or "" for s in statement.speakers],
        "persons": [p.name for p in statement.persons],
        "person_ids": [person_page_id(p) for p in statement.persons],
        "countries": statement_countries(statement),
        "resolutions": list(statement.resolutions),
        "doc_type": statement.doc_type,
        "doc_type_label": statement.doc_type_label,
        "source": statement.source,
        "author": statement.author,
        "original_url": statement.url,
        "language": statement.language,
        "event": statement.event,
        "topics": list(statement.topics),
        "agreements": list(statement.agreements),
        "responds_to": list(statement.responds_to),
        "paragraph_count": len(statement.paragraphs),
        "word_count": sum(len(p.split()) for p in statement.paragraphs),
    }


def statement_document(record: dict[str, Any], statement: Statement) -> dict[str, Any]:
    """A statement's own data: the record plus STATEMENT_ONLY_FIELDS."""
    return {**statement_data(record, statement), "paragraphs": list(statement.paragraphs)}


def statement_data(record: dict[str, Any], statement: Statement) -> dict[str, Any]:
    """What the statement's page embeds of its data: `statement_document` but the
    paragraphs, which the page holds as its text, and with each version's text as `pieces`
    where it quotes the paragraphs (static/cite.js puts both back), so that the text is not
    in the page two or three times."""
    versions: list[dict[str, Any]] = []
    for v in statement.versions:
        version: dict[str, Any] = {"number": v.number, "retrieved": v.retrieved, "sha256": v.sha256}
        pieces = text_pieces(v.text, statement.paragraphs)
        if any(type(piece) is not str for piece in pieces):
            version["pieces"] = pieces
        else:
            version["text"] = v.text
        versions.append(version)
    return {**record, "notes": list(statement.notes), "versions": versions}


#: A paragraph shorter than this is written out rather than referred to.
_SHORTEST_QUOTED = 24
_SPACE = re.compile(r"\s+")

#: A piece of a version's text: a string, a paragraph's number (from 0), or [number,
#: [[gap, whitespace], ...]]: the paragraph with the whitespace between its words as the
#: source had it, where that was not one space (the gap after word `gap`, from 0).
Piece = str | int | list


def text_pieces(text: str, paragraphs: list[str]) -> list[Piece]:
    """`text` as pieces that `joined_pieces` makes `text` again exactly: a source's text as
    retrieved holds most of the clean paragraphs, often with other spaces between words
    (two after a full stop, line breaks); those cleaning changed otherwise are written out."""
    pieces: list[Piece] = []
    at = 0
    for number, paragraph in enumerate(paragraphs):
        if len(paragraph) < _SHORTEST_QUOTED:
            continue
        found = text.find(paragraph, at)
        if found >= 0:
            piece: Piece = number
            end = found + len(paragraph)
        else:
            words = paragraph.split(" ")
            if any(not word or _SPACE.search(word) for word in words):
                continue
            match = re.compile(r"\s+".join(map(re.escape, words))).search(text, at)
            if match is None:
                continue
            found, end = match.span()
            gaps = _SPACE.findall(match.group(0))
            piece = [number, [[gap, space] for gap, space in enumerate(gaps) if space != " "]]
        if found > at:
            pieces.append(text[at:found])
        pieces.append(piece)
        at = end
    if at < len(text):
        pieces.append(text[at:])
    return pieces if joined_pieces(pieces, paragraphs) == text else [text]


def joined_pieces(pieces: list[Piece], paragraphs: list[str]) -> str:
    """The text of `text_pieces` (static/cite.js does the same in the browser)."""
    out = []
    for piece in pieces:
        if type(piece) is str:
            out.append(piece)
        elif type(piece) is int:
            out.append(paragraphs[piece])
        else:
            number, gaps = piece
            spaces = dict(gaps)
            words = paragraphs[number].split(" ")
            out.append(words[0] + "".join(spaces.get(g, " ") + w for g, w in enumerate(words[1:])))
    return "".join(out)


def json_line(record: dict[str, Any]) -> str:
    """A record as one line of data/statements.json."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def archive_json(lines: list[str]) -> bytes:
    """data/statements.json: an array of records, one line each."""
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8")


def csv_cell(value: Any) -> str:
    """A value as one CSV cell: lists joined, booleans as true/false, None as empty.

    A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = CSV_LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_line(cells: Iterable[str]) -> str:
    """One row of data/statements.csv as its text: the file is the header's and the
    statements' lines, joined."""
    line = io.StringIO()
    csv.writer(line, lineterminator="\r\n").writerow(cells)
    return line.getvalue()


#: A statement's line of data/statements.json and its line of data/statements.csv.
DataRow = tuple[str, str]


def data_row(record: dict[str, Any]) -> DataRow:
    """A statement's record (`statement_record`) as its lines of the archive's data files."""
    return json_line(record), csv_line([csv_cell(record[name]) for name in FIELDS])


def data_files(rows: list[DataRow]) -> list[SiteFile]:
    """data/statements.json and data/statements.csv from every statement's row, in order."""
    table = csv_line(FIELDS) + "".join(line for _, line in rows)
    return [
        SiteFile("data/statements.json", archive_json([line for line, _ in rows])),
        SiteFile("data/statements.csv", table.encode("utf-8")),
    ]


def statement_row(site: SiteSettings, statement: Statement) -> DataRow:
    """A statement's row of the archive's data files."""
    return data_row(statement_record(site, statement))


def export_files(archive: Archive) -> Iterator[SiteFile]:
    """The whole archive as JSON and CSV: each statement's own data and citations are in its
    page (static/cite.js makes the downloads), not files of their own, so that the site
    stays within the file counts static hosts allow."""
    yield from data_files([statement_row(archive.site, s) for s in archive.statements])


# ---------------------------------------------------------------------------------------------
# For crawlers


def _urlset(locations: Iterable[str]) -> bytes:
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for location in locations:
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = location
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemap_files(site: SiteSettings, page_paths: list[str]) -> Iterator[SiteFile]:
    """sitemap.xml for the pages, split under sitemaps/ past SITEMAP_LIMIT, and robots.txt."""
    robots = "User-agent: *\nAllow: /\n"
    if site.base_url:
        locations = [page_url(site, p) for p in page_paths]
        if len(locations) <= SITEMAP_LIMIT:
            yield SiteFile("sitemap.xml", _urlset(locations))
        else:
            index = ET.Element("sitemapindex", {"xmlns": SITEMAP_NS})
            for number, start in enumerate(range(0, len(locations), SITEMAP_LIMIT), start=1):
                path = f"sitemaps/sitemap-{number}.xml"
                yield SiteFile(path, _urlset(locations[start : start + SITEMAP_LIMIT]))
                ET.SubElement(ET.SubElement(index, "sitemap"), "loc").text = canonical_url(
                    site, path
                )
            yield SiteFile(
                "sitemap.xml", ET.tostring(index, encoding="utf-8", xml_declaration=True) + b"\n"
            )
        robots += f"Sitemap: {canonical_url(site, 'sitemap.xml')}\n"
    yield SiteFile("robots.txt", robots.encode("utf-8"))


def with_sitemap(files: Iterable[SiteFile], site: SiteSettings) -> Iterator[SiteFile]:
    """Pass the site's files through, then add the sitemap of every HTML page among them.

    Collecting the pages from the stream itself means a page added by any stage is listed,
    and nothing is rendered twice. The 404 page is not a page to index.
    """
    pages: list[str] = []
    for site_file in files:
        if site_file.path.endswith(".html") and site_file.path != "404.html":
            pages.append(site_file.path)
        yield site_file
    yield from sitemap_files(site, pages)
