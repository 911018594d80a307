"""The render stage: one context function per page type computes everything a page shows,
and Jinja2 templates (autoescaped) only lay it out. Yields the pages as `SiteFile`s so the
writer can stream them to disk.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markdown
import markdown.treeprocessors
import yaml

from archive.content.read import link_is_safe
from archive.errors import TemplateError
from archive.formats.cite import citation_context
from archive.formats.exports import statement_data, statement_record
from archive.formats.feeds import (
    country_feed_title,
    feed_links,
    person_feed_title,
    resolution_feed_title,
    topic_feed_title,
)
from archive.formats.previews import page_url, short_description, statement_json_ld
from archive.importing.difference import difference
from archive.importing.difference import summary as change_summary
from archive.link import (
    PEOPLE_INDEX_FOLDERS,
    Archive,
    Listing,
    Related,
    person_page_id,
    statement_countries,
    statement_section,
)
from archive.model import (
    MONTH_NAMES,
    SOURCE_PAGE,
    PersonRef,
    Role,
    SiteFile,
    Statement,
    StatementDate,
    name_key,
    slugify,
)
from archive.site.chart import timeline_chart
from archive.site.paging import (
    UNDATED,
    is_split,
    page_address,
    page_count,
    page_slice,
    pager,
    recent,
    split_context,
    split_parts,
    year_part,
)

PageContext = dict[str, Any]


@dataclass(frozen=True)
class Page:
    """A page to render: where it goes, which template, and its own context."""

    path: str  # e.g. "statements/x/index.html"
    template: str
    context: PageContext


def root_of(page_path: str) -> str:
    """The relative path from a page to the site root: "" for index.html, "../../" deeper."""
    depth = page_path.count("/")
    return "../" * depth


def relative_url(target: str, page_path: str) -> str:
    """A link from `page_path` to the site path `target` ("statements/x/" or "feed.xml").

    Directory targets link to their index.html so that the site browses from file://, where
    a directory URL would show a file listing instead of the page.
    """
    depth = page_path.count("/")
    link = _link(target, depth, _shared_folders(target, page_path, depth))
    if link is not None:
        return link
    # Absolute, or with "." or "..": posixpath normalises it from the page's own folder.
    path, hash_mark, fragment = target.partition("#")
    if path.endswith("/") or path == "":
        path += "index.html"
    return posixpath.relpath(path, posixpath.dirname(page_path) or ".") + hash_mark + fragment


def _shared_folders(target: str, page_path: str, depth: int) -> int:
    """How many of the page's `depth` folders the target lies in, from the top."""
    section = page_path.find("/") + 1
    if not section or not target.startswith(page_path[:section]):
        return 0
    if target.startswith(page_path[: page_path.rfind("/") + 1]):
        return depth
    if depth == 2:
        return 1
    folders = page_path.split("/")[:-1]
    parts = target.partition("#")[0].split("/")[:-1]
    shared = 0
    while shared < min(len(folders), len(parts)) and folders[shared] == parts[shared]:
        shared += 1
    return shared


@functools.lru_cache(maxsize=65536)
def _link(target: str, depth: int, shared: int) -> str | None:
    """The link to `target` from any page `depth` folders deep that shares `shared` of them
    with it: all a link depends on, so that the nav, static files and cross links of every
    page are made once for all pages of one depth, not on each of 100,000 pages. None where
    posixpath must normalise the target, which depends on the folders themselves."""
    path, hash_mark, fragment = target.partition("#")
    if path.startswith("/") or "/./" in f"/{path}/" or "/../" in f"/{path}/":
        return None
    if path.endswith("/") or path == "":
        path += "index.html"
    below = path.split("/", shared)[-1] if shared else path
    return "../" * (depth - shared) + below + hash_mark + fragment


class _Environment(jinja2.Environment):
    """Jinja2 that reads `entry.url` from a context's dicts without trying the attribute
    first: the AttributeError Jinja raises and catches for each was a tenth of rendering."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


#: `items`, `get`, ...: what Jinja finds on a dict before its keys, and so still does.
_DICT_ATTRIBUTES = frozenset(dir(dict))


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Jinja2 with autoescaping on every template, and undefined names as errors."""
    environment = _Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["url"] = _url_filter
    return environment


@jinja2.pass_context
def _url_filter(context: jinja2.runtime.Context, target: str) -> str:
    # A page served at any address (the 404 page) links from the site's base path instead.
    base = context.get("url_base")
    return (
        base + relative_url(target, "index.html")
        if base
        else relative_url(target, context["page_path"])
    )


# ---------------------------------------------------------------------------------------------
# What pages show about a statement


def date_note(date: StatementDate) -> str | None:
    """How sure the date is, in words, where a reader should be told."""
    return {
        "day": None,
        "month": "month only",
        "year": "year only",
        "unknown": None,
    }[date.precision]


