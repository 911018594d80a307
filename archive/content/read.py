"""The read stage: load content/ (statement files with optional YAML front matter, people,
resolutions, site settings), validate each against its declared schema, and hand on plain
records that carry the file and line of every value for error messages.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import os
import re
import urllib.parse
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from archive.errors import ArchiveError, ContentError, ContentErrors
from archive.model import (
    DOC_TYPES,
    PeopleDirectory,
    Person,
    Resolution,
    Role,
    SiteSettings,
    name_key,
)

STATEMENT_SUFFIXES = (".md", ".txt")
#: The files content/ may hold besides statements/; anything else gets a warning.
CONTENT_FILES = {"about.md", "people.yaml", "resolutions.yaml", "site.yaml"}
MAX_STATEMENT_BYTES = 5 * 1024 * 1024


#: The only YAML types a content file may hold: plain scalars, lists and mappings. Sets,
#: binary, timestamps, ordered maps and merge keys change what a value is, or its order with
#: the hash seed, behind a curator's back.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
#: Deep enough for people.yaml (list, person, roles, role, value) with room to spare; front
#: matter nested 1,000 deep would otherwise end in a RecursionError somewhere downstream.
MAX_YAML_DEPTH = 16
#: Control characters but tab and newline (they reach HTML, CSV and terminals), and lone
#: surrogates (a "\ud800" escape: no encoder can write it out).
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_INT = "tag:yaml.org,2002:int"


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings, so we can validate them with a clear message
    (PyYAML would raise a bare ValueError on 2017-13-01), and constructs plain types only."""


def _plain_only(loader: type) -> None:
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.yaml_constructors = {
        tag: construct
        for tag, construct in yaml.SafeLoader.yaml_constructors.items()
        if tag in _PLAIN_TAGS
    }


_plain_only(_PlainLoader)


@dataclass
class YamlDocument:
    """A parsed YAML mapping and the line (1-based, in its file) of each top-level key."""

    values: dict[str, Any]
    lines: dict[str, int]
    first_line: int


#: The same loader on libyaml when PyYAML has it: ten times faster on every front matter block.
#: Only valid YAML goes through it; broken YAML is parsed again by _PlainLoader, so messages
#: stay those of the pure-Python parser.
_FastLoader: type = _PlainLoader
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        pass

    _plain_only(_FastLoader)


