"""The extract merge, link and render stages on small statements."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from archive.content.read import parse_statement_file
from archive.errors import ContentErrors
from archive.extract import extract_statement
from archive.link import link
from archive.model import PeopleDirectory, Person, Role, SiteSettings, StatementDate
from archive.site.render import make_environment, relative_url, render_markdown, root_of

PEOPLE = PeopleDirectory.of(
    [
        Person(
            "taro-kono",
            "Taro Kono",
            ("Kono Taro",),
            (Role("Foreign Minister", "Japan", 2017, 2019),),
            "Japan",
        )
    ]
)


def statement(name: str, front_matter: str, body: str = "Japan welcomes resolution 2397.\n"):
    raw = f"---\n{front_matter}---\nA headline\n\n{body}" if front_matter else body
    return extract_statement(
        parse_statement_file(raw.encode(), f"content/statements/{name}.md"), PEOPLE
    )


def test_front_matter_wins_and_says_so() -> None:
    s = statement("a", "date: 2017-12\nspeaker: taro-kono\ntitle: Curated\n")
    assert s.title == "Curated" and not s.title_generated
    assert s.date == StatementDate(2017, 12, None, "month", "front-matter", "2017-12")
    assert s.sources["date"] == s.sources["speaker"] == s.sources["title"] == "front-matter"
    assert s.speaker.name == "Taro Kono"
    assert s.speaker.role == "Foreign Minister"  # from people.yaml, for the statement's year
    assert s.speaker.country == "Japan"


def test_speaker_by_alias_name_resolves_to_the_curated_person() -> None:
    s = statement("a", "speaker: Kono Taro\n")
    assert s.speaker.person_id == "taro-kono"


def test_unknown_person_id_is_an_error_with_its_line() -> None:
    with pytest.raises(
        Exception, match=r"a\.md:3: speaker: person id \"nobody-here\" does not exist"
    ):
        statement("a", "date: 2017-01-01\nspeaker: nobody-here\n")


def test_link_orders_in_time_and_relates_by_shared_entities() -> None:
    a = statement("a", "date: 2017-09-12\nspeaker: taro-kono\nresolutions: [2375]\n")
    b = statement("b", "date: 2017-12-23\nspeaker: taro-kono\nresolutions: [2397]\n")
    c = statement("c", "date: 2018-01-01\nresolutions: [2397]\n")
    undated = statement("d", "resolutions: [1718]\n", body="No date here\n")
    archive = link([c, b, a, undated], PEOPLE, {}, SiteSettings())
    assert [s.id for s in archive.statements] == ["d", "a", "b", "c"]
    assert archive.previous["b"].id == "a" and archive.next["b"].id == "c"
    related_b = {r.statement.id: r.reasons for r in archive.related["b"]}
    assert related_b == {
        "c": ("Same resolution: 2397",),
        "a": ("Same speaker: Taro Kono",),
    }
    assert list(related_b) == ["c", "a"]  # a shared resolution weighs more than a speaker
    assert set(archive.resolutions) == {1718, 2375, 2397}
    assert [s.id for s in archive.resolutions[2397].statements] == ["b", "c"]
    assert archive.people["taro-kono"].spoken == [a, b]
    assert any("no date found" in w for w in archive.warnings)
    assert any("resolution 2397 is not in content/resolutions.yaml" in w for w in archive.warnings)


def test_two_statements_with_one_url_fail_loudly() -> None:
    a = statement("same", "date: 2017-01-01\n")
    b = statement("other", "date: 2017-01-02\nslug: same\n")
    with pytest.raises(ContentErrors, match="would have the same URL statements/same/"):
        link([a, b], PEOPLE, {}, SiteSettings())


def test_responds_to_links_both_ways_and_must_exist() -> None:
    a = statement("a", "date: 2017-01-01\n")
    b = statement("b", "date: 2017-01-02\nresponds_to: [a]\n")
    archive = link([a, b], PEOPLE, {}, SiteSettings())
    assert archive.related["b"][0].reasons[0] == "Responds to this statement"
    assert archive.related["a"][0].reasons[0] == "A response to this statement"
    c = statement("c", "date: 2017-01-02\nresponds_to: [zzz]\n")
    with pytest.raises(ContentErrors, match='statement "zzz" does not exist'):
        link([c], PEOPLE, {}, SiteSettings())


def test_relative_urls_work_from_disk_and_any_sub_path() -> None:
    assert root_of("index.html") == ""
    assert root_of("statements/x/index.html") == "../../"
    assert relative_url("people/taro-kono/", "statements/x/index.html") == (
        "../../people/taro-kono/index.html"
    )
    assert relative_url("", "statements/x/index.html") == "../../index.html"
    assert relative_url("statements/x/#p3", "resolutions/2397/index.html") == (
        "../../statements/x/index.html#p3"
    )
    assert relative_url("static/style.css", "index.html") == "static/style.css"


@pytest.mark.parametrize(
    "page",
    ["index.html", "404.html", "statements/x/index.html", "timeline/2019/index.html",
     "people/index.html", "a/b/c/index.html"],
)  # fmt: skip
@pytest.mark.parametrize(
    "target",
    ["", "statements/x/", "statements/y/#p2", "statements/x/statement.json", "data/x.csv",
     "people/taro-kono/", "static/style.css", "feed.xml", "#top", "timeline/", "a/b/",
     "a/b/x/", "a/x/y.css", "a/b/c/#p1", "a/./b/", "people/../static/site.js",
     "statements/x/../y/"],
)  # fmt: skip
def test_relative_urls_are_what_posixpath_makes(page: str, target: str) -> None:
    # Links are cached by the page's depth and the folders it shares with the target; whatever
    # the page, each must still be the link posixpath makes from the page's folder.
    for _ in range(2):  # made, then recalled
        path, hash_mark, fragment = target.partition("#")
        if path.endswith("/") or path == "":
            path += "index.html"
        expected = posixpath.relpath(path, posixpath.dirname(page) or ".") + hash_mark + fragment
        assert relative_url(target, page) == expected


def test_templates_read_dict_entries_and_dict_methods_alike(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text(
        "{{ entry.url }} {{ entry.items() | list | length }} {{ entry.other is defined }}"
    )
    template = make_environment(tmp_path).get_template("t.html")
    assert template.render(entry={"url": "a&b", "items": "x"}) == "a&amp;b 2 False"


def test_markdown_escapes_raw_html() -> None:
    html = render_markdown('Hello <script>alert(1)</script> *world*\n\n<div onclick="x">y</div>')
    assert "<script>" not in html and "<div" not in html
    assert "&lt;script&gt;" in html and "<em>world</em>" in html