def provenance_note(source: str) -> str:
    """Where a value came from, for a reader: "from the curator", "from the text (line 9)"."""
    if source == "front-matter":
        return "supplied by the curator"
    if source.startswith("text:"):
        return f"read from the text (line {source.split(':', 1)[1]})"
    if source == SOURCE_PAGE:
        return "from the source's page"
    if source == "generated":
        return "made by the archive"
    return "unknown"


def person_link(person: PersonRef) -> dict[str, str | None]:
    # "Permanent Representative of Japan to the United Nations (Japan)" says Japan twice.
    named = bool(person.role and person.country and person.country in person.role)
    return {
        "name": person.name,
        "role": person.role,
        "country": person.country,
        "country_in_role": named,
        "url": f"people/{person_page_id(person)}/",
        "country_url": f"countries/{slugify(person.country)}/" if person.country else None,
    }


def statement_summary(statement: Statement) -> dict[str, Any]:
    """What a list of statements shows for each."""
    return {
        "title": statement.title,
        "url": statement.url_path,
        "date": statement.date.label(),
        "date_iso": statement.date.iso,
        "speaker": statement.speaker.name if statement.speaker else None,
        "source": statement.source,
        "doc_type": statement.doc_type_label,
    }


def summary_of(archive: Archive, statement: Statement) -> dict[str, Any]:
    """statement_summary, computed once per statement per build: a statement is listed on a
    dozen pages (its neighbours', its people's, countries', year's, type's, resolutions')."""
    summary = archive.summaries.get(statement.id)
    if summary is None:
        summary = archive.summaries[statement.id] = statement_summary(statement)
    return summary


def related_entry(archive: Archive, related: Related) -> dict[str, Any]:
    return {**summary_of(archive, related.statement), "reasons": list(related.reasons)}


def statement_page(archive: Archive, statement: Statement) -> PageContext:
    """Context of a statement's page."""
    canonical = archive.site.base_url + statement.url_path if archive.site.base_url else ""
    previous = archive.previous.get(statement.id)
    following = archive.next.get(statement.id)
    resolutions = []
    for number in statement.resolutions:
        entry = archive.resolutions.get(number)
        resolutions.append(
            {
                "number": number,
                "symbol": entry.symbol if entry else f"S/RES/{number}",
                "url": f"resolutions/{number}/",
            }
        )
    citation = citation_context(statement, archive.site)
    return {
        "title": statement.title,
        "statement": statement,
        "canonical": canonical,
        "description": short_description(statement.paragraphs[0]) if statement.paragraphs else "",
        "date_label": statement.date.label(),
        "date_iso": statement.date.iso,
        "date_note": date_note(statement.date),
        "date_provenance": provenance_note(statement.date.source),
        "published_label": statement.published.label() if statement.published.known else None,
        "speakers": [person_link(p) for p in statement.speakers],
        "persons": [person_link(p) for p in statement.persons],
        "countries": [
            {"name": name, "url": f"countries/{slugify(name)}/"}
            for name in statement_countries(statement)
        ],
        "resolutions": resolutions,
        "doc_type": {"label": statement.doc_type_label, "url": f"types/{statement.doc_type}/"},
        "topics": [{"label": t, "url": f"topics/{slugify(t)}/"} for t in statement.topics],
        "paragraphs": list(enumerate(statement.paragraphs, start=1)),
        "related": [related_entry(archive, r) for r in archive.related.get(statement.id, [])],
        "previous": summary_of(archive, previous) if previous else None,
        "next": summary_of(archive, following) if following else None,
        **citation,
        "cite_data": embedded_json(citation["cite_data"]),
        # Its data, embedded for static/cite.js's download (no file a statement: see cite.py).
        "statement_data": embedded_json(
            statement_data(statement_record(archive.site, statement), statement)
        ),
        "json_ld": statement_json_ld(archive, statement),
        "og_type": "article",
        "title_note": "title made by the archive from the text"
        if statement.title_generated
        else None,
        "title_provenance": provenance_note(statement.sources["title"])
        if statement.sources.get("title") == SOURCE_PAGE
        else None,
        "versions": versions_context(statement),
    }


def embedded_json(value: Any) -> str:
    """JSON for a <script type="application/json"> of a page: keys in their order (the tojson
    filter sorts them, and the data's fields have a documented order), and <, >, & and '
    escaped so that no text closes the element."""
    return jinja2.utils.htmlsafe_json_dumps(value, ensure_ascii=False, separators=(",", ":"))


def retrieved_label(retrieved: str) -> str:
    """ "5 January 2024, 08:00 UTC" of "2024-01-05T08:00:00Z" (or of a bare date)."""
    day, _, time = retrieved.partition("T")
    label = StatementDate.from_iso(day, "").label()
    return f"{label}, {time[:5]} UTC" if time else label


