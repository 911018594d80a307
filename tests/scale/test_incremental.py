"""Incremental builds equal clean builds, byte for byte and file for file, after every kind of
change: a template, a person in people.yaml, a statement edited, deleted, added, nothing, and
hands that touched site/ between builds (STYLE.md point 11)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import time
from pathlib import Path

import pytest

from archive.build import cache, parallel, pipeline
from archive.build.pipeline import Project, build
from archive.site import paging

REPO = Path(__file__).resolve().parent.parent.parent


def _corpus_module():
    spec = importlib.util.spec_from_file_location("corpus", REPO / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and directory (None) under root."""
    found: dict[str, bytes | None] = {}
    for directory, directories, files in os.walk(root):
        relative = Path(directory).relative_to(root)
        for name in directories:
            found[(relative / name).as_posix()] = None
        for name in files:
            found[(relative / name).as_posix()] = (Path(directory) / name).read_bytes()
    return found


def assert_same_as_clean(project: Path, tmp_path: Path, step: str) -> int:
    """Build incrementally into site/ and cleanly elsewhere; returns the pages rendered."""
    report = build(Project(project))
    clean = tmp_path / f"clean-{step}"
    build(Project(project), clean, incremental=False)
    incremental, expected = tree(project / "site"), tree(clean)
    assert sorted(incremental) == sorted(expected), f"{step}: file lists differ"
    different = [path for path in expected if incremental[path] != expected[path]]
    assert different == [], f"{step}: files differ"
    return report.rendered


def corpus_project(make_project) -> Path:
    """A project of 40 generated statements (benchmarks/corpus.py) and the real about.md."""
    root = make_project()
    _corpus_module().generate(40, root, seed=3)
    shutil.copy(REPO / "content" / "about.md", root / "content" / "about.md")
    return root


@pytest.fixture
def project(make_project) -> Path:
    return corpus_project(make_project)


@pytest.mark.parametrize("where", ["in-process", "worker-processes", "paginated"])
def test_incremental_builds_equal_clean_builds_after_every_kind_of_change(
    project: Path, tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if where == "paginated":
        # Pages of three entries: every listing paginated and split by year, as at scale.
        monkeypatch.setattr(paging, "PAGE_SIZE", 3)
        monkeypatch.setattr(paging, "RECENT", 2)
    if where != "in-process":
        # Small projects are built in one process; make this one use the pool, as a big
        # archive does (pages, data files and the search index made by worker processes).
        monkeypatch.setattr(parallel, "IN_PROCESS_BELOW", 0)
        monkeypatch.setenv("ARCHIVE_WORKERS", "2")
    statements = sorted((project / "content" / "statements").rglob("*.md"))
    first = assert_same_as_clean(project, tmp_path, "first")
    assert first > 40

    assert assert_same_as_clean(project, tmp_path, "again") == 0, "nothing changed"

    edited = statements[10]
    edited.write_text(edited.read_text(encoding="utf-8") + "One more sentence.\n", "utf-8")
    rendered = assert_same_as_clean(project, tmp_path, "edit")
    assert 0 < rendered < first / 2, "an edit re-renders only what shows the statement"

    template = project / "templates" / "statement.html"
    template.write_text(template.read_text(encoding="utf-8") + "<!-- changed -->\n", "utf-8")
    assert_same_as_clean(project, tmp_path, "template")

    people = project / "content" / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace("name: Kim Song\n", "name: Kim Song Il\n"),
        "utf-8",
    )
    assert_same_as_clean(project, tmp_path, "people")

    statements[5].unlink()
    assert_same_as_clean(project, tmp_path, "delete")

    (project / "content" / "statements" / "2019-02-02-an-added-statement.md").write_text(
        "---\nsource: KCNA\nspeaker: kim-song\n---\nAn added statement\n\n"
        "February 2, 2019\nThe delegation rejects resolution 2397 in the strongest terms.\n",
        encoding="utf-8",
    )
    assert_same_as_clean(project, tmp_path, "add")

    static = project / "static" / "style.css"
    static.write_text(static.read_text(encoding="utf-8") + "\n/* changed */\n", "utf-8")
    assert_same_as_clean(project, tmp_path, "static")


def test_hand_edits_to_the_site_never_survive_a_build(project: Path, tmp_path: Path) -> None:
    assert_same_as_clean(project, tmp_path, "first")
    assert_same_as_clean(project, tmp_path, "second")
    site = project / "site"
    # Edited in place, added, removed.
    with open(site / "index.html", "ab") as page:
        page.write(b"<!-- by hand -->")
    (site / "stray.html").write_text("not ours", encoding="utf-8")
    (site / "statements" / "extra").mkdir()
    (site / "statements" / "extra" / "index.html").write_text("x", encoding="utf-8")
    (site / "timeline" / "index.html").unlink()
    (site / "sitemap.xml").unlink()  # made by the stages after the pages, cached as a whole
    with open(site / "feed.xml", "ab") as feed:
        feed.write(b"<!-- by hand -->")
    for step in ("after-hands-1", "after-hands-2", "after-hands-3"):
        assert_same_as_clean(project, tmp_path, step)


