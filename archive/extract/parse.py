"""The parser: from a statement's raw scraped text, the clean body and the facts a reader
browses by. `parse_text` never raises on any text.

This first version is deliberately simple (first full date, title line, resolution numbers);
the parsing issue replaces it with strong rules.
"""

from __future__ import annotations

import re

from archive.model import (
    MONTH_NAMES,
    ParsedText,
    PeopleDirectory,
    ResolutionMention,
    StatementDate,
    text_provenance,
)

_MONTHS = {name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)}
_FULL_DATE = re.compile(
    r"\b(?P<month>" + "|".join(MONTH_NAMES) + r")\s+(?P<day>\d{1,2}),\s+(?P<year>(?:19|20)\d\d)\b"
)
_RESOLUTION = re.compile(r"\b[Rr]esolutions?\s+(\d{3,4})\b")


def parse_text(text: str, people: PeopleDirectory | None = None, first_line: int = 1) -> ParsedText:
    """Read what the raw text tells about a statement.

    `first_line` is the line of the file on which `text` starts (after any front matter), so
    that "text:N" provenance names the line of the file.
    """
    parsed = ParsedText()
    lines = text.splitlines()
    body: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=first_line):
        stripped = line.strip(" \t|")
        if stripped:
            body.append((number, stripped))
    for number, line in body:
        match = _FULL_DATE.search(line)
        if match:
            parsed.date = StatementDate(
                int(match["year"]),
                _MONTHS[match["month"].lower()],
                int(match["day"]),
                precision="day",
                source=text_provenance(number),
                evidence=match.group(0),
            )
            break
    if body and len(body[0][1]) < 160 and not body[0][1].endswith("."):
        parsed.title = body[0][1]
        parsed.sources["title"] = text_provenance(body[0][0])
        body = body[1:]
    parsed.paragraphs = [line for _, line in body]
    for index, paragraph in enumerate(parsed.paragraphs, start=1):
        for match in _RESOLUTION.finditer(paragraph):
            parsed.resolution_mentions.append(
                ResolutionMention(int(match.group(1)), index, paragraph)
            )
    parsed.resolutions = sorted({m.number for m in parsed.resolution_mentions})
    if parsed.title is None and parsed.paragraphs:
        parsed.title = " ".join(parsed.paragraphs[0].split()[:10])
        parsed.title_generated = True
        parsed.sources["title"] = "generated"
    return parsed