def load_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Parse YAML text; errors name the file and the line in the file (not in the block)."""
    return read_yaml(text, path, first_line)[0]


def read_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, yaml.Node | None]:
    """(value, node tree) of YAML text that holds plain values only: every YAML read of the
    build comes here. Tags, aliases, duplicate keys, deep nesting, control characters and
    invalid Unicode are errors at their line (all of them, in one ContentErrors)."""
    for loader_class in (_FastLoader, _PlainLoader):
        loader = None
        try:
            loader = loader_class(text)
            node = loader.get_single_node()
            if node is None:
                return None, None
            _check_plain(node, loader, path, first_line, text)
            return loader.construct_document(node), node
        except yaml.YAMLError as error:
            if "maximum nesting depth" in str(getattr(error, "problem", "")):
                # libyaml's own bound (1,000): the pure-Python parser would take seconds to
                # reach its recursion limit on the same text.
                mark = getattr(error, "problem_mark", None)
                raise ContentError(
                    f"values are nested more than {MAX_YAML_DEPTH} deep; write single "
                    "values, lists and mappings",
                    path,
                    first_line + (mark.line if mark is not None else 0),
                ) from None
            if loader_class is _PlainLoader:
                raise yaml_error(error, text, path, first_line) from None
        except RecursionError:
            raise ContentError(
                f"values are nested more than {MAX_YAML_DEPTH} deep; write single values, "
                "lists and mappings",
                path,
                first_line,
            ) from None
        finally:
            if loader is not None:
                loader.dispose()
    raise AssertionError("unreachable")  # pragma: no cover


def _key_name(key: yaml.Node) -> str:
    """A key as a message names it: plain, short and printable, else ""."""
    if isinstance(key, yaml.ScalarNode) and key.value.isprintable() and len(key.value) <= 40:
        return key.value
    return ""


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.") else tag


def _check_plain(root: yaml.Node, loader: Any, path: str, first_line: int, text: str) -> None:
    """Raise ContentErrors for every value that is not plain, iteratively (no recursion, and
    an alias is reported, never expanded: nested aliases cannot build a 70 GB string)."""
    # A tag starts with "!"; a control character or surrogate comes from an escape ("\\0")
    # or stands in the text itself: most blocks hold neither, and skip those checks.
    tagged = "!" in text
    escaped = "\\" in text or _CONTROL_CHARACTER.search(text) is not None
    errors: list[ArchiveError] = []
    seen: set[int] = set()
    repeated: set[int] = set()
    #: (node, depth, the key it is the value of, as "title: " for messages, or "").
    stack: list[tuple[yaml.Node, int, str]] = [(root, 1, "")]
    while stack:
        node, depth, key_name = stack.pop()
        line = first_line + node.start_mark.line
        if id(node) in seen:
            if id(node) not in repeated:
                repeated.add(id(node))
                errors.append(
                    ContentError(
                        "the value with an anchor (&name) here is repeated by an alias (*name); "
                        "write the value out where it is repeated (anchors and aliases are not "
                        "allowed)",
                        path,
                        line,
                    )
                )
            continue
        seen.add(id(node))
        if depth > MAX_YAML_DEPTH:
            errors.append(
                ContentError(
                    f"{key_name}values are nested more than {MAX_YAML_DEPTH} deep; write single "
                    "values, lists and mappings",
                    path,
                    line,
                )
            )
            continue
        problem = _tag_problem(node, loader) if tagged or node.tag not in _PLAIN_TAGS else None
        if node.tag == _INT and len(node.value) > 30:
            # Python refuses to read an int of more than 4,300 digits (a ValueError).
            problem = "the number is too long; put quotes around it if it is text"
        if problem:
            errors.append(ContentError(key_name + problem, path, line))
            continue
        if isinstance(node, yaml.ScalarNode):
            problem = _character_problem(node.value) if escaped else None
            if problem:
                errors.append(ContentError(key_name + problem, path, line))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1, key_name) for item in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for key, value in reversed(node.value):
                name = _key_name(key)
                stack.append((value, depth + 1, f"{name}: " if name else ""))
                stack.append((key, depth + 1, "a key: "))
            for key, _value in node.value:
                key_line = first_line + key.start_mark.line
                if not isinstance(key, yaml.ScalarNode):
                    errors.append(
                        ContentError("a key must be a single word, not a list", path, key_line)
                    )
                elif key.value in keys:
                    errors.append(
                        ContentError(
                            f'key "{key.value}" is given twice (first on line {keys[key.value]}); '
                            "keep one",
                            path,
                            key_line,
                        )
                    )
                else:
                    keys[key.value] = key_line
    if errors:
        raise ContentErrors(sorted(errors, key=lambda error: error.line or 0))


def _tag_problem(node: yaml.Node, loader: Any) -> str | None:
    """Why a node's type is not plain, or None. An explicit tag shows as a type the value
    would not have without it (`!!str 12`, `! 12`); a tag that changes nothing is harmless."""
    tag = node.tag
    if tag in _PLAIN_TAGS and isinstance(node, yaml.ScalarNode):
        implicit = (
            loader.resolve(yaml.ScalarNode, node.value, (True, False))
            if not node.style
            else "tag:yaml.org,2002:str"
        )
        if implicit == tag:
            return None
    elif tag in _PLAIN_TAGS:
        return None
    if tag == "tag:yaml.org,2002:merge":
        return 'a merge key "<<" is not allowed; write the keys out'
    return (
        f"the tag {_tag_name(tag)} is not allowed; write a plain value, a list or a mapping "
        "(put quotes around a value that starts with !)"
    )


def _character_problem(text: str) -> str | None:
    if _SURROGATE.search(text):
        return (
            "an invalid character (a lone surrogate such as \\ud800) is not allowed; "
            "write the character itself"
        )
    bad = _CONTROL_CHARACTER.search(text)
    if bad:
        return (
            f"the control character U+{ord(bad.group()):04X} is not allowed; remove it "
            "(only tab and newline may stand in a value)"
        )
    return None


def yaml_error(error: yaml.YAMLError, text: str, path: str, first_line: int = 1) -> ContentError:
    """A PyYAML error as `path:line: invalid YAML: ...; how to fix it`.

    PyYAML reports an unclosed quote or bracket at the end of the text, past the last line; the
    line where the unclosed thing starts (its "context") is the one a curator must fix.
    """
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or "cannot be parsed"
    context = getattr(error, "context", None)
    last_line = max(text.count("\n") - (1 if text.endswith("\n") else 0), 0)
    mark = problem_mark or context_mark
    at_end = problem_mark is not None and problem_mark.index >= len(text.rstrip())
    unclosed = context is not None and ("flow" in context or "quoted" in context)
    if context_mark is not None and (at_end or unclosed):
        mark = context_mark
    line = first_line + min(mark.line, last_line) if mark is not None else first_line
    message = f"invalid YAML: {problem}"
    if context:
        message += f" ({context})"
    return ContentError(f"{message}; {_yaml_hint(problem, context)}", path, line)


def _yaml_hint(problem: str, context: str | None) -> str:
    """How to fix the most common YAML mistakes, in a curator's words."""
    if "mapping values are not allowed" in problem:
        return 'put quotes around a value that contains ": ", or fix the indentation'
    if "'\\t'" in problem:
        return "indent with spaces, not tabs"
    if "cannot start any token" in problem:
        return "put quotes around the value"
    if context and "quoted scalar" in context:
        return "close the quote that starts on this line"
    if context and "flow sequence" in context:
        return 'close the "[" on this line with "]"'
    if context and "flow mapping" in context:
        return 'close the "{" on this line with "}"'
    return "check the quotes and the indentation on this line"


def key_lines(node: yaml.Node | None, first_line: int = 1) -> dict[str, int]:
    """The line of each top-level key of a YAML mapping, from its composed node tree."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): first_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def _nested_key_lines(node: yaml.Node | None, first_line: int) -> list[dict[str, int]]:
    """For a YAML list of mappings (people.yaml), each item's key lines."""
    if isinstance(node, yaml.MappingNode):  # {people: [...]} form
        for _key, value in node.value:
            if isinstance(value, yaml.SequenceNode):
                node = value
                break
    if not isinstance(node, yaml.SequenceNode):
        return []
    items = []
    for item in node.value:
        lines = {"": first_line + item.start_mark.line}
        if isinstance(item, yaml.MappingNode):
            for key, _ in item.value:
                lines[str(key.value)] = first_line + key.start_mark.line
        items.append(lines)
    return items


