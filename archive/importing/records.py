"""What every reader of `build.py import` hands on: one `Record` per statement (its text,
what its source said about it, where it was read), or one `Problem` per input it refused;
and the mapping of a scraper's columns onto the archive's `source_metadata:` keys.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from archive.content.read import MAX_STATEMENT_BYTES, SOURCE_METADATA_KEYS, _front_matter_value

FIELDS_FILE = Path(__file__).with_name("fields.yaml")
#: C0 controls but tab, newline and carriage return (read as a line end), DEL and C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(value: str) -> str:
    """`value` without the control characters the archive's front matter refuses."""
    return _CONTROLS.sub("", value) if isinstance(value, str) else value


@dataclass
class Record:
    """One statement as an input gave it."""

    #: Where it was read, for messages: "file", "file:line" (JSON Lines, CSV).
    origin: str
    #: The text as the source gave it (for a page: its main text, as extracted).
    text: str
    #: `source_metadata:` values, already valid front matter (see `source_metadata`).
    metadata: dict[str, str] = field(default_factory=dict)
    #: When the text was retrieved: "YYYY-MM-DDTHH:MM:SSZ", or None for the import's time.
    retrieved: str | None = None
    #: "text" (a plain text file: the parser names it), "page" or "record".
    kind: str = "record"
    #: Values the source gave that could not be used, as "key: why".
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Front matter refuses control characters (they reached HTML and CSV as NUL bytes and
        # terminal escapes), and an older version's text is kept there: none is imported.
        self.text = without_controls(self.text)
        self.metadata = {key: without_controls(value) for key, value in self.metadata.items()}

    @cached_property
    def hashes(self) -> tuple[str, str]:
        """(normalised hash, SHA-256) of the text: what duplicates are found by."""
        return normalised_hash(self.text), text_sha256(self.text)


@dataclass
class Problem:
    """An input, or one record of it, that was not imported, and why."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@lru_cache(maxsize=1)
def field_names() -> dict[str, Any]:
    """fields.yaml: the names of the text column, of each metadata field, of the nested
    objects and the short site ids."""
    return yaml.safe_load(FIELDS_FILE.read_text(encoding="utf-8"))


def known_columns() -> set[str]:
    names = field_names()
    known = set(names["text"]) | set(names["retrieved"]) | set(names["nested"])
    for aliases in names["fields"].values():
        known |= set(aliases)
    return known


def text_column(columns: list[str]) -> str | None:
    """The first of the text column's names that `columns` holds."""
    return next((name for name in field_names()["text"] if name in columns), None)


def record_of(values: dict[str, Any], origin: str, unknown: dict[str, int]) -> Record | Problem:
    """A JSON object or a CSV row as a Record; counts the columns it does not know in
    `unknown` (with a nested object's columns as "truth.topic")."""
    names = field_names()
    column = text_column(list(values))
    text = values.get(column) if column else None
    if not isinstance(text, str) or not text.strip():
        wanted = " or ".join(names["text"])
        return Problem(origin, f"has no text: expected a non-empty {wanted} field")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        return Problem(
            origin, f"its text is not valid Unicode (a lone {error.object[error.start]!a})"
        )
    if size > MAX_STATEMENT_BYTES:
        return Problem(origin, f"its text is over {MAX_STATEMENT_BYTES // 2**20} MB")
    known = known_columns()
    for key in values:
        if key not in known:
            unknown[key] = unknown.get(key, 0) + 1
    layers = [values]
    for nested in names["nested"]:
        inner = values.get(nested)
        if isinstance(inner, dict):
            layers.append(inner)
            for key in inner:
                if key not in known:
                    unknown[f"{nested}.{key}"] = unknown.get(f"{nested}.{key}", 0) + 1
    raw: dict[str, Any] = {}
    for key, aliases in names["fields"].items():
        for layer in layers:
            found = next((layer[a] for a in aliases if layer.get(a) not in (None, "")), None)
            if found is not None:
                raw[key] = found
                break
    metadata, notes = source_metadata(raw)
    retrieved = next(
        (values[a] for a in names["retrieved"] if values.get(a) not in (None, "")), None
    )
    when = retrieval_time(retrieved) if retrieved is not None else None
    if retrieved is not None and when is None:
        notes.append(f'retrieved: "{retrieved}" is not a date; the import time is used')
    return Record(origin, text, metadata, when, "record", notes)


def source_metadata(raw: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """The values a source gave, made valid front matter; a value that cannot be (a date
    that is no date, an address that is not http) is left out with a note: an unknown value
    beats a wrong one."""
    clean: dict[str, str] = {}
    notes: list[str] = []
    for key, value in raw.items():
        if key not in SOURCE_METADATA_KEYS or value is None:
            continue
        if key == "date":
            day = source_date(value)
            if day is None:
                notes.append(f'date: "{value}" is not a date; left out')
                continue
            value = day
        if key == "source" and isinstance(value, str):
            value = field_names()["sites"].get(value.strip().lower(), value)
        if key == "language" and isinstance(value, str):
            value = value.strip().replace("_", "-")
        try:
            clean[key] = _front_matter_value(key, " ".join(str(value).split()))
        except ValueError as error:
            notes.append(f"{error}; left out")
    return clean, notes


_ISO_DATE = re.compile(
    r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?\s*$"
)


def source_date(value: Any) -> str | None:
    """A source's date at the precision it gave ("2024-01-05", "2024-01", "1990"), from ISO
    8601 (a time and zone dropped: the date is the publisher's) or an e-mail/RSS date."""
    text = str(value).strip()
    match = _ISO_DATE.match(text)
    if match:
        parts = [p for p in match.groups() if p]
        candidate = "-".join(parts)
    else:
        try:
            candidate = parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError):
            return None
    try:
        return _front_matter_value("date", candidate)
    except ValueError:
        return None


def retrieval_time(value: Any) -> str | None:
    """ "YYYY-MM-DDTHH:MM:SSZ" (in UTC) or "YYYY-MM-DD" of a retrieval time, or None."""
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def text_sha256(text: str) -> str:
    """The fixity hash of a text as retrieved (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def normalised_hash(text: str) -> str:
    """A hash of the text with what changes between two copies of one text made uniform:
    Unicode forms, invisible characters, line breaks and runs of white space."""
    plain = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return hashlib.sha256(" ".join(plain.split()).encode("utf-8")).hexdigest()
