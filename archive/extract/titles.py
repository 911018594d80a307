"""A statement's title: its headline where the page has one, else a short title made from the
first sentence of its body (marked as generated).
"""

from __future__ import annotations

import re

from archive.extract.clean import Line
from archive.extract.people import is_name_and_role
from archive.extract.resolutions import split_sentences

_SITE_SUFFIX = re.compile(r"\s(?:\||-|–|—|::)\s[^|]{2,40}$")
_SUBTITLE = re.compile(r"^\(.*\)$")
_SALUTATION = re.compile(
    r"^(?:thank you|mr\.? president|madam|mme\.?|excellenc|distinguished|dear|ladies|colleagues)",
    re.IGNORECASE,
)
MAX_TITLE_WORDS = 12


# The name of the site or paper in the page's header: "Yonhap News Agency", "The Korea Herald".
_MASTHEAD = re.compile(
    r"^(?:the\s)?(?:[\w.'’-]+\s){0,3}(?:news(?:\sagency)?|agency|times|herald|daily|post|journal|"
    r"shimbun|ilbo|press|tribune|gazette|review|online|news\s?network|broadcasting)$",
    re.IGNORECASE,
)


def _headline_like(text: str) -> bool:
    words = text.split()
    if _MASTHEAD.match(text) and len(words) <= 4:
        return False
    return 3 <= len(words) <= 45 and len(text) <= 300 and not _SUBTITLE.match(text)


def headline(header: list[Line]) -> Line | None:
    """The first header line that reads as a headline (not a subtitle in parentheses, nor a
    signature such as "Antony J. Blinken, Secretary of State")."""
    for line in header:
        if _headline_like(line.text) and not is_name_and_role(line.text):
            return line
    return None


# Wire tags in front of a headline: "(LEAD) ...", "(2nd LD) ...", "UPDATE 2-...".
_WIRE_TAG = re.compile(
    r"^(?:\((?:LEAD|\d+(?:st|nd|rd|th)\s?LD|URGENT|News Focus|Yonhap Interview|UPDATE\s?\d*|"
    r"EXCLUSIVE|WRAPUP\s?\d*|ATTN|REPEAT|CORRECTED|AMENDED|FOCUS|ANALYSIS)[^)]{0,20}\)\s*)+"
    r"|^(?:UPDATE|WRAPUP|CORRECTED)\s?\d*\s?-\s?"
)


def clean_headline(text: str) -> str:
    """A headline without wire tags ("(LEAD)") and without the site name a page title
    appends ("... | Yonhap News Agency", "... - The Japan Times")."""
    text = _WIRE_TAG.sub("", text.strip())
    match = _SITE_SUFFIX.search(text)
    if match:
        suffix = match.group(0).strip(" |-–—:")
        site = match.group(0).lstrip().startswith(("|", "::")) or _MASTHEAD.match(suffix)
        stripped = text[: match.start()].strip()
        if (site or "." in suffix) and len(stripped.split()) >= 3:
            return stripped
    return text


def generated_title(paragraphs: list[str]) -> str | None:
    """A short title from the first sentence of the body that is not a salutation."""
    for paragraph in paragraphs[:5]:
        if _SALUTATION.match(paragraph) and len(paragraph) < 80:
            continue
        sentences = split_sentences(paragraph[:1000])
        if not sentences:
            continue
        words = sentences[0].split()
        if len(words) < 3:
            continue
        title = " ".join(words[:MAX_TITLE_WORDS]).rstrip(",;:.")
        return title + "…" if len(words) > MAX_TITLE_WORDS else title
    return None
