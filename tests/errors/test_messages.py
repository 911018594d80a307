"""Every mistake a curator can make gets `path:line: what is wrong; how to fix it` and exit
code 1 from both `build` and `check`, through the real command line, with no traceback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from archive.content.read import MAX_STATEMENT_BYTES
from tests.errors.conftest import BUILD_FAILED, CHECK_FAILED, expected

GOOD = "---\ndate: 2017-09-12\n---\nText of a statement.\n"
KNOWN_KEYS = (
    "known keys: title, date, published, speaker, speaker_role, speaker_country, persons, "
    "source, author, url, doc_type, language, resolutions, countries, agreements, topics, "
    "event, responds_to, slug"
)

#: name -> (files under content/, the exact error lines both commands print).
CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "invalid YAML in front matter": (
        {"statements/a.md": "---\ndate: 2017-09-12\ntitle: [unclosed\nsource: MOFA\n---\nT.\n"},
        [
            "content/statements/a.md:3: invalid YAML: expected ',' or ']', but got ':' "
            '(while parsing a flow sequence); close the "[" on this line with "]"'
        ],
    ),
    "a colon in an unquoted front matter value": (
        {"statements/a.md": "---\ndate: 2017-09-12\ntitle: Note: on sanctions\n---\nT.\n"},
        [
            "content/statements/a.md:3: invalid YAML: mapping values are not allowed here; "
            'put quotes around a value that contains ": ", or fix the indentation'
        ],
    ),
    "a tab in front matter": (
        {"statements/a.md": "---\ndate: 2017-09-12\n\ttitle: x\n---\nT.\n"},
        [
            "content/statements/a.md:3: invalid YAML: found character '\\t' that cannot start "
            "any token (while scanning for the next token); indent with spaces, not tabs"
        ],
    ),
    "invalid YAML in people.yaml": (
        {
            "statements/a.md": GOOD,
            "people.yaml": "- id: kim-song\n  name: Kim Song\n- id: b\n  name: [Ri\n",
        },
        [
            "content/people.yaml:4: invalid YAML: expected ',' or ']', but got '<stream end>' "
            '(while parsing a flow sequence); close the "[" on this line with "]"'
        ],
    ),
    "invalid YAML in resolutions.yaml": (
        {
            "statements/a.md": GOOD,
            "resolutions.yaml": "- number: 2397\n  adopted: 2017-12-22\n  subject: DPRK: oil\n",
        },
        [
            "content/resolutions.yaml:3: invalid YAML: mapping values are not allowed here; "
            'put quotes around a value that contains ": ", or fix the indentation'
        ],
    ),
    "invalid YAML in site.yaml": (
        {"statements/a.md": GOOD, "site.yaml": "title: Archive\ndescription: 'unclosed\n"},
        [
            "content/site.yaml:2: invalid YAML: found unexpected end of stream (while scanning "
            "a quoted scalar); close the quote that starts on this line"
        ],
    ),
    "front matter that is not a mapping": (
        {"statements/a.md": "---\n- date\n- 2017\n---\nText.\n"},
        [
            "content/statements/a.md:2: front matter must be a mapping of keys to values "
            "(key: value)"
        ],
    ),
    "front matter without its closing line": (
        {"statements/a.md": "---\ndate: 2017-09-12\nText.\n"},
        ['content/statements/a.md:1: front matter starts with "---" but has no closing "---" line'],
    ),
    "unknown key with a near miss": (
        {"statements/a.md": "---\ndate: 2017-09-12\nspeakr: kono-taro\n---\nText.\n"},
        [
            'content/statements/a.md:3: unknown key "speakr" (did you mean "speaker"?); '
            + KNOWN_KEYS
        ],
    ),
    "month 13": (
        {"statements/a.md": "---\ndate: 2017-13-01\n---\nText.\n"},
        [
            'content/statements/a.md:2: date "2017-13-01" is not a date '
            "(expected YYYY-MM-DD, YYYY-MM or YYYY)"
        ],
    ),
    "31 February": (
        {"statements/a.md": "---\ntitle: x\ndate: 2017-02-31\n---\nText.\n"},
        [
            'content/statements/a.md:3: date "2017-02-31" is not a date '
            "(expected YYYY-MM-DD, YYYY-MM or YYYY)"
        ],
    ),
    "a date in the future": (
        {"statements/a.md": "---\ndate: 2999-01-01\n---\nText.\n"},
        ['content/statements/a.md:2: date "2999-01-01" is in the future; check the year'],
    ),
    "a person id that does not exist": (
        {"statements/a.md": "---\ndate: 2017-09-12\nspeaker: kono-taroo\n---\nText.\n"},
        [
            'content/statements/a.md:3: speaker: person id "kono-taroo" does not exist in '
            "content/people.yaml (add the person there, or write the name instead of an id)"
        ],
    ),
    "two statements with one URL through slug": (
        {"statements/a.md": "---\nslug: b\n---\nText.\n", "statements/b.md": GOOD},
        [
            "content/statements/b.md: would have the same URL statements/b/ as "
            "content/statements/a.md; rename one file or give it a different slug: in front matter"
        ],
    ),
    "two statements with one URL through subfolders": (
        {"statements/2017/a.md": GOOD, "statements/2018/a.md": GOOD},
        [
            "content/statements/2018/a.md: would have the same URL statements/a/ as "
            "content/statements/2017/a.md; rename one file or give it a different slug: "
            "in front matter"
        ],
    ),
    "an empty file": (
        {"statements/a.md": ""},
        [
            "content/statements/a.md:1: has no statement text; paste the statement's text "
            "into it, or delete the file"
        ],
    ),
    "front matter and nothing else": (
        {"statements/a.md": "---\ndate: 2017-09-12\n---\n\n  \n"},
        [
            "content/statements/a.md:4: has no statement text; paste the statement's text "
            "into it, or delete the file"
        ],
    ),
    "a Windows-1252 file": (
        {"statements/a.md": "Title\n\nThe Minister\u2019s caf\xe9 remark.\n".encode("cp1252")},
        [
            "content/statements/a.md:3: is not UTF-8: byte 0x92 at column 13 (offset 19); "
            "save the file as UTF-8 (it looks like Windows-1252: iconv -f WINDOWS-1252 -t UTF-8 "
            "converts it)"
        ],
    ),
    "a Shift_JIS file": (
        {
            "statements/a.md": "Statement\n\u5317\u671d\u9bae\u306e\u58f0\u660e\n".encode(
                "shift_jis"
            )
        },
        [
            "content/statements/a.md:2: is not UTF-8: byte 0x96 at column 1 (offset 10); "
            "save the file as UTF-8 (it looks like Shift_JIS: iconv -f Shift_JIS -t UTF-8 "
            "converts it)"
        ],
    ),
    "a UTF-16 file": (
        {"statements/a.md": "Text of a statement.\n".encode("utf-16")},
        [
            "content/statements/a.md: is UTF-16 text; save the file as UTF-8 "
            "(in most editors: Save As, encoding UTF-8)"
        ],
    ),
    "a binary file with a .md name": (
        {"statements/a.md": bytes(range(256)) * 4},
        ["content/statements/a.md: is a binary file, not text; remove it from content/"],
    ),
    "a PDF with a .md name": (
        {"statements/a.md": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n"},
        [
            "content/statements/a.md: is a PDF document, not text; save the statement's text "
            "as a .md file and keep the original elsewhere"
        ],
    ),
    "a Word file with a .md name": (
        {"statements/a.md": b"PK\x03\x04\x14\x00\x06\x00word/document.xml"},
        [
            "content/statements/a.md: is a ZIP archive (or a Word/Excel file), not text; save "
            "the statement's text as a .md file and keep the original elsewhere"
        ],
    ),
    "an image and a PDF dropped into statements/": (
        {
            "statements/a.md": GOOD,
            "statements/photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
            "statements/scan.pdf": b"%PDF-1.4\n",
        },
        [
            "content/statements/photo.jpg: is not a statement file (expected .md or .txt); "
            "move it out of content/statements/",
            "content/statements/scan.pdf: is not a statement file (expected .md or .txt); "
            "move it out of content/statements/",
        ],
    ),
    "a slug that would leave statements/": (
        {"statements/a.md": "---\nslug: ../../etc\n---\nText.\n"},
        [
            'content/statements/a.md:2: slug "../../etc" may only hold lower-case letters, '
            "digits and hyphens"
        ],
    ),
    "a person id in people.yaml that would leave people/": (
        {"statements/a.md": GOOD, "people.yaml": "- id: ../../x\n  name: X\n"},
        [
            'content/people.yaml:1: person id "../../x" must be lower-case letters, digits '
            "and hyphens"
        ],
    ),
    "a javascript: source link": (
        {"statements/a.md": "---\nurl: javascript:alert(1)\n---\nText.\n"},
        [
            'content/statements/a.md:2: url "javascript:alert(1)" must start with http:// or https://'
        ],
    ),
    "an about page that is not UTF-8": (
        {"statements/a.md": GOOD, "about.md": "About the caf\xe9\n".encode("latin-1")},
        [
            "content/about.md:1: is not UTF-8: byte 0xe9 at column 14 (offset 13); "
            "save the file as UTF-8 (it looks like Windows-1252: iconv -f WINDOWS-1252 -t UTF-8 "
            "converts it)"
        ],
    ),
    "site settings of the wrong kind": (
        {"statements/a.md": GOOD, "site.yaml": "title: [A, B]\nlatest_count: many\ntitel: x\n"},
        [
            "content/site.yaml:1: title must be a single value",
            'content/site.yaml:2: latest_count "many" must be a whole number such as 10',
            'content/site.yaml:3: unknown key "titel" (did you mean "title"?); known keys: '
            "base_url, description, language, latest_count, title",
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_mistake_has_its_message_and_exit_code(case: str, make_project, cli) -> None:
    files, lines = CASES[case]
    project = make_project(files)
    code, out, err = cli(project, "build")
    assert (code, err) == (1, expected(lines, BUILD_FAILED))
    assert not (project / "site").exists()
    code, out, err = cli(project, "check")
    assert (code, err) == (1, expected(lines, CHECK_FAILED))


def test_a_very_large_file(make_project, cli) -> None:
    size = 10 * 1024 * 1024
    project = make_project({"statements/a.md": GOOD, "statements/big.md": b"word " * (size // 5)})
    line = (
        "content/statements/big.md: is 10.5 MB; a content file may be at most "
        f"{MAX_STATEMENT_BYTES // (1024 * 1024)} MB: is it really one statement? Split it into "
        "one file per statement"
    )
    assert cli(project, "build")[::2] == (1, expected([line], BUILD_FAILED))
    assert cli(project, "check")[::2] == (1, expected([line], CHECK_FAILED))


def test_every_content_error_is_reported_in_one_run(make_project, cli) -> None:
    project = make_project(
        {
            "people.yaml": "- id: kim-song\n  name: Kim Song\n  alises: [Kim Son]\n",
            "statements/a.md": "---\ndate: 2017-13-01\n---\nText.\n",
            "statements/b.md": "---\nspeakr: kim-song\ndoc_typ: speech\n---\nText.\n",
            "statements/c.md": "",
            "statements/d.md": GOOD,
            "statements/e.png": b"\x89PNG\r\n\x1a\n",
        }
    )
    lines = [
        'content/people.yaml:3: unknown key "alises" (did you mean "aliases"?)',
        'content/statements/a.md:2: date "2017-13-01" is not a date '
        "(expected YYYY-MM-DD, YYYY-MM or YYYY)",
        'content/statements/b.md:2: unknown key "speakr" (did you mean "speaker"?); ' + KNOWN_KEYS,
        'content/statements/b.md:3: unknown key "doc_typ" (did you mean "doc_type"?); '
        + KNOWN_KEYS,
        "content/statements/c.md:1: has no statement text; paste the statement's text into it, "
        "or delete the file",
        "content/statements/e.png: is not a statement file (expected .md or .txt); "
        "move it out of content/statements/",
    ]
    assert cli(project, "build")[::2] == (1, expected(lines, BUILD_FAILED))
    assert cli(project, "check")[::2] == (1, expected(lines, CHECK_FAILED))


def test_errors_found_after_reading_are_all_reported_too(make_project, cli) -> None:
    project = make_project(
        {
            "statements/a.md": "---\nspeaker: no-such-person\n---\nText.\n",
            "statements/b.md": "---\ndate: 2017-01-01\npersons: [kim-song, nobody-known]\n---\nT\n",
        }
    )
    lines = [
        'content/statements/a.md:2: speaker: person id "no-such-person" does not exist in '
        "content/people.yaml (add the person there, or write the name instead of an id)",
        'content/statements/b.md:3: persons: person id "nobody-known" does not exist in '
        "content/people.yaml (add the person there, or write the name instead of an id)",
    ]
    assert cli(project, "build")[::2] == (1, expected(lines, BUILD_FAILED))
    assert cli(project, "check")[::2] == (1, expected(lines, CHECK_FAILED))


# ---------------------------------------------------------------------------------------------
# Usable content: a warning that names the file, and the build goes on


def test_a_statement_without_a_date_is_a_warning(make_project, cli) -> None:
    project = make_project({"statements/a.md": "Text of a statement with no date.\n"})
    warning = "warning: content/statements/a.md: no date found; add date: to its front matter"
    code, out, err = cli(project, "build")
    assert code == 0 and err == warning + "\n"
    assert (project / "site" / "statements" / "a" / "index.html").exists()
    code, out, err = cli(project, "check")
    assert code == 0 and out.splitlines()[0] == warning and err == ""


def test_a_stray_file_in_content_is_a_warning(make_project, cli) -> None:
    project = make_project({"statements/a.md": GOOD, "notes.pdf": b"%PDF-1.4\n"})
    warning = (
        "warning: content/notes.pdf: is not used by the build (content/ holds statements/, "
        "about.md, people.yaml, resolutions.yaml, site.yaml); move it out of content/"
    )
    code, out, err = cli(project, "build")
    assert code == 0 and err == warning + "\n"
    code, out, err = cli(project, "check")
    assert code == 0 and out.splitlines()[0] == warning


# ---------------------------------------------------------------------------------------------
# Templates: name the template and the line


def _edit_template(project: Path, name: str, old: str, new: str) -> None:
    path = project / "templates" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} no longer holds {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(project: Path, name: str, needle: str) -> int:
    lines = (project / "templates" / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_template_syntax_error(make_project, cli) -> None:
    project = make_project({"statements/a.md": GOOD})
    _edit_template(project, "statement.html", "{% endblock %}", "{% endblok %}")
    line = _line_of(project, "statement.html", "endblok")
    message = (
        f"templates/statement.html:{line}: Jinja2 syntax error: Encountered unknown tag "
        "'endblok'. Jinja was looking for the following tags: 'endblock'. The innermost block "
        "that needs to be closed is 'block'."
    )
    assert cli(project, "build")[::2] == (1, expected([message], BUILD_FAILED))
    assert cli(project, "check")[::2] == (1, expected([message], CHECK_FAILED))


@pytest.mark.parametrize(
    ("template", "anchor"), [("statement.html", "{{ description }}"), ("base.html", "</main>")]
)
def test_template_undefined_variable(template: str, anchor: str, make_project, cli) -> None:
    project = make_project({"statements/a.md": GOOD})
    _edit_template(project, template, anchor, "{{ statment.title }}" + anchor)
    line = _line_of(project, template, "statment.title")
    message = (
        f"templates/{template}:{line}: 'statment' is undefined: the page's context has no such "
        "value (check the spelling, or add it to the page's context function in "
        "archive/site/render.py)"
    )
    assert cli(project, "build")[::2] == (1, expected([message], BUILD_FAILED))
    assert cli(project, "check")[::2] == (1, expected([message], CHECK_FAILED))


# ---------------------------------------------------------------------------------------------
# The real process: exit codes and no traceback


@pytest.mark.parametrize(
    "case",
    ["invalid YAML in front matter", "a PDF with a .md name", "a person id that does not exist"],
)
def test_the_real_process_prints_no_traceback(case: str, make_project) -> None:
    project = make_project(CASES[case][0])
    build_py = Path(__file__).resolve().parents[2] / "build.py"
    for command, summary in (("build", BUILD_FAILED), ("check", CHECK_FAILED)):
        result = subprocess.run(
            [sys.executable, str(build_py), "--project", str(project), command],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1
        assert result.stderr == expected(CASES[case][1], summary)
        assert "Traceback" not in result.stdout + result.stderr


# ---------------------------------------------------------------------------------------------
# The environment: say the command that fixes it


def test_a_missing_npm_install_names_npm_ci(make_project, cli) -> None:
    project = make_project({"statements/a.md": GOOD})
    if (project / "node_modules").is_symlink():
        (project / "node_modules").unlink()
    message = (
        "error: node_modules/lunr/lunr.min.js is missing: run `npm ci` in "
        f"{project} to install the pinned lunr.js"
    )
    assert cli(project, "build")[::2] == (1, expected([message], BUILD_FAILED))
    assert not (project / "site").exists()
    assert cli(project, "check")[::2] == (1, expected([message], CHECK_FAILED))


# ---------------------------------------------------------------------------------------------
# The shape of content/ itself


def test_a_project_without_content(make_project, cli) -> None:
    project = make_project()
    shutil.rmtree(project / "content")
    message = (
        "content/: is missing: the project has no content/ folder (run build.py in the "
        "project, or pass --project with the folder that holds content/)"
    )
    assert cli(project, "build")[::2] == (1, expected([message], BUILD_FAILED))
    assert cli(project, "check")[::2] == (1, expected([message], CHECK_FAILED))


def test_statements_that_is_a_file_and_an_about_page_are_reported_together(
    make_project, cli
) -> None:
    project = make_project({"about.md": b"About \xff\n"})
    (project / "content" / "statements").rmdir()
    (project / "content" / "statements").write_text("not a folder")
    lines = [
        "content/about.md:1: is not UTF-8: byte 0xff at column 7 (offset 6); save the file as "
        "UTF-8 (it looks like Windows-1252: iconv -f WINDOWS-1252 -t UTF-8 converts it)",
        "content/statements: must be a folder of statement files",
    ]
    assert cli(project, "build")[::2] == (1, expected(lines, BUILD_FAILED))
    assert cli(project, "check")[::2] == (1, expected(lines, CHECK_FAILED))


def test_a_broken_link_in_statements_is_a_warning(make_project, cli, tmp_path: Path) -> None:
    project = make_project({"statements/a.md": GOOD})
    (project / "content" / "statements" / "gone.md").symlink_to(tmp_path / "nowhere.md")
    warning = "warning: content/statements/gone.md: is a broken link (or a loop of links); skipped"
    code, out, err = cli(project, "build")
    assert code == 0 and err == warning + "\n"
    code, out, err = cli(project, "check")
    assert code == 0 and out.splitlines()[0] == warning


def test_a_busy_port_is_an_error_not_a_traceback(make_project, cli) -> None:
    project = make_project({"statements/a.md": GOOD})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _out, err = cli(project, "serve", "--no-watch", "--port", str(port))
    assert code == 1
    assert err == expected(
        [
            f"error: cannot listen on 127.0.0.1:{port}: Address already in use; stop the "
            "program using that port, or choose another with --port N"
        ],
        BUILD_FAILED,
    )


def test_an_output_folder_that_cannot_be_made(make_project, cli, tmp_path: Path) -> None:
    project = make_project({"statements/a.md": GOOD})
    (tmp_path / "file").write_text("a file, not a folder")
    code, _out, err = cli(project, "build", "-o", str(tmp_path / "file" / "site"))
    assert code == 1
    assert err == expected(
        [f"error: cannot write the site into {tmp_path / 'file'}: Not a directory"],
        BUILD_FAILED,
    )
