"""The archive's data model: one `Statement` flows through every stage, plus the curated
records (people, resolutions, site settings) it links to.

Stages fill these dataclasses and hand them on; templates only display them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Literal

DatePrecision = Literal["day", "month", "year", "unknown"]

#: Where a value came from: "front-matter", "text:LINE" (1-based line of the raw text, front
#: matter excluded), "source-page" (the imported page's own metadata), "people.yaml",
#: "generated" (made by the build), or "unknown".
Provenance = str

FRONT_MATTER: Provenance = "front-matter"
GENERATED: Provenance = "generated"
#: From the metadata of the page or scraper record the text was imported from.
SOURCE_PAGE: Provenance = "source-page"
UNKNOWN: Provenance = "unknown"

#: Document types, in the order the browse page lists them, with their labels.
DOC_TYPES: dict[str, str] = {
    "press-release": "Press release",
    "ministerial-statement": "Statement by a minister",
    "government-statement": "Government statement",
    "council-speech": "Speech at a Security Council meeting",
    "speech": "Speech",
    "news-report": "News report",
    "interview": "Interview",
    "commentary": "Commentary",
    "letter": "Letter",
    "other": "Other",
}


def text_provenance(line: int) -> Provenance:
    """The provenance of a value read from a line (1-based) of a statement's text."""
    return f"text:{line}"


@dataclass(frozen=True)
class StatementDate:
    """A date known to some precision; `year`/`month`/`day` are None below the precision."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    precision: DatePrecision = "unknown"
    source: Provenance = UNKNOWN
    #: The words the date was read from, e.g. "December 23, 2017" or "on the 29th".
    evidence: str = ""

    @classmethod
    def unknown(cls) -> StatementDate:
        return cls()

    @classmethod
    def from_iso(cls, value: str, source: Provenance) -> StatementDate:
        """Parse "YYYY-MM-DD", "YYYY-MM" or "YYYY"; raises ValueError if it is not a date."""
        parts = value.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(value)
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            date(*numbers)  # validates month and day
            return cls(*numbers, precision="day", source=source, evidence=value)
        if len(numbers) == 2:
            if not 1 <= numbers[1] <= 12:
                raise ValueError(value)
            return cls(numbers[0], numbers[1], precision="month", source=source, evidence=value)
        return cls(numbers[0], precision="year", source=source, evidence=value)

    @property
    def iso(self) -> str | None:
        """As precise as known: "2017-12-23", "2017-12", "2017", or None."""
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Sorts by what is known; an unknown part sorts before known ones of the same period."""
        return (self.year or 0, self.month or 0, self.day or 0)

    @property
    def known(self) -> bool:
        return self.year is not None

    def label(self) -> str:
        """A reader's form: "23 December 2017", "December 2017", "2017", "Date unknown"."""
        if self.year is None:
            return "Date unknown"
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"


MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class PersonRef:
    """A person as a statement names them: the speaker, or someone it mentions."""

    name: str
    role: str | None = None
    country: str | None = None
    #: The id in content/people.yaml when the name or an alias matched; None for a new person.
    person_id: str | None = None
    source: Provenance = UNKNOWN

    def to_json(self) -> dict[str, str | None]:
        return {"name": self.name, "role": self.role, "country": self.country}


@dataclass(frozen=True)
class ResolutionMention:
    """A sentence of the body that names a Security Council resolution."""

    number: int
    paragraph: int  # 1-based paragraph number in the cleaned body
    sentence: str


@dataclass
class ParsedText:
    """What the extract stage reads from a statement's raw text alone.

    Every field that may be missing is None or empty; `sources` maps a field name to the
    provenance of its value (e.g. {"title": "text:3", "date": "text:5"}).
    """

    title: str | None = None
    title_generated: bool = False
    date: StatementDate = field(default_factory=StatementDate.unknown)
    #: When the page says it was published ("Posted on ..."), if it says so.
    published: StatementDate = field(default_factory=StatementDate.unknown)
    speaker: PersonRef | None = None
    persons: list[PersonRef] = field(default_factory=list)
    resolutions: list[int] = field(default_factory=list)
    resolution_mentions: list[ResolutionMention] = field(default_factory=list)
    doc_type: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    language: str = "en"
    countries: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    #: Subjects from the archive's vocabulary (archive/extract/topics.py), strongest first.
    topics: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: dict[str, Provenance] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Version:
    """One text retrieved from the source, for statements whose source changed what it
    published; the last version is the statement's text."""

    number: int
    #: When it was retrieved, "YYYY-MM-DDTHH:MM:SSZ" (or a date).
    retrieved: str
    #: SHA-256 of the text as retrieved (UTF-8), so a reader can check a copy.
    sha256: str
    text: str


