"""A statement's title: its headline where the page has one, else a short title made from the
first sentence of its body (marked as generated).
"""

from __future__ import annotations

import re
from pathlib import Path

from archive.extract.classify import publisher_named
from archive.extract.clean import Line
from archive.extract.countries import find_countries
from archive.extract.people import is_name_and_role
from archive.extract.resolutions import split_sentences

_SITE_SUFFIX = re.compile(r"\s(?:\||-|–|—|::)\s[^|]{2,40}$")
_SUBTITLE = re.compile(r"^\(.*\)$")
_SALUTATION = re.compile(
    r"^(?:thank you|mr\.? president|madam|mme\.?|excellenc|distinguished|dear|ladies|colleagues)",
    re.IGNORECASE,
)
#: A sentence this short is a whole title as it is.
MAX_TITLE_WORDS = 16
#: A longer one ends at a clause (after "," ";" ":" or a dash) within this many words...
MAX_CLAUSE_WORDS = 20
#: ... else before a word that opens a phrase (within as many), keeping at least this many.
MIN_TITLE_WORDS = 5
_BREAK_WORDS = frozenset(
    line.strip()
    for line in (Path(__file__).with_name("title_breaks.txt")).read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
_CLAUSE_END = (",", ";", ":", "—", "–")
# Words a phrase cannot end on: a source that broke a paragraph mid-sentence leaves them last.
_DANGLING = frozenset({"the", "a", "an", "of", "and", "or", "but", "my", "our", "your", "its"})


# The name of the site or paper in the page's header: "Yonhap News Agency", "The Korea Herald".
_MASTHEAD = re.compile(
    r"^(?:the\s)?(?:[\w.'’-]+\s){0,3}(?:news(?:\sagency)?|agency|times|herald|daily|post|journal|"
    r"shimbun|ilbo|press|tribune|gazette|review|online|news\s?network|broadcasting)$",
    re.IGNORECASE,
)


def _headline_like(text: str) -> bool:
    if not text.isascii() and _CJK_HEADLINE.search(text):
        # Japanese and Chinese headlines have no spaces: count characters instead.
        return 8 <= len(text) <= 120
    words = text.split()
    if _MASTHEAD.match(text) and len(words) <= 4:
        return False
    return 3 <= len(words) <= 45 and len(text) <= 300 and not _SUBTITLE.match(text)


# Lines of links ("HOME | N. Korea | Politics", "NEWS // WORLD", "Xinhua | English.news.cn").
_LINK_BAR = re.compile(r"\s(?:\||//|/|›|»)\s")
_WELCOME = re.compile(r"^welcome\sto\b", re.IGNORECASE)
# A paper's motto under its masthead: "Japan's National Daily Since 1922".
_MOTTO = re.compile(
    r"\b(?:(?:national|english|leading|independent|oldest|premier)\s(?:daily|newspaper|news\s"
    r"source)|since\s(?:1[89]|20)\d\d$|^\w+\sin\saction$)",
    re.IGNORECASE,
)
# What the archive's statements are about: a headline names an actor or a subject.
_SUBJECT = re.compile(
    r"\b(?:statement|remarks|speech|address|briefing|explanation|resolutions?|sanctions?|"
    r"nuclear|missiles?|security\scouncil|UNSC|U\.?N\.?|abduct\w*|minister|ambassador|"
    r"spokes\w+|summit|talks|launch\w*|test\w*|denucleari\w+|provocation\w*)\b",
    re.IGNORECASE,
)


# Japanese and Chinese script, in which a headline is one run of characters.
_CJK_HEADLINE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{4}")
# Subjects of the archive in Japanese, Korean and Chinese headlines.
_CJK_SUBJECT = re.compile(
    r"談話|声明|発表|決議|制裁|ミサイル|核|発射|拉致|安保理|北朝鮮|"
    r"성명|논평|담화|결의|제재|미사일|핵|발사|안보리|북한|대변인|"
    r"谈话|决议|导弹|朝鲜|安理会"
)


def _site_furniture(text: str) -> bool:
    """Whether a header line belongs to the site, not to the statement: its masthead ("NHK
    WORLD-JAPAN", "Permanent Mission of the Russian Federation to the United Nations"), a bar
    of links, or a greeting."""
    links = _LINK_BAR.split(text)
    # "... sanctions on North Korea since 2006" is a headline, not a motto "Since 1922".
    motto = _MOTTO.search(text) is not None and not _SUBJECT.search(text)
    return bool(_WELCOME.match(text) or motto) or all(
        (len(links) > 1 and len(link.split()) <= 3) or publisher_named(link) is not None
        for link in links
    )


def headline(header: list[Line]) -> Line | None:
    """The header line that reads as the headline (not the site's masthead or links, a
    subtitle in parentheses, nor a signature such as "Antony J. Blinken, Secretary of
    State"): the first that names a country or a subject of the archive, else the first."""
    candidates = [
        line
        for line in header
        if _headline_like(line.text)
        and not is_name_and_role(line.text)
        and not _site_furniture(line.text)
    ]
    # A short line in capitals over the headline is the site's section ("ASIA & JAPAN WATCH").
    sections = [line for line in candidates if _section_label(line.text)]
    ordered = [line for line in candidates if line not in sections] + sections
    for line in ordered:
        if find_countries(line.text) or _SUBJECT.search(line.text):
            return line
        if not line.text.isascii() and _CJK_SUBJECT.search(line.text):
            return line
    return ordered[0] if ordered else None


def _section_label(text: str) -> bool:
    return text.isupper() and len(text.split()) <= 5


# Wire tags in front of a headline: "(LEAD) ...", "(2nd LD) ...", "UPDATE 2-...".
_WIRE_TAG = re.compile(
    r"^\[(?i:press\s?release|statement|news|press|update|breaking)\]\s*"
    r"|^(?:\((?:LEAD|\d+(?:st|nd|rd|th)\s?LD|URGENT|News Focus|Yonhap Interview|UPDATE\s?\d*|"
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
        return whole_title(words)
    return None


def _unfinished(words: list[str]) -> bool:
    """Whether words cut here would leave a bracket or quotation open, or end on a stub of
    a list ("to you, an able,"): the last comma-separated part must have three words."""
    text = " ".join(words).rstrip(",;:—– ")
    if text.count("(") > text.count(")") or text.count("“") > text.count("”"):
        return True
    return "," in text and len(text.rsplit(",", 1)[1].split()) < 3


def whole_title(words: list[str]) -> str:
    """A title from a sentence's words that is whole: the sentence when short, else its words
    up to the end of a clause, else up to the end of a phrase; never cut mid-phrase and never
    with an ellipsis. A sentence with no such end is kept whole, however long. Words that do
    not end a sentence (a source broke the paragraph mid-sentence) are cut like a long one."""
    last = words[-1].lower().rstrip(".,;:")
    complete = words[-1].endswith((".", "!", "?", "”", '"', ")")) and not (
        last in _BREAK_WORDS or last in _DANGLING
    )
    if len(words) <= MAX_TITLE_WORDS and complete:
        return " ".join(words).rstrip(",;:.")
    for limit, ends_here in (
        (MAX_CLAUSE_WORDS, lambda n: words[n - 1].endswith(_CLAUSE_END)),
        (MAX_CLAUSE_WORDS, lambda n: words[n].lower().strip("(“\"'") in _BREAK_WORDS),
    ):
        for n in range(min(limit, len(words) - 1), MIN_TITLE_WORDS - 1, -1):
            kept = words[:n]
            last = kept[-1].lower().rstrip(",;:")
            if ends_here(n) and not _unfinished(kept) and last not in _BREAK_WORDS | _DANGLING:
                return " ".join(kept).rstrip(",;:—– ")
    return " ".join(words).rstrip(",;:.")
