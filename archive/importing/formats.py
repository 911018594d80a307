"""The inputs of `build.py import`: files and folders (recursively), each recognised by its
content (a page, JSON Lines, CSV, plain text; gzip-compressed or not) and read into Records,
or refused with a Problem that names the file and line.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from archive.content.read import _BINARY_SIGNATURES, MAX_STATEMENT_BYTES
from archive.importing.pages import read_page
from archive.importing.records import Problem, Record, record_of, text_column

#: A JSON Lines or CSV file is read a record at a time, so it may be far larger than one
#: statement; this bound only stops a mistaken multi-gigabyte input early.
MAX_RECORDS_BYTES = 2 * 1024**3
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|title|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_TABLE_SUFFIXES = {".csv", ".tsv"}


def input_files(paths: list[Path]) -> Iterator[Path | Problem]:
    """Each path, or each file under a folder (recursively, hidden ones left out), in order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield Problem(str(path), "does not exist" if not path.exists() else "is not a file")


def kind_of(head: bytes, path: Path) -> str:
    """ "gzip", "binary", "page", "jsonl", "csv" or "text", from the first bytes (and, for a
    table or page that its content does not settle, the name)."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if any(head.startswith(signature) for signature, _ in _BINARY_SIGNATURES):
        return "binary"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_START.match(stripped) or b"<html" in head[:2048].lower():
        return "page"
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"[") and (
        path.suffix.lower() == ".json" or _starts_json_list(stripped)
    ):
        return "json"
    first = stripped.split(b"\n", 1)[0].decode("utf-8", "replace")
    suffix = path.suffix.lower()
    if suffix in _TABLE_SUFFIXES or _csv_header(first):
        return "csv"
    if suffix in (".html", ".htm", ".xhtml") and b"<" in head:
        return "page"
    return "text"


def _starts_json_list(head: bytes) -> bool:
    """A JSON list of objects: "[" and then "{" (past white space)."""
    return head[1:].lstrip(b" \t\r\n").startswith(b"{")


def _csv_header(line: str) -> bool:
    """A first line that names a text column among others: a CSV whatever its name."""
    for delimiter in ",;\t":
        cells = [cell.strip().strip('"').lower() for cell in line.split(delimiter)]
        if len(cells) > 1 and text_column(cells):
            return True
    return False


def _binary_name(head: bytes) -> str:
    return next((kind for signature, kind in _BINARY_SIGNATURES if head.startswith(signature)), "")


def read_input(path: Path, unknown: dict[str, int]) -> Iterator[Record | Problem]:
    """The records of one input file, or the problems that stopped them."""
    shown = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8192)
    except OSError as error:
        yield Problem(shown, f"cannot be read: {error.strerror}")
        return
    kind = kind_of(head, path)
    if kind == "gzip":
        yield from _read_gzip(path, unknown)
        return
    if kind == "binary":
        what = _binary_name(head) or "a binary file"
        yield Problem(shown, f"is {what}, not text, a web page or a table of records")
        return
    if kind == "json":
        yield from _read_json_list(path, size, unknown)
        return
    if kind in ("jsonl", "csv"):
        if size > MAX_RECORDS_BYTES:
            yield Problem(shown, f"is {size / 1e9:.1f} GB; split it into smaller files")
            return
        with path.open("rb") as stream:
            yield from _read_records(kind, stream, shown, unknown)
        return
    if size > MAX_STATEMENT_BYTES:
        yield Problem(
            shown,
            f"is {size / 1e6:.1f} MB; a page or text may be at most "
            f"{MAX_STATEMENT_BYTES // 2**20} MB: is it really one statement?",
        )
        return
    try:
        raw = path.read_bytes()
    except OSError as error:
        yield Problem(shown, f"cannot be read: {error.strerror}")
        return
    yield read_page(raw, shown) if kind == "page" else read_text(raw, shown)


#: A JSON list is read whole (JSON Lines, a record at a time, has no such bound).
MAX_JSON_LIST_BYTES = 512 * 1024**2


def _read_json_list(path: Path, size: int, unknown: dict[str, int]) -> Iterator[Record | Problem]:
    shown = str(path)
    if size > MAX_JSON_LIST_BYTES:
        yield Problem(shown, f"is {size / 1e6:.0f} MB of JSON; write it as JSON Lines instead")
        return
    try:
        values = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as error:
        yield Problem(shown, f"is not UTF-8 (byte 0x{error.object[error.start]:02x})")
        return
    except json.JSONDecodeError as error:
        yield Problem(f"{shown}:{error.lineno}", f"is not JSON: {error.msg} (column {error.colno})")
        return
    if not isinstance(values, list):
        yield Problem(shown, "is JSON but not a list of statements")
        return
    for number, item in enumerate(values, start=1):
        origin = f"{shown}: record {number}"
        if isinstance(item, dict):
            yield record_of(item, origin, unknown)
        else:
            yield Problem(origin, "is not a JSON object ({...}) of one statement")


def _read_gzip(path: Path, unknown: dict[str, int]) -> Iterator[Record | Problem]:
    shown = str(path)
    try:
        with gzip.open(path, "rb") as stream:
            head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
            kind = kind_of(head, path.with_suffix(""))
            if kind not in ("jsonl", "csv"):
                yield Problem(shown, "is compressed; only JSON Lines and CSV may be (.gz)")
                return
            yield from _read_records(kind, stream, shown, unknown)
    except (OSError, EOFError) as error:
        yield Problem(shown, f"is not a whole gzip file: {error}")


def _read_records(
    kind: str, stream: io.BufferedIOBase, shown: str, unknown: dict[str, int]
) -> Iterator[Record | Problem]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield from (_jsonl(text, shown, unknown) if kind == "jsonl" else _csv(text, shown, unknown))
    except UnicodeDecodeError as error:
        yield Problem(
            shown, f"is not UTF-8 (byte 0x{error.object[error.start]:02x}); save it as UTF-8"
        )


def _jsonl(
    lines: io.TextIOWrapper, shown: str, unknown: dict[str, int]
) -> Iterator[Record | Problem]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        origin = f"{shown}:{number}"
        try:
            values = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as error:
            yield Problem(origin, f"is not JSON: {error.msg} (column {error.colno})")
            continue
        if not isinstance(values, dict):
            yield Problem(origin, "is not a JSON object ({...}) of one statement")
            continue
        yield record_of(values, origin, unknown)


def _csv(
    lines: io.TextIOWrapper, shown: str, unknown: dict[str, int]
) -> Iterator[Record | Problem]:
    sample = lines.read(65536)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t")
    except csv.Error:
        dialect = csv.excel
    rest = io.StringIO(sample + lines.read())
    csv.field_size_limit(MAX_STATEMENT_BYTES * 2)
    reader = csv.DictReader(rest, dialect=dialect)
    columns = [c.strip() for c in reader.fieldnames or []]
    if not text_column([c.lower() for c in columns]):
        yield Problem(
            f"{shown}:1",
            f"has no text column: its header is {', '.join(columns) or '(empty)'}; "
            "name the statement's column text, body or content",
        )
        return
    try:
        for row in reader:
            origin = f"{shown}:{reader.line_num}"
            if None in row:
                yield Problem(origin, "has more cells than the header has columns")
                continue
            values = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
            yield record_of(values, origin, unknown)
    except csv.Error as error:
        yield Problem(f"{shown}:{reader.line_num}", f"is not valid CSV: {error}")


def read_text(raw: bytes, shown: str) -> Record | Problem:
    """A plain text file: UTF-8 only (a text declares no charset, so any other would be a
    guess), kept exactly; the parser dates and names it."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(
            f"{shown}:{line}",
            f"is not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); a text file "
            "declares no charset, so it is not guessed: save it as UTF-8",
        )
    if text.startswith(("---\n", "---\r\n")):
        return Problem(shown, "already has front matter: copy it into content/statements/ as it is")
    if not text.strip():
        return Problem(shown, "is empty")
    return Record(shown, text, {}, None, "text")
