"""The timeline chart, computed at build time: statements over time, coloured by country, as
geometry that templates/_chart.html draws as inline SVG (no script), with a table equivalent.

With few statements each is one mark linking to its page; with many, each period is a bar
whose coloured parts link to the period's timeline page, so the chart stays small at any N.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from archive.link import statement_countries
from archive.model import MONTH_NAMES, Statement
from archive.site.paging import page_address, page_number

# The chart is drawn at its own size in CSS pixels, never scaled down (a phone scrolls it
# sideways instead), so that its labels stay 12 px and its marks at least 24 px to tap.
WIDTH, HEIGHT = 640, 180
TOP, BOTTOM, SIDE = 8, 24, 4
#: The narrowest slot of a period: its bar (80% of it) stays a 24 px target or wider.
MIN_SLOT = 32
#: The height of one statement's block; the plot is as tall as the tallest stack of blocks.
BLOCK = 28
#: Past this many statements in one period, bars instead of blocks (which would tower).
MAX_STACK = 8
#: Room for one tick label ("Sep 2017" at 12 px).
TICK_ROOM = 64
#: Up to this many dated statements, one mark per statement; beyond, one bar per period.
PER_STATEMENT_LIMIT = 60
#: Month bins when the dated statements span at most this many years, else year bins.
MONTH_BINS_MAX_YEARS = 3
#: Countries with their own colour; the rest share the last colour (c6 in style.css).
COLOURED_COUNTRIES = 5
MAX_TICKS = 10
OTHER = "Other or unknown"


@dataclass(frozen=True)
class Rect:
    """One coloured rectangle, its numbers already formatted for the SVG."""

    x: str
    y: str
    width: str
    height: str
    colour: str


@dataclass(frozen=True)
class Mark:
    """One link of the chart: a statement's block, or a period's bar of coloured parts."""

    url: str
    label: str
    rects: list[Rect]


@dataclass(frozen=True)
class Tick:
    x: str
    label: str


@dataclass(frozen=True)
class Period:
    """One bin of the time axis: a year, or a month (month 0: year known, month not)."""

    year: int
    month: int | None  # None in year bins

    @property
    def label(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.month == 0:
            return f"{self.year}, month unknown"
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def short_label(self) -> str:
        if self.month is None or self.month == 0:
            return str(self.year)
        return f"{MONTH_NAMES[self.month - 1][:3]} {self.year}"

    def url(self, before: int = 0) -> str:
        """The year's page, or the month's heading on the page of its year where it starts,
        `before` statements of the year coming before it (the year's pages are paginated)."""
        if self.month is None:
            return f"timeline/{self.year}/"
        return f"{page_address(f'timeline/{self.year}/', page_number(before))}#m{self.month}"


@dataclass(frozen=True)
class Chart:
    """Everything the chart template draws; all numbers already formatted."""

    width: int
    height: int
    title: str
    description: str
    marks: list[Mark]
    ticks: list[Tick]
    baseline: str
    #: Colour class, label and count of each country group, most statements first.
    legend: list[dict]
    #: The text equivalent: one row per non-empty period, counts in legend order.
    rows: list[dict]
    unit: str  # "year" or "month"
    #: How to read the marks, shown under the chart.
    note: str


def _period_urls(periods: list[Period], binned: dict[Period, list]) -> dict[Period, str]:
    """Each period's link: a month's counts the statements of its year before it, to find
    the page of the year where it starts (the months come in order, month unknown first)."""
    urls, before, year = {}, 0, None
    for period in periods:
        if period.year != year:
            before, year = 0, period.year
        urls[period] = period.url(before)
        before += len(binned.get(period, []))
    return urls


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def country_group(statement: Statement) -> str | None:
    """The country a statement is coloured by: its speaker's, else the first it concerns."""
    countries = statement_countries(statement)
    return countries[0] if countries else None


def _periods(dated: list[Statement]) -> tuple[list[Period], str]:
    first, last = dated[0].date, dated[-1].date
    assert first.year is not None and last.year is not None
    if last.year - first.year + 1 > MONTH_BINS_MAX_YEARS:
        return [Period(y, None) for y in range(first.year, last.year + 1)], "year"
    known_months = [(s.date.year, s.date.month) for s in dated if s.date.month]
    start = min(known_months, default=(first.year, 1))
    end = max(known_months, default=(last.year, 12))
    periods = []
    for year in range(first.year, last.year + 1):
        if any(s.date.year == year and s.date.month is None for s in dated):
            periods.append(Period(year, 0))
        low = start[1] if year == start[0] else 1
        high = end[1] if year == end[0] else 12
        periods.extend(Period(year, m) for m in range(low, high + 1))
    return periods, "month"


def _period_of(statement: Statement, unit: str) -> Period:
    assert statement.date.year is not None
    if unit == "year":
        return Period(statement.date.year, None)
    return Period(statement.date.year, statement.date.month or 0)


def timeline_chart(statements: list[Statement]) -> Chart | None:
    """The chart of the dated ones of `statements` (oldest first), or None when none is dated:
    the whole archive's on the home and timeline pages, a year's on the year's page.

    Linear in the archive: one pass to bin the statements, then work per period and colour.
    """
    dated = [s for s in statements if s.date.known]
    if not dated:
        return None
    periods, unit = _periods(dated)
    country = {s.id: country_group(s) for s in dated}  # once per statement: it builds lists
    ranked = Counter(country.values()).most_common()
    ranked.sort(key=lambda item: (-item[1], item[0] is None, item[0] or ""))
    named = [c for c, _ in ranked if c is not None][:COLOURED_COUNTRIES]
    colour_of = {country: f"c{i}" for i, country in enumerate(named, start=1)}
    other = f"c{COLOURED_COUNTRIES + 1}"
    labels = [*named, OTHER] if len(named) < len(ranked) else named
    classes = [colour_of.get(label, other) for label in labels]

    def group(statement: Statement) -> str:
        return colour_of.get(country[statement.id], other)  # type: ignore[arg-type]

    binned: dict[Period, list[Statement]] = {p: [] for p in periods}
    for statement in dated:
        binned[_period_of(statement, unit)].append(statement)
    counts = {p: Counter(group(s) for s in ss) for p, ss in binned.items()}
    tallest = max(len(ss) for ss in binned.values())

    per_statement = len(dated) <= PER_STATEMENT_LIMIT and tallest <= MAX_STACK
    width = max(WIDTH, 2 * SIDE + MIN_SLOT * len(periods))
    # Blocks of a fixed height: a stack of one is one block tall, with no empty band above.
    plot_height = BLOCK * tallest if per_statement else HEIGHT - TOP - BOTTOM
    height = TOP + plot_height + BOTTOM
    slot = (width - 2 * SIDE) / len(periods)
    bar = max(1.0, slot * 0.8)
    urls = _period_urls(periods, binned)
    marks: list[Mark] = []
    for index, period in enumerate(periods):
        x = _number(SIDE + index * slot + (slot - bar) / 2)
        bottom = float(TOP + plot_height)
        if per_statement:
            unit_height = BLOCK
            order = sorted(binned[period], key=lambda s: (classes.index(group(s)), s.id))
            for statement in order:
                bottom -= unit_height
                named_country = country[statement.id] or "no country"
                rect = Rect(x, _number(bottom + 0.5), _number(bar), _number(unit_height - 1),
                            group(statement))  # fmt: skip
                label = f"{statement.title} ({statement.date.label()}; {named_country})"
                marks.append(Mark(statement.url_path, label, [rect]))
            continue
        rects, parts = [], []
        for colour, label in zip(classes, labels, strict=True):
            count = counts[period][colour]
            if not count:
                continue
            height = plot_height * count / tallest
            bottom -= height
            rects.append(Rect(x, _number(bottom), _number(bar), _number(height), colour))
            parts.append(f"{label} {count}")
        if rects:
            total = len(binned[period])
            label = (
                f"{period.label}: {total} statement{'s' if total != 1 else ''} ({', '.join(parts)})"
            )
            marks.append(Mark(urls[period], label, rects))

    step = max(math.ceil(len(periods) / MAX_TICKS), math.ceil(TICK_ROOM / slot))
    ticks = [
        Tick(_number(SIDE + i * slot + slot / 2), p.short_label)
        for i, p in enumerate(periods)
        if i % step == 0
    ]
    totals = Counter(group(s) for s in dated)
    legend = [
        {"colour": colour, "label": label, "count": totals[colour]}
        for colour, label in zip(classes, labels, strict=True)
    ]
    rows = [
        {
            "label": p.label,
            "url": urls[p],
            "total": len(binned[p]),
            "counts": [counts[p][c] for c in classes],
        }
        for p in periods
        if binned[p]
    ]
    undated = len(statements) - len(dated)
    description = (
        f"{len(dated)} dated statements from {periods[0].label} to {periods[-1].label}, "
        f"{'one mark per statement' if per_statement else 'one bar per ' + unit}, "
        f"coloured by country: "
        + ", ".join(f"{entry['label']} {entry['count']}" for entry in legend)
        + "."
        + (f" {undated} statements of unknown date are not shown." if undated else "")
    )
    if per_statement:
        note = "Each block is one statement; select a block to open it."
    else:
        peak = max(periods, key=lambda p: len(binned[p]))
        note = (
            f"Bar height is the number of statements per {unit}; the tallest, {peak.label}, "
            f"holds {len(binned[peak])}. Select a bar to open that {unit}."
        )
    return Chart(
        width=int(width),
        height=int(height),
        title=f"Statements per {unit}, by country",
        description=description,
        marks=marks,
        ticks=ticks,
        baseline=_number(TOP + plot_height),
        legend=legend,
        rows=rows,
        unit=unit,
        note=note,
    )