@dataclass
class Statement:
    """One statement of the archive: its curated and extracted metadata and its clean body."""

    #: Stable id, also the last part of the URL: the file name without extension, or `slug`.
    id: str
    #: Path of the content file, relative to the project root (for messages and provenance).
    path: str
    title: str
    title_generated: bool
    date: StatementDate
    speakers: list[PersonRef]
    persons: list[PersonRef]
    countries: list[str]
    resolutions: list[int]
    resolution_mentions: list[ResolutionMention]
    agreements: list[str]
    doc_type: str
    source: str | None
    author: str | None
    url: str | None
    language: str
    paragraphs: list[str]
    notes: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    #: The meeting or occasion, e.g. "Security Council meeting on non-proliferation/DPRK".
    event: str | None = None
    #: When the source published it, if that differs from when it was said.
    published: StatementDate = field(default_factory=StatementDate.unknown)
    #: Ids of statements this one answers (curated), for "responds to" links.
    responds_to: list[str] = field(default_factory=list)
    #: Field name -> provenance, for every field that has a value.
    sources: dict[str, Provenance] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: SHA-256 of the content file, for caches.
    content_hash: str = ""
    #: The texts the source published over time, oldest first; empty when only one is known.
    versions: list[Version] = field(default_factory=list)

    @property
    def url_path(self) -> str:
        """The page's directory, relative to the site root, e.g. "statements/2017-12-23-x/"."""
        return f"statements/{self.id}/"

    @property
    def speaker(self) -> PersonRef | None:
        return self.speakers[0] if self.speakers else None

    @property
    def doc_type_label(self) -> str:
        return DOC_TYPES.get(self.doc_type, self.doc_type.replace("-", " ").capitalize())


@dataclass(frozen=True)
class Role:
    """A position a person held: "Foreign Minister" of "Japan" from 2017 to 2019."""

    title: str
    country: str | None = None
    start: int | None = None  # year
    end: int | None = None  # year; None while still in office or unknown


@dataclass(frozen=True)
class Person:
    """A curated person from content/people.yaml."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None
    description: str | None = None

    def role_in(self, year: int | None) -> Role | None:
        """The role held in a year, or the latest role when the year is unknown."""
        if not self.roles:
            return None
        if year is not None:
            for role in self.roles:
                if (role.start or 0) <= year <= (role.end or 9999):
                    return role
        return self.roles[-1]


_UNSPLIT_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
    }
)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A spelling-insensitive key for a person's name: "Choe Son-hui" == "Choe Son Hui"."""
    # Letters NFKD does not split into a base letter and a mark ("Støre", "Łukasz") are
    # spelt out, so that "Støre" and "Store" share a key and a page id.
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNSPLIT_LETTERS))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", ascii_only.lower()).strip()


@dataclass
class PeopleDirectory:
    """The curated people, looked up by any spelling of their name or aliases."""

    people: dict[str, Person] = field(default_factory=dict)
    _by_key: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, people: list[Person]) -> PeopleDirectory:
        directory = cls()
        for person in people:
            directory.people[person.id] = person
            for spelling in (person.name, *person.aliases):
                directory._by_key.setdefault(name_key(spelling), person.id)
        return directory

    def find(self, name: str) -> Person | None:
        """The person whose name or alias is `name`, in any spelling; None if not curated."""
        person_id = self._by_key.get(name_key(name))
        return self.people.get(person_id) if person_id else None

    def get(self, person_id: str) -> Person | None:
        return self.people.get(person_id)

    def __len__(self) -> int:
        return len(self.people)


@dataclass(frozen=True)
class Resolution:
    """A Security Council resolution from content/resolutions.yaml."""

    number: int
    year: int | None = None
    adopted: date | None = None
    subject: str | None = None
    title: str | None = None

    @property
    def symbol(self) -> str:
        """The official document symbol, e.g. "S/RES/2397 (2017)"."""
        return f"S/RES/{self.number} ({self.year})" if self.year else f"S/RES/{self.number}"

    @property
    def official_url(self) -> str:
        return f"https://undocs.org/{self.symbol.replace(' ', '')}"


@dataclass(frozen=True)
class SiteSettings:
    """content/site.yaml: what the site calls itself and where it is published."""

    title: str = "Statement Archive"
    description: str = ""
    #: Absolute URL the site is published at, for feeds, sitemaps and citations. Pages
    #: themselves only use relative links, so the site works from any path or from disk.
    base_url: str = ""
    language: str = "en"
    latest_count: int = 10


@lru_cache(maxsize=1 << 16)
def slugify(text: str, max_words: int = 8) -> str:
    """A URL-safe slug of a text: lower case ASCII words joined by hyphens. Cached: linking
    slugs the same few thousand names and topics of every statement."""
    words = name_key(text).split()
    return "-".join(words[:max_words]) or "untitled"


@dataclass(frozen=True)
class SiteFile:
    """One file of the built site: its path relative to site/ and its bytes."""

    path: str
    content: bytes
