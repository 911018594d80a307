"""The link stage: put the extracted statements together into one `Archive`: the browse
indexes (people, countries, resolutions, types, timeline), related statements with their
reasons, and previous/next in time. It runs after every statement is extracted, because
cross-links need the whole collection.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from archive.errors import ArchiveError, ContentError, ContentErrors
from archive.extract.topics import TOPICS
from archive.model import (
    DOC_TYPES,
    PeopleDirectory,
    Person,
    PersonRef,
    Resolution,
    ResolutionMention,
    SiteSettings,
    Statement,
    name_key,
    slugify,
)

#: How many statements on each side, in time, of one statement are compared within a group
#: that shares an entity. Bounding it keeps linking linear in the size of the archive: a
#: resolution cited by 20,000 statements must not cost 20,000 comparisons each.
RELATED_WINDOW = 6
RELATED_LIMIT = 5

#: How much each kind of shared entity counts towards "related", and how it reads.
_REASON_WEIGHTS = {"responds": 10, "resolution": 4, "speaker": 3, "topic": 2, "person": 1}


@dataclass
class PersonEntry:
    """A person page: the curated record if any, and the statements by and about them."""

    id: str
    name: str
    curated: Person | None
    roles: list[str] = field(default_factory=list)  # as the statements give them
    countries: list[str] = field(default_factory=list)
    spoken: list[Statement] = field(default_factory=list)
    mentioned: list[Statement] = field(default_factory=list)


@dataclass
class CountryEntry:
    slug: str
    name: str
    statements: list[Statement] = field(default_factory=list)


@dataclass
class ResolutionEntry:
    """A resolution page: its curated facts (if any), the statements citing it and how."""

    number: int
    curated: Resolution | None
    statements: list[Statement] = field(default_factory=list)
    #: Statement id -> the sentences that name the resolution.
    mentions: dict[str, list[ResolutionMention]] = field(default_factory=dict)

    @property
    def symbol(self) -> str:
        return self.curated.symbol if self.curated else f"S/RES/{self.number}"

    @property
    def official_url(self) -> str:
        return (self.curated or Resolution(self.number)).official_url


@dataclass
class Listing:
    """Statements filed under one label with a browse page of its own: a document type or a
    topic."""

    slug: str
    label: str
    statements: list[Statement] = field(default_factory=list)


@dataclass(frozen=True)
class Related:
    """A statement related to another, with the reasons a reader is shown."""

    statement: Statement
    reasons: tuple[str, ...]


@dataclass
class Archive:
    """The whole linked collection: what render and search_index work from."""

    site: SiteSettings
    #: Oldest first; statements of unknown date come first, sorted by id.
    statements: list[Statement]
    people: dict[str, PersonEntry]
    countries: dict[str, CountryEntry]
    resolutions: dict[int, ResolutionEntry]
    doc_types: dict[str, Listing]
    topics: dict[str, Listing]
    #: Year (None for unknown) -> month (None for unknown) -> statements.
    timeline: dict[int | None, dict[int | None, list[Statement]]]
    related: Mapping[str, list[Related]]
    previous: dict[str, Statement]
    next: dict[str, Statement]
    #: Statement id -> person page id for each speaker / mentioned person, in order.
    person_ids: dict[str, list[str]]
    warnings: list[str] = field(default_factory=list)
    #: The statements of unknown date by where they came from (source slug -> its listing,
    #: statements by section, then oldest first): no one bucket of thousands.
    undated: dict[str, Listing] = field(default_factory=dict)
    directory: PeopleDirectory = field(default_factory=PeopleDirectory)
    curated_resolutions: dict[int, Resolution] = field(default_factory=dict)
    #: Statement id -> what lists show of it, filled by render as it goes (render.summary_of).
    summaries: dict[str, dict] = field(default_factory=dict, repr=False)
    #: The whole archive's timeline chart (None: no statement is dated), made by render for
    #: the first page that shows it (render.archive_chart), and the people by initial
    #: (render._people_by_initial): views of the whole archive made once per archive.
    charts: dict[str, Any] = field(default_factory=dict, repr=False)

    def by_id(self, statement_id: str) -> Statement:
        return self._index[statement_id]

    def __post_init__(self) -> None:
        self._index = {s.id: s for s in self.statements}

    @property
    def newest_first(self) -> list[Statement]:
        return list(reversed(self.statements))

    def person_id(self, person: PersonRef) -> str:
        return person_page_id(person)


def person_page_id(person: PersonRef) -> str:
    """The page id of a person: the people.yaml id, or a slug of the name for a new person;
    never the name of a folder of the people's index by initial (people/a/, people/other/),
    which a one-letter name would take."""
    page_id = person.person_id or slugify(person.name, max_words=6)
    return f"{page_id}-person" if page_id in PEOPLE_INDEX_FOLDERS else page_id


#: The folders of the people's index by the initial of the family name.
PEOPLE_INDEX_FOLDERS = frozenset([*"abcdefghijklmnopqrstuvwxyz", "other"])


def chronological_key(statement: Statement) -> tuple[tuple[int, int, int], str]:
    return (statement.date.sort_key, statement.id)


def check_unique_ids(statements: Iterable[Statement]) -> None:
    """Two statements may not map to one URL (Zola and Pelican fail loudly here too)."""
    seen: dict[str, Statement] = {}
    errors: list[ArchiveError] = []
    for statement in statements:
        other = seen.get(statement.id)
        if other is not None:
            errors.append(
                ContentError(
                    f"would have the same URL statements/{statement.id}/ as {other.path}; "
                    "rename one file or give it a different slug: in front matter",
                    statement.path,
                )
            )
        seen[statement.id] = statement
    if errors:
        raise ContentErrors(errors)


def link(
    statements: list[Statement],
    people: PeopleDirectory,
    resolutions: dict[int, Resolution],
    site: SiteSettings,
) -> Archive:
    """Link the extracted statements into an Archive; raises ContentErrors on broken links."""
    check_unique_ids(statements)
    ordered = sorted(statements, key=chronological_key)
    ids = {s.id for s in ordered}
    errors: list[ArchiveError] = [
        ContentError(
            f'responds_to: statement "{target}" does not exist (use the file name of the '
            "statement without .md)",
            s.path,
        )
        for s in ordered
        for target in s.responds_to
        if target not in ids
    ]
    if errors:
        raise ContentErrors(errors)

    archive = Archive(
        site=site,
        statements=ordered,
        people=_people(ordered, people),
        countries=_countries(ordered),
        resolutions=_resolutions(ordered, resolutions),
        doc_types=_doc_types(ordered),
        topics=_topics(ordered),
        timeline=_timeline(ordered),
        undated=undated_groups(ordered),
        related=_related(ordered),
        previous={b.id: a for a, b in zip(ordered, ordered[1:], strict=False)},
        next={a.id: b for a, b in zip(ordered, ordered[1:], strict=False)},
        person_ids={s.id: [person_page_id(p) for p in (*s.speakers, *s.persons)] for s in ordered},
        directory=people,
        curated_resolutions=resolutions,
    )
    archive.warnings = curator_warnings(archive)
    return archive


def _people(statements: list[Statement], directory: PeopleDirectory) -> dict[str, PersonEntry]:
    entries: dict[str, PersonEntry] = {}

    def entry(person: PersonRef) -> PersonEntry:
        page_id = person_page_id(person)
        if page_id not in entries:
            curated = directory.get(person.person_id) if person.person_id else None
            entries[page_id] = PersonEntry(
                page_id, curated.name if curated else person.name, curated
            )
        found = entries[page_id]
        if person.role and person.role not in found.roles:
            found.roles.append(person.role)
        if person.country and person.country not in found.countries:
            found.countries.append(person.country)
        return found

    for statement in statements:
        for speaker in statement.speakers:
            entry(speaker).spoken.append(statement)
        for mentioned in statement.persons:
            entry(mentioned).mentioned.append(statement)
    return dict(sorted(entries.items(), key=lambda item: name_key(item[1].name)))


def statement_countries(statement: Statement) -> list[str]:
    """The countries a statement is filed under: its speakers' and those it concerns."""
    names = [s.country for s in statement.speakers if s.country] + list(statement.countries)
    return list(dict.fromkeys(names))


