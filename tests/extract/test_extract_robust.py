"""Any text gives a ParsedText, never an exception, in bounded time: empty, binary-looking,
huge, hostile (markup, control characters, pathological repetition for the regexes)."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.extract import parse_text
from archive.model import ParsedText

# Fragments of real pages, so that generated texts reach deep into the rules.
FRAGMENTS = [
    "Statement by H.E. Ambassador ",
    "Koro Bessho, Permanent Representative of Japan to the United Nations",
    "SEOUL, Jan. 3 (Yonhap) -- ",
    "Pyongyang, March 29 (KCNA) --",
    "resolutions 1718 (2006), 1874 (2009) and ",
    "S/RES/2397 (2017)",
    "UNSCR ",
    "December 23, 2017",
    "23/12/2017",
    "on the 29th",
    "on Tuesday",
    "(Check against delivery)",
    "Back to Press Releases",
    "Popular Now",
    "  • 1\n",
    "Choe Son Hui, North Korea’s Foreign Minister, said",
    "Kim Yo Jong",
    "| caption |",
    "By Jane Doe",
    "content@example.com",
    "Thank you, Mr. President.",
    "\n\n",
    "1. ",
    "(PDF)Open a New Window",
    "<script>alert(1)</script>",
    "\x00\x01\x7f",
    "\u202e\u200b\ufeff",
    "한국어 日本語",
]

texts = st.one_of(
    st.text(max_size=2000),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=40), max_size=60).map("".join),
    st.binary(max_size=2000).map(lambda raw: raw.decode("latin-1")),
)


def check(parsed: ParsedText) -> None:
    assert isinstance(parsed, ParsedText)
    assert not [w for w in parsed.warnings if w.startswith("parser error")], parsed.warnings
    assert all(isinstance(p, str) and p for p in parsed.paragraphs)
    assert parsed.resolutions == sorted(set(parsed.resolutions))
    assert all(0 < n < 10000 for n in parsed.resolutions)
    for mention in parsed.resolution_mentions:
        assert 1 <= mention.paragraph <= len(parsed.paragraphs)


@settings(
    max_examples=200,
    # Generous for a loaded machine: a real statement parses in about a millisecond.
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(texts, st.integers(min_value=1, max_value=50))
def test_any_text_parses(text: str, first_line: int) -> None:
    check(parse_text(text, first_line=first_line))


HOSTILE = {
    "empty": "",
    "blank": " \n\t\n \r\n",
    "one long line": "word " * 200_000,
    "many lines": "North Korea said.\n" * 50_000,
    "digits": "resolution " + "1" * 100_000,
    "resolution list": "resolutions " + ", ".join(["2397"] * 20_000),
    "capitals": "Kim " * 100_000,
    "months": "December " * 50_000 + "23",
    "dots": "." * 200_000,
    "parentheses": "(" * 50_000 + ")" * 50_000,
    "dashes": "SEOUL" + " -" * 100_000,
    "nul bytes": "\x00" * 100_000,
    "markup": "<div>" * 20_000 + "Statement by Mr. X</div>",
    "commas": "Kim Song, " * 30_000 + "said",
}


def test_hostile_texts_parse_quickly() -> None:
    for name, text in HOSTILE.items():
        # CPU time, so that other work on a shared machine does not count.
        started = time.process_time()
        parsed = parse_text(text)
        elapsed = time.process_time() - started
        check(parsed)
        assert elapsed < 5, f"{name}: {elapsed:.1f} s"


def test_non_string_input_does_not_crash() -> None:
    parsed = parse_text(b"resolution 2397".decode())
    assert parsed.resolutions == [2397]