def versions_context(statement: Statement) -> list[dict[str, Any]]:
    """The versions a source published, newest first, each with its difference from the one
    before; empty when only one text is known."""
    if len(statement.versions) < 2:
        return []
    entries = []
    for previous, version in zip([None, *statement.versions], statement.versions, strict=False):
        changes = difference(previous.text, version.text) if previous else []
        entries.append(
            {
                "number": version.number,
                "retrieved": version.retrieved,
                "retrieved_label": retrieved_label(version.retrieved),
                "sha256": version.sha256,
                "latest": version is statement.versions[-1],
                "summary": change_summary(changes) if previous else None,
                "changes": changes,
            }
        )
    return entries[::-1]


# ---------------------------------------------------------------------------------------------
# Browse pages


def statement_page_sources(archive: Archive, statement: Statement) -> list[Any]:
    """Everything of the archive that `statement_page` reads besides the site settings and
    the curated resolutions: the statement, the previous and next, the related statements
    with their reasons. An incremental build keys the page by them, so that an unchanged page
    costs no context; change it together with `statement_page` (tests/scale compares)."""
    previous = archive.previous.get(statement.id)
    following = archive.next.get(statement.id)
    related = archive.related.get(statement.id, [])
    return [statement, previous, following, *((r.statement, r.reasons) for r in related)]


def _summaries(archive: Archive, statements: list[Statement]) -> list[dict[str, Any]]:
    return [summary_of(archive, s) for s in reversed(statements)]  # newest first


def home_page(archive: Archive) -> PageContext:
    dated = [s for s in archive.statements if s.date.known]
    latest = archive.newest_first[: archive.site.latest_count]
    return {
        "title": archive.site.title,
        "counts": {
            "statements": len(archive.statements),
            "people": len(archive.people),
            "countries": len(archive.countries),
            "resolutions": len(archive.resolutions),
        },
        "earliest": dated[0].date.label() if dated else None,
        "latest_date": dated[-1].date.label() if dated else None,
        "latest": [summary_of(archive, s) for s in latest],
        "years": [
            {"year": year, "count": sum(len(m) for m in months.values())}
            for year, months in archive.timeline.items()
            if year is not None
        ],
        "resolutions": [
            {"number": n, "symbol": e.symbol, "count": len(e.statements)}
            for n, e in archive.resolutions.items()
        ],
        "undated": undated_links(archive),
        "doc_types": listing_links("types", archive.doc_types),
        "topics": listing_links("topics", archive.topics),
        "chart": archive_chart(archive),
    }


def undated_links(archive: Archive) -> list[dict[str, Any]]:
    """The statements of unknown date by source, with their counts: where to find them."""
    return [
        {"label": g.label, "url": f"timeline/{UNDATED}/{slug}/", "count": len(g.statements)}
        for slug, g in archive.undated.items()
    ]


def archive_chart(archive: Archive) -> Any:
    """The whole archive's timeline chart, made once per archive: the home and timeline pages
    both show it, and serve's quick rebuild makes both (a tenth of a second at 10,000)."""
    if "archive" not in archive.charts:
        archive.charts["archive"] = timeline_chart(archive.statements)
    return archive.charts["archive"]


def timeline_page(archive: Archive) -> PageContext:
    years = []
    for year, months in archive.timeline.items():
        years.append(
            {
                "year": year,
                "label": str(year) if year is not None else "Date unknown",
                "url": f"timeline/{year if year is not None else 'undated'}/",
                "count": sum(len(m) for m in months.values()),
                "months": [
                    {"label": MONTH_NAMES[m - 1] if m else "Month unknown", "count": len(ss)}
                    for m, ss in months.items()
                ]
                if year is not None
                else undated_links(archive),
            }
        )
    return {"title": "Timeline", "years": years, "chart": archive_chart(archive)}


def year_page(
    archive: Archive, year: int, months: dict[int | None, list[Statement]], number: int = 1
) -> PageContext:
    """One page of a year's statements, by month, oldest first."""
    label = str(year)
    statements = [s for ss in months.values() for s in ss]
    shown = page_slice(statements, number)
    by_month: dict[int | None, list[Statement]] = {}
    for statement in shown:
        by_month.setdefault(statement.date.month, []).append(statement)
    return {
        "title": f"Statements of {label}" + (f", page {number}" if number > 1 else ""),
        "year": label,
        "months": [
            {
                "label": MONTH_NAMES[m - 1] if m else "Month unknown",
                "anchor": f"m{m}" if m else "m0",
                "statements": [summary_of(archive, s) for s in ss],
            }
            for m, ss in by_month.items()
        ],
        "pager": pager(f"timeline/{year}/", number, len(statements)),
        "chart": timeline_chart(statements) if number == 1 else None,
    }


def undated_page(archive: Archive) -> PageContext:
    """The statements of unknown date: where they came from, each source with its count."""
    return {
        "title": "Statements of unknown date",
        "total": sum(len(g.statements) for g in archive.undated.values()),
        "sources": undated_links(archive),
    }


