"""The build-time SVG timeline chart: well-formed, named for screen readers, a link per mark,
per-statement marks when few, period bars linking to timeline pages when many."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from outputs_support import read, statement

from archive.link import link
from archive.model import PeopleDirectory, SiteSettings, StatementDate
from archive.site.chart import PER_STATEMENT_LIMIT, timeline_chart

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(html: str) -> ET.Element:
    match = re.search(r"<svg .*?</svg>", html, re.S)
    assert match, "no inline SVG"
    # Inline SVG in HTML needs no namespace; XML parsing does.
    return ET.fromstring(match.group(0).replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def test_chart_on_home_and_timeline_is_well_formed_named_and_linked(real_site: Path) -> None:
    for path in ("index.html", "timeline/index.html"):
        html = read(real_site, path)
        svg = svg_of(html)
        title_id = svg.get("aria-labelledby")
        title = svg.find(f"{SVG}title")
        assert title.get("id") == title_id and title.text
        assert svg.find(f"{SVG}desc").text.startswith("5 dated statements")
        marks = svg.findall(f"{SVG}a")
        assert len(marks) == 5  # few statements: one mark each, linking to its page
        for mark in marks:
            href = mark.get("href")
            assert (real_site / Path(path).parent / href).resolve().is_file(), href
            assert mark.find(f"{SVG}title").text and mark.find(f"{SVG}rect") is not None
        assert 'class="chart-legend"' in html and "<table>" in html  # the text equivalent


def archive_of(count: int, first_year: int, years: int):
    statements = [
        statement(
            f"s{i:05d}",
            StatementDate(first_year + i % years, i % 12 + 1, 1, "day"),
            speaker=f"Speaker {i % 9}",
            country=["Japan", "North Korea", "China", "Russia", "United States", "France", "Chile"][
                i % 7
            ],
        )
        for i in range(count)
    ]
    return link(statements, PeopleDirectory(), {}, SiteSettings())


def test_many_statements_make_one_bar_per_year_linking_to_the_year() -> None:
    chart = timeline_chart(archive_of(2000, 1990, 30).statements)
    assert chart.unit == "year" and len(chart.marks) == 30
    assert {m.url for m in chart.marks} == {f"timeline/{y}/" for y in range(1990, 2020)}
    assert all(len(m.rects) == 6 for m in chart.marks)  # five countries and "Other"
    assert [e["label"] for e in chart.legend][-1] == "Other or unknown"
    assert sum(row["total"] for row in chart.rows) == 2000
    assert chart.note.startswith("Bar height is the number of statements per year")


def test_a_short_span_is_binned_by_month_linking_to_the_month() -> None:
    chart = timeline_chart(archive_of(PER_STATEMENT_LIMIT + 1, 2017, 2).statements)
    assert chart.unit == "month"
    assert all(re.fullmatch(r"timeline/201[78]/#m\d+", m.url) for m in chart.marks)


def test_a_year_page_charts_its_months(real_site: Path) -> None:
    html = read(real_site, "timeline/2017/index.html")
    svg = svg_of(html)
    assert svg.find(f"{SVG}title").text == "Statements per month, by country"
    for mark in svg.findall(f"{SVG}a"):
        assert mark.get("href").startswith("../../statements/")


def test_many_statements_of_one_year_link_to_the_months_on_its_page() -> None:
    archive = archive_of(12 * PER_STATEMENT_LIMIT, 2017, 1)  # more than the limit a month
    chart = timeline_chart(archive.timeline[2017][1] + archive.timeline[2017][2])
    assert chart.unit == "month" and {m.url for m in chart.marks} == {
        "timeline/2017/#m1",
        "timeline/2017/#m2",
    }
