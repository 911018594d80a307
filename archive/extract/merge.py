"""Merge what the parser read from the text with what the curator wrote in front matter: the
front matter always wins, and each field records where its value came from.
"""

from __future__ import annotations

import re
from typing import Any

from archive.errors import ContentError
from archive.extract.parse import parse_text
from archive.extract.topics import vocabulary_name
from archive.model import (
    FRONT_MATTER,
    GENERATED,
    ParsedText,
    PeopleDirectory,
    PersonRef,
    Statement,
    StatementDate,
    name_key,
)
from archive.read import SourceDocument, web_url

_PERSON_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$|^[a-z0-9]+$")


def extract_statement(document: SourceDocument, people: PeopleDirectory) -> Statement:
    """Parse a statement's text and apply its front matter; raises ContentError for a
    front matter value that cannot be resolved (such as an unknown person id)."""
    parsed = parse_text(document.text, people, first_line=document.first_line)
    return merge(document, parsed, people)


def merge(document: SourceDocument, parsed: ParsedText, people: PeopleDirectory) -> Statement:
    """The Statement: front matter values over parsed ones, with provenance for each."""
    fm = document.front_matter
    sources = dict(parsed.sources)

    def pick(key: str, parsed_value: Any) -> Any:
        if key in fm:
            sources[key] = FRONT_MATTER
            return fm[key]
        return parsed_value

    statement_date = parsed.date
    if "date" in fm:
        statement_date = StatementDate.from_iso(fm["date"], FRONT_MATTER)
    if statement_date.known:
        sources["date"] = statement_date.source
    published = parsed.published
    if "published" in fm:
        published = StatementDate.from_iso(fm["published"], FRONT_MATTER)
        sources["published"] = FRONT_MATTER

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
    if "title" in fm:
        title, title_generated = fm["title"], False
        sources["title"] = FRONT_MATTER
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
        paragraphs=parsed.paragraphs,
        notes=parsed.notes,
        topics=[vocabulary_name(t) for t in pick("topics", parsed.topics)],
        event=fm.get("event"),
        published=published,
        responds_to=fm.get("responds_to", []),
        sources=sources,
        # "date: ..." and "date unsure: ..." are the date's: moot when a curator wrote it.
        warnings=[w for w in parsed.warnings if w.partition(":")[0].split(" ")[0] not in fm],
        content_hash=document.content_hash,
    )


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
