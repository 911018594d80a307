"""What the output tests share: the seed statement they look at, hostile text, helpers."""

from __future__ import annotations

import json
import re
from pathlib import Path

from archive.model import PersonRef, Statement, StatementDate
from tests.page_data import downloads, embedded, page_paragraphs  # noqa: F401 - shared

#: A real seed statement whose speaker, date and source the curator gave in front matter, so
#: these tests do not depend on what the parser finds.
SEED = "2024-03-29-north-korea-shuts-door-on-japan"
BASE = "https://statements.example.org/"

SCRIPT = "<script>alert(1)</script>"
CLOSE = "</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
HOSTILE = f"{SCRIPT} {CLOSE} {ATTRIBUTE}"

HOSTILE_STATEMENT = f"""---
title: '{HOSTILE.replace("'", "''")}'
date: 2020-05-01
speaker: '{HOSTILE.replace("'", "''")}'
source: '{ATTRIBUTE}'
speaker_country: Japan
---
The first paragraph says {HOSTILE} in the middle.

A second paragraph, plain.
"""


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def json_ld(html: str) -> dict:
    """The JSON-LD block of a page, parsed."""
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def statement(
    statement_id: str,
    date: StatementDate | None = None,
    speaker: str | None = None,
    country: str | None = None,
    title: str = "A title",
) -> Statement:
    """A statement made in a test, without reading or extracting anything."""
    speakers = [PersonRef(speaker, "Foreign Minister", country)] if speaker else []
    return Statement(
        id=statement_id,
        path=f"content/statements/{statement_id}.md",
        title=title,
        title_generated=False,
        date=date or StatementDate.unknown(),
        speakers=speakers,
        persons=[],
        countries=[country] if country else [],
        resolutions=[],
        resolution_mentions=[],
        agreements=[],
        doc_type="press-release",
        source="Ministry",
        author=None,
        url=None,
        language="en",
        paragraphs=["First paragraph.", "Second paragraph."],
    )
