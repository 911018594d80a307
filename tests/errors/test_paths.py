"""No way out of the site and no overwrite: slugs and person ids cannot name a path outside
site/, `serve` serves only site/ on loopback, and `import` never replaces a content file."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.cli.main import main, make_parser
from archive.cli.serve import make_server
from archive.link import person_page_id
from archive.model import PersonRef, slugify

# ---------------------------------------------------------------------------------------------
# Slugs and ids


def test_person_page_ids_from_names_are_plain_slugs() -> None:
    for name in ("../../etc/passwd", "/root", "a/b", "..", "\\..\\x", "Kim\x00Song", "金正恩", ""):
        page_id = person_page_id(PersonRef(name, None, None, None, "text:1"))
        # A slug that is a folder of the people index (an initial: "x") gets "-person".
        assert page_id in (slugify(name, max_words=6), slugify(name, max_words=6) + "-person")
        assert "/" not in page_id and "\\" not in page_id and ".." not in page_id
        assert page_id and page_id.replace("-", "").isalnum(), page_id


def test_a_speaker_named_like_a_path_stays_inside_site(make_project, tmp_path: Path) -> None:
    project = make_project(
        {
            "statements/a.md": "---\ndate: 2017-01-01\nspeaker: '../../../escaped'\n"
            "persons: ['/tmp/escaped', '..']\nspeaker_country: '../../x'\n---\nText.\n"
        }
    )
    assert main(["--project", str(project), "build"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]
    assert sorted(p.name for p in project.iterdir() if not p.name.startswith(".")) == [
        "content",
        "node_modules",
        "site",
        "static",
        "templates",
    ] or sorted(p.name for p in project.iterdir() if not p.name.startswith(".")) == [
        "content",
        "site",
        "static",
        "templates",
    ]
    assert (project / "site" / "people" / "escaped" / "index.html").is_file()


# ---------------------------------------------------------------------------------------------
# serve


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    tmp_path = tmp_path_factory.mktemp("served")
    site = tmp_path / "site"
    (site / "static").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>")
    (site / "404.html").write_text("<p>Page not found</p>")
    (tmp_path / "secret.txt").write_text("SECRET outside site")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "key.txt").write_text("SECRET key")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (site / "static" / "up").symlink_to(tmp_path / "private")
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], site
    finally:
        server.shutdown()
        server.server_close()


def raw_get(port: int, target: str) -> tuple[int, bytes]:
    """GET with the target exactly as given (urllib would normalise the dots away)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", "127.0.0.1")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%252e%252e/secret.txt",
        "/static/../../secret.txt",
        "/static/%2e%2e/%2e%2e/secret.txt",
        "//secret.txt",
        "/./../secret.txt",
        "/leak.txt",
        "/static/up/key.txt",
        "/static/up/",
        "/static/up/../../secret.txt",
    ],
)
def test_serve_shows_nothing_outside_site(served: tuple[int, Path], target: str) -> None:
    port, _site = served
    status, body = raw_get(port, target)
    assert b"SECRET" not in body and status in (301, 400, 403, 404), (status, body[:80])


def test_serve_still_serves_the_site(served: tuple[int, Path]) -> None:
    port, _site = served
    assert raw_get(port, "/") == (200, b"<p>home</p>")
    assert raw_get(port, "/index.html") == (200, b"<p>home</p>")
    assert raw_get(port, "/missing") == (404, b"<p>Page not found</p>")


def test_serve_binds_loopback_by_default(tmp_path: Path) -> None:
    assert make_parser().parse_args(["serve"]).bind == "127.0.0.1"
    server = make_server(tmp_path, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


# ---------------------------------------------------------------------------------------------
# import


RAW = "Statement by the Press Secretary\n\nSeptember 12, 2017\n\nJapan welcomes resolution 2375.\n"


def imported(project: Path) -> dict[str, bytes]:
    folder = project / "content" / "statements"
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()}


def test_import_never_overwrites_a_content_file(make_project, tmp_path: Path, capsys) -> None:
    project = make_project()
    raw = tmp_path / "raw.txt"
    raw.write_text(RAW, encoding="utf-8")
    assert main(["--project", str(project), "import", str(raw)]) == 0
    out = capsys.readouterr().out
    (name,) = imported(project)
    assert out.startswith(f"imported {raw} -> content/statements/{name}")
    target = project / "content" / "statements" / name
    target.write_text(target.read_text() + "\nA curator's correction.\n")
    before = imported(project)

    # Importing it again changes nothing; another text that maps to the same name gets
    # another name: the curator's file is never replaced.
    again = tmp_path / "again.txt"
    again.write_text(RAW.replace("2375.", "2375. Again."), encoding="utf-8")
    assert main(["--project", str(project), "import", str(raw), str(again)]) == 0
    assert "1 new, 0 new versions, 1 unchanged" in capsys.readouterr().out
    after = imported(project)
    assert after[name] == before[name]
    assert sorted(after) == sorted([name, name.replace(".md", "-2.md")])


def test_import_does_not_write_through_a_link(make_project, tmp_path: Path, capsys) -> None:
    project = make_project()
    raw = tmp_path / "raw.txt"
    raw.write_text(RAW, encoding="utf-8")
    assert main(["--project", str(project), "import", str(raw)]) == 0
    (name,) = imported(project)
    target = project / "content" / "statements" / name
    target.unlink()
    outside = tmp_path / "outside.md"
    target.symlink_to(outside)  # dangling: exists() is False, writing would create `outside`
    assert main(["--project", str(project), "import", str(raw)]) == 0
    assert not outside.exists()
    assert (target.parent / name.replace(".md", "-2.md")).exists()
