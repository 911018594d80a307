"""Saved web pages made from real statements, to measure `build.py import` of pages: each text
of the corpus is wrapped in the chrome of a real site (navigation, header, breadcrumb, share
bar, related links, cookie banner, newsletter box, footer), with its date in
`article:published_time` or JSON-LD (or nowhere, when the source gave only a month or year),
and some pages in windows-1252 or ISO-8859-1. A page passes when the importer gives every
paragraph of the text, no paragraph of the chrome, and the right title, date, address and
site.

    python benchmarks/import_pages.py [--pages 250] [--seed 16] [--write DIR] [--show-failures N]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from real_corpus import corpus_or_default  # noqa: E402

from archive.importing.pages import read_page  # noqa: E402
from archive.importing.records import Problem  # noqa: E402

CORPUS = corpus_or_default()
SITES = {
    "kcna": ("KCNA Watch", "http://www.kcna.kp/en/article/q/"),
    "wh": ("The White House", "https://www.whitehouse.gov/briefing-room/statements-releases/"),
    "state": ("U.S. Department of State", "https://www.state.gov/"),
    "ungdc": ("United Nations", "https://gadebate.un.org/en/"),
    "sweden": ("Regeringskansliet", "https://www.regeringen.se/tal/"),
}
NAV = ["Home", "News", "Press releases", "Speeches", "Countries", "Topics", "About us", "Contact"]
COOKIE = (
    "We use cookies to give you the best experience on our website. By continuing to browse "
    "you agree to our use of cookies. Accept all cookies Manage preferences"
)
NEWSLETTER = "Sign up for our newsletter: the latest releases delivered to your inbox. Subscribe"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def split_statement(record: dict) -> tuple[str, list[str]]:
    """(headline, paragraphs) of a corpus record: its text's headline line, or a title made
    for the page (general debate speeches have none), and the text's non-empty lines."""
    lines = [" ".join(line.split()) for line in record["text"].splitlines() if line.strip()]
    headline = record["truth"].get("headline")
    if headline and lines and lines[0] == " ".join(headline.split()):
        return lines[0], lines[1:]
    country = record["truth"].get("country", "")
    return headline or f"General debate: statement by {country} ({record['truth']['date']})", lines


def _metadata(record: dict, headline: str, url: str, site: str, style: int) -> str:
    date = str(record["truth"].get("date") or "")
    day = len(date) == 10
    tags = [
        f'<meta property="og:title" content="{_e(headline)}">',
        f'<meta property="og:site_name" content="{_e(site)}">',
        f'<link rel="canonical" href="{_e(url)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ]
    if day and style % 2 == 0:
        tags.append(f'<meta property="article:published_time" content="{date}T09:30:00+00:00">')
    elif day:
        tags.append(
            '<script type="application/ld+json">'
            + json.dumps(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": headline,
                    "datePublished": f"{date}T09:30:00Z",
                    "publisher": {"@type": "Organization", "name": site},
                    "mainEntityOfPage": url,
                }
            )
            + "</script>"
        )
    return "\n".join(tags)


def page_for(record: dict, others: list[str], style: int, charset: str) -> str:
    """A saved page of one statement, in one of three site layouts."""
    headline, paragraphs = split_statement(record)
    site, base = SITES[record["source"]]
    url = record["truth"].get("url") or f"{base}{record['id']}"
    nav = "".join(f'<li><a href="/{n.lower().replace(" ", "-")}">{n}</a></li>' for n in NAV)
    related = "".join(f'<li><a href="/r/{i}">{_e(t)}</a></li>' for i, t in enumerate(others))
    body = "\n".join(f"<p>{_e(p)}</p>" for p in paragraphs)
    share = (
        '<div class="share-bar"><span>Share this page:</span> <a href="#">Facebook</a> '
        '<a href="#">X</a> <a href="#">LinkedIn</a> <a href="#">Email</a> '
        '<a href="#">Print</a></div>'
    )
    head = (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="{charset}">\n'
        f"<title>{_e(headline)} | {_e(site)}</title>\n"
        f"{_metadata(record, headline, url, site, style)}\n</head>\n"
    )
    cookie = f'<div id="cookie-banner" class="cookie-consent"><p>{COOKIE}</p></div>'
    footer = (
        "<footer><ul><li><a href='/privacy'>Privacy policy</a></li><li><a href='/access'>"
        "Accessibility</a></li><li><a href='/sitemap'>Site map</a></li></ul>"
        f"<p>Copyright 2024 {_e(site)}. All rights reserved.</p></footer>"
    )
    if style == 0:  # a government site: header, breadcrumb, article, related, footer
        return (
            head
            + f'<body>\n{cookie}\n<header><a class="logo" href="/">{_e(site)}</a>'
            + '<form role="search"><input name="q" placeholder="Search"></form></header>\n'
            + f'<nav class="main-nav"><ul>{nav}</ul></nav>\n'
            + '<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/news">News</a>'
            + "</li></ol>\n<main>\n<article>\n"
            + f"<h1>{_e(headline)}</h1>\n{body}\n</article>\n{share}\n"
            + f'<section class="related"><h2>Related</h2><ul>{related}</ul></section>\n'
            + f"</main>\n{footer}\n</body>\n</html>\n"
        )
    if style == 1:  # a news site: story body, aside of most read, newsletter, tags
        return (
            head
            + '<body>\n<div class="top-bar"><a href="/login">Log in</a> '
            + '<a href="/sub">Subscribe</a></div>\n'
            + f'<nav><ul>{nav}</ul></nav>\n<div class="layout">\n'
            + f'<div class="story"><h1 class="story-title">{_e(headline)}</h1>\n{share}\n'
            + f'<div class="story-body">{body}</div>\n'
            + '<div class="tags">Tags: <a href="/t/diplomacy">Diplomacy</a> '
            + '<a href="/t/un">UN</a></div>\n'
            + f'<div class="newsletter"><p>{NEWSLETTER}</p></div></div>\n'
            + f'<aside class="most-read"><h3>Most read</h3><ol>{related}</ol></aside>\n</div>\n'
            + f"{footer}\n{cookie}\n</body>\n</html>\n"
        )
    # an old site: tables for layout, the text in a cell
    return (
        head
        + '<body>\n<table width="100%"><tr><td class="menu">'
        + "".join(f'<a href="/{i}">{n}</a><br>' for i, n in enumerate(NAV))
        + f'</td><td class="content">\n<h2 class="headline">{_e(headline)}</h2>\n{body}\n'
        + f'<p class="related-title">Other articles</p><ul>{related}</ul>\n'
        + f'</td></tr></table>\n<div class="foot">Copyright {_e(site)}</div>\n{cookie}\n'
        + "</body>\n</html>\n"
    )