def suggest(key: str, allowed: list[str]) -> str:
    """' (did you mean "speaker"?)' for a near miss, else ''."""
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.7)
    return f' (did you mean "{close[0]}"?)' if close else ""


# ---------------------------------------------------------------------------------------------
# Statement files


#: Keys of `source_metadata:`, each validated as the curator's key of the same name.
SOURCE_METADATA_KEYS = {"title", "date", "published", "source", "author", "url", "language"}
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_RETRIEVED = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z?)?$")

#: Front matter keys a curator may set; each overrides what the parser finds in the text.
FRONT_MATTER_SCHEMA: dict[str, str] = {
    "title": "the headline to show",
    "date": "when the statement was made: YYYY-MM-DD, YYYY-MM or YYYY",
    "published": "when the source published it, if later: YYYY-MM-DD, YYYY-MM or YYYY",
    "speaker": "who made it: a person id from people.yaml, or a name (a list for several)",
    "speaker_role": "the speaker's role at the time, e.g. Foreign Minister",
    "speaker_country": "the country the speaker spoke for",
    "persons": "people mentioned: ids from people.yaml or names",
    "source": "the publisher: a ministry, a mission to the UN, a news agency",
    "author": "the byline, for a news report",
    "url": "the original web address",
    "doc_type": "one of: " + ", ".join(DOC_TYPES),
    "language": "ISO 639-1 code of the text, e.g. en",
    "resolutions": "Security Council resolution numbers, e.g. [2375, 2397]",
    "countries": "countries the statement concerns",
    "agreements": "agreements it mentions, e.g. Stockholm Agreement",
    "topics": "topics for browsing, e.g. sanctions, abductions",
    "event": "the meeting or occasion",
    "responds_to": "ids of statements this one answers",
    "slug": "the last part of the URL, if not the file name",
    # Written by `build.py import`; the keys above (the curator's) win over them.
    "source_metadata": "what the source's page or scraper said: "
    + ", ".join(sorted(SOURCE_METADATA_KEYS)),
    "versions": "the texts retrieved from the source, oldest first: retrieved, sha256, text",
}

#: The keys a curator writes: all but those `build.py import` writes.
_CURATED_KEYS = [k for k in FRONT_MATTER_SCHEMA if k not in ("source_metadata", "versions")]
_LIST_KEYS = {"persons", "resolutions", "countries", "agreements", "topics", "responds_to"}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class SourceDocument:
    """One statement file as read: its raw text and its validated front matter."""

    path: str  # relative to the project root, for messages
    text: str  # the raw text after the front matter, exactly as in the file
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_lines: dict[str, int] = field(default_factory=dict)
    #: Line of the file on which `text` starts (1 when there is no front matter).
    first_line: int = 1
    content_hash: str = ""

    @property
    def id(self) -> str:
        slug = self.front_matter.get("slug")
        return slug if slug else file_slug(self.path)


def file_slug(path: str) -> str:
    """The URL name of a statement file without slug: its name in lower-case ASCII letters,
    digits and hyphens ("With space.md" -> with-space), so every link to it works unencoded
    and A.md beside a.md is reported as one URL, not written as two pages that collide on a
    case-insensitive disk. A name with no letter or digit (#.md, a Korean title) gets a
    stable one from its digest."""
    name = PurePosixPath(path).name.rpartition(".")[0] or PurePosixPath(path).name
    slug = "-".join(name_key(name).split())
    if slug:
        return slug
    return "statement-" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:8]


_FRONT_MATTER_END = re.compile(r"\n---\r?(?=\n|$)")
#: A line break of an old Mac file: a CR not followed by LF.
_LONE_CR = re.compile(r"\r(?!\n)")


def split_front_matter(text: str, path: str) -> tuple[str | None, str, int]:
    """Split "---\\n yaml \\n---\\n body" into (yaml, body, body's first line).

    Lines end at LF (CRLF and, after `normal_line_ends`, CR too); never at the other
    characters str.splitlines() breaks at (form feed, U+2028, ...), which may stand in a
    value and would make every later line number wrong."""
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        return None, text, 1
    opening_end = text.index("\n") + 1
    end = _FRONT_MATTER_END.search(text, opening_end - 1)
    if end is None:
        raise ContentError('front matter starts with "---" but has no closing "---" line', path, 1)
    block = text[opening_end : end.start() + 1]
    body = text[end.end() + 1 :]
    return block, body, text.count("\n", 0, end.end()) + 2


