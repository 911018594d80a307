"""Merge what the parser read from the text with what the curator wrote in front matter and
what the source's page said (`source_metadata:`, written by `build.py import`): the curator
wins over the source, the source over the parser, and each field records where its value
came from.
"""

from __future__ import annotations

import re
from typing import Any

from archive.content.read import SourceDocument, web_url
from archive.errors import ContentError
from archive.extract.clean import heading_case, layout
from archive.extract.parse import parse_text
from archive.extract.topics import vocabulary_name
from archive.model import (
    FRONT_MATTER,
    GENERATED,
    SOURCE_PAGE,
    ParsedText,
    PeopleDirectory,
    PersonRef,
    Statement,
    StatementDate,
    Version,
    name_key,
)

_PERSON_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$|^[a-z0-9]+$")


def extract_statement(document: SourceDocument, people: PeopleDirectory) -> Statement:
    """Parse a statement's text and apply its front matter; raises ContentError for a
    front matter value that cannot be resolved (such as an unknown person id)."""
    parsed = parse_text(document.text, people, first_line=document.first_line)
    return merge(document, parsed, people)


def merge(document: SourceDocument, parsed: ParsedText, people: PeopleDirectory) -> Statement:
    """The Statement: front matter values over parsed ones, with provenance for each."""
    fm = document.front_matter
    from_source = fm.get("source_metadata", {})
    sources = dict(parsed.sources)

    def pick(key: str, parsed_value: Any) -> Any:
        if key in fm:
            sources[key] = FRONT_MATTER
            return fm[key]
        if key in from_source:
            sources[key] = SOURCE_PAGE
            return from_source[key]
        return parsed_value

    # "date: ..." and "date unsure: ..." are the date's: moot when a curator wrote it.
    warnings = [w for w in parsed.warnings if w.partition(":")[0].split(" ")[0] not in fm]
    statement_date = _date(fm, from_source, "date", parsed.date, warnings)
    if statement_date.known:
        sources["date"] = statement_date.source
    published = _date(fm, from_source, "published", parsed.published, warnings)
    if published.known and published.source in (FRONT_MATTER, SOURCE_PAGE):
        sources["published"] = published.source

    year = statement_date.year
    if "speaker" in fm:
        speakers = [
            _curated_person(
                entry,
                people,
                year,
                document,
                "speaker",
                role=fm.get("speaker_role"),
                country=fm.get("speaker_country"),
            )
            for entry in fm["speaker"]
        ]
        sources["speaker"] = FRONT_MATTER
    else:
        speakers = [_complete(parsed.speaker, people, year)] if parsed.speaker else []
        if speakers and ("speaker_role" in fm or "speaker_country" in fm):
            first = speakers[0]
            speakers[0] = PersonRef(
                first.name,
                fm.get("speaker_role", first.role),
                fm.get("speaker_country", first.country),
                first.person_id,
                first.source,
            )

    mentioned = [_complete(p, people, year) for p in parsed.persons]
    if "persons" in fm:
        mentioned = [
            _curated_person(entry, people, year, document, "persons") for entry in fm["persons"]
        ]
        sources["persons"] = FRONT_MATTER
    persons = _without(_unique(mentioned), speakers)

    title = parsed.title
    title_generated = parsed.title_generated
    paragraphs = parsed.paragraphs
    if "title" in fm or "title" in from_source:
        title, title_generated = pick("title", title), False
        paragraphs = _with_lines_above(document, parsed, title)
    if not title:
        title = f"Statement {document.id}"
        title_generated = True
        sources["title"] = GENERATED

    doc_type = pick("doc_type", parsed.doc_type) or "other"
    return Statement(
        id=document.id,
        path=document.path,
        title=title,
        title_generated=title_generated,
        date=statement_date,
        speakers=speakers,
        persons=persons,
        countries=pick("countries", parsed.countries),
        resolutions=pick("resolutions", parsed.resolutions),
        resolution_mentions=parsed.resolution_mentions,
        agreements=pick("agreements", parsed.agreements),
        doc_type=doc_type,
        source=pick("source", parsed.source),
        author=pick("author", parsed.author),
        url=web_url(pick("url", parsed.url)),
        language=pick("language", parsed.language),
        paragraphs=paragraphs,
        notes=parsed.notes,
        topics=[vocabulary_name(t) for t in pick("topics", parsed.topics)],
        event=fm.get("event"),
        published=published,
        responds_to=fm.get("responds_to", []),
        sources=sources,
        warnings=warnings,
        content_hash=document.content_hash,
        versions=_versions(fm.get("versions", []), document.text),
    )


