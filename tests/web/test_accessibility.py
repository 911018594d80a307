"""Accessibility of every page type: axe-core at WCAG 2.1 A/AA in light and dark mode, and
keyboard-only use (skip link, visible focus, no trap)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from webcheck import AXE_JS, SEARCH_RESULTS, page_types, require

pytestmark = pytest.mark.browser

#: axe-core's tags for the WCAG 2.1 A and AA success criteria (2.0's are part of 2.1).
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the loaded page, one readable line per failing element."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page_type(
    real_site: Path, site_url: str, new_page: Any, scheme: str
) -> None:
    require(AXE_JS.is_file(), "node_modules/axe-core (npm ci)")
    page = new_page(color_scheme=scheme)
    problems = {}
    for path in [*page_types(real_site), SEARCH_RESULTS[0]]:
        page.goto(site_url + path)
        if path == SEARCH_RESULTS[0]:
            page.wait_for_selector(SEARCH_RESULTS[1])
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
        assert page.console_errors == [], (path, page.console_errors)
        assert page.foreign_requests == [], (path, page.foreign_requests)
    assert problems == {}


#: What the page says about the element that has focus: enough to tell where focus is and
#: whether a sighted keyboard user can see it.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: (el.textContent || el.value || '').trim().slice(0, 40),
    inFooter: !!el.closest('footer'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth,
  };
}"""


def test_skip_link_moves_focus_to_main(real_site: Path, site_url: str, new_page: Any) -> None:
    page = new_page()
    for path in page_types(real_site):
        page.goto(site_url + path)
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUS_STATE)
        assert first and first["text"] == "Skip to content", (path, first)
        assert first["visible"], f"{path}: the skip link is not shown when focused"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", path
        # The next Tab continues from main, not from the top of the page.
        page.keyboard.press("Tab")
        after = page.evaluate(
            "!!document.activeElement.closest('main') || !!document.activeElement.closest('footer')"
        )
        assert after, f"{path}: Tab after the skip link left main"


def test_keyboard_reaches_everything_with_visible_focus_and_wraps(
    real_site: Path, site_url: str, new_page: Any
) -> None:
    page = new_page()
    for path in [*page_types(real_site), SEARCH_RESULTS[0]]:
        page.goto(site_url + path)
        if path == SEARCH_RESULTS[0]:
            page.wait_for_selector(SEARCH_RESULTS[1])
            page.wait_for_selector("#search-facets select")  # filters follow the results
        focusable = page.evaluate(
            """() => [...document.querySelectorAll(
                'a[href]:not([tabindex="-1"]), button, input, select, textarea, summary,'
                + '[tabindex]:not([tabindex="-1"])'
            )].filter(e => !e.disabled && e.getClientRects().length).length"""
        )
        seen = []
        wrapped = False
        for _ in range(focusable + 3):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            if state is None:  # past the last element, focus leaves the document
                continue
            if seen and state["text"] == "Skip to content":
                wrapped = True
                break
            assert state["outline"] or state["shadow"], f"{path}: no visible focus on {state}"
            assert state["visible"], f"{path}: focused element off screen: {state}"
            seen.append(state)
        assert wrapped, f"{path}: Tab never came back to the top ({len(seen)} stops)"
        assert any(s["inFooter"] for s in seen), f"{path}: Tab never reached the footer"
        assert len(seen) >= focusable, f"{path}: {len(seen)} of {focusable} elements reached"
