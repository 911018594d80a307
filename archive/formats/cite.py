"""How a statement is cited: the formatted citation a reader copies, its BibTeX, RIS and
CSL-JSON downloads (their texts embedded in the page; static/cite.js offers them as files),
and the Highwire `citation_*` meta tags that reference managers read.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from archive.content.read import URL_SAFE
from archive.model import SiteSettings, Statement, StatementDate

#: The citation downloads of a statement's page: file name (after the statement's id) ->
#: label. Made in the browser from the page's own data, not files beside it: three files a
#: statement would put a site of 10,000 statements past the 20,000 files static hosts allow.
CITATION_FILES = {"cite.bib": "BibTeX", "cite.ris": "RIS", "cite.json": "CSL-JSON"}
#: The media type of each download.
CITATION_TYPES = {
    "cite.bib": "application/x-bibtex",
    "cite.ris": "application/x-research-info-systems",
    "cite.json": "application/vnd.citationstyles.csl+json",
}

# Names are kept whole everywhere: the archive mixes family-name-first (Kim Song) and
# given-name-first (Taro Kono) names, and splitting them by position would invert half.

_CSL_TYPES = {
    "council-speech": "speech",
    "speech": "speech",
    "news-report": "article-newspaper",
    "commentary": "article-newspaper",
    "interview": "interview",
    "letter": "personal_communication",
}
_RIS_TYPES = {"news-report": "NEWS", "commentary": "NEWS", "letter": "PCOMM"}


def canonical_url(site: SiteSettings, path: str) -> str:
    """The absolute URL of a site path ("statements/x/"), or "" without a base_url."""
    return site.base_url + quote(path, safe=URL_SAFE) if site.base_url else ""


#: Document types whose words belong to a reporter, not to the people they quote: their
#: author is the byline, and their date is when they were published.
REPORTED_TYPES = frozenset({"news-report", "commentary"})


def is_report(statement: Statement) -> bool:
    """Whether the statement is someone's report of others' words (a news report)."""
    return statement.doc_type in REPORTED_TYPES


def creators(statement: Statement) -> list[str]:
    """Who a citation names as author. A report's author is its byline and never the person
    it quotes; an unsigned report has none (the styles then lead with the title). Anything
    else is its speakers', else its author's, else the issuing source's."""
    if is_report(statement):
        return [statement.author] if statement.author else []
    names = [s.name for s in statement.speakers]
    if not names and statement.author:
        names = [statement.author]
    if not names and statement.source:
        names = [statement.source]
    return names


def cited_date(statement: Statement) -> StatementDate:
    """The date a citation gives: a report's publication date when known, else the date
    of the statement (when it was said, which is when a speech or a release was issued)."""
    if is_report(statement) and statement.published.known:
        return statement.published
    return statement.date


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def citation_head(statement: Statement) -> str:
    """The citation up to the date: who, “what”, where and when, without final stop. An
    unsigned report leads with its title, as the author-date and notes styles do."""
    names = creators(statement)
    parts = [f"“{_sentence(statement.title)}”"]
    if names:
        parts.insert(0, _sentence(" and ".join(names)))
    elif not is_report(statement):
        parts.insert(0, "Unknown speaker.")
    where = [w for w in (statement.event, statement.source) if w and w not in names]
    parts.append(", ".join([*where, cited_date(statement).label()]))
    return " ".join(parts)


def citation_text(
    statement: Statement, site_title: str, canonical: str, paragraph: int | None = None
) -> str:
    """The formatted citation, naming one paragraph when `paragraph` is given."""
    pin = f", para. {paragraph}" if paragraph else ""
    url = canonical + (f"#p{paragraph}" if paragraph else "") if canonical else ""
    return f"{citation_head(statement)}{pin}. {_sentence(site_title)}" + (f" {url}" if url else "")


def _parts(date: StatementDate) -> list[int]:
    return [p for p in (date.year, date.month, date.day) if p is not None]


def _date_parts(statement: Statement) -> list[int]:
    return _parts(cited_date(statement))


def csl_item(statement: Statement, site: SiteSettings) -> dict[str, Any]:
    """The statement as one CSL-JSON item (the citeproc input format)."""
    item: dict[str, Any] = {
        "id": statement.id,
        "type": _CSL_TYPES.get(statement.doc_type, "document"),
        "title": statement.title,
        "genre": statement.doc_type_label,
        "archive": site.title,
        "language": statement.language,
    }
    if creators(statement):
        item["author"] = [{"literal": name} for name in creators(statement)]
    if cited_date(statement).known:
        item["issued"] = {"date-parts": [_date_parts(statement)]}
    if statement.source:
        # A newspaper is the container of its article; anything else is issued by its source.
        item["container-title" if is_report(statement) else "publisher"] = statement.source
    if is_report(statement) and statement.date.known and statement.date != cited_date(statement):
        # When the quoted words were said, if the report came out later.
        item["event-date"] = {"date-parts": [_parts(statement.date)]}
    if statement.event:
        item["event-title"] = statement.event
    if site.base_url:
        item["URL"] = canonical_url(site, statement.url_path)
    return item