def undated_source_page(archive: Archive, group: Listing, number: int = 1) -> PageContext:
    """One page of the statements of unknown date from one source, by section."""
    shown = page_slice(group.statements, number)
    sections: list[dict[str, Any]] = []
    for statement in shown:
        section = statement_section(statement)
        if not sections or sections[-1]["section"] != section:
            sections.append({"section": section, "statements": []})
        sections[-1]["statements"].append(summary_of(archive, statement))
    return {
        "title": f"Statements of unknown date: {group.label}"
        + (f", page {number}" if number > 1 else ""),
        "source": group.label,
        "sections": sections,
        "pager": pager(f"timeline/{UNDATED}/{group.slug}/", number, len(group.statements)),
    }


def _person_row(entry: Any) -> dict[str, Any]:
    return {
        "name": entry.name,
        "url": f"people/{entry.id}/",
        "role": _role_when_speaking(entry),
        "spoken": len(entry.spoken),
        "mentioned": len(entry.mentioned),
    }


def person_initial(entry: Any) -> str:
    """The folder of the people's index a person is listed in: the initial of the family
    name ("a" to "z"), or "other"."""
    family = family_sort_key(entry.name, _country(entry))[0]
    initial = family[:1]
    return initial if "a" <= initial <= "z" else "other"


def _people_by_initial(archive: Archive) -> dict[str, list[Any]]:
    """Initial -> the people filed under it, by family name, every initial (the empty too, so
    that the index's folders stay put as people come and go); made once per archive."""
    if "people" not in archive.charts:
        entries = sorted(
            archive.people.values(), key=lambda e: family_sort_key(e.name, _country(e))
        )
        initials: dict[str, list[Any]] = {
            folder: [] for folder in sorted(PEOPLE_INDEX_FOLDERS, key=lambda f: (len(f), f))
        }
        for entry in entries:
            initials[person_initial(entry)].append(entry)
        archive.charts["people"] = initials
    return archive.charts["people"]


def _initial_links(archive: Archive, current: str | None = None) -> list[dict[str, Any]]:
    """The folders by initial; with their counts on the index (`current` None) only, so that
    a person added under one initial changes no other initial's pages."""
    return [
        {
            "label": initial.upper() if initial != "other" else "Other",
            "url": f"people/{initial}/",
            "count": len(entries) if current is None else None,
            "current": initial == current,
        }
        for initial, entries in _people_by_initial(archive).items()
    ]


def people_page(archive: Archive) -> PageContext:
    """The people: all of them by family name while they fit on a page; past that, the
    initials of family names with their counts, and the most-quoted people first."""
    everyone = [e for entries in _people_by_initial(archive).values() for e in entries]
    if not is_split(len(everyone)):
        return {
            "title": "People",
            "initials": [],
            "most_quoted": False,
            "people": [_person_row(e) for e in everyone],
            "pager": pager("people/", 1, len(everyone), "people"),
        }
    quoted = sorted(everyone, key=lambda e: (-len(e.spoken), -len(e.mentioned)))
    return {
        "title": "People",
        "initials": _initial_links(archive),
        "most_quoted": True,
        "people": [_person_row(e) for e in page_slice(quoted, 1)],
        "pager": None,
    }


def people_initial_page(archive: Archive, initial: str, number: int = 1) -> PageContext:
    """One page of the people whose family name starts with `initial`."""
    entries = _people_by_initial(archive).get(initial, [])
    label = initial.upper() if initial != "other" else "other letters"
    return {
        "title": f"People: {label}" + (f", page {number}" if number > 1 else ""),
        "initials": _initial_links(archive, initial),
        "most_quoted": False,
        "initial": label,
        "people": [_person_row(e) for e in page_slice(entries, number)],
        "pager": pager(f"people/{initial}/", number, len(entries), "people"),
    }


def _country(entry: Any) -> str | None:
    if entry.curated and entry.curated.country:
        return entry.curated.country
    return entry.countries[0] if entry.countries else None


def _role_label(role: Role) -> str:
    label = f"{role.title}, {role.country}" if role.country else role.title
    years = f"{role.start or ''}–{role.end or ''}" if role.start or role.end else ""
    return f"{label} ({years})" if years else label


def _role_when_speaking(entry: Any) -> str | None:
    """The role held at the person's latest statement in the archive, else their latest role;
    dated by its years, so a past role never reads as a present one."""
    if entry.curated and entry.curated.roles:
        latest = entry.spoken[-1].date.year if entry.spoken else None
        role = entry.curated.role_in(latest) if latest is not None else entry.curated.roles[-1]
        return _role_label(role) if role else None
    return entry.roles[0] if entry.roles else None


@functools.cache
def _name_order() -> tuple[frozenset[str], frozenset[str]]:
    data = yaml.safe_load(Path(__file__).with_name("name_order.yaml").read_text("utf-8"))
    return (
        frozenset(data["family_first_countries"]),
        frozenset(name.lower() for name in data["family_first_surnames"]),
    )