def test_a_failed_build_leaves_site_and_the_next_build_correct(
    project: Path, tmp_path: Path
) -> None:
    assert_same_as_clean(project, tmp_path, "first")
    before = tree(project / "site")
    template = project / "templates" / "statement.html"
    good = template.read_text(encoding="utf-8")
    template.write_text(good.replace("{% endblock %}", "{{ no_such_value }}{% endblock %}", 1))
    with pytest.raises(Exception):  # noqa: B017 - any error: the point is what is left behind
        build(Project(project))
    assert tree(project / "site") == before
    template.write_text(good + "<!-- fixed -->\n", encoding="utf-8")
    assert_same_as_clean(project, tmp_path, "after-failure")
    assert_same_as_clean(project, tmp_path, "after-failure-again")


def test_files_unchanged_since_the_last_build_are_not_read_but_any_change_is_seen(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    statements = sorted((project / "content" / "statements").rglob("*.md"))
    an_hour_ago = time.time() - 3600
    for path in statements:
        os.utime(path, (an_hour_ago, an_hour_ago))
    # A stat is trusted once it is older than the racy window (two seconds; less here).
    monkeypatch.setattr(cache, "RACY_NS", 200_000_000)
    time.sleep(0.3)
    assert_same_as_clean(project, tmp_path, "first")
    read: list[str] = []
    read_bytes = pipeline.read_bytes

    def counting(path: Path, shown: str) -> bytes:
        if shown.startswith("content/statements/"):
            read.append(shown)
        return read_bytes(path, shown)

    monkeypatch.setattr(pipeline, "read_bytes", counting)
    build(Project(project))
    assert read == [], "no statement file is read again"

    # Same size, same modification time: only the change time tells, and it is enough.
    edited = statements[7]
    text = edited.read_bytes()
    edited.write_bytes(text[:-2] + (b"X" if text[-2:-1] != b"X" else b"Y") + text[-1:])
    os.utime(edited, (an_hour_ago, an_hour_ago))
    build(Project(project))
    assert [Path(p).name for p in read] == [edited.name]
    assert_same_as_clean(project, tmp_path, "same-size edit")


def inodes(root: Path) -> set[tuple[int, int]]:
    return {
        (status.st_dev, status.st_ino)
        for path in root.rglob("*")
        if path.is_file() and (status := path.stat())
    }


def test_a_site_built_without_the_cache_is_replaced_and_shares_no_file_with_the_cache(
    project: Path, tmp_path: Path
) -> None:
    """A first incremental build over a site/ no manifest describes (built with --clean) keeps
    nothing of it; the spare trees never share a file (an inode) with site/, so nothing that
    writes into the cache in place can change the site; the next builds are still right."""
    build(Project(project), incremental=False)
    (project / "site" / "stray.html").write_text("from an older build", encoding="utf-8")
    assert_same_as_clean(project, tmp_path, "over-clean")
    home = next((project / ".cache" / "build" / "output").iterdir())
    assert not inodes(home) & inodes(project / "site")
    statement = sorted((project / "content" / "statements").rglob("*.md"))[3]
    statement.write_text(statement.read_text(encoding="utf-8") + "\nOne more sentence.\n")
    assert assert_same_as_clean(project, tmp_path, "edit") >= 1
    assert not inodes(home) & inodes(project / "site")
    assert assert_same_as_clean(project, tmp_path, "again") == 0
    assert not inodes(home) & inodes(project / "site")


def test_a_spare_left_without_manifests_is_not_trusted(project: Path, tmp_path: Path) -> None:
    assert_same_as_clean(project, tmp_path, "first")
    assert_same_as_clean(project, tmp_path, "second")
    home = next((project / ".cache" / "build" / "output").iterdir())
    # As a killed build, or an earlier version's first build, leaves it: no manifests, junk.
    for manifest in ("spare.pickle", "live.pickle"):
        (home / manifest).unlink(missing_ok=True)
    (home / "spare" / "index.html").write_text("junk", encoding="utf-8")
    (home / "next-spare" / "statements").mkdir(parents=True)
    (home / "next-spare" / "statements" / "junk.html").write_text("x", encoding="utf-8")
    assert_same_as_clean(project, tmp_path, "after-leftover")
    assert not (home / "next-spare").exists()
    assert_same_as_clean(project, tmp_path, "after-leftover-again")
    assert_same_as_clean(project, tmp_path, "after-leftover-once-more")