def csl_json(statement: Statement, site: SiteSettings) -> str:
    """A CSL-JSON file: an array holding the one item."""
    return json.dumps([csl_item(statement, site)], ensure_ascii=False) + "\n"


_BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "^": r"\^{}",
        "~": r"\~{}",
    }
)


def bibtex_escape(text: str) -> str:
    """Text safe inside a braced BibTeX field: no character can close the field or run LaTeX."""
    return " ".join(text.split()).translate(_BIBTEX_SPECIAL)


def bibtex(statement: Statement, site: SiteSettings) -> str:
    """A BibTeX @misc entry (biblatex reads its `date` too) keyed by the statement's id."""
    fields: list[tuple[str, str]] = [
        # Double braces keep a whole name as one name instead of "Last, First".
        ("author", " and ".join("{" + bibtex_escape(n) + "}" for n in creators(statement))),
        ("title", "{" + bibtex_escape(statement.title) + "}"),
    ]
    date = cited_date(statement)
    if date.year is not None:
        fields.append(("year", str(date.year)))
    if date.month is not None:
        fields.append(("month", ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                 "oct", "nov", "dec"][date.month - 1]))  # fmt: skip
    if date.iso:
        fields.append(("date", date.iso))
    if statement.source:
        fields.append(("howpublished", bibtex_escape(statement.source)))
    if site.base_url:
        fields.append(("url", canonical_url(site, statement.url_path)))
    fields.append(("note", bibtex_escape(f"{statement.doc_type_label}. In {site.title}")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    key = "".join(c for c in statement.id if c.isascii() and (c.isalnum() or c in "-_:"))
    return f"@misc{{{key or 'statement'},\n{body}\n}}\n"


def _ris_value(text: str) -> str:
    # One tag per line: a line break inside a value would start a bogus tag.
    return " ".join(text.split())


def ris(statement: Statement, site: SiteSettings) -> str:
    """An RIS record (tags, CRLF line ends as the specification asks)."""
    lines = [("TY", _RIS_TYPES.get(statement.doc_type, "GEN"))]
    lines += [("AU", name) for name in creators(statement)]
    lines.append(("TI", statement.title))
    date = cited_date(statement)
    if date.year is not None:
        lines.append(("PY", str(date.year)))
        month = f"{date.month:02d}" if date.month else ""
        day = f"{date.day:02d}" if date.day else ""
        lines.append(("DA", f"{date.year}/{month}/{day}/"))
    if statement.source:
        # RIS puts a newspaper's name in T2 (the periodical), a publisher's in PB.
        lines.append(("T2" if is_report(statement) else "PB", statement.source))
    if statement.event and not is_report(statement):
        lines.append(("T2", statement.event))
    lines.append(("M3", statement.doc_type_label))
    lines.append(("DB", site.title))
    if site.base_url:
        lines.append(("UR", canonical_url(site, statement.url_path)))
    lines.append(("LA", statement.language))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_ris_value(value)}\r\n" for tag, value in lines)


def citation_meta(statement: Statement, site: SiteSettings) -> list[tuple[str, str]]:
    """Highwire Press `citation_*` meta tags (name, content), as Zotero and Scholar read them."""
    tags = [("citation_title", statement.title)]
    tags += [("citation_author", name) for name in creators(statement)]
    if cited_date(statement).known:
        slashed = "/".join(
            f"{p:02d}" if i else str(p) for i, p in enumerate(_date_parts(statement))
        )
        tags += [("citation_publication_date", slashed), ("citation_date", slashed)]
    if statement.source:
        name = "citation_journal_title" if is_report(statement) else "citation_publisher"
        tags.append((name, statement.source))
    if site.base_url:
        url = canonical_url(site, statement.url_path)
        tags += [("citation_public_url", url), ("citation_abstract_html_url", url)]
    tags.append(("citation_language", statement.language))
    tags.append(("citation_keywords", statement.doc_type_label))
    return tags


def citation_files(statement: Statement, site: SiteSettings) -> dict[str, str]:
    """File name -> text of each citation download of a statement."""
    return {
        "cite.bib": bibtex(statement, site),
        "cite.ris": ris(statement, site),
        "cite.json": csl_json(statement, site),
    }


def citation_context(statement: Statement, site: SiteSettings) -> dict[str, Any]:
    """What the statement page shows and embeds for citing it."""
    canonical = canonical_url(site, statement.url_path)
    return {
        "citation": citation_text(statement, site.title, canonical),
        "cite": {
            # site.js builds "head, para. N. Archive. URL#pN" from these when a reader copies
            # a paragraph link; the build has already formatted every part.
            "head": citation_head(statement),
            "archive": _sentence(site.title),
            "url": canonical,
            "downloads": [
                {"name": name, "label": label, "type": CITATION_TYPES[name]}
                for name, label in CITATION_FILES.items()
            ],
        },
        # The texts of the downloads, by file name: the page embeds them as JSON (the
        # CSL-JSON item as such, readable without JavaScript).
        "cite_data": {
            "csl": [csl_item(statement, site)],
            "files": {
                "cite.bib": bibtex(statement, site),
                "cite.ris": ris(statement, site),
            },
        },
        "citation_meta": citation_meta(statement, site),
    }
