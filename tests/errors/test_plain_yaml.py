"""Front matter and curated YAML hold plain values only, each checked against its type before
anything uses it: tags, aliases, duplicate keys, deep nesting, control characters, invalid
Unicode and values of the wrong type are `path:line: message` and exit 1, never a traceback,
a silent coercion or a result that depends on the hash seed (issue 19, items 4 to 7)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from archive.content.read import (
    FRONT_MATTER_SCHEMA,
    MAX_YAML_DEPTH,
    SourceDocument,
    parse_people,
    parse_resolutions,
    parse_site_settings,
    parse_statement_file,
)
from archive.errors import ArchiveError
from archive.extract.merge import extract_statement
from archive.model import PeopleDirectory
from tests.errors.conftest import BUILD_FAILED, CHECK_FAILED, expected

GOOD = "---\ndate: 2017-09-12\n---\nText of a statement.\n"
NOT_PLAIN = (
    "is not allowed; write a plain value, a list or a mapping "
    "(put quotes around a value that starts with !)"
)
DEEP = f"values are nested more than {MAX_YAML_DEPTH} deep; write single values, lists and mappings"
ALIAS = (
    "the value with an anchor (&name) here is repeated by an alias (*name); write the value "
    "out where it is repeated (anchors and aliases are not allowed)"
)
CONTROL = "is not allowed; remove it (only tab and newline may stand in a value)"
#: Billion laughs in people.yaml: nine levels of nine aliases, about 70 GB once expanded.
LAUGHS = "- id: lol\n  name: Lol\n  aliases: [&a0 lol]\n" + "".join(
    f"- id: lol{i}\n  name: Lol {i}\n  aliases: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n"
    for i in range(1, 10)
)

#: name -> (files under content/, the exact error lines build and check print).
CASES: dict[str, tuple[dict[str, str], list[str]]] = {
    # 4. Types that change with the hash seed, or are not text at all.
    "a set as a title": (
        {"statements/a.md": "---\ntitle: !!set {a, b}\n---\nText.\n"},
        [f"content/statements/a.md:2: title: the tag !!set {NOT_PLAIN}"],
    ),
    "a set of countries": (
        {"statements/a.md": "---\ndate: 2017-09-12\ncountries: !!set {a, b}\n---\nText.\n"},
        [f"content/statements/a.md:3: countries: the tag !!set {NOT_PLAIN}"],
    ),
    "binary as a title": (
        {"statements/a.md": "---\ntitle: !!binary aGVsbG8=\n---\nText.\n"},
        [f"content/statements/a.md:2: title: the tag !!binary {NOT_PLAIN}"],
    ),
    "a timestamp as a source": (
        {"statements/a.md": "---\nsource: !!timestamp 2017-01-01\n---\nText.\n"},
        [f"content/statements/a.md:2: source: the tag !!timestamp {NOT_PLAIN}"],
    ),
    "a local tag in site.yaml": (
        {"statements/a.md": GOOD, "site.yaml": "title: !local Archive\n"},
        [f"content/site.yaml:1: title: the tag !local {NOT_PLAIN}"],
    ),
    # 5. What ended in tracebacks.
    "a lone surrogate": (
        {"statements/a.md": '---\ntitle: "Esc\\ud800"\n---\nText.\n'},
        [
            "content/statements/a.md:2: title: an invalid character (a lone surrogate such as "
            "\\ud800) is not allowed; write the character itself"
        ],
    ),
    "a year that is a word": (
        {"statements/a.md": GOOD, "resolutions.yaml": "- number: 2397\n  year: abc\n"},
        ['content/resolutions.yaml:2: year "abc" must be a year such as 2017'],
    ),
    "a year that is a list": (
        {"statements/a.md": GOOD, "resolutions.yaml": "- number: 2397\n  year: [1, 2]\n"},
        ['content/resolutions.yaml:2: year "[1, 2]" must be a year such as 2017'],
    ),
    "a year that is infinite": (
        {"statements/a.md": GOOD, "resolutions.yaml": "- number: 2397\n  year: .inf\n"},
        ['content/resolutions.yaml:2: year "inf" must be a year such as 2017'],
    ),
    "roles that are a number": (
        {"statements/a.md": GOOD, "people.yaml": "- id: kim-song\n  name: Kim Song\n  roles: 5\n"},
        ["content/people.yaml:3: roles must be a list of roles (- title: ..., start: 2017)"],
    ),
    "nested anchors": (
        {"statements/a.md": GOOD, "people.yaml": LAUGHS},
        [f"content/people.yaml:{3 + 3 * i}: {ALIAS}" for i in range(9)],
    ),
    "front matter nested 1,000 deep": (
        {
            "statements/a.md": "---\ndate: 2017-09-12\nevent: "
            + "[" * 1000
            + "]" * 1000
            + "\n---\nT\n"
        },
        [f"content/statements/a.md:3: {DEEP}"],
    ),
    "front matter nested 20 deep": (
        {"statements/a.md": "---\ndate: 2017-09-12\nevent: " + "[" * 20 + "]" * 20 + "\n---\nT\n"},
        [f"content/statements/a.md:3: event: {DEEP}"],
    ),
    "a number of 5,000 digits": (
        {"statements/a.md": "---\ndate: 2017-09-12\ntitle: " + "1" * 5000 + "\n---\nText.\n"},
        [
            "content/statements/a.md:3: title: the number is too long; put quotes around it if "
            "it is text"
        ],
    ),
    # 6. Silently dropped or coerced values.
    "a key twice in front matter": (
        {"statements/a.md": "---\ntitle: First\ndate: 2017-09-12\ntitle: Second\n---\nText.\n"},
        ['content/statements/a.md:4: key "title" is given twice (first on line 2); keep one'],
    ),
    "a key twice in site.yaml": (
        {
            "statements/a.md": GOOD,
            "site.yaml": "title: A\nbase_url: https://a.example/\ntitle: B\n",
        },
        ['content/site.yaml:3: key "title" is given twice (first on line 1); keep one'],
    ),
    "a key twice in people.yaml": (
        {"statements/a.md": GOOD, "people.yaml": "- id: kim-song\n  name: Kim\n  name: Kim Song\n"},
        ['content/people.yaml:3: key "name" is given twice (first on line 2); keep one'],
    ),
    "null in a list of countries": (
        {"statements/a.md": "---\ndate: 2017-09-12\ncountries: [null]\n---\nText.\n"},
        ["content/statements/a.md:3: countries has an empty item; remove it or write a value"],
    ),
    "a number as a language": (
        {"statements/a.md": "---\ndate: 2017-09-12\nlanguage: 12\n---\nText.\n"},
        ['content/statements/a.md:3: language "12" is not a language code such as en or ja'],
    ),
    "not a number as a language": (
        {"statements/a.md": "---\ndate: 2017-09-12\nlanguage: .nan\n---\nText.\n"},
        [
            "content/statements/a.md:3: language must be text, not a number; "
            "put quotes around the value"
        ],
    ),
    "a mapping as aliases": (
        {
            "statements/a.md": GOOD,
            "people.yaml": "- id: kim-song\n  name: Kim Song\n  aliases: {a: b}\n",
        },
        [
            "content/people.yaml:3: aliases must be a list of names (aliases: [Kim Son]), "
            "not a mapping"
        ],
    ),
    "a language in site.yaml that is a number": (
        {"statements/a.md": GOOD, "site.yaml": "title: Archive\nlanguage: 12\n"},
        ['content/site.yaml:2: language "12" is not a language code such as en or ja'],
    ),
    # 7. Control characters.
    "NUL and a terminal escape in a title": (
        {"statements/a.md": '---\ndate: 2017-09-12\ntitle: "a \\0 b \\x1b[31m"\n---\nText.\n'},
        [f"content/statements/a.md:3: title: the control character U+0000 {CONTROL}"],
    ),
    "a terminal escape in people.yaml": (
        {"statements/a.md": GOOD, "people.yaml": '- id: kim-song\n  name: "Kim \\e[31mSong"\n'},
        [f"content/people.yaml:2: name: the control character U+001B {CONTROL}"],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_value_that_is_not_plain_is_an_error_at_its_line(case: str, make_project, cli) -> None:
    files, lines = CASES[case]
    project = make_project(files)
    assert cli(project, "build")[::2] == (1, expected(lines, BUILD_FAILED))
    assert not (project / "site").exists()
    assert cli(project, "check")[::2] == (1, expected(lines, CHECK_FAILED))


def test_an_unreadable_people_yaml_is_a_message(make_project, cli, monkeypatch) -> None:
    """It was read for the cache key before it was validated: a PermissionError."""
    project = make_project({"statements/a.md": GOOD})
    people = project / "content" / "people.yaml"
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path == people:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    line = "content/people.yaml: cannot be read: Permission denied"
    assert cli(project, "build")[::2] == (1, expected([line], BUILD_FAILED))
    assert cli(project, "check")[::2] == (1, expected([line], CHECK_FAILED))


def test_the_site_is_the_same_with_any_hash_seed(make_project, tmp_path: Path) -> None:
    """Sets and dicts iterate in an order of the hash seed: nothing of theirs may reach the
    output. Two processes with different seeds build the same bytes."""
    statements = {
        f"statements/2017-0{n}-01-s{n}.md": (
            f"---\ndate: 2017-0{n}-01\ncountries: [Japan, North Korea, China, Russia]\n"
            f"topics: [sanctions, abductions, missiles]\nagreements: [A{n}, B{n}]\n---\n"
            f"Statement {n} on resolution 2397 by the Minister.\n\n"
            "Japan, China and Russia said the sanctions on North Korea must be enforced.\n"
        )
        for n in range(1, 8)
    }
    project = make_project(statements)
    build_py = Path(__file__).resolve().parents[2] / "build.py"
    sites = []
    for seed in ("1", "2"):
        output = tmp_path / f"site-{seed}"
        result = subprocess.run(
            [sys.executable, str(build_py), "--project", str(project), "build", "--clean"]
            + ["-o", str(output)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr
        sites.append(
            {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
        )
    assert len(sites[0]) > 30
    assert sites[0] == sites[1]


#: Wrong values of every kind, as a curator might type them (or an attacker would).
WRONG = [
    *("null", "true", "1.5", ".nan", "-.inf", "-1", "0", "1" * 40, "0x1F", "~", "''", "' '"),
    *("[]", "{}", "[null]", "[[]]", "[{}]", "[1, 2]", "{a: b}", "[a, [b]]", "!!set {a}"),
    *('"\\x01"', "2017-13-45", "'12'", "abc"),
]


def _outcome(parse: Callable[[], object]) -> object:
    """What parsing gives, or the ArchiveError it raises: anything else fails the test."""
    try:
        return parse()
    except ArchiveError as error:
        return error


def _people(text: str) -> PeopleDirectory:
    return PeopleDirectory.of(parse_people(text, "p.yaml"))


def test_no_value_of_any_type_reaches_a_traceback_or_a_coercion() -> None:
    """Every field of front matter and the curated files, with every wrong value: a message,
    or a value of the field's declared type (20 tracebacks on f403add, and "None", "nan",
    "{'a': 'b'}" published as text)."""
    for key in FRONT_MATTER_SCHEMA:
        for value in WRONG:
            text = f"---\n{key}: {value}\n---\nThe Minister said the sanctions matter.\n"
            got = _outcome(partial(parse_statement_file, text.encode(), "a.md"))
            if isinstance(got, ArchiveError):
                continue
            assert isinstance(got, SourceDocument)
            kept = got.front_matter.get(key)
            if key in ("source_metadata", "versions"):
                # Written by `build.py import`: mappings, each value checked as its own key.
                records = kept if isinstance(kept, list) else [kept or {}]
                assert all(isinstance(r, dict) for r in records)
                kept = [v for r in records for v in r.values()]
            items = kept if isinstance(kept, list) else [kept]
            for item in items:
                if item is None:
                    continue  # an empty value: the key is left out
                assert isinstance(item, str | int) and not isinstance(item, bool)
                assert str(item) not in ("None", "nan", "inf", "-inf", "True", "{}", "[]")
            _outcome(partial(extract_statement, got, PeopleDirectory()))
    for key in ("id", "name", "aliases", "roles", "country", "description"):
        for value in [*WRONG, "[{title: x, start: abc}]", "[{title: [a]}]", "[5]"]:
            fields = {"id": "kim", "name": "Kim", key: value}
            text = "- " + "\n  ".join(f"{k}: {v}" for k, v in fields.items()) + "\n"
            got = _outcome(partial(_people, text))
            if isinstance(got, PeopleDirectory):
                (person,) = got.people.values()
                assert all(isinstance(a, str) and a not in ("None", "nan") for a in person.aliases)
                assert person.country is None or isinstance(person.country, str)
    for key in ("number", "adopted", "subject", "title", "year", "symbol"):
        for value in WRONG:
            text = "- " + ("" if key == "number" else "number: 2397\n  ") + f"{key}: {value}\n"
            got = _outcome(partial(parse_resolutions, text, "r.yaml"))
            if isinstance(got, list):
                assert all(r.year is None or 1945 <= r.year <= 2100 for r in got)
    for key in ("title", "description", "base_url", "language", "latest_count"):
        for value in WRONG:
            got = _outcome(partial(parse_site_settings, f"{key}: {value}\n", "s.yaml"))
            if not isinstance(got, ArchiveError):
                assert all(isinstance(v, str) for v in (got.title, got.description, got.language))