def normal_line_ends(text: str) -> str:
    """Old Mac files (CR only) read like the others: each lone CR becomes LF; CRLF stays."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


#: File signatures of the non-text files most likely to be dropped into content/ by mistake.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel file"),
    (b"{\\rtf", "an RTF document"),
)


def too_large(size: int, path: str) -> ContentError:
    return ContentError(
        f"is {size / 1e6:.1f} MB; a content file may be at most "
        f"{MAX_STATEMENT_BYTES // (1024 * 1024)} MB: is it really one statement? "
        "Split it into one file per statement",
        path,
    )


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text of a content file, or a message that names the first bad byte.

    A file that is not UTF-8 is an error rather than guessed at: the archive keeps texts
    exactly, and a Shift_JIS or EUC-JP page read as Windows-1252 would turn into plausible
    nonsense without any warning.
    """
    for signature, kind in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            raise ContentError(
                f"is {kind}, not text; save the statement's text as a .md file "
                "and keep the original elsewhere",
                path,
            )
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError("is a binary file, not text; remove it from content/", path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(
            "is UTF-16 text; save the file as UTF-8 (in most editors: Save As, encoding UTF-8)",
            path,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw[: error.start].count(b"\n") + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        raise ContentError(
            f"is not UTF-8: byte 0x{raw[error.start]:02x} at column {column} "
            f"(offset {error.start}); save the file as UTF-8{_encoding_hint(raw)}",
            path,
            line,
        ) from None
    return text.removeprefix("\ufeff")


def _encoding_hint(raw: bytes) -> str:
    """Name the likely encoding, only to help the curator convert the file themselves."""
    for encoding, name in (("shift_jis", "Shift_JIS"), ("euc_jp", "EUC-JP"), ("cp1252", "")):
        try:
            decoded = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if name and any("\u3040" <= c <= "\u30ff" for c in decoded):
            return f" (it looks like {name}: iconv -f {name} -t UTF-8 converts it)"
        if not name:
            return " (it looks like Windows-1252: iconv -f WINDOWS-1252 -t UTF-8 converts it)"
    return ""


def parse_statement_file(raw: bytes, path: str) -> SourceDocument:
    """Decode a statement file and validate its front matter against the schema."""
    if len(raw) > MAX_STATEMENT_BYTES:
        raise too_large(len(raw), path)
    text = normal_line_ends(decode(raw, path))
    block, body, first_line = split_front_matter(text, path)
    if not body.strip():
        raise ContentError(
            "has no statement text; paste the statement's text into it, or delete the file",
            path,
            first_line,
        )
    document = SourceDocument(
        path=path,
        text=body,
        first_line=first_line,
        content_hash=hashlib.sha256(raw).hexdigest(),
    )
    if block is not None and block.strip():
        values, node = read_yaml(block, path, first_line=2)
        if not isinstance(values, dict):
            raise ContentError(
                "front matter must be a mapping of keys to values (key: value)", path, 2
            )
        document.front_matter_lines = key_lines(node, first_line=2)
        document.front_matter = validate_front_matter(values, document.front_matter_lines, path)
    return document


def validate_front_matter(values: dict[Any, Any], lines: dict[str, int], path: str) -> dict:
    """Check every key and value; returns the values normalised (lists, ints, strings)."""
    errors: list[ArchiveError] = []
    clean: dict[str, Any] = {}
    for key, value in values.items():
        key = str(key)
        line = lines.get(key)
        if key not in FRONT_MATTER_SCHEMA:
            errors.append(
                ContentError(
                    f'unknown key "{key}"{suggest(key, list(FRONT_MATTER_SCHEMA))}; '
                    f"known keys: {', '.join(_CURATED_KEYS)}",
                    path,
                    line,
                )
            )
            continue
        if value is None:
            continue
        try:
            clean[key] = _front_matter_value(key, value)
        except ValueError as error:
            errors.append(ContentError(str(error), path, line))
    if errors:
        raise ContentErrors(errors)
    return clean


def _front_matter_value(key: str, value: Any) -> Any:
    if key == "source_metadata":
        return _source_metadata(value)
    if key == "versions":
        return _versions(value)
    if key in ("date", "published"):
        return check_date(value, key)
    if key == "resolutions":
        items = value if isinstance(value, list) else [value]
        numbers = []
        for item in items:
            text = str(item).strip()
            match = re.fullmatch(r"(?:S/RES/)?(\d{1,4})(?:\s*\(\d{4}\))?", text)
            if not match or isinstance(item, bool):
                raise ValueError(
                    f'resolution "{item}" is not a resolution number (expected e.g. 2397)'
                )
            numbers.append(int(match.group(1)))
        return sorted(set(numbers))
    if key == "speaker":
        items = value if isinstance(value, list) else [value]
        return [_plain_string(key, item) for item in items]
    if key in _LIST_KEYS:
        items = value if isinstance(value, list) else [value]
        return [_plain_string(key, item) for item in items]
    if key == "doc_type":
        text = _plain_string(key, value)
        if text not in DOC_TYPES:
            raise ValueError(
                f'doc_type "{text}" is not a document type{suggest(text, list(DOC_TYPES))}; '
                f"use one of: {', '.join(DOC_TYPES)}"
            )
        return text
    if key == "slug":
        text = _plain_string(key, value)
        if not _SLUG.match(text):
            raise ValueError(f'slug "{text}" may only hold lower-case letters, digits and hyphens')
        return text
    if key == "url":
        text = _plain_string(key, value)
        if not re.match(r"^https?://", text, re.IGNORECASE):
            raise ValueError(f'url "{text}" must start with http:// or https://')
        return text
    if key == "language":
        return _language(key, value)
    return _plain_string(key, value)


def _source_metadata(value: Any) -> dict[str, Any]:
    """`source_metadata:` as written by `build.py import`: each value checked as the
    curator's key of the same name is (a source's date in the future is as wrong)."""
    if not isinstance(value, dict):
        raise ValueError("source_metadata must be a mapping (key: value)")
    clean = {}
    for key, item in value.items():
        key = str(key)
        if key not in SOURCE_METADATA_KEYS:
            known = sorted(SOURCE_METADATA_KEYS)
            raise ValueError(
                f'source_metadata: unknown key "{key}"{suggest(key, known)}; '
                f"known keys: {', '.join(known)}"
            )
        if item is not None:
            clean[key] = _front_matter_value(key, item)
    return clean


def _versions(value: Any) -> list[dict[str, str]]:
    """`versions:` as written by `build.py import`, oldest first: each with its retrieval
    time and the SHA-256 of its text; every one but the last (the file's text) holds its text."""
    if not isinstance(value, list) or not value:
        raise ValueError("versions must be a list of versions (retrieved, sha256, text)")
    clean = []
    for number, item in enumerate(value, start=1):
        where = f"versions: version {number}"
        if not isinstance(item, dict) or set(map(str, item)) - {"retrieved", "sha256", "text"}:
            raise ValueError(f"{where} must be a mapping of retrieved, sha256 and text")
        retrieved, sha256 = str(item.get("retrieved", "")), str(item.get("sha256", ""))
        if not _RETRIEVED.match(retrieved):
            raise ValueError(f'{where}: retrieved "{retrieved}" is not YYYY-MM-DDTHH:MM:SSZ')
        if not _SHA256.match(sha256):
            raise ValueError(f"{where}: sha256 must be 64 lower-case hexadecimal digits")
        text = item.get("text")
        if number < len(value) and not isinstance(text, str):
            raise ValueError(f"{where} has no text (only the last version is the file's text)")
        clean.append({"retrieved": retrieved, "sha256": sha256, "text": text or ""})
    return clean


_URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
#: Characters a browser drops from a URL before reading its scheme ("java\tscript:").
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")


def link_is_safe(url: str, schemes: tuple[str, ...] = ("http", "https", "mailto")) -> bool:
    """True for a link a reader may follow: a relative one, or one with an allowed scheme;
    never javascript:, data: or vbscript:, however they are spelled or entity-encoded."""
    plain = _URL_IGNORED.sub("", html.unescape(url))
    scheme = _URL_SCHEME.match(plain)
    return scheme is None or scheme.group(1).lower() in schemes


def web_url(url: str | None) -> str | None:
    """An http(s) address, or None: the only kind of original link a page may show."""
    if url and link_is_safe(url, ("http", "https")) and _URL_SCHEME.match(url.strip()):
        # Percent-encoded, as a URL must be wherever it is written (pages, feeds, data): a
        # space, quote or "<" in a curator's address becomes %20, %22, %3C; escapes stay.
        return encode_url(url.strip())
    return None


def _plain_string(key: str, value: Any) -> str:
    """A text value: a string, or a whole number written without quotes (`title: 1984`).
    Nothing else is turned into text behind the curator's back: null in a list, true/false,
    a number with a point (.nan, .inf), a list or a mapping are errors."""
    if isinstance(value, dict | list):
        kind = "mapping" if isinstance(value, dict) else "list"
        raise ValueError(f"{key} must be a single value, not a {kind}")
    if value is None:
        raise ValueError(f"{key} has an empty item; remove it or write a value")
    if isinstance(value, bool) or not isinstance(value, str | int):
        kind = "true or false" if isinstance(value, bool) else "a number"
        raise ValueError(f"{key} must be text, not {kind}; put quotes around the value")
    text = str(value).strip()
    if not text:
        raise ValueError(f"{key} is empty")
    return text


_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def _language(key: str, value: Any) -> str:
    text = _plain_string(key, value)
    if not _LANGUAGE.match(text):
        raise ValueError(f'{key} "{text}" is not a language code such as en or ja')
    return text


def _optional_text(item: dict[Any, Any], key: str) -> str | None:
    """A curated record's optional text field: None when absent or empty."""
    value = item.get(key)
    if value is None or value == "":
        return None
    return _plain_string(key, value)


def check_date(value: Any, key: str = "date", today: date | None = None) -> str:
    """Validate a curated date; returns it as "YYYY-MM-DD", "YYYY-MM" or "YYYY"."""
    text = str(value).strip()
    expected = "(expected YYYY-MM-DD, YYYY-MM or YYYY)"
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not match:
        raise ValueError(f'{key} "{text}" is not a date {expected}')
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f'{key} "{text}" is not a date {expected}') from None
    first_day = date(year, month or 1, day or 1)
    if first_day > (today or date.today()):
        raise ValueError(f'{key} "{text}" is in the future; check the year')
    parts = [f"{year:04d}"] + [f"{p:02d}" for p in (month, day) if p is not None]
    return "-".join(parts)


# ---------------------------------------------------------------------------------------------
# Curated data files


_PERSON_KEYS = {"id", "name", "aliases", "roles", "country", "description"}
_ROLE_KEYS = {"title", "country", "start", "end"}
_RESOLUTION_KEYS = {"number", "adopted", "subject", "title", "year", "symbol"}
_SITE_KEYS = {"title", "description", "base_url", "language", "latest_count"}


def parse_people(text: str, path: str) -> list[Person]:
    """content/people.yaml: a list of persons with id, name, aliases and roles."""
    values, node = read_yaml(text, path)
    if isinstance(values, dict) and "people" in values:
        values = values["people"]
    if values is None:
        return []
    if not isinstance(values, list):
        raise ContentError("must be a list of persons (- id: ...)", path, 1)
    item_lines = _nested_key_lines(node, 1)
    people: list[Person] = []
    seen: dict[str, int] = {}
    errors: list[ArchiveError] = []
    for index, item in enumerate(values):
        lines = item_lines[index] if index < len(item_lines) else {}
        line = lines.get("", None)
        if not isinstance(item, dict):
            errors.append(ContentError("each person must be a mapping (id:, name:)", path, line))
            continue
        unknown = set(map(str, item)) - _PERSON_KEYS
        for key in sorted(unknown):
            errors.append(
                ContentError(
                    f'unknown key "{key}"{suggest(key, sorted(_PERSON_KEYS))}',
                    path,
                    lines.get(key, line),
                )
            )
        try:
            person_id = _optional_text(item, "id") or ""
            name = _optional_text(item, "name") or ""
        except ValueError as error:
            errors.append(ContentError(f"person {error}", path, line))
            continue
        if not _SLUG.match(person_id):
            errors.append(
                ContentError(
                    f'person id "{person_id}" must be lower-case letters, digits and hyphens',
                    path,
                    lines.get("id", line),
                )
            )
            continue
        if not name:
            errors.append(ContentError(f'person "{person_id}" has no name', path, line))
            continue
        if person_id in seen:
            errors.append(
                ContentError(
                    f'person id "{person_id}" is used twice (first on line {seen[person_id]})',
                    path,
                    lines.get("id", line),
                )
            )
            continue
        seen[person_id] = lines.get("id", line) or 0
        field_name = "roles"
        try:
            roles_value = item.get("roles") or []
            if not isinstance(roles_value, list):
                raise ValueError("roles must be a list of roles (- title: ..., start: 2017)")
            roles = tuple(_role(r) for r in roles_value)
            field_name = "aliases"
            aliases = item.get("aliases") or []
            if isinstance(aliases, dict):
                raise ValueError(
                    "aliases must be a list of names (aliases: [Kim Son]), not a mapping"
                )
            aliases = (
                [_plain_string("aliases", a) for a in aliases]
                if isinstance(aliases, list)
                else [_plain_string("aliases", aliases)]
            )
            field_name = "country"
            country = _optional_text(item, "country")
            field_name = "description"
            description = _optional_text(item, "description")
        except ValueError as error:
            errors.append(ContentError(str(error), path, lines.get(field_name, line)))
            continue
        people.append(
            Person(
                id=person_id,
                name=name,
                aliases=tuple(aliases),
                roles=roles,
                country=country,
                description=description,
            )
        )
    if errors:
        raise ContentErrors(errors)
    return people


def _role(item: Any) -> Role:
    if not isinstance(item, dict):
        raise ValueError("each role must be a mapping (title:, country:, start:, end:)")
    unknown = set(map(str, item)) - _ROLE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ValueError(f'unknown role key "{key}"{suggest(key, sorted(_ROLE_KEYS))}')
    if not item.get("title"):
        raise ValueError("a role needs a title")
    years = []
    for key in ("start", "end"):
        value = item.get(key)
        if value is not None and not (
            isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100
        ):
            raise ValueError(f'role {key} "{value}" must be a year such as 2017')
        years.append(value)
    return Role(
        title=_plain_string("role title", item["title"]),
        country=_optional_text(item, "country"),
        start=years[0],
        end=years[1],
    )


def parse_resolutions(text: str, path: str) -> list[Resolution]:
    """content/resolutions.yaml: a list of resolutions with number, adoption date, subject."""
    values, node = read_yaml(text, path)
    if isinstance(values, dict) and "resolutions" in values:
        values = values["resolutions"]
    if values is None:
        return []
    if not isinstance(values, list):
        raise ContentError("must be a list of resolutions (- number: ...)", path, 1)
    item_lines = _nested_key_lines(node, 1)
    resolutions: list[Resolution] = []
    seen: set[int] = set()
    errors: list[ArchiveError] = []
    for index, item in enumerate(values):
        lines = item_lines[index] if index < len(item_lines) else {}
        line = lines.get("")
        if not isinstance(item, dict):
            errors.append(ContentError("each resolution must be a mapping", path, line))
            continue
        for key in sorted(set(map(str, item)) - _RESOLUTION_KEYS):
            errors.append(
                ContentError(
                    f'unknown key "{key}"{suggest(key, sorted(_RESOLUTION_KEYS))}',
                    path,
                    lines.get(key, line),
                )
            )
        number = item.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or not 0 < number < 100_000:
            errors.append(
                ContentError(
                    f'resolution number "{number}" must be a whole number such as 2397',
                    path,
                    lines.get("number", line),
                )
            )
            continue
        if number in seen:
            errors.append(
                ContentError(f"resolution {number} is listed twice", path, lines.get("number"))
            )
            continue
        seen.add(number)
        adopted = None
        if item.get("adopted") is not None:
            try:
                iso = check_date(item["adopted"], "adopted")
                adopted = date.fromisoformat(iso) if len(iso) == 10 else None
                if adopted is None:
                    raise ValueError(f'adopted "{iso}" must be a full date (YYYY-MM-DD)')
            except ValueError as error:
                errors.append(ContentError(str(error), path, lines.get("adopted", line)))
                continue
        year = item.get("year")
        field_name = "year"
        try:
            if year is not None and not (
                isinstance(year, int) and not isinstance(year, bool) and 1945 <= year <= 2100
            ):
                raise ValueError(f'year "{year}" must be a year such as 2017')
            field_name = "subject"
            subject = _optional_text(item, "subject")
            field_name = "title"
            title = _optional_text(item, "title")
            field_name = "symbol"
            _optional_text(item, "symbol")
        except ValueError as error:
            errors.append(ContentError(str(error), path, lines.get(field_name, line)))
            continue
        resolutions.append(
            Resolution(
                number=number,
                year=year or (adopted.year if adopted else None),
                adopted=adopted,
                subject=subject,
                title=title,
            )
        )
    if errors:
        raise ContentErrors(errors)
    return sorted(resolutions, key=lambda r: r.number)


#: What may stand unencoded in a URL (RFC 3986's reserved and unreserved characters, and "%"
#: of an escape already made); everything else is percent-encoded as UTF-8.
URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"


def site_url(url: str) -> str:
    """The site's base URL, percent-encoded; ValueError when it is no http(s) address of a
    host, or carries a query or fragment (every page's address is made by appending to it)."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not url.strip().lower().startswith(
        ("http://", "https://")
    ):
        raise ValueError("base_url must start with http:// or https://")
    if not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f'base_url "{url}" must be the address of the site\'s home page, such as '
            "https://example.org/archive/ (a host, a path, and no ? or #)"
        )
    return encode_url(url.strip())


_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def encode_url(url: str) -> str:
    """A URL percent-encoded as RFC 3986 requires: a space, quote, "<", non-ASCII letter or a
    "%" that starts no escape is encoded (as UTF-8); escapes already made are kept."""
    return urllib.parse.quote(_LONE_PERCENT.sub("%25", url), safe=URL_SAFE)


def parse_site_settings(text: str, path: str) -> SiteSettings:
    """content/site.yaml: title, description, base URL."""
    values, node = read_yaml(text, path)
    values = values or {}
    if not isinstance(values, dict):
        raise ContentError("must be a mapping (title: ..., base_url: ...)", path, 1)
    lines = key_lines(node)
    errors: list[ArchiveError] = []
    for key in values:
        if key not in _SITE_KEYS:
            errors.append(
                ContentError(
                    f'unknown key "{key}"{suggest(str(key), sorted(_SITE_KEYS))}; '
                    f"known keys: {', '.join(sorted(_SITE_KEYS))}",
                    path,
                    lines.get(str(key)),
                )
            )
        elif isinstance(values[key], dict | list):
            errors.append(ContentError(f"{key} must be a single value", path, lines.get(str(key))))
    fields: dict[str, str | None] = {}
    for key in ("title", "description", "base_url", "language"):
        value = values.get(key)
        if isinstance(value, dict | list):
            continue  # reported above
        try:
            fields[key] = _language(key, value) if key == "language" and value else None
            fields[key] = fields[key] or _optional_text(values, key)
        except ValueError as error:
            errors.append(ContentError(str(error), path, lines.get(key)))
    base_url = fields.get("base_url") or ""
    if base_url:
        try:
            base_url = site_url(base_url)
        except ValueError as error:
            errors.append(ContentError(str(error), path, lines.get("base_url")))
    latest_count = values.get("latest_count") or SiteSettings.latest_count
    if not isinstance(latest_count, int) or isinstance(latest_count, bool) or latest_count < 1:
        errors.append(
            ContentError(
                f'latest_count "{latest_count}" must be a whole number such as 10',
                path,
                lines.get("latest_count"),
            )
        )
    if errors:
        raise ContentErrors(sorted(errors, key=lambda error: error.line or 0))
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    return SiteSettings(
        title=fields.get("title") or SiteSettings.title,
        description=fields.get("description") or "",
        base_url=base_url,
        language=fields.get("language") or "en",
        latest_count=latest_count,
    )


# ---------------------------------------------------------------------------------------------
# The content directory


@dataclass
class Content:
    """Everything read from content/, validated, before any extraction."""

    site: SiteSettings
    people: PeopleDirectory
    resolutions: dict[int, Resolution]
    documents: list[SourceDocument]
    #: Problems that do not stop the build, as "path: what is odd; what to do".
    warnings: list[str] = field(default_factory=list)
    #: (path relative to the project, file) of each statement file, in order.
    statement_files: list[tuple[str, Path]] = field(default_factory=list)
    #: With statements=False: the problems found so far, for the caller to report together
    #: with those of the statement files.
    errors: list[ArchiveError] = field(default_factory=list)


def statement_paths(content_dir: Path) -> list[Path]:
    """Statement files under content/statements/, in a stable order."""
    folder = content_dir / "statements"
    if not folder.is_dir():
        return []
    return [
        p
        for p in walk(folder)[0]
        if p.is_file() and not p.name.startswith(".") and p.suffix in STATEMENT_SUFFIXES
    ]


def walk(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Every entry under `folder` (files, links, folders), sorted as Paths sort, and each
    folder that could not be listed with the reason: Path.rglob skips those without a word.
    Links to folders are not followed, as rglob does not."""
    found: list[Path] = []
    unreadable: list[tuple[Path, str]] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    path = current / entry.name
                    found.append(path)
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            pending.append(path)
                    except OSError as error:
                        unreadable.append((path, error.strerror or str(error)))
        except OSError as error:
            unreadable.append((current, error.strerror or str(error)))
    # Sorting by parts orders as Paths do, without Path comparisons (seconds at 100,000).
    found.sort(key=_parts)
    return found, unreadable


def read_bytes(path: Path, shown: str) -> bytes:
    """A content file's bytes; refuses an oversized file before reading it into memory."""
    try:
        size = path.stat().st_size
        if size > MAX_STATEMENT_BYTES:
            raise too_large(size, shown)
        return path.read_bytes()
    except OSError as error:
        raise ContentError(f"cannot be read: {error.strerror}", shown) from None


def _inside_of(*roots: Path) -> Any:
    """A test of whether a path, its links followed, lies inside one of `roots` (the project,
    and content/ wherever a link puts it)."""
    real = [Path(os.path.realpath(root)) for root in roots]
    return lambda path: any(Path(os.path.realpath(path)).is_relative_to(r) for r in real)


def outside_link(shown: str, path: Path) -> ContentError:
    """A link that leads out of the project: a build machine would publish whatever file it
    names (the system's password file, a key), so it is refused, as static-site builders do
    in their safe modes."""
    return ContentError(
        f"is a link to {os.path.realpath(path)}, outside the project; a build publishes only "
        "the project's own files: copy the file into the project instead",
        shown,
    )


def _parts(path: Path) -> tuple[str, ...]:
    return path.parts


def read_content(
    content_dir: Path, root: Path | None = None, *, statements: bool = True
) -> Content:
    """Read and validate all of content/; raises ContentErrors listing every problem found.

    With `statements=False` the statement files are only listed in `statement_files`, for a
    build that reads and parses them itself (in parallel, skipping those it has cached), and
    problems are returned in `errors` instead of raised.
    """
    root = root or content_dir.parent
    errors: list[ArchiveError] = []

    def rel(path: Path) -> str:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)

    inside = _inside_of(root, content_dir)

    def read_curated(name: str, parse: Any, default: Any) -> Any:
        path = content_dir / name
        if not path.exists():
            return default
        if not inside(path):
            errors.append(outside_link(rel(path), path))
            return default
        try:
            return parse(decode(read_bytes(path, rel(path)), rel(path)), rel(path))
        except ContentErrors as error:
            errors.extend(error.errors)
        except ArchiveError as error:
            errors.append(error)
        return default

    if not content_dir.is_dir():
        raise ContentError(
            "is missing: the project has no content/ folder (run build.py in the project, "
            "or pass --project with the folder that holds content/)",
            rel(content_dir) + "/",
        )
    site = read_curated("site.yaml", parse_site_settings, SiteSettings())
    people = read_curated("people.yaml", parse_people, [])
    resolutions = read_curated("resolutions.yaml", parse_resolutions, [])
    read_curated("about.md", lambda text, path: text, None)  # checked here, rendered later

    warnings = [
        f"{rel(path)}: is not used by the build (content/ holds statements/, "
        f"{', '.join(sorted(CONTENT_FILES))}); move it out of content/"
        for path in (sorted(content_dir.iterdir()) if content_dir.is_dir() else [])
        if not path.name.startswith(".") and path.name not in CONTENT_FILES | {"statements"}
    ]
    documents: list[SourceDocument] = []
    statement_files: list[tuple[str, Path]] = []
    folder = content_dir / "statements"
    if folder.exists() and not folder.is_dir():
        errors.append(ContentError("must be a folder of statement files", rel(folder)))
    if folder.is_dir() and not inside(folder):
        errors.append(outside_link(rel(folder), folder))
    walkable = folder.is_dir() and inside(folder)
    entries, unreadable = walk(folder) if walkable else ([], [])
    for path, reason in unreadable:
        errors.append(
            ContentError(
                f"cannot be read: {reason}; its statements would be left out (give the build "
                "permission to read it, or move it out of content/statements/)",
                rel(path) + "/",
            )
        )
    for path in entries:
        if path.is_symlink() and not path.exists():
            warnings.append(f"{rel(path)}: is a broken link (or a loop of links); skipped")
            continue
        if path.is_symlink() and not inside(path):
            errors.append(outside_link(rel(path), path))
            continue
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.suffix not in STATEMENT_SUFFIXES:
            errors.append(
                ContentError(
                    f"is not a statement file (expected {' or '.join(STATEMENT_SUFFIXES)}); "
                    "move it out of content/statements/",
                    rel(path),
                )
            )
            continue
        statement_files.append((rel(path), path))
        if not statements:
            continue
        try:
            documents.append(parse_statement_file(read_bytes(path, rel(path)), rel(path)))
        except ContentErrors as error:
            errors.extend(error.errors)
        except ArchiveError as error:
            errors.append(error)
    if errors and statements:
        raise ContentErrors(errors)
    return Content(
        site=site,
        people=PeopleDirectory.of(people),
        resolutions={r.number: r for r in resolutions},
        documents=documents,
        warnings=warnings,
        statement_files=statement_files,
        errors=errors,
    )