def _countries(statements: list[Statement]) -> dict[str, CountryEntry]:
    entries: dict[str, CountryEntry] = {}
    for statement in statements:
        for name in statement_countries(statement):
            slug = slugify(name)
            entries.setdefault(slug, CountryEntry(slug, name)).statements.append(statement)
    return dict(sorted(entries.items()))


def _resolutions(
    statements: list[Statement], curated: dict[int, Resolution]
) -> dict[int, ResolutionEntry]:
    entries: dict[int, ResolutionEntry] = {}
    for statement in statements:
        for number in statement.resolutions:
            entry = entries.setdefault(number, ResolutionEntry(number, curated.get(number)))
            entry.statements.append(statement)
            entry.mentions[statement.id] = [
                m for m in statement.resolution_mentions if m.number == number
            ]
    return dict(sorted(entries.items()))


def _doc_types(statements: list[Statement]) -> dict[str, Listing]:
    entries: dict[str, Listing] = {}
    for statement in statements:
        entry = entries.setdefault(
            statement.doc_type, Listing(statement.doc_type, statement.doc_type_label)
        )
        entry.statements.append(statement)
    order = list(DOC_TYPES)
    return dict(
        sorted(entries.items(), key=lambda i: (order.index(i[0]) if i[0] in order else 99, i[0]))
    )


