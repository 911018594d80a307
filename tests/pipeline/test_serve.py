"""`serve`: only site/, on loopback, with the site's 404 page."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path

from archive.serve import make_server


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serves_site_and_nothing_outside_it(real_site: Path, tmp_path: Path) -> None:
    (real_site.parent / "secret.txt").write_text("outside")
    server = make_server(real_site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        base = f"http://127.0.0.1:{port}/"
        status, body = fetch(base)
        assert status == 200 and b"Latest statements" in body
        status, body = fetch(base + "no/such/page")
        assert status == 404 and b"Page not found" in body
        for attempt in ("../secret.txt", "%2e%2e/secret.txt", "static/../../secret.txt"):
            status, body = fetch(base + attempt)
            assert b"outside" not in body, attempt
    finally:
        server.shutdown()
        server.server_close()


def test_serve_rebuilds_when_content_changes(make_project) -> None:
    """The real `serve` command: prints its address, serves, and rebuilds on a saved edit."""
    import re
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    project = make_project({"statements/a.md": "---\ndate: 2017-01-01\ntitle: First\n---\nText.\n"})
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--project", str(project), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        address = None
        deadline = time.monotonic() + 30
        while address is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
            address = match.group(1) if match else None
        assert address, "serve did not print its address"
        page = address + "statements/a/index.html"
        assert b"First" in fetch(page)[1]
        time.sleep(0.5)  # let the watcher start before the edit
        (project / "content/statements/a.md").write_text(
            "---\ndate: 2017-01-01\ntitle: Second\n---\nText.\n"
        )
        deadline = time.monotonic() + 15
        while b"Second" not in fetch(page)[1]:
            assert time.monotonic() < deadline, "serve did not rebuild after the edit"
            time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _seed_project(make_project) -> Path:
    from tests.conftest import REPO

    statements = REPO / "content" / "statements"
    return make_project(
        {f"statements/{p.name}": p.read_bytes() for p in sorted(statements.glob("*.md"))}
    )


def test_an_edited_text_is_served_first_exactly_as_the_rebuild_writes_it(make_project) -> None:
    """serve's first answer to an edit of a statement's text is its page, rendered against
    the last build; the rebuild then writes the very same bytes."""
    from archive.edit_preview import edited_pages, write_pages
    from archive.pipeline import Project, build
    from archive.render import page_renderer

    project = _seed_project(make_project)
    report = build(Project(project))
    source = sorted((project / "content/statements").glob("*.md"))[1]
    source.write_text(
        source.read_text(encoding="utf-8").rstrip("\n")
        + "\n\nThe delegation left the chamber without further comment.\n",
        encoding="utf-8",
    )
    site = project / "site"
    pages = edited_pages(report.archive, project, [source], page_renderer(project / "templates"))
    assert pages is not None and len(pages) == 1
    (page,) = pages
    assert b"left the chamber without further comment" in page.content
    assert b"left the chamber" not in (site / page.path).read_bytes()
    write_pages(site, pages)
    assert (site / page.path).read_bytes() == page.content
    build(Project(project))
    assert (site / page.path).read_bytes() == page.content
    assert not list(site.rglob(".*.edited"))


def test_only_an_edit_of_the_text_alone_is_served_first(make_project) -> None:
    """A changed title, date or speaker moves listings and neighbours, a new file adds a
    statement: only the rebuild can say what those pages become."""
    from archive.edit_preview import edited_pages
    from archive.pipeline import Project, build
    from archive.render import page_renderer

    project = _seed_project(make_project)
    archive = build(Project(project)).archive
    render = page_renderer(project / "templates")
    statements = sorted((project / "content/statements").glob("*.md"))
    original = statements[0].read_text(encoding="utf-8")
    statements[0].write_text(original.replace("source:", "title: A New Title\nsource:", 1))
    assert edited_pages(archive, project, [statements[0]], render) is None
    statements[0].write_text(original.replace("September 12, 2017", "September 13, 2017"))
    assert edited_pages(archive, project, [statements[0]], render) is None
    statements[0].write_text(original)
    added = project / "content/statements/2020-01-01-new.md"
    added.write_text("---\ndate: 2020-01-01\ntitle: New\n---\nText.\n")
    assert edited_pages(archive, project, [added], render) is None
    template = project / "templates/statement.html"
    assert edited_pages(archive, project, [template], render) is None
    assert edited_pages(archive, project, [], render) is None


def test_serve_puts_an_edited_page_in_place_before_the_rebuild(make_project) -> None:
    """The real `serve` command says when an edited statement's page is in place, then
    rebuilds the rest; the page served is the new one."""
    import queue
    import re
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    text = "---\ndate: 2017-01-01\ntitle: First\n---\nThe first text.\n"
    project = make_project({"statements/a.md": text})
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--project", str(project), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout], daemon=True
    ).start()

    def next_line_with(pattern: str, seconds: float = 30) -> re.Match[str]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                match = re.search(pattern, lines.get(timeout=0.2))
            except queue.Empty:
                continue
            if match:
                return match
        raise AssertionError(f"serve printed no line matching {pattern!r}")

    try:
        address = next_line_with(r"at (http://127\.0\.0\.1:\d+/)").group(1)
        time.sleep(0.5)  # let the watcher start before the edit
        (project / "content/statements/a.md").write_text(text.replace("first text", "new text"))
        next_line_with(r"edited statements/a/: page in place after [0-9.]+ s")
        assert b"The new text." in fetch(address + "statements/a/")[1]
        next_line_with(r"built 1 statements")
        assert b"The new text." in fetch(address + "statements/a/")[1]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_edits_of_several_texts_are_each_served_first_and_a_broken_file_is_left_to_the_rebuild(
    make_project,
) -> None:
    from archive.edit_preview import edited_pages, write_pages
    from archive.pipeline import Project, build
    from archive.render import page_renderer

    project = _seed_project(make_project)
    archive = build(Project(project)).archive
    render = page_renderer(project / "templates")
    statements = sorted((project / "content/statements").glob("*.md"))
    originals = {path: path.read_text(encoding="utf-8") for path in statements}
    for path in statements[2:4]:
        path.write_text(originals[path].rstrip("\n") + "\n\nA closing line was added.\n")
    pages = edited_pages(archive, project, statements[2:4], render)
    assert pages is not None and len(pages) == 2
    write_pages(project / "site", pages)
    build(Project(project))
    for page in pages:
        assert (project / "site" / page.path).read_bytes() == page.content
    # A front matter the build refuses: no page first, the rebuild says what is wrong.
    statements[4].write_text("---\ndate: 2017-13-01\n---\n" + originals[statements[4]])
    assert edited_pages(archive, project, [statements[4]], render) is None