def _date(
    fm: dict[str, Any],
    from_source: dict[str, Any],
    key: str,
    parsed: StatementDate,
    warnings: list[str],
) -> StatementDate:
    """The curator's date, else the source's, else the parser's; where the source's date
    overrides a different one read from the text, `check` says so (the parser's finding stays
    visible, and a text dated a day before its publication is worth a curator's look)."""
    if key in fm:
        return StatementDate.from_iso(fm[key], FRONT_MATTER)
    if key not in from_source:
        return parsed
    chosen = StatementDate.from_iso(from_source[key], SOURCE_PAGE)
    if parsed.known and parsed.iso != chosen.iso:
        warnings.append(
            f"{key}: the source's page says {chosen.iso}; the text says {parsed.iso} "
            f"({parsed.source})"
        )
    return chosen


def _versions(entries: list[dict[str, str]], text: str) -> list[Version]:
    """The versions of `versions:`, oldest first; the last one is the file's own text."""
    last = len(entries)
    return [
        Version(
            number, entry["retrieved"], entry["sha256"], text if number == last else entry["text"]
        )
        for number, entry in enumerate(entries, start=1)
    ]


def _curated_person(
    entry: str,
    people: PeopleDirectory,
    year: int | None,
    document: SourceDocument,
    key: str,
    role: str | None = None,
    country: str | None = None,
) -> PersonRef:
    """A person named in front matter: an id from people.yaml, or a name."""
    person = people.get(entry) or (None if _PERSON_ID.match(entry) else people.find(entry))
    if person is None and _PERSON_ID.match(entry):
        raise ContentError(
            f'{key}: person id "{entry}" does not exist in content/people.yaml '
            "(add the person there, or write the name instead of an id)",
            document.path,
            document.front_matter_lines.get(key),
        )
    if person is None:
        return PersonRef(entry, role, country, None, FRONT_MATTER)
    held = person.role_in(year)
    return PersonRef(
        person.name,
        role or (held.title if held else None),
        country or (held.country if held and held.country else person.country),
        person.id,
        FRONT_MATTER,
    )


def _complete(person: PersonRef, people: PeopleDirectory, year: int | None) -> PersonRef:
    """Fill a parsed person's id, canonical name, role and country from people.yaml."""
    curated = people.get(person.person_id) if person.person_id else people.find(person.name)
    if curated is None:
        return person
    held = curated.role_in(year)
    return PersonRef(
        curated.name,
        person.role or (held.title if held else None),
        person.country or (held.country if held and held.country else curated.country),
        curated.id,
        person.source,
    )


def _identity(person: PersonRef) -> str:
    return person.person_id or name_key(person.name)


def _unique(persons: list[PersonRef]) -> list[PersonRef]:
    seen: set[str] = set()
    unique = []
    for person in persons:
        if _identity(person) not in seen:
            seen.add(_identity(person))
            unique.append(person)
    return unique


def _without(persons: list[PersonRef], speakers: list[PersonRef]) -> list[PersonRef]:
    speaking = {_identity(s) for s in speakers}
    return [p for p in persons if _identity(p) not in speaking]


#: The end of a sentence, as a headline or a dateline does not end.
_SENTENCE_END = re.compile(r"[.!?…。][\"'”’)]*$")


def _with_lines_above(document: SourceDocument, parsed: ParsedText, title: str) -> list[str]:
    """The paragraphs, with the sentences above them that the parser took for a page's header
    put back in front, when the curator's title is none of those lines: then the text starts
    at its top ("Hello there." is the statement's first line), and nothing a curator wrote may
    be dropped. When a line above is the title, the statement starts after it; a headline,
    a place or a time above the text (no sentence) stays out, as it does without a title."""
    first = parsed.sources.get("paragraphs", "")
    if not first.startswith("text:"):
        return parsed.paragraphs
    lines = document.text.split("\n")[: int(first.removeprefix("text:")) - document.first_line]
    above = [line.strip() for line in lines if line.strip()]
    wanted = name_key(title)
    if not above or any(name_key(line) == wanted for line in above):
        return parsed.paragraphs
    top = layout("\n".join(lines), document.first_line)
    kept = sorted(top.header + top.body, key=lambda line: line.number)
    sentences = [
        line.text
        for line in kept
        if _SENTENCE_END.search(line.text) and not heading_case(line.text)
    ]
    return sentences + parsed.paragraphs
