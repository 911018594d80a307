"""Where imported statements go: what content/statements/ already holds (by address, by
normalised text, by the hash of every version retrieved), what a record is to it (new,
unchanged, or a new version of a statement), and the statement files written whole.

An imported file's front matter ends with a block the importer owns, after `MARKER`:
`source_metadata:` (what the source said) and `versions:` (each text retrieved, with its
SHA-256 and retrieval time; all but the last hold their text, the last is the file's text).
A curator writes keys above the marker; they win over the source's, and a new version
rewrites only what is below it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from archive.content.read import STATEMENT_SUFFIXES, load_yaml, split_front_matter
from archive.importing.records import Record, normalised_hash, text_sha256

MARKER = "# ---- written by build.py import: what the source said, and its texts ----"
_URL_FRAGMENT = re.compile(r"#.*$")


def address_key(url: str) -> str:
    """An address as the same page: scheme and host in lower case, no fragment."""
    url = _URL_FRAGMENT.sub("", url.strip())
    scheme, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}{sep}{host.lower()}{slash}{path}"


@dataclass
class Stored:
    """A statement file of content/statements/ as the importer sees it."""

    path: Path
    url: str | None
    #: Normalised hashes of its text and of every earlier version's.
    texts: set[str] = field(default_factory=set)
    #: SHA-256 of every version as retrieved.
    retrieved: set[str] = field(default_factory=set)


@dataclass
class Index:
    """content/statements/ by address and by text, updated as statements are written."""

    folder: Path
    by_url: dict[str, Stored] = field(default_factory=dict)
    by_text: dict[str, Stored] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)

    def add(self, stored: Stored) -> None:
        if stored.url:
            self.by_url.setdefault(address_key(stored.url), stored)
        for digest in stored.texts | stored.retrieved:
            self.by_text.setdefault(digest, stored)
        self.names.add(stored.path.stem.lower())


def read_index(folder: Path) -> Index:
    """What content/statements/ holds; a file that cannot be read is left to `check`."""
    index = Index(folder)
    if not folder.is_dir():
        return index
    for path in sorted(folder.rglob("*")):
        if path.name.startswith(".") or path.suffix not in STATEMENT_SUFFIXES:
            continue
        index.names.add(path.stem.lower())
        try:
            text = path.read_text(encoding="utf-8")
            block, body, _ = split_front_matter(text, str(path))
            values = load_yaml(block, str(path)) if block and block.strip() else {}
        except Exception:  # noqa: BLE001 - a broken file is `check`'s to report, not import's
            continue
        index.add(stored_of(path, values if isinstance(values, dict) else {}, body))
    return index


def stored_of(path: Path, values: dict[str, Any], body: str) -> Stored:
    source = values.get("source_metadata")
    source = source if isinstance(source, dict) else {}
    url = values.get("url") or source.get("url")
    stored = Stored(path, str(url) if url else None, {normalised_hash(body)})
    versions = values.get("versions")
    for version in versions if isinstance(versions, list) else []:
        if isinstance(version, dict):
            if version.get("sha256"):
                stored.retrieved.add(str(version["sha256"]))
            if isinstance(version.get("text"), str):
                stored.texts.add(normalised_hash(version["text"]))
    return stored


def decide(index: Index, record: Record) -> tuple[str, Stored | None]:
    """("new", None), ("unchanged", the statement) or ("version", the statement)."""
    text_hashes = set(record.hashes)
    url = record.metadata.get("url")
    stored = index.by_url.get(address_key(url)) if url else None
    if stored is not None:
        if text_hashes & (stored.texts | stored.retrieved):
            return "unchanged", stored
        return "version", stored
    for digest in text_hashes:
        if digest in index.by_text:
            return "unchanged", index.by_text[digest]
    return "new", None


# --- the files --------------------------------------------------------------------------------


class _BlockDumper(yaml.SafeDumper):
    """Texts of earlier versions as literal blocks, readable in the file."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _string)