def family_sort_key(name: str, country: str | None) -> tuple[str, str]:
    """Sorts a name by family name: the first word of a Korean or Chinese name (written family
    name first), the last word of others; then by the whole name."""
    words = name_key(name).split()
    if not words:
        return ("", "")
    countries, surnames = _name_order()
    first = country in countries if country else words[0] in surnames and len(words) > 1
    family = words[0] if first else words[-1]
    return (family, " ".join(words))


def person_page(
    archive: Archive, entry: Any, part: str | None = None, number: int = 1
) -> PageContext:
    roles = []
    if entry.curated:
        for role in entry.curated.roles:
            years = f"{role.start or ''}–{role.end or ''}" if role.start or role.end else ""
            roles.append({"title": role.title, "country": role.country, "years": years})
    items = _person_items(entry)
    split = split_context(f"people/{entry.id}/", items, part, number, _item_statement)
    if split["years"] and part is None:  # its own page: the latest of each kind
        shown = recent([i for i in items if i[0] == "spoken"])
        shown += recent([i for i in items if i[0] == "mentioned"])
    else:
        shown = split["entries"]
    return {
        "title": _part_title(entry.name, split["part"], number),
        "name": entry.name,
        "curated": entry.curated is not None,
        "aliases": list(entry.curated.aliases) if entry.curated else [],
        "description": entry.curated.description if entry.curated else None,
        "roles": roles,
        "text_roles": entry.roles,
        "countries": [{"name": c, "url": f"countries/{slugify(c)}/"} for c in entry.countries],
        "spoken": [
            {**summary_of(archive, s), "role": _role_in(s, entry.id)}
            for kind, s in shown
            if kind == "spoken"
        ],
        "mentioned": [summary_of(archive, s) for kind, s in shown if kind == "mentioned"],
        "up": {"url": f"people/{entry.id}/", "label": entry.name} if split["part"] else None,
        **_split_nav(split),
        "feeds": feed_links(archive.site, f"people/{entry.id}/", person_feed_title(entry.name)),
    }


def _person_items(entry: Any) -> list[tuple[str, Statement]]:
    """A person's statements newest first, the ones they made before the ones naming them."""
    return [("spoken", s) for s in reversed(entry.spoken)] + [
        ("mentioned", s) for s in reversed(entry.mentioned)
    ]


def _item_statement(item: tuple[str, Statement]) -> Statement:
    return item[1]


def _part_title(name: str, part: dict[str, Any] | None, number: int) -> str:
    """ "Japan", "Japan: 2020", "Japan: 2020, page 2"."""
    if part is None:
        return name
    return f"{name}: {part['label']}" + (f", page {number}" if number > 1 else "")


def _split_nav(split: dict[str, Any]) -> dict[str, Any]:
    return {"years": split["years"], "part": split["part"], "pager": split["pager"]}


def _role_in(statement: Statement, person_id: str) -> str | None:
    """The role a person spoke in, in one statement (the role held at its date)."""
    for speaker in statement.speakers:
        if person_page_id(speaker) == person_id:
            return speaker.role
    return None


def countries_page(archive: Archive) -> PageContext:
    return {
        "title": "Countries",
        "countries": [
            {"name": e.name, "url": f"countries/{e.slug}/", "count": len(e.statements)}
            for e in archive.countries.values()
        ],
    }


def country_page(
    archive: Archive, entry: Any, part: str | None = None, number: int = 1
) -> PageContext:
    base = f"countries/{entry.slug}/"
    split = split_context(base, list(reversed(entry.statements)), part, number)
    return {
        "title": _part_title(entry.name, split["part"], number),
        "name": entry.name,
        "statements": [summary_of(archive, s) for s in split["entries"]],
        "up": {"url": base, "label": entry.name} if split["part"] else None,
        **_split_nav(split),
        "feeds": feed_links(
            archive.site, f"countries/{entry.slug}/", country_feed_title(entry.name)
        ),
    }


def resolutions_page(archive: Archive) -> PageContext:
    return {
        "title": "Security Council resolutions",
        "resolutions": [
            {
                "number": n,
                "symbol": e.symbol,
                "url": f"resolutions/{n}/",
                "subject": e.curated.subject if e.curated else None,
                "adopted": _adopted(e),
                "count": len(e.statements),
            }
            for n, e in archive.resolutions.items()
        ],
    }


def _adopted(entry: Any) -> str | None:
    if entry.curated and entry.curated.adopted:
        adopted = entry.curated.adopted
        return f"{adopted.day} {MONTH_NAMES[adopted.month - 1]} {adopted.year}"
    return None


