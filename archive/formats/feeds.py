"""Atom feeds (RFC 4287): the newest statements of the archive, and of each person, country
and resolution, with absolute URLs from site.base_url and ids that never change.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from archive.formats.cite import canonical_url, creators
from archive.formats.previews import short_description
from archive.importing.difference import difference
from archive.importing.difference import summary as change_summary
from archive.link import Archive, chronological_key, statement_countries
from archive.model import SiteFile, SiteSettings, Statement, StatementDate

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Entries per feed: enough for a reader who checks weekly; bounds every feed's size.
FEED_SIZE = 50
SITE_FEED = "feed.xml"
SUMMARY_LENGTH = 500
#: Atom needs a timestamp even when nothing is dated; a fixed one keeps builds identical.
EPOCH = "1970-01-01T00:00:00Z"

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text that can go into XML: the characters XML 1.0 forbids are dropped."""
    return _NOT_XML.sub("", text)


def atom_time(date: StatementDate) -> str | None:
    """An RFC 3339 timestamp at the start of the known period, or None for no date."""
    if date.year is None:
        return None
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def feed_links(site: SiteSettings, path: str | None = None, title: str = "") -> list[dict]:
    """The feeds a page announces: the site's newest, plus an entity's own under `path`.

    Empty without a base_url, because Atom needs absolute URLs.
    """
    if not site.base_url:
        return []
    links = [{"url": SITE_FEED, "title": f"Newest statements: {site.title}"}]
    if path is not None:
        links.append({"url": f"{path}feed.xml", "title": title})
    return links


def person_feed_title(name: str) -> str:
    return f"Statements by or mentioning {name}"


def country_feed_title(name: str) -> str:
    return f"Statements concerning {name}"


def resolution_feed_title(symbol: str) -> str:
    return f"Statements citing {symbol}"


def topic_feed_title(topic: str) -> str:
    return f"Statements on {topic}"


def newest(statements: Iterable[Statement], count: int = FEED_SIZE) -> list[Statement]:
    """The `count` newest of some chronologically sorted lists, newest first, no repeats."""
    unique = {s.id: s for s in statements}
    return sorted(unique.values(), key=chronological_key, reverse=True)[:count]


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> None:
    child = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        child.text = xml_text(text)


def atom_feed(
    site: SiteSettings,
    path: str,
    page: str,
    title: str,
    statements: list[Statement],
    changed: Sequence[Statement] = (),
) -> bytes:
    """One Atom document at site path `path` for `statements` (newest first), and an entry
    for the latest new version of each `changed` statement (its source changed its text)."""
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: site.language})
    _element(feed, "id", canonical_url(site, path))
    _element(feed, "title", title)
    if site.description:
        _element(feed, "subtitle", " ".join(site.description.split()))
    times = [t for t in (atom_time(s.date) for s in statements) if t]
    times += [retrieval_time(s.versions[-1].retrieved) for s in changed]
    updated = max(times, default=EPOCH)
    _element(feed, "updated", updated)
    _element(feed, "link", rel="self", type="application/atom+xml", href=canonical_url(site, path))
    _element(feed, "link", rel="alternate", type="text/html", href=canonical_url(site, page))
    author = ET.SubElement(feed, "author")
    _element(author, "name", site.title)
    _element(feed, "generator", "statement-archive")
    for statement in statements:
        feed.append(_entry(site, statement, updated))
    for statement in changed:
        feed.append(_change_entry(site, statement))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(site: SiteSettings, statement: Statement, fallback_time: str) -> ET.Element:
    entry = ET.Element("entry")
    url = canonical_url(site, statement.url_path)
    # The page URL is the id: it is already the archive's permanent, unique name.
    _element(entry, "id", url)
    _element(entry, "title", statement.title)
    _element(entry, "link", rel="alternate", type="text/html", href=url)
    when = atom_time(statement.date) or fallback_time
    _element(entry, "updated", when)
    if statement.date.known:
        _element(entry, "published", when)
    for name in creators(statement):
        author = ET.SubElement(entry, "author")
        _element(author, "name", name)
    if statement.paragraphs:
        summary = short_description(statement.paragraphs[0], SUMMARY_LENGTH)
        _element(entry, "summary", summary, type="text")
    _element(entry, "category", term=statement.doc_type, label=statement.doc_type_label)
    for country in statement_countries(statement):
        _element(entry, "category", term=country)
    for number in statement.resolutions:
        _element(entry, "category", term=f"S/RES/{number}")
    return entry