def importer_block(metadata: dict[str, str], versions: list[dict[str, str]]) -> str:
    """The lines after MARKER: source_metadata and versions, as YAML. Texts of earlier
    versions are literal blocks, readable in the file; without them (a new statement, the
    import of thousands) the block is written directly, ten times faster than PyYAML."""
    if any(version.get("text") for version in versions):
        values: dict[str, Any] = {"source_metadata": dict(metadata)} if metadata else {}
        values["versions"] = versions
        return yaml.dump(
            values, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=1000
        )
    lines = ["source_metadata:"] if metadata else []
    lines += [f"  {key}: {yaml_string(value)}" for key, value in metadata.items()]
    lines.append("versions:")
    for version in versions:
        lines += [
            f"- retrieved: {yaml_string(version['retrieved'])}",
            f"  sha256: {yaml_string(version['sha256'])}",
        ]
    return "\n".join(lines) + "\n"


#: Characters a YAML double-quoted scalar may not hold as they are, or that PyYAML reads as
#: line breaks; JSON escapes the C0 controls, quotes and backslashes already.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar that reads back as `value` exactly."""
    quoted = json.dumps(str(value), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def new_file(record: Record, retrieved: str, comments: list[str]) -> str:
    """A new statement file: the importer's block, the parser's findings as comments for a
    curator to confirm (plain texts only), and the text exactly as the source gave it."""
    version = {"retrieved": retrieved, "sha256": record.hashes[1]}
    lines = [
        "---",
        f"# Imported from {_comment(record.origin)}. Keys written above the next line win over",
        "# the source's; `build.py import` rewrites only what is below it.",
        *comments,
        MARKER,
    ]
    return (
        "\n".join(lines) + "\n" + importer_block(record.metadata, [version]) + "---\n" + record.text
    )


def new_version_file(current: str, path: str, record: Record, retrieved: str) -> str | None:
    """The file with the record's text as its latest version, its current text kept as the
    version before; None when its front matter has no importer block to rewrite."""
    block, body, _ = split_front_matter(current, path)
    if block is None or MARKER not in block:
        return None
    curated, _, owned = block.partition(MARKER)
    values = load_yaml(owned, path) or {}
    versions = [dict(v) for v in values.get("versions") or []]
    if versions:
        versions[-1]["text"] = body
    versions.append({"retrieved": retrieved, "sha256": text_sha256(record.text)})
    metadata = record.metadata or values.get("source_metadata") or {}
    return (
        "---\n"
        + curated
        + MARKER
        + "\n"
        + importer_block(metadata, versions)
        + "---\n"
        + record.text
    )


def _comment(text: str) -> str:
    return " ".join(text.split())


def write_new(folder: Path, stem: str, content: str, taken: set[str]) -> Path:
    """Write a new statement file whole, under `stem` or `stem-2`, `stem-3`... (never over a
    file or through a link that is there already)."""
    folder.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(folder, content)
    try:
        number = 1
        while True:
            name = stem if number == 1 else f"{stem}-{number}"
            number += 1
            if name.lower() in taken:
                continue
            target = folder / f"{name}.md"
            try:
                os.link(temporary, target)  # fails on anything there, a dangling link too
            except FileExistsError:
                taken.add(name.lower())
                continue
            taken.add(name.lower())
            return target
    finally:
        temporary.unlink(missing_ok=True)


def replace_whole(target: Path, content: str) -> None:
    """Replace a statement file by a new one in one step: a reader sees the old or the new."""
    temporary = _temporary(target.parent, content)
    try:
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _temporary(folder: Path, content: str) -> Path:
    # A dot file: the build skips it, should the import be killed before it is renamed. Not
    # fsynced: an import is re-run after a crash (it is idempotent), and 3,501 fsyncs cost
    # seconds.
    handle, name = tempfile.mkstemp(prefix=".import-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)