def resolution_page(
    archive: Archive, entry: Any, part: str | None = None, number: int = 1
) -> PageContext:
    base = f"resolutions/{entry.number}/"
    split = split_context(base, list(reversed(entry.statements)), part, number)
    return {
        "title": _part_title(f"Resolution {entry.number}", split["part"], number),
        "up": {"url": base, "label": f"Resolution {entry.number}"} if split["part"] else None,
        **_split_nav(split),
        "number": entry.number,
        "symbol": entry.symbol,
        "official_url": entry.official_url,
        "subject": entry.curated.subject if entry.curated else None,
        "adopted": _adopted(entry),
        "statements": [
            {
                **summary_of(archive, s),
                "mentions": [
                    {"sentence": m.sentence, "url": f"{s.url_path}#p{m.paragraph}"}
                    for m in entry.mentions.get(s.id, [])
                ],
            }
            for s in split["entries"]
        ],
        "feeds": feed_links(
            archive.site, f"resolutions/{entry.number}/", resolution_feed_title(entry.symbol)
        ),
    }


def listing_links(section: str, listings: dict[str, Listing]) -> list[dict[str, Any]]:
    """Links to the browse pages of document types or topics, with their counts."""
    return [
        {"label": e.label, "url": f"{section}/{e.slug}/", "count": len(e.statements)}
        for e in listings.values()
    ]


def types_page(archive: Archive) -> PageContext:
    return {"title": "Document types", "listings": listing_links("types", archive.doc_types)}


def topics_page(archive: Archive) -> PageContext:
    return {"title": "Topics", "listings": listing_links("topics", archive.topics)}


def listing_page(
    archive: Archive,
    listing: Listing,
    section: str,
    up: str,
    part: str | None = None,
    number: int = 1,
) -> PageContext:
    """One document type's or topic's page: its statements, newest first (split by year
    past a page)."""
    base = f"{section}/{listing.slug}/"
    split = split_context(base, list(reversed(listing.statements)), part, number)
    context = {
        "title": _part_title(listing.label, split["part"], number),
        "label": listing.label,
        "up": {"url": f"{section}/", "label": up},
        "own": {"url": base, "label": listing.label} if split["part"] else None,
        "statements": [summary_of(archive, s) for s in split["entries"]],
        **_split_nav(split),
    }
    if section == "topics":
        path = f"topics/{listing.slug}/"
        context["feeds"] = feed_links(archive.site, path, topic_feed_title(listing.label))
    return context


def render_markdown(text: str) -> str:
    """Our own Markdown rendering, with raw HTML in the source escaped, not passed through."""
    renderer = markdown.Markdown(extensions=["extra"], output_format="html")
    renderer.preprocessors.deregister("html_block")
    renderer.inlinePatterns.deregister("html")
    renderer.treeprocessors.register(_SafeLinks(renderer), "safe_links", -10)
    return renderer.convert(text)


class _SafeLinks(markdown.treeprocessors.Treeprocessor):
    """Drop link and image addresses a reader must not follow ([x](javascript:...))."""

    def run(self, root: Any) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not link_is_safe(value):
                    element.set(attribute, "#unsafe-link-removed")


def about_page(archive: Archive, about_markdown: str | None) -> PageContext:
    """The About page; a first-level heading that opens about.md is its title, not a second
    heading under the page's own."""
    title, text = "About this archive", about_markdown or ""
    first, _, rest = text.lstrip().partition("\n")
    if first.startswith("# "):
        title, text = first[2:].strip().rstrip("#").strip() or title, rest
    return {"title": title, "about_html": render_markdown(text) if text.strip() else ""}


# ---------------------------------------------------------------------------------------------
# Every page of the site


@dataclass(frozen=True)
class PagePlan:
    """A page before its context is made: where it goes, which template, and the function
    that makes its context, so that a worker process can make the contexts it renders."""

    path: str
    template: str
    make_context: Callable[[], PageContext]
    #: The statement of a statement's page.
    statement: Statement | None = None


def statement_page_plan(archive: Archive, statement: Statement) -> PagePlan:
    """The plan of one statement's page."""
    return PagePlan(
        f"{statement.url_path}index.html",
        "statement.html",
        functools.partial(statement_page, archive, statement),
        statement,
    )


def page_plans(archive: Archive, about_markdown: str | None = None) -> list[PagePlan]:
    """Every page of the site with its template and context function, in a stable order."""
    home, *browse = browse_page_plans(archive, about_markdown)
    statements = [statement_page_plan(archive, statement) for statement in archive.statements]
    return [home, *statements, *browse]


