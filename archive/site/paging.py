"""Pagination of the site's listings: every listing is cut into pages of PAGE_SIZE entries at
stable addresses (`x/`, `x/page/2/`), and an entity with more than PAGE_SIZE statements is
split by year (`countries/japan/2020/`), its own page showing the years and the most recent
entries. Pure functions of lists; render.py makes the pages' contexts with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from archive.model import Statement

#: Entries on one page of a listing: about 60 kB of HTML, well under the 200 kB a page may
#: weigh, and a screenful a reader can scan.
PAGE_SIZE = 100
#: The most recent entries an entity's page shows above its years, once split by year.
RECENT = 20
#: Pager links shown on each side of the current page; the first and last are always shown.
PAGER_SPREAD = 2

UNDATED = "undated"


def page_address(base: str, number: int) -> str:
    """The address of page `number` of the listing at `base` ("x/" or "x/page/2/")."""
    return base if number == 1 else f"{base}page/{number}/"


def page_number(before: int) -> int:
    """The page an entry is on, `before` entries coming before it in its listing."""
    return before // PAGE_SIZE + 1


def page_count(entries: int) -> int:
    return max(1, -(-entries // PAGE_SIZE))


def pager(base: str, number: int, total: int, noun: str = "statements") -> dict[str, Any]:
    """What the pagination partial shows: the entries of this page out of how many, and links
    to the first, last and nearby pages."""
    pages = page_count(total)
    shown = sorted(
        {1, pages, *range(max(1, number - PAGER_SPREAD), min(pages, number + PAGER_SPREAD) + 1)}
    )
    links: list[dict[str, Any]] = []
    for page in shown:
        if links and page > links[-1]["number"] + 1:
            links.append({"number": None, "url": None, "current": False})  # a gap: "…"
        links.append({"number": page, "url": page_address(base, page), "current": page == number})
    return {
        "total": total,
        "noun": noun,
        "first": min(total, (number - 1) * PAGE_SIZE + 1),
        "last": min(total, number * PAGE_SIZE),
        "number": number,
        "pages": pages,
        "links": links if pages > 1 else [],
        "previous": page_address(base, number - 1) if number > 1 else None,
        "next": page_address(base, number + 1) if number < pages else None,
    }


def page_slice(entries: list[Any], number: int) -> list[Any]:
    """The entries of page `number` (from 1)."""
    return entries[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]


def year_part(statement: Statement) -> str:
    """The year folder a statement is listed under: its year, or "undated", never a guess."""
    return str(statement.date.year) if statement.date.year is not None else UNDATED


def year_label(part: str) -> str:
    return "Date unknown" if part == UNDATED else part


def recent(entries: list[Any]) -> list[Any]:
    """The first RECENT entries: what an entity's own page shows once split by year."""
    return entries[:RECENT]


def is_split(entries: int) -> bool:
    """Whether an entity's statements are split by year rather than listed on its page."""
    return entries > PAGE_SIZE


def _by_year(items: list[Any], statement_of: Callable[[Any], Statement]) -> dict[str, list[Any]]:
    """Items grouped by year folder, newest year first and the undated last, each group in
    the order given."""
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(year_part(statement_of(item)), []).append(item)
    return dict(sorted(groups.items(), key=lambda group: _year_order(group[0])))


def _year_order(part: str) -> tuple[bool, int]:
    return (part == UNDATED, 0 if part == UNDATED else -int(part))


def split_parts(
    base: str, items: list[Any], statement_of: Callable[[Any], Statement] = lambda s: s
) -> list[tuple[str, str | None, int]]:
    """The pages of an entity whose listing starts at `base` ("countries/japan/"): (path, year
    folder or None for its own page, page number)."""
    parts: list[tuple[str, str | None, int]] = []
    if not is_split(len(items)):
        return [(f"{base}index.html", None, 1)]
    parts.append((f"{base}index.html", None, 1))
    for part, group in _by_year(items, statement_of).items():
        for number in range(1, page_count(len(group)) + 1):
            parts.append((f"{page_address(f'{base}{part}/', number)}index.html", part, number))
    return parts


def split_context(
    base: str,
    items: list[Any],
    part: str | None,
    number: int,
    statement_of: Callable[[Any], Statement] = lambda s: s,
) -> dict[str, Any]:
    """The entries of one page of an entity (`items` newest first) and what a reader needs to
    move between its pages: the years with counts, this year's pager, where it is."""
    if not is_split(len(items)):
        return {"entries": items, "years": [], "part": None, "pager": pager(base, 1, len(items))}
    groups = _by_year(items, statement_of)
    years = [
        {"label": year_label(p), "url": f"{base}{p}/", "count": len(g), "current": p == part}
        for p, g in groups.items()
    ]
    if part is None:
        return {"entries": recent(items), "years": years, "part": None, "pager": None}
    group = groups.get(part, [])
    return {
        "entries": page_slice(group, number),
        "years": years,
        "part": {"label": year_label(part), "url": f"{base}{part}/"},
        "pager": pager(f"{base}{part}/", number, len(group)),
    }