def retrieval_time(retrieved: str) -> str:
    """A version's retrieval time as RFC 3339 (a bare date at its start)."""
    return retrieved if "T" in retrieved else f"{retrieved}T00:00:00Z"


def _change_entry(site: SiteSettings, statement: Statement) -> ET.Element:
    """The announcement that a statement's source published a new text: one entry per
    version (its id names the version), linking to the page's list of versions."""
    latest = statement.versions[-1]
    url = canonical_url(site, statement.url_path)
    entry = ET.Element("entry")
    _element(entry, "id", f"{url}#version-{latest.number}")
    _element(entry, "title", f"Changed at the source: {statement.title}")
    _element(entry, "link", rel="alternate", type="text/html", href=f"{url}#versions")
    _element(entry, "updated", retrieval_time(latest.retrieved))
    changes = difference(statement.versions[-2].text, latest.text)
    summary = (
        f"The source published a new text (version {latest.number}, retrieved "
        f"{latest.retrieved}): {change_summary(changes)}."
    )
    _element(entry, "summary", summary, type="text")
    _element(entry, "category", term="new-version", label="New version at the source")
    return entry


def recently_changed(statements: Iterable[Statement], count: int = FEED_SIZE) -> list[Statement]:
    """The `count` statements whose source published a new text most recently, newest first."""
    changed = [s for s in statements if len(s.versions) > 1]
    changed.sort(key=lambda s: (retrieval_time(s.versions[-1].retrieved), s.id), reverse=True)
    return changed[:count]


class FeedPlan(NamedTuple):
    """One feed before it is written: its path, the page it stands for, its statements, and
    the statements whose new versions it announces."""

    path: str
    page: str
    title: str
    statements: list[Statement]
    changed: Sequence[Statement] = ()


def feed_plans(archive: Archive) -> Iterator[FeedPlan]:
    """Every feed of the site; none without a base_url. Linear: each feed is at most
    FEED_SIZE entries, taken from the ends of lists the link stage already sorted."""
    if not archive.site.base_url:
        return
    yield FeedPlan(
        SITE_FEED,
        "",
        archive.site.title,
        archive.newest_first[:FEED_SIZE],
        recently_changed(archive.newest_first),
    )
    for entry in archive.people.values():
        chosen = newest([*entry.spoken[-FEED_SIZE:], *entry.mentioned[-FEED_SIZE:]])
        yield _plan(f"people/{entry.id}/", person_feed_title(entry.name), chosen)
    for country in archive.countries.values():
        chosen = newest(country.statements[-FEED_SIZE:])
        yield _plan(f"countries/{country.slug}/", country_feed_title(country.name), chosen)
    for number, resolution in archive.resolutions.items():
        chosen = newest(resolution.statements[-FEED_SIZE:])
        yield _plan(f"resolutions/{number}/", resolution_feed_title(resolution.symbol), chosen)
    for topic in archive.topics.values():
        chosen = newest(topic.statements[-FEED_SIZE:])
        yield _plan(f"topics/{topic.slug}/", topic_feed_title(topic.label), chosen)


def _plan(page: str, title: str, statements: list[Statement]) -> FeedPlan:
    return FeedPlan(page + "feed.xml", page, title, statements)


def feed_file(site: SiteSettings, plan: FeedPlan) -> SiteFile:
    return SiteFile(
        plan.path,
        atom_feed(site, plan.path, plan.page, plan.title, plan.statements, plan.changed),
    )


def feed_files(archive: Archive) -> Iterator[SiteFile]:
    """Every feed of the site, written."""
    for plan in feed_plans(archive):
        yield feed_file(archive.site, plan)