def browse_page_plans(archive: Archive, about_markdown: str | None = None) -> list[PagePlan]:
    """Every page but the statements' own, in page_plans' order (the home page first)."""
    plans: list[PagePlan] = []

    def page(path: str, template: str, context: Callable[..., PageContext], *args: Any) -> None:
        plans.append(PagePlan(path, template, functools.partial(context, *args)))

    page("index.html", "home.html", home_page, archive)
    page("timeline/index.html", "timeline.html", timeline_page, archive)
    for year, months in archive.timeline.items():
        if year is None:
            continue
        total = sum(len(ss) for ss in months.values())
        for number in range(1, page_count(total) + 1):
            path = f"{page_address(f'timeline/{year}/', number)}index.html"
            page(path, "year.html", year_page, archive, year, months, number)
    if archive.undated:
        page(f"timeline/{UNDATED}/index.html", "undated.html", undated_page, archive)
    for group in archive.undated.values():
        base = f"timeline/{UNDATED}/{group.slug}/"
        for number in range(1, page_count(len(group.statements)) + 1):
            path = f"{page_address(base, number)}index.html"
            page(path, "undated_source.html", undated_source_page, archive, group, number)
    page("people/index.html", "people.html", people_page, archive)
    if is_split(len(archive.people)):
        for initial, entries in _people_by_initial(archive).items():
            for number in range(1, page_count(len(entries)) + 1):
                path = f"{page_address(f'people/{initial}/', number)}index.html"
                page(path, "people.html", people_initial_page, archive, initial, number)
    for entry in archive.people.values():
        items = _person_items(entry)
        for path, part, number in split_parts(f"people/{entry.id}/", items, _item_statement):
            page(path, "person.html", person_page, archive, entry, part, number)
    page("countries/index.html", "countries.html", countries_page, archive)
    for entry in archive.countries.values():
        for path, part, number in split_parts(f"countries/{entry.slug}/", entry.statements):
            page(path, "country.html", country_page, archive, entry, part, number)
    page("resolutions/index.html", "resolutions.html", resolutions_page, archive)
    for entry in archive.resolutions.values():
        for path, part, number in split_parts(f"resolutions/{entry.number}/", entry.statements):
            page(path, "resolution.html", resolution_page, archive, entry, part, number)
    page("types/index.html", "types.html", types_page, archive)
    for entry in archive.doc_types.values():
        for path, part, number in split_parts(f"types/{entry.slug}/", entry.statements):
            args = (archive, entry, "types", "Document types", part, number)
            page(path, "listing.html", listing_page, *args)
    page("topics/index.html", "topics.html", topics_page, archive)
    for entry in archive.topics.values():
        for path, part, number in split_parts(f"topics/{entry.slug}/", entry.statements):
            page(
                path, "listing.html", listing_page, archive, entry, "topics", "Topics", part, number
            )
    page("about/index.html", "about.html", about_page, archive, about_markdown)
    page("search/index.html", "search.html", _titled, "Search")
    page("404.html", "404.html", not_found_page, archive)
    return plans


#: Pages that count or show statements of the whole archive: any statement's change of date,
#: title, speakers or entities may change them.
ARCHIVE_PAGES = (
    "index.html",
    "timeline/index.html",
    "people/index.html",
    "countries/index.html",
    "resolutions/index.html",
    "types/index.html",
    "topics/index.html",
)


def pages_listing(statement: Statement) -> set[str]:
    """The pages of `page_plans` besides its own that a change of this statement's fields can
    change, apart from the pages of its neighbours and related statements: the archive's
    pages and the browse pages that list it. An entry ending in "/" stands for every page in
    that folder (all the pages of a paginated listing, as an edit may move entries from page
    to page); `is_listed` tells whether a page is among them. Change it together with
    page_plans (tests/pipeline/test_resident.py changes each field and compares with a clean
    build)."""
    people = (*statement.speakers, *statement.persons)
    return {
        *ARCHIVE_PAGES,
        f"timeline/{year_part(statement)}/",
        *(f"people/{person_page_id(person)}/" for person in people),
        *(f"people/{initial}/" for person in people for initial in _initials(person)),
        *(f"countries/{slugify(name)}/" for name in statement_countries(statement)),
        *(f"resolutions/{number}/" for number in statement.resolutions),
        f"types/{statement.doc_type}/",
        *(f"topics/{slugify(topic)}/" for topic in statement.topics),
    }


def _initials(person: PersonRef) -> tuple[str, ...]:
    """The people's index folders a person's counts may show in: the initials of the first
    and last words of the name (which is the family name depends on the country); every
    folder for a curated person, whose name on the index is the curated one."""
    if person.person_id:
        return tuple(sorted(PEOPLE_INDEX_FOLDERS))
    words = name_key(person.name).split() or [""]
    return tuple(w[:1] if "a" <= w[:1] <= "z" else "other" for w in (words[0], words[-1]))


def is_listed(path: str, listing: set[str]) -> bool:
    """Whether the page at `path` is among `pages_listing`'s pages: named, or in a folder
    named there."""
    folders = path.split("/")[:-1]
    return path in listing or any(
        "/".join(folders[:depth]) + "/" in listing for depth in range(1, len(folders) + 1)
    )


def _titled(title: str) -> PageContext:
    return {"title": title}


