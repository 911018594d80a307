"""serve's resident rebuild: edits of statement files, brought in from memory, leave site/ byte
for byte what a clean build writes; any other change is left to the whole build, untouched."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.build.pipeline import Project, build
from archive.build.resident import ResidentSite
from archive.site import paging
from tests.scale.test_incremental import assert_same_as_clean, corpus_project, tree


@pytest.fixture
def project(make_project) -> Path:
    return corpus_project(make_project)


def resident(project: Path) -> ResidentSite:
    report = build(Project(project))
    return ResidentSite(Project(project), project / "site", report.archive, report.files)


def assert_site_is_clean_build(project: Path, tmp_path: Path, step: str) -> None:
    clean = tmp_path / f"clean-{step}"
    build(Project(project), clean, incremental=False)
    served, expected = tree(project / "site"), tree(clean)
    assert sorted(served) == sorted(expected), f"{step}: file lists differ"
    assert [path for path in expected if served[path] != expected[path]] == [], step


def appended(path: Path, text: str) -> Path:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", "utf-8")
    return path


def test_edits_of_text_leave_what_a_clean_build_writes(project: Path, tmp_path: Path) -> None:
    site = resident(project)
    statements = sorted((project / "content" / "statements").rglob("*.md"))
    original = statements[10].read_text(encoding="utf-8")

    # A paragraph with words no other statement has: new search terms and phrase pairs.
    appended(statements[10], "The delegation quoted Zanzibarian qwertyesque proverbs at length.")
    report = site.rebuild([statements[10]])
    assert report is not None and report.rendered == 1
    assert_site_is_clean_build(project, tmp_path, "new words")

    # Those words gone again (their only statement), and two statements edited at once.
    statements[10].write_text(original, encoding="utf-8")
    appended(statements[30], "The delegation left the chamber without further comment.")
    report = site.rebuild([statements[10], statements[30]])
    assert report is not None and report.rendered == 2
    assert_site_is_clean_build(project, tmp_path, "two at once")

    # A file saved unchanged, and an editor's hidden file beside it: nothing to write.
    hidden = statements[30].with_name(".swap-file.md")
    hidden.write_text("not a statement")
    before = tree(project / "site")
    report = site.rebuild([statements[30], hidden])
    assert report is not None and report.rendered == 0
    assert tree(project / "site") == before
    hidden.unlink()

    # The caches on disk were never made stale: the next whole build is still exact.
    assert_same_as_clean(project, tmp_path, "whole build after")


def front_matter_set(path: Path, field: str, value: str) -> Path:
    """The file with `field: value` in its front matter, replacing the field if present."""
    text = path.read_text(encoding="utf-8")
    if re.search(rf"(?m)^{field}:", text):
        text = re.sub(rf"(?m)^{field}:.*$", f"{field}: {value}", text, count=1)
    else:
        text = text.replace("---\n", f"---\n{field}: {value}\n", 1)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("pages", ["one-page listings", "paginated listings"])
def test_edits_of_any_field_leave_what_a_clean_build_writes(
    project: Path, tmp_path: Path, pages: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Title, speaker, countries, resolutions, type and date (not past another statement):
    the archive is linked again and only the pages that change are made, yet the site is a
    clean build's, with its warnings; new pages appear and pages no longer linked go. With
    pages of three entries, every listing is paginated and split by year, as at scale."""
    if pages == "paginated listings":
        monkeypatch.setattr(paging, "PAGE_SIZE", 3)
        monkeypatch.setattr(paging, "RECENT", 2)
    site = resident(project)
    ordered = site.archive.statements
    by_path = {s.path: project / s.path for s in ordered}
    files = [by_path[s.path] for s in ordered]  # in the archive's order

    def edit(position: int, field: str, value: str) -> Callable[[], list[Path]]:
        return lambda: [front_matter_set(files[position], field, value)]

    steps = [
        ("title", edit(5, "title", "'A Title Set By Hand'")),
        ("new speaker", edit(8, "speaker", "Ambassador Zed Quorrow")),
        ("speaker back", edit(8, "speaker", "Tarmo Velling")),
        ("countries", edit(12, "countries", "[Japan, Mongolia]")),
        ("new resolution", edit(20, "resolutions", "[2397, 9999]")),
        ("type", edit(25, "doc_type", "speech")),
        (
            "two at once",
            lambda: [*edit(2, "title", "'Hand-Made'")(), *edit(33, "countries", "[]")()],
        ),
    ]
    # A date moved within the gap to the statement before it: the order stays.
    for position in range(1, len(ordered)):
        earlier, this = ordered[position - 1].date, ordered[position].date
        if earlier.precision == this.precision == "day":
            day = datetime.date(earlier.year, earlier.month, earlier.day) + datetime.timedelta(1)
            if day < datetime.date(this.year, this.month, this.day):
                steps.append(("date", edit(position, "date", day.isoformat())))
                break
    assert steps[-1][0] == "date", "the corpus has a gap of two days or more"
    for step, make_edit in steps:
        paths = make_edit()
        report = site.rebuild(paths)
        assert report is not None, step
        assert report.rendered >= len(paths), step
        clean = build(Project(project), tmp_path / f"clean-{step}", incremental=False)
        assert report.warnings == clean.warnings, step
        assert report.files == clean.files, step
        assert_site_is_clean_build(project, tmp_path, step)
    assert_same_as_clean(project, tmp_path, "whole build after")


