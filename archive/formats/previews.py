"""What a link to a page shows elsewhere: Open Graph tags for every page, and the schema.org
JSON-LD that describes a statement to search engines and link unfurlers.
"""

from __future__ import annotations

from typing import Any

from archive.formats.cite import canonical_url, cited_date, creators, is_report
from archive.link import Archive, person_page_id, statement_countries
from archive.model import SiteSettings, Statement

#: Open Graph descriptions are cut here; unfurlers show about two lines.
DESCRIPTION_LENGTH = 200


def page_url(site: SiteSettings, page_path: str) -> str:
    """The absolute URL of a page file, in its directory form ("statements/x/"); "" for the
    404 page, which is served at whatever URL was missing."""
    if page_path == "404.html":
        return ""
    if page_path == "index.html":
        return canonical_url(site, "")
    if page_path.endswith("/index.html"):
        return canonical_url(site, page_path[: -len("index.html")])
    return canonical_url(site, page_path)


def short_description(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """The text cut at a word boundary to at most `length` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _schema_type(statement: Statement) -> str:
    return "NewsArticle" if statement.doc_type == "news-report" else "Article"


def statement_json_ld(archive: Archive, statement: Statement) -> dict[str, Any]:
    """schema.org JSON-LD for a statement: who said it, when (as precise as known), where."""
    site = archive.site
    url = canonical_url(site, statement.url_path)
    speakers: list[dict[str, Any]] = []
    for speaker in statement.speakers:
        person: dict[str, Any] = {"@type": "Person", "name": speaker.name}
        if speaker.role:
            person["jobTitle"] = speaker.role
        if speaker.country:
            person["nationality"] = {"@type": "Country", "name": speaker.country}
        if site.base_url:
            person["url"] = canonical_url(site, f"people/{person_page_id(speaker)}/")
        speakers.append(person)
    # A report's author is its byline; the people it quotes are among its mentions.
    quoted = speakers if is_report(statement) else []
    authors = [] if quoted else speakers
    if not authors:
        kind = "Person" if is_report(statement) else "Organization"
        authors = [{"@type": kind, "name": name} for name in creators(statement)]
    if not authors and statement.source:
        # An unsigned report: schema.org (and Google) take the outlet as its author.
        authors = [{"@type": "Organization", "name": statement.source}]
    about = [{"@type": "Country", "name": c} for c in statement_countries(statement)]
    for number in statement.resolutions:
        entry = archive.resolutions.get(number)
        about.append(
            {
                "@type": "Legislation",
                "name": entry.symbol if entry else f"S/RES/{number}",
                "legislationIdentifier": entry.symbol if entry else f"S/RES/{number}",
            }
        )
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": _schema_type(statement),
        "headline": statement.title[:110],
        "name": statement.title,
        "author": authors,
        "genre": statement.doc_type_label,
        "inLanguage": statement.language,
        "isPartOf": {"@type": "WebSite", "name": site.title, "url": site.base_url or None},
        "about": about,
        "mentions": quoted + [{"@type": "Person", "name": p.name} for p in statement.persons],
        "wordCount": sum(len(p.split()) for p in statement.paragraphs),
    }
    if statement.paragraphs:
        document["description"] = short_description(statement.paragraphs[0])
    if cited_date(statement).iso:
        document["datePublished"] = cited_date(statement).iso
    if statement.source:
        document["publisher"] = {"@type": "Organization", "name": statement.source}
    if statement.url:
        document["isBasedOn"] = statement.url
    if url:
        document["url"] = url
        document["mainEntityOfPage"] = url
    return _without_empty(document)


def _without_empty(value: Any) -> Any:
    """Drop None and empty lists, so the JSON-LD states only what is known."""
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v not in (None, [], "")}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value