def not_found_page(archive: Archive) -> PageContext:
    """The 404 page is served at whatever address was missing, at any depth: its links
    resolve from the site's base path (the path of base_url, else the server's root)."""
    return {"title": "Page not found", "url_base": urlsplit(archive.site.base_url).path or "/"}


def site_pages(archive: Archive, about_markdown: str | None = None) -> Iterator[Page]:
    """Every page of the site with its template and context, in a stable order."""
    for plan in page_plans(archive, about_markdown):
        yield Page(plan.path, plan.template, plan.make_context())


NAV = [
    ("timeline/", "Timeline"),
    ("people/", "People"),
    ("countries/", "Countries"),
    ("resolutions/", "Resolutions"),
    ("types/", "Types"),
    ("topics/", "Topics"),
    ("about/", "About"),
]


def common_context(archive: Archive, page_path: str) -> PageContext:
    """What every template gets besides its own context: the site and where the page is."""
    section = page_path.split("/", 1)[0] + "/" if "/" in page_path else ""
    return {
        "site": archive.site,
        "page_path": page_path,
        "root": root_of(page_path),
        "nav": [{"url": url, "label": label, "current": url == section} for url, label in NAV],
        "page_url": page_url(archive.site, page_path),
        "og_type": "website",
        "feeds": feed_links(archive.site),
    }


def render_pages(
    archive: Archive,
    templates_dir: Path,
    pages: Iterator[Page] | None = None,
    about_markdown: str | None = None,
) -> Iterator[SiteFile]:
    """Render pages (by default every page of the site) one at a time."""
    render = page_renderer(templates_dir)
    for page in pages if pages is not None else site_pages(archive, about_markdown):
        context = {**common_context(archive, page.path), **page.context}
        yield SiteFile(page.path, render(page.template, context))


def page_renderer(
    templates_dir: Path, preload: bool = False
) -> Callable[[str, PageContext], bytes]:
    """A function that renders a template with a page's full context, loading each template
    once: when first used, or all at once if `preload` (for a renderer kept to answer edits,
    which should not spend a tenth of a second compiling on the first)."""
    environment = make_environment(templates_dir)
    cache: dict[str, jinja2.Template] = {}
    if preload:
        for name in environment.list_templates(extensions=["html"]):
            cache[name] = _load_template(environment, name)

    def render(name: str, context: PageContext) -> bytes:
        if name not in cache:
            cache[name] = _load_template(environment, name)
        return _render(cache[name], context, name).encode("utf-8")

    return render


def check_templates(
    archive: Archive, templates_dir: Path, about_markdown: str | None = None
) -> None:
    """What `check` does instead of rendering everything: compile every template, then
    render one page of each type, so template mistakes surface without a full build."""
    environment = make_environment(templates_dir)
    for name in environment.list_templates(extensions=["html"]):
        _load_template(environment, name)
    seen: set[str] = set()
    for page in site_pages(archive, about_markdown):
        if page.template not in seen:
            seen.add(page.template)
            context = {**common_context(archive, page.path), **page.context}
            _render(_load_template(environment, page.template), context, page.template)


def _load_template(environment: jinja2.Environment, name: str) -> jinja2.Template:
    try:
        return environment.get_template(name)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"Jinja2 syntax error: {error.message or 'cannot be parsed'}",
            f"templates/{error.name or name}",
            error.lineno,
        ) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"template {error.name} not found", f"templates/{name}") from None


def _render(template: jinja2.Template, context: PageContext, name: str) -> str:
    try:
        return template.render(context)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"Jinja2 syntax error: {error.message or 'cannot be parsed'}",
            f"templates/{error.name or name}",
            error.lineno,
        ) from None
    except jinja2.UndefinedError as error:
        where, line = _template_location(error, template, name)
        raise TemplateError(
            f"{error.message}: the page's context has no such value (check the spelling, or "
            "add it to the page's context function in archive/site/render.py)",
            where,
            line,
        ) from None
    except Exception as error:  # any failure inside a template is reported by template and line
        message = str(error) if isinstance(error, jinja2.TemplateError) else repr(error)
        where, line = _template_location(error, template, name)
        raise TemplateError(message, where, line) from None


def _template_location(
    error: BaseException, template: jinja2.Template, name: str
) -> tuple[str, int | None]:
    """The template file and line of a render error, from the traceback Jinja rewrites to
    point into templates: the innermost template frame, which may be a parent (base.html)."""
    traceback = error.__traceback__
    filename, line = None, None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename.endswith(".html"):
            filename = traceback.tb_frame.f_code.co_filename
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    if filename is None:
        return f"templates/{name}", None
    for folder in getattr(template.environment.loader, "searchpath", []):
        try:
            relative = Path(filename).resolve().relative_to(Path(folder).resolve())
        except ValueError:
            continue
        return f"templates/{relative.as_posix()}", line
    return f"templates/{name}", line