def test_new_statements_later_than_every_other_leave_what_a_clean_build_writes(
    project: Path, tmp_path: Path
) -> None:
    """Today's statement added: its page, its neighbour's, the listings, a new person's page,
    feeds, sitemap, data files and search index, as a clean build writes them."""
    site = resident(project)
    # The archive's order is by date: a day in the year after the last statement's comes last.
    day = datetime.date(site.archive.statements[-1].date.year + 1, 1, 1)
    folder = project / "content" / "statements" / "new"
    folder.mkdir()

    def new_statement(name: str, days: int, speaker: str, text: str) -> Path:
        path = folder / f"{name}.md"
        date = (day + datetime.timedelta(days)).isoformat()
        path.write_text(
            f"---\ndate: {date}\ntitle: 'A statement of {date}'\nspeaker: {speaker}\n"
            f"countries: [Japan, Mongolia]\nresolutions: [2397]\n---\n{text}\n",
            encoding="utf-8",
        )
        return path

    first = new_statement("first", 1, "Ambassador Zed Quorrow", "Japan welcomes zyxquor talks.")
    report = site.rebuild([first])
    assert report is not None and report.rendered > 1
    clean = build(Project(project), tmp_path / "clean-one", incremental=False)
    assert (report.statements, report.files) == (clean.statements, clean.files)
    assert report.warnings == clean.warnings
    assert_site_is_clean_build(project, tmp_path, "one new")

    # Two more at once, beside an edit of an existing statement's title.
    existing = project / site.archive.statements[3].path
    batch = [
        new_statement("second", 2, "Tarmo Velling", "The delegation left the chamber."),
        new_statement("third", 2, "Ambassador Zed Quorrow", "A second zyxquor meeting."),
        front_matter_set(existing, "title", "'A Title Set By Hand'"),
    ]
    report = site.rebuild(batch)
    assert report is not None and report.statements == clean.statements + 2
    assert_site_is_clean_build(project, tmp_path, "two new and an edit")
    assert_same_as_clean(project, tmp_path, "whole build after")


def test_any_other_change_is_left_to_the_whole_build(project: Path) -> None:
    site = resident(project)
    ordered = site.archive.statements
    files = [project / s.path for s in ordered]
    before = tree(project / "site")
    original = files[10].read_text(encoding="utf-8")

    def refused(*paths: Path) -> bool:
        return site.rebuild(list(paths)) is None

    front_matter_set(files[10], "date", "1901-01-01")
    assert refused(files[10]), "a date that moves a statement past others renumbers them"
    front_matter_set(files[10], "date", "2017-13-01")
    assert refused(files[10]), "a broken file is reported by the whole build"
    files[10].write_text(original)
    front_matter_set(files[10], "slug", "a-new-address")
    assert refused(files[10]), "a new address: the old page goes, links to it change"
    files[10].write_text(original)
    added = project / "content" / "statements" / "new.md"
    added.write_text("---\ndate: 1950-01-01\ntitle: New\n---\nText.\n")
    assert refused(added), "a new statement before others renumbers them"
    added.write_text(f"---\ndate: 2090-01-01\nslug: {ordered[5].id}\n---\nText.\n")
    assert refused(added), "a new statement at an address taken"
    added.unlink()
    files[1].unlink()
    assert refused(files[1])
    assert refused(project / "templates" / "statement.html")
    assert refused(project / "content" / "people.yaml")
    # An edit in the same batch as anything else is left whole too.
    appended(files[2], "The delegation left the chamber without further comment.")
    assert refused(files[2], project / "static" / "style.css")
    assert tree(project / "site") == before, "nothing was written"
