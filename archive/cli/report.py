"""What the extract stage found, for people and tools: the JSON of `extract --json`, the
commented front matter of `import`, and the rows of the `check` table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from archive.model import FRONT_MATTER, PersonRef, Statement, StatementDate

#: The fields the `check` table and `import` report on, in the order a reader meets them.
REPORTED_FIELDS = (
    "title",
    "date",
    "speaker",
    "persons",
    "resolutions",
    "doc_type",
    "source",
    "author",
    "language",
    "countries",
    "agreements",
    "topics",
)


def _person(person: PersonRef | None) -> dict[str, str | None] | None:
    return person.to_json() if person is not None else None


def extraction_json(path: str, statement: Statement) -> dict[str, Any]:
    """One statement as `build.py extract --json` prints it (keys of issue 3's interface)."""
    date = statement.date
    return {
        "path": path,
        "title": statement.title,
        "title_generated": statement.title_generated,
        "date": date.iso,
        "date_precision": date.precision,
        "date_source": statement.sources.get("date", date.source) if date.known else "unknown",
        "date_evidence": date.evidence or None,
        "published": statement.published.iso,
        "speaker": _person(statement.speaker),
        "persons": [_person(p) for p in statement.persons],
        "resolutions": sorted(statement.resolutions),
        "doc_type": statement.doc_type,
        "source": statement.source,
        "author": statement.author,
        "url": statement.url,
        "language": statement.language,
        "countries": list(statement.countries),
        "agreements": list(statement.agreements),
        "topics": list(statement.topics),
        "notes": list(statement.notes),
        "body_paragraphs": list(statement.paragraphs),
        "resolution_mentions": [
            {"number": m.number, "paragraph": m.paragraph, "sentence": m.sentence}
            for m in statement.resolution_mentions
        ],
        "new_persons": new_persons(statement),
        "sources": dict(statement.sources),
        "warnings": list(statement.warnings),
    }


def new_persons(statement: Statement) -> list[str]:
    """Named persons the statement has that content/people.yaml does not know yet."""
    names = []
    for person in [*statement.speakers, *statement.persons]:
        if person.person_id is None and not _is_office(person) and person.name not in names:
            names.append(person.name)
    return names


def _is_office(person: PersonRef) -> bool:
    """An office speaking without a name ("Spokesperson of the Foreign Ministry")."""
    return bool(person.role) and person.name.lower() == (person.role or "").lower()


# --- import ------------------------------------------------------------------------------------


def _yaml_scalar(value: str) -> str:
    """A YAML string that reads back as itself."""
    return json.dumps(value, ensure_ascii=False)


def _date_value(value: StatementDate) -> str | None:
    return value.iso


def _lines_for(statement: Statement) -> tuple[list[tuple[str, str]], list[str]]:
    """(front matter line, where it came from) for each fact found, and the facts not found."""
    found: list[tuple[str, str]] = []
    missing: list[str] = []
    sources = statement.sources

    def where(field: str) -> str:
        return sources.get(field, "text")

    if statement.title and not statement.title_generated:
        found.append((f"title: {_yaml_scalar(statement.title)}", where("title")))
    else:
        found.append(
            (f"title: {_yaml_scalar(statement.title)}", "generated from the first sentence")
        )
    date = statement.date
    if date.known:
        evidence = f', "{date.evidence}"' if date.evidence else ""
        found.append((f"date: {date.iso}", f"{where('date')}{evidence}"))
    else:
        hint = f' (the text only says "{date.evidence}")' if date.evidence else ""
        missing.append(f"date{hint}")
    if statement.published.known:
        found.append((f"published: {statement.published.iso}", where("published")))
    speaker = statement.speaker
    if speaker is not None:
        value = speaker.person_id or _yaml_scalar(speaker.name)
        note = where("speaker") + ("" if speaker.person_id else "; new person")
        found.append((f"speaker: {value}", note))
        if speaker.role:
            found.append((f"speaker_role: {_yaml_scalar(speaker.role)}", where("speaker")))
        if speaker.country:
            found.append((f"speaker_country: {_yaml_scalar(speaker.country)}", where("speaker")))
    else:
        missing.append("speaker")
    if statement.persons:
        entries = ", ".join(p.person_id or _yaml_scalar(p.name) for p in statement.persons)
        found.append((f"persons: [{entries}]", where("persons")))
    if statement.resolutions:
        numbers = ", ".join(str(n) for n in sorted(statement.resolutions))
        found.append((f"resolutions: [{numbers}]", where("resolutions")))
    found.append((f"doc_type: {statement.doc_type}", where("doc_type")))
    if statement.doc_type == "other":
        missing.append("doc_type (no sign of what kind of document it is)")
    if statement.source:
        found.append((f"source: {_yaml_scalar(statement.source)}", where("source")))
    else:
        missing.append("source")
    if statement.author:
        found.append((f"author: {_yaml_scalar(statement.author)}", where("author")))
    found.append((f"language: {statement.language}", "text"))
    if statement.countries:
        names = ", ".join(_yaml_scalar(c) for c in statement.countries)
        found.append((f"countries: [{names}]", "text"))
    if statement.agreements:
        names = ", ".join(_yaml_scalar(a) for a in statement.agreements)
        found.append((f"agreements: [{names}]", "text"))
    if statement.topics:
        names = ", ".join(_yaml_scalar(t) for t in statement.topics)
        found.append((f"topics: [{names}]", "text"))
    return found, missing


def import_front_matter(statement: Statement) -> str:
    """A front matter block for a newly imported statement: every fact the parser found as a
    comment for a curator to confirm (uncomment it), and a list of what it could not find.

    The block stays valid YAML (an empty mapping) until the curator confirms something."""
    found, missing = _lines_for(statement)
    width = max((len(line) for line, _ in found), default=0)
    width = min(width, 70)
    lines = [
        "---",
        "# Found in the text by `build.py import`: to confirm a value, remove its '# '",
        "# (and the '{}' line below); the text itself is never changed.",
    ]
    for line, where in found:
        lines.append(f"# {line.ljust(width)}  # from {where}")
    for warning in statement.warnings:
        lines.append(f"# doubt: {warning}")
    for name in new_persons(statement):
        lines.append(f"# new person (not in content/people.yaml): {name}")
    if missing:
        lines.append("# Could not determine: " + "; ".join(missing))
    lines.append("{}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def undetermined(statement: Statement) -> list[str]:
    """What `import` could not find, for its message."""
    return _lines_for(statement)[1]


# --- check -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckRow:
    """One cell group of the `check` table: a field of a statement, its value, where the
    value came from, and a warning when it is missing or doubtful."""

    path: str
    field: str
    value: str
    source: str
    warning: str = ""


def _shown(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "-"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, PersonRef):
        details = ", ".join(part for part in (value.role, value.country) if part)
        return f"{value.name} ({details})" if details else value.name
    return str(value)


def check_rows(statements: list[Statement]) -> list[CheckRow]:
    """Every statement's fields, values, provenance and warnings, for `build.py check`."""
    rows = []
    for statement in statements:
        rows.extend(_statement_rows(statement))
    return rows


def _statement_rows(statement: Statement) -> list[CheckRow]:
    sources = statement.sources
    rows = []
    newcomers = set(new_persons(statement))
    doubts = {w.partition(":")[0]: w for w in statement.warnings}

    def add(field: str, value: Any, warning: str = "") -> None:
        source = sources.get(field, "-" if _shown(value) == "-" else "text")
        if field in doubts and not warning and source != FRONT_MATTER:
            warning = doubts[field].partition(":")[2].strip()
        rows.append(CheckRow(statement.path, field, _shown(value), source, warning))

    add("title", statement.title, "generated; add title:" if statement.title_generated else "")
    date = statement.date
    add(
        "date",
        date.iso or (f'"{date.evidence}" (no year)' if date.evidence else None),
        "" if date.known else "not found; add date:",
    )
    speaker = statement.speaker
    speaker_warning = "not found; add speaker:" if speaker is None else ""
    if speaker is not None and speaker.name in newcomers:
        speaker_warning = "new person: not in people.yaml"
    add("speaker", speaker, speaker_warning)
    new_mentioned = [p.name for p in statement.persons if p.name in newcomers]
    add(
        "persons",
        statement.persons,
        f"new: {', '.join(new_mentioned)}" if new_mentioned else "",
    )
    add("resolutions", sorted(statement.resolutions))
    add(
        "doc_type",
        statement.doc_type,
        "unknown kind; add doc_type:" if statement.doc_type == "other" else "",
    )
    add("source", statement.source, "" if statement.source else "not found; add source:")
    add("author", statement.author)
    add("language", statement.language)
    add("countries", statement.countries)
    add("agreements", statement.agreements)
    add("topics", statement.topics)
    for field, warning in doubts.items():
        if field not in REPORTED_FIELDS:
            rows.append(CheckRow(statement.path, field, "", "", warning))
    return rows


def format_check_table(rows: list[CheckRow], width: int = 60) -> str:
    """The rows as an aligned text table: statement, field, value, source, warning."""
    header = CheckRow("statement", "field", "value", "source", "warning")

    def cut(text: str) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    table = [header, *rows]
    columns = [
        max(len(row.path) for row in table),
        max(len(row.field) for row in table),
        min(width, max(len(row.value) for row in table)),
        max(len(row.source) for row in table),
    ]
    lines = []
    previous = ""
    for row in table:
        path = row.path if row.path != previous else ""
        previous = row.path
        cells = [path, row.field, cut(row.value), row.source]
        line = "  ".join(cell.ljust(size) for cell, size in zip(cells, columns, strict=True))
        lines.append((line + "  " + row.warning).rstrip())
    return "\n".join(lines)


# --- the curator's worklist of `check` ------------------------------------------------------------

#: How much a gap or a doubt costs a reader, highest first: a page that lost its text, a
#: statement missing from the timeline, a wrong date or speaker shown as fact, ... a title
#: made up from the first sentence.
_WEIGHTS = {
    ("text", "parser error"): 100,
    ("paragraphs", "no text"): 95,
    ("date", "not found"): 90,
    ("date", "unsure"): 80,
    ("speaker", "unsure"): 70,
    ("speaker", "not found"): 60,
    ("text", "parsed in part"): 55,
}
_UNSURE_WEIGHT = 50  # a doubt about another field: persons, resolutions, doc_type, language
_OTHER_WEIGHT = 45  # any other note of the parser
_KIND_WEIGHT = 40  # doc_type "other"
_NEW_PERSON_WEIGHT = 30
_TITLE_WEIGHT = 20
#: Kinds of document that have a speaker: one missing is a gap, not the nature of the page.
SPOKEN_KINDS = frozenset(
    {
        "speech",
        "council-speech",
        "interview",
        "ministerial-statement",
        "government-statement",
        "letter",
    }
)
_UNSURE = re.compile(
    r"^(?P<field>[a-z_]+) unsure:\s*(?P<candidate>.*?)(?:\s+\((?P<why>[^()]*)\))?$"
)


@dataclass(frozen=True)
class WorkItem:
    """One line of the worklist: what a curator should look at in a statement, and why."""

    path: str
    field: str
    issue: str  # "not found", "unsure", "new person", "unknown kind", "generated", ...
    value: str  # the value shown, or the parser's candidate for a doubt
    source: str  # where the value came from ("text:4"), or "-"
    why: str
    weight: int

    def to_json(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "field": self.field,
            "issue": self.issue,
            "value": self.value,
            "source": self.source,
            "why": self.why,
            "weight": self.weight,
        }


def read_doubt(warning: str) -> tuple[str, str, str, str]:
    """(field, issue, candidate, why) of a parser warning: "<field> unsure: <candidate>
    (<why>)" as the parser records a doubt, or an older note ("date: only "on the 29th" is
    written; ...", "parser error, text kept as is: ...")."""
    unsure = _UNSURE.match(warning.strip())
    if unsure:
        return unsure["field"], "unsure", unsure["candidate"], unsure["why"] or ""
    if warning.startswith("parser error"):
        return "text", "parser error", "", warning.partition(":")[2].strip()
    if warning.startswith("text longer than"):
        return "text", "parsed in part", "", warning
    head, colon, rest = warning.partition(":")
    if colon and re.fullmatch(r"[a-z_]+", head):
        if head == "paragraphs":
            return head, "no text", "", rest.strip()
        # "date: the page's publication date" is a doubt about the date shown.
        return head, "unsure" if head in ("date", "speaker") else "note", "", rest.strip()
    return "text", "note", "", warning


def _item(
    statement: Statement, field: str, issue: str, value: str, why: str, weight: int
) -> WorkItem:
    source = statement.sources.get(field, "-")
    return WorkItem(statement.path, field, issue, value, source, why, weight)


def statement_work(statement: Statement) -> list[WorkItem]:
    """What one statement leaves a curator to do: gaps and the parser's doubts."""
    items: list[WorkItem] = []
    curated = {f for f, source in statement.sources.items() if source == FRONT_MATTER}
    date = statement.date
    if not date.known:
        hint = f'only "{date.evidence}" is written' if date.evidence else "add date:"
        items.append(
            _item(statement, "date", "not found", "-", hint, _WEIGHTS["date", "not found"])
        )
    speaker = statement.speaker
    if speaker is None and statement.doc_type in SPOKEN_KINDS:
        why = f"a {statement.doc_type} with no speaker; add speaker:"
        items.append(
            _item(statement, "speaker", "not found", "-", why, _WEIGHTS["speaker", "not found"])
        )
    if speaker is not None and "speaker" not in curated and speaker.name in new_persons(statement):
        why = "not in content/people.yaml"
        items.append(
            _item(statement, "speaker", "new person", _shown(speaker), why, _NEW_PERSON_WEIGHT)
        )
    if statement.doc_type == "other":
        why = "no sign of what kind of document it is; add doc_type:"
        items.append(_item(statement, "doc_type", "unknown kind", "other", why, _KIND_WEIGHT))
    if statement.title_generated:
        why = "made from the first sentence; add title:"
        items.append(_item(statement, "title", "generated", statement.title, why, _TITLE_WEIGHT))
    for warning in statement.warnings:
        field, issue, candidate, why = read_doubt(warning)
        if field in curated:
            continue  # the curator has decided it
        if field == "date" and issue == "unsure" and not date.known:
            continue  # already listed as not found, with the same words
        weight = _WEIGHTS.get(
            (field, issue), _UNSURE_WEIGHT if issue == "unsure" else _OTHER_WEIGHT
        )
        items.append(_item(statement, field, issue, candidate or "-", why, weight))
    return items


def worklist(statements: list[Statement]) -> list[WorkItem]:
    """Every statement's gaps and doubts, most consequential first (then by file)."""
    items = [item for statement in statements for item in statement_work(statement)]
    return sorted(items, key=lambda item: (-item.weight, item.path, item.field))


def worklist_summary(items: list[WorkItem], statements: int) -> dict[str, Any]:
    """Counts of what the worklist flags: by issue ("date not found"), and the parser's
    doubts by field."""
    by_issue: dict[str, int] = {}
    doubts: dict[str, int] = {}
    for item in items:
        key = f"{item.field} {item.issue}"
        by_issue[key] = by_issue.get(key, 0) + 1
        if item.issue == "unsure":
            doubts[item.field] = doubts.get(item.field, 0) + 1
    return {
        "statements": statements,
        "statements_flagged": len({item.path for item in items}),
        "items": len(items),
        "by_issue": by_issue,
        "doubts_by_field": doubts,
    }


def format_worklist(items: list[WorkItem], statements: int, wide: bool = False) -> str:
    """The worklist as an aligned table, its summary last; `wide` keeps values whole."""
    width = 10_000 if wide else 48

    def cut(text: str) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    header = ("statement", "field", "issue", "value", "source", "why")
    table = [header] + [
        (item.path, item.field, item.issue, cut(item.value), item.source, item.why)
        for item in items
    ]
    sizes = [max(len(row[i]) for row in table) for i in range(5)]
    lines = [
        "  ".join(cell.ljust(size) for cell, size in zip(row[:5], sizes, strict=True))
        + "  "
        + row[5]
        for row in table
    ]
    summary = worklist_summary(items, statements)
    lines = [line.rstrip() for line in lines] if items else []
    lines.append(summary_line(summary))
    return "\n".join(lines)


def summary_line(summary: dict[str, Any]) -> str:
    """ "worklist: 12 items in 9 of 40 statements: date not found 5, ...; doubts by field: ..."."""
    counts = ", ".join(f"{key} {n}" for key, n in summary["by_issue"].items())
    text = (
        f"worklist: {summary['items']} items in {summary['statements_flagged']} of "
        f"{summary['statements']} statements"
    )
    if counts:
        text += f": {counts}"
    if summary["doubts_by_field"]:
        doubts = ", ".join(
            f"{field} {n}" for field, n in sorted(summary["doubts_by_field"].items())
        )
        text += f"; the parser's doubts by field: {doubts}"
    return text


def worklist_json(statements: list[Statement], warnings: list[str]) -> dict[str, Any]:
    """`check --json`: the worklist with whole values, its summary, and the build's warnings."""
    items = worklist(statements)
    return {
        "summary": worklist_summary(items, len(statements)),
        "items": [item.to_json() for item in items],
        "warnings": list(warnings),
    }