def _topics(statements: list[Statement]) -> dict[str, Listing]:
    """Slug -> topic, in the vocabulary's order, then curated topics alphabetically."""
    entries: dict[str, Listing] = {}
    for statement in statements:
        for topic in statement.topics:
            slug = slugify(topic)
            entries.setdefault(slug, Listing(slug, topic)).statements.append(statement)
    order = [slugify(topic.name) for topic in TOPICS]
    return dict(
        sorted(entries.items(), key=lambda i: (order.index(i[0]) if i[0] in order else 99, i[0]))
    )


def _timeline(
    statements: list[Statement],
) -> dict[int | None, dict[int | None, list[Statement]]]:
    years: dict[int | None, dict[int | None, list[Statement]]] = {}
    for statement in statements:
        months = years.setdefault(statement.date.year, {})
        months.setdefault(statement.date.month, []).append(statement)
    return years


def undated_groups(statements: list[Statement]) -> dict[str, Listing]:
    """The statements of unknown date grouped by source (by name, most first), each group
    ordered by section of the source's site, then as given."""
    groups: dict[str, Listing] = {}
    for statement in statements:
        if statement.date.year is None:
            label = statement.source or "Source unknown"
            slug = slugify(statement.source) if statement.source else "source-unknown"
            groups.setdefault(slug, Listing(slug, label)).statements.append(statement)
    for group in groups.values():
        group.statements.sort(key=lambda s: statement_section(s) or "")
    return dict(sorted(groups.items(), key=lambda g: (-len(g[1].statements), g[0])))


def statement_section(statement: Statement) -> str | None:
    """The section of its source's site a statement was published in, from the folders of
    its address ("briefing-room/statements-releases" of ".../statements-releases/2021/05/
    03/title/"), None where the address is unknown or has no folder above the page."""
    if not statement.url:
        return None
    path = statement.url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    folders = [part for part in path.split("/")[1:] if part][:-1]
    named = [folder for folder in folders if not folder.isdigit()]
    return "/".join(named) or None


