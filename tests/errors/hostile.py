"""A project whose every field carries script payloads, for the injection tests."""

from __future__ import annotations

import html.parser
import json
import shutil
from pathlib import Path

from archive.content.read import link_is_safe

#: Breaks out of text, of a double-quoted attribute, of an inline <script> and of an SVG.
PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)></script><svg onload=alert(1)>'


def hostile(field: str) -> str:
    """The payload behind a marker naming the field, so a test can tell which field shows."""
    return f"{field}-{PAYLOAD}"


def quoted(field: str) -> str:
    """The payload as a single-quoted YAML scalar."""
    return "'" + hostile(field).replace("'", "''") + "'"


STATEMENT = f"""---
title: {quoted("TITLE")}
date: 2017-12-23
speaker: {quoted("SPEAKER")}
speaker_role: {quoted("ROLE")}
speaker_country: {quoted("SPEAKERCOUNTRY")}
persons: [{quoted("PERSON")}, evil-person]
source: {quoted("SOURCE")}
author: {quoted("AUTHOR")}
url: 'https://example.org/a?b="><script>alert(1)</script>'
event: {quoted("EVENT")}
topics: [{quoted("TOPIC")}]
agreements: [{quoted("AGREEMENT")}]
countries: [{quoted("COUNTRY")}]
resolutions: [2397]
---
{hostile("HEADLINE")}

December 22, 2017

{hostile("BODY")} The Security Council adopted resolution 2397 today. {PAYLOAD}

[a link](javascript:alert(1)) <b onmouseover=alert(1)>bold</b> {hostile("TAIL")}
"""

CURATED_SPEAKER = """---
date: 2018-03-01
speaker: evil-person
---
Statement by the hostile person on resolution 2397.

The Minister said sanctions must be enforced.
"""

#: Cells a spreadsheet would run as formulas when it opens data/statements.csv.
FORMULA_STATEMENT = """---
title: '=HYPERLINK("http://evil.example/","open me")'
date: 2019-05-01
speaker: '@SUM(1+1)'
source: '+cmd|calc'
---
A statement whose fields look like spreadsheet formulas, on resolution 2397.

The Minister said the sanctions matter.
"""

PEOPLE = f"""- id: evil-person
  name: {quoted("PEOPLENAME")}
  aliases: [{quoted("ALIAS")}]
  country: {quoted("PEOPLECOUNTRY")}
  description: {quoted("DESCRIPTION")}
  roles:
    - {{title: {quoted("ROLETITLE")}, country: {quoted("ROLECOUNTRY")}, start: 2016}}
- id: kim-song
  name: Kim Song
"""

RESOLUTIONS = f"""- number: 2397
  adopted: 2017-12-22
  subject: {quoted("SUBJECT")}
  title: {quoted("RESTITLE")}
"""

SITE = f"""title: {quoted("SITETITLE")}
description: {quoted("SITEDESCRIPTION")}
base_url: https://statements.example.org/
"""

ABOUT = f"""# About {hostile("ABOUTHEAD")}

<script>alert(1)</script> <img src=x onerror=alert(1)> {hostile("ABOUT")}

[click](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>)
[tab](jav&#x09;ascript:alert(1)) ![img](javascript:alert(1)) [ok](https://example.org/)

[ref]: javascript:alert(1)
See [the reference][ref].
"""


def make_hostile_project(root: Path, repo: Path) -> Path:
    """A project with the real templates and static files and hostile content."""
    project = root / "hostile"
    shutil.copytree(repo / "templates", project / "templates")
    shutil.copytree(repo / "static", project / "static")
    if (repo / "node_modules").exists():
        (project / "node_modules").symlink_to(repo / "node_modules")
    content = project / "content"
    (content / "statements").mkdir(parents=True)
    files = {
        "statements/2017-12-23-hostile.md": STATEMENT,
        "statements/2018-03-01-curated.md": CURATED_SPEAKER,
        "statements/2019-05-01-formula.md": FORMULA_STATEMENT,
        "people.yaml": PEOPLE,
        "resolutions.yaml": RESOLUTIONS,
        "site.yaml": SITE,
        "about.md": ABOUT,
    }
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    return project


# ---------------------------------------------------------------------------------------------
# What a browser would run


class ActiveContent(html.parser.HTMLParser):
    """Reads HTML as a browser would and records what could run: event handler attributes,
    inline scripts, the payload's elements, and links with a scheme that runs code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            link = name in ("href", "src", "action", "formaction", "xlink:href")
            if link and value and not link_is_safe(value):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and attributes.get("src") == "x":
            self.problems.append("<img src=x>")
        if tag == "svg" and "onload" in attributes:
            self.problems.append("<svg onload>")
        if tag == "script":
            self._script, self._script_text = attributes, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.text.append(data)


def active_content(markup: str) -> tuple[list[str], str]:
    """(what could run, the visible text) of an HTML document or fragment."""
    reader = ActiveContent()
    reader.feed(markup)
    reader.close()
    problems = list(reader.problems)
    for attributes, code in reader.scripts:
        kind = attributes.get("type") or "text/javascript"
        # Data blocks, which no browser runs (JSON-LD; a statement page's citation and data):
        # they must stay whole JSON, so that no text breaks out of them.
        if kind in ("application/ld+json", "application/json"):
            try:
                json.loads(code)
            except ValueError:
                problems.append(f"inline JSON broken open: {code[:120]!r}")
        elif "alert(" in code:
            problems.append(f"inline script runs the payload: {code[:120]!r}")
    return problems, "".join(reader.text)