def make_pages(count: int, seed: int = 16) -> list[tuple[dict, bytes, str]]:
    """(record, page bytes, charset) for `count` corpus statements, as many of each source."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    rng = random.Random(seed)
    by_source: dict[str, list[dict]] = {}
    for record in records:
        by_source.setdefault(record["source"], []).append(record)
    chosen = []
    for source in sorted(by_source):
        chosen += rng.sample(by_source[source], count // len(by_source))
    headlines = [r["truth"]["headline"] for r in records if r["truth"].get("headline")]
    pages = []
    for number, record in enumerate(chosen):
        charset = ("utf-8", "utf-8", "windows-1252", "iso-8859-1")[number % 4]
        page = page_for(record, rng.sample(headlines, 4), number % 3, charset)
        encoding = {"iso-8859-1": "cp1252"}.get(charset, charset)  # as browsers read it
        try:
            raw = page.encode(encoding)
        except UnicodeEncodeError:  # a text with characters the charset lacks
            page = page.replace(f'<meta charset="{charset}">', '<meta charset="utf-8">')
            charset, raw = "utf-8", page.encode("utf-8")
        pages.append((record, raw, charset))
    return pages


def score(record: dict, raw: bytes) -> list[str]:
    """What the importer got wrong on one page (empty: the page passes)."""
    found = read_page(raw, record["id"])
    if isinstance(found, Problem):
        return [f"refused: {found.message}"]
    headline, paragraphs = split_statement(record)
    expected = [headline, *paragraphs]
    got = [" ".join(line.split()) for line in found.text.splitlines() if line.strip()]
    faults = []
    lost = [p for p in expected if p not in got]
    extra = [p for p in got if p not in expected]
    if lost:
        faults.append(f"lost {len(lost)} of {len(expected)} paragraphs, e.g. {lost[0][:70]!r}")
    if extra:
        faults.append(f"{len(extra)} paragraphs of chrome, e.g. {extra[0][:70]!r}")
    date = str(record["truth"].get("date") or "")
    want_date = date if len(date) == 10 else None
    if found.metadata.get("date") != want_date:
        faults.append(f"date {found.metadata.get('date')} for {want_date}")
    if found.metadata.get("title") != headline:
        faults.append(f"title {found.metadata.get('title')!r}")
    site, base = SITES[record["source"]]
    if found.metadata.get("url") != (record["truth"].get("url") or f"{base}{record['id']}"):
        faults.append(f"url {found.metadata.get('url')}")
    if found.metadata.get("source") != site:
        faults.append(f"site {found.metadata.get('source')!r}")
    return faults


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=250)
    parser.add_argument("--seed", type=int, default=16, help="which statements and layouts")
    parser.add_argument("--write", type=Path, help="also save the pages in this folder")
    parser.add_argument("--show-failures", type=int, default=5)
    arguments = parser.parse_args()
    pages = make_pages(arguments.pages, arguments.seed)
    if arguments.write:
        arguments.write.mkdir(parents=True, exist_ok=True)
        for record, raw, _ in pages:
            (arguments.write / f"{record['id']}.html").write_bytes(raw)
    started = time.perf_counter()
    failures = []
    kinds: dict[str, int] = {}
    for record, raw, charset in pages:
        faults = score(record, raw)
        if faults:
            failures.append((record["id"], charset, faults))
            for fault in faults:
                kind = fault.split(" ")[0] if not fault[0].isdigit() else "chrome"
                kinds[kind] = kinds.get(kind, 0) + 1
    seconds = time.perf_counter() - started
    passed = len(pages) - len(failures)
    print(
        f"{passed}/{len(pages)} pages right ({100 * passed / len(pages):.1f} %): the text whole, "
        f"no chrome, title, date, address and site right; {seconds:.1f} s "
        f"({1000 * seconds / len(pages):.0f} ms a page)"
    )
    print("faults by kind:", kinds or "none")
    for page_id, charset, faults in failures[: arguments.show_failures]:
        print(f"  {page_id} ({charset}): {'; '.join(faults)}")


if __name__ == "__main__":
    main()