def _entity_groups(statements: list[Statement]) -> dict[tuple[str, str], list[int]]:
    """(kind, value) -> positions (in chronological order) of the statements sharing it."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, statement in enumerate(statements):
        for number in statement.resolutions:
            groups[("resolution", str(number))].append(position)
        for speaker in statement.speakers:
            groups[("speaker", person_page_id(speaker))].append(position)
        for topic in statement.topics:
            groups[("topic", slugify(topic))].append(position)
        for person in statement.persons:
            groups[("person", person_page_id(person))].append(position)
    return groups


def _reason(kind: str, value: str, statement: Statement) -> str:
    if kind == "resolution":
        return f"Same resolution: {value}"
    if kind == "speaker":
        name = next((s.name for s in statement.speakers if person_page_id(s) == value), value)
        return f"Same speaker: {name}"
    if kind == "topic":
        name = next((t for t in statement.topics if slugify(t) == value), value)
        return f"Same topic: {name}"
    name = next((p.name for p in statement.persons if person_page_id(p) == value), value)
    return f"Both mention {name}"


def _related(statements: list[Statement]) -> RelatedStatements:
    """For each statement, the few most related others, from shared entities only.

    Within each group of statements sharing an entity, a statement is compared only with its
    RELATED_WINDOW neighbours in time on each side, so the work is linear in the archive.
    A pair's score is the sum of its groups' weights plus, per group, its closeness in time
    (nearer ranks higher among equally related statements); responses weigh most. Scores
    are summed in arrays, and reasons written only for the pairs that are shown.
    """
    count = len(statements)
    groups = list(_entity_groups(statements).items())
    members: list[int] = []
    group_of: list[int] = []
    for number, (_, positions) in enumerate(groups):
        if len(positions) > 1:
            members += positions
            group_of += [number] * len(positions)
    member = np.array(members, dtype=np.int64)
    group = np.array(group_of, dtype=np.int64)
    weight_of_group = np.array([_REASON_WEIGHTS[kind] for (kind, _), _ in groups], np.int64)
    del members, group_of
    sources, targets, in_group = [], [], []
    for distance in range(1, RELATED_WINDOW + 1):
        same = group[distance:] == group[:-distance]
        first, second = member[:-distance][same], member[distance:][same]
        shared = group[distance:][same]
        sources += [first, second]
        targets += [second, first]
        in_group += [shared, shared]
    source = np.concatenate(sources) if sources else np.zeros(0, np.int64)
    target = np.concatenate(targets) if targets else np.zeros(0, np.int64)
    pair_group = np.concatenate(in_group) if in_group else np.zeros(0, np.int64)
    del sources, targets, in_group
    apart = source != target  # a statement listed twice in a group is not its own relative
    source, target, pair_group = source[apart], target[apart], pair_group[apart]

    by_id = {s.id: i for i, s in enumerate(statements)}
    responses: dict[tuple[int, int], list[str]] = defaultdict(list)
    for position, statement in enumerate(statements):
        for reply_to in statement.responds_to:
            other = by_id[reply_to]
            responses[(position, other)].insert(0, "Responds to this statement")
            responses[(other, position)].insert(0, "A response to this statement")
    response_pairs = np.array(
        [(p, o) for (p, o), reasons in responses.items() for _ in reasons], np.int64
    ).reshape(-1, 2)

    key = source * count + target
    response_key = response_pairs[:, 0] * count + response_pairs[:, 1]
    pair, index = np.unique(np.concatenate([key, response_key]), return_inverse=True)
    weights = np.concatenate(
        [weight_of_group[pair_group], np.full(len(response_key), _REASON_WEIGHTS["responds"])]
    )
    weight_sum = np.bincount(index, weights=weights, minlength=len(pair))
    shared_groups = np.bincount(index[: len(key)], minlength=len(pair))
    pair_source, pair_target = pair // count, pair % count
    closeness = 1 / (1 + np.abs(pair_target - pair_source))
    score = weight_sum + shared_groups * closeness
    # Best first for each statement; among equals, the earlier statement.
    order = np.lexsort((pair_target, -score, pair_source))
    ranked_source, ranked_target = pair_source[order], pair_target[order]
    starts = np.searchsorted(ranked_source, np.arange(count + 1))
    rank = np.arange(len(order)) - starts[ranked_source]
    shown = rank < RELATED_LIMIT
    shown_source, shown_target = ranked_source[shown], ranked_target[shown]

    # The shown pairs' groups, sorted by pair then group: their reasons are worded when a page
    # first asks for them (see RelatedStatements).
    wanted = np.isin(key, shown_source * count + shown_target)
    reason_rows = np.lexsort((pair_group[wanted], key[wanted]))
    return RelatedStatements(
        statements,
        [entity for entity, _ in groups],
        np.searchsorted(shown_source, np.arange(count + 1)),
        shown_target,
        key[wanted][reason_rows],
        pair_group[wanted][reason_rows],
        dict(responses),
    )


class RelatedStatements(Mapping[str, list[Related]]):
    """Statement id -> the statements shown as related to it, best first, with reasons.

    Which statements, and in which order, is settled when linking; the reasons' words are
    made when a page first asks, in the process that renders it: at 100,000 statements,
    wording half a million reasons in the linking process held both cores up for seconds.
    """

    def __init__(
        self,
        statements: list[Statement],
        entities: list[tuple[str, str]],
        shown_start: np.ndarray,
        shown_target: np.ndarray,
        reason_key: np.ndarray,
        reason_group: np.ndarray,
        responses: dict[tuple[int, int], list[str]],
    ) -> None:
        self._statements = statements
        self._position = {s.id: i for i, s in enumerate(statements)}
        self._entities = entities
        #: Statement p's related ones: shown_target[shown_start[p]:shown_start[p + 1]].
        self._shown_start = shown_start
        self._shown_target = shown_target
        #: Per shared group of a shown pair (p, o): p * len(statements) + o, sorted; its group.
        self._reason_key = reason_key
        self._reason_group = reason_group
        self._responses = responses
        self._made: dict[str, list[Related]] = {}

    def __getitem__(self, statement_id: str) -> list[Related]:
        made = self._made.get(statement_id)
        if made is None:
            made = self._made[statement_id] = self._make(self._position[statement_id])
        return made

    def __iter__(self) -> Iterator[str]:
        return (s.id for s in self._statements)

    def __len__(self) -> int:
        return len(self._statements)

    def changed_from(self, other: RelatedStatements) -> set[int]:
        """Positions whose shown statements differ from `other`'s, an archive whose
        statements are these ones' first, in the same order (one linked again after an edit
        or with statements added after the others); the added ones count as changed."""
        mine, theirs = self._table, other._table
        common = min(len(mine), len(theirs))
        changed = np.flatnonzero((mine[:common] != theirs[:common]).any(axis=1)).tolist()
        return {*changed, *range(common, len(mine))}

    def showing(self, positions: Iterable[int]) -> set[int]:
        """Positions of the statements that show any of these as related."""
        wanted = np.fromiter(positions, dtype=np.int64)
        return set(np.flatnonzero(np.isin(self._table, wanted).any(axis=1)).tolist())

    @functools.cached_property
    def _table(self) -> np.ndarray:
        """Each position's shown statements as a row, padded with -1 (made once: the
        statements shown are settled when linking)."""
        count = len(self._statements)
        table = np.full((count, RELATED_LIMIT), -1, dtype=np.int64)
        lengths = np.diff(self._shown_start)
        rows = np.repeat(np.arange(count), lengths)
        columns = np.arange(len(self._shown_target)) - np.repeat(self._shown_start[:-1], lengths)
        table[rows, columns] = self._shown_target
        return table

    def _make(self, p: int) -> list[Related]:
        count = len(self._statements)
        low, high = np.searchsorted(self._reason_key, [p * count, (p + 1) * count])
        groups_of: dict[int, list[int]] = defaultdict(list)
        for key, group in zip(
            self._reason_key[low:high].tolist(), self._reason_group[low:high].tolist(), strict=True
        ):
            groups_of[key - p * count].append(group)
        statement = self._statements[p]
        worded: dict[int, str] = {}  # a group shared with several related statements
        related = []
        start, end = int(self._shown_start[p]), int(self._shown_start[p + 1])
        for o in self._shown_target[start:end].tolist():
            reasons = [*self._responses.get((p, o), ())]
            for g in groups_of.get(o, ()):
                if g not in worded:
                    worded[g] = _reason(*self._entities[g], statement)
                reasons.append(worded[g])
            related.append(Related(self._statements[o], _readable(reasons)))
        return related


_TOPIC_REASON = "Same topic: "
#: The kinds of reason, strongest first, by the first six letters of their words.
_STRENGTH = {"Respon": 0, "A resp": 1, "Same r": 2, "Same s": 3, "Both m": 4}


def _readable(reasons: list[str]) -> tuple[str, ...]:
    """The reasons once each, strongest kinds first, shared topics joined into one reason: a
    reader scans "Same resolution: 2397; Same topics: Sanctions, Missiles", not five lines."""
    unique = list(dict.fromkeys(reasons))
    if len(unique) == 1:  # most pairs share one thing
        return (unique[0],)
    topics = [r.removeprefix(_TOPIC_REASON) for r in unique if r.startswith(_TOPIC_REASON)]
    others = [r for r in unique if not r.startswith(_TOPIC_REASON)]
    others.sort(key=lambda r: _STRENGTH.get(r[:6], 9))
    if len(topics) == 1:
        others.append(_TOPIC_REASON + topics[0])
    elif topics:
        others.append("Same topics: " + ", ".join(topics))
    return tuple(others)


def curator_warnings(archive: Archive) -> list[str]:
    """What a curator should look at: new people, unknown resolutions, missing dates."""
    warnings = []
    for entry in archive.people.values():
        if entry.curated is None:
            first = (entry.spoken or entry.mentioned)[0]
            warnings.append(
                f'{first.path}: new person "{entry.name}" is not in content/people.yaml'
            )
    for number, entry in archive.resolutions.items():
        if entry.curated is None:
            warnings.append(
                f"{entry.statements[0].path}: resolution {number} is not in "
                "content/resolutions.yaml"
            )
    for statement in archive.statements:
        if not statement.date.known:
            warnings.append(f"{statement.path}: no date found; add date: to its front matter")
        warnings.extend(f"{statement.path}: {w}" for w in statement.warnings)
    return warnings
