"""Persons in a statement: who made it (the speaker) and who it mentions, each with the role
and country the text gives, honorifics stripped, spellings matched to content/people.yaml.
Different people who share a surname (Kim Song, Kim Jong Un, Kim Yo Jong) stay apart: a bare
surname ("Kim said") is never taken for anyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from archive.extract.countries import CANONICAL, COUNTRY_NAMES, find_countries
from archive.extract.patterns import opening_words
from archive.model import PeopleDirectory, PersonRef, name_key

_DATA = Path(__file__).with_name("data")


def _word_list(name: str) -> list[str]:
    """The entries of a data file beside the parser: one a line, "#" starts a comment."""
    text = (_DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


#: Words never part of a person's name (data/never-name-words.txt).
NEVER_NAME = frozenset(_word_list("never-name-words.txt"))
_GLUE_WORDS = _word_list("glue-words.txt")
_GLUE_TITLES = _word_list("glue-titles.txt")
_NAME_TITLES = frozenset(_word_list("name-titles.txt"))


def _short_forms() -> dict[str, str]:
    """Short given name -> its full form, where the short form has only one
    (data/given-name-variants.txt); "Tony" is Antony or Anthony, so it has none."""
    fulls: dict[str, set[str]] = {}
    for line in _word_list("given-name-variants.txt"):
        full, _, shorts = line.partition(":")
        for short in shorts.split(","):
            fulls.setdefault(short.strip().lower(), set()).add(full.strip())
    return {short: next(iter(f)) for short, f in fulls.items() if len(f) == 1}


_SHORT_FORMS = _short_forms()


def _variant_keys() -> dict[str, frozenset[str]]:
    """Given name (lower case) -> the full forms it may stand for, itself included."""
    keys: dict[str, set[str]] = {}
    for line in _word_list("given-name-variants.txt"):
        full, _, shorts = line.partition(":")
        for short in shorts.split(","):
            keys.setdefault(short.strip().lower(), {short.strip().lower()}).add(
                full.strip().lower()
            )
    return {name: frozenset(forms) for name, forms in keys.items()}


_VARIANTS = _variant_keys()

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_LOWER = "a-zß-öø-ÿĀ-ſ"
# A capitalised word after its capital ("ishida", "ISHIDA", "."): a word is "Kishida",
# "KISHIDA" or an initial "K.". Its runs of letters are possessive (++): a word ends where a
# run of letters ends, so letters given back to what follows could not make another match,
# and trying it, one letter at a time, cost a third of the run pattern's time.
_WORD_REST = (
    rf"(?:[{_LOWER}]++(?:[{_UPPER}][{_LOWER}]++)?(?:[-'’][{_UPPER}{_LOWER}]++)*"
    rf"|[{_UPPER}]++(?:-[{_UPPER}]{{2,}}+)?(?![{_LOWER}])|\.)"
)
_WORD = rf"[{_UPPER}]{_WORD_REST}"
_PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|la|le|bin|bint|al|el|dos|das|e|y)"
#: A run of capitalised words, which may hold a role and a name ("Prime Minister Fumio Kishida").
#: It opens with the capital, so that the regex engine skips to capitals, and only then looks
#: at the character before it (see patterns.AFTER_WORD_START). A hyphen joins it to a word
#: before ("Jean-Pierre"), a dash does not ("(KCNA) --Kim Jong Un").
_RUN = re.compile(
    rf"[{_UPPER}](?<![\w.’'].)(?<![\w.’']-.){_WORD_REST}(?:\s(?:{_PARTICLE}\s)?{_WORD}){{1,7}}(?!\w)"
)

_HONORIFICS = re.compile(
    r"^(?:(?:H\.\s?E\.|HE|His Excellency|Her Excellency|Excellency|Mr\.?|Mrs\.?|Ms\.?|Mme\.?|"
    r"Madam|Madame|Dr\.?|Prof\.?|Professor|Sir|Dame|Lord|Lady|Hon\.?|Honou?rable|The Honou?rable|"
    r"Rev\.?|Comrade|Amb\.?|Ambassador|Senator|Sen\.|Rep\.|Gen\.|General|Lt\.?|Col\.?|Adm\.?|"
    r"Marshal|Dr)\s+)+"
)
#: Words that name a role; a title made of them before or after a name is the person's role.
ROLE_WORDS = frozenset(
    [
        "minister",
        "ministers",
        "secretary",
        "president",
        "vice-president",
        "ambassador",
        "ambassadors",
        "representative",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "director",
        "director-general",
        "chairman",
        "chairwoman",
        "chair",
        "chairperson",
        "leader",
        "envoy",
        "counsellor",
        "counselor",
        "premier",
        "chancellor",
        "governor",
        "commander",
        "adviser",
        "advisor",
        "official",
        "diplomat",
        "deputy",
        "vice",
        "head",
        "chief",
        "king",
        "queen",
        "emperor",
        "senator",
        "lawmaker",
        "prosecutor",
        "coordinator",
        "under-secretary",
        "undersecretary",
        "rapporteur",
        "delegate",
        "secretary-general",
        "commissioner",
        "officer",
        "general",
        "marshal",
        "principal",
        "member",
        "spokespersons",
        "press-secretary",
        "mayor",
        "speaker",
        "lieutenant",
        "colonel",
        "admiral",
        "prince",
        "princess",
        "sister",
        "correspondent",
        "analyst",
        "expert",
        "professor",
        "researcher",
        "negotiator",
        "plenipotentiary",
        "premier",
        "editor",
        "reporter",
        "chargé",
    ]
)
# Lower-case words that belong to a title written before a name ("U.S. special envoy").
_TITLE_MODIFIERS = frozenset(
    [
        "special",
        "senior",
        "top",
        "former",
        "acting",
        "assistant",
        "permanent",
        "nuclear",
        "chief",
        "deputy",
        "vice",
        "first",
        "foreign",
        "defence",
        "security",
        "national",
        "presidential",
    ]
)
# Role words that are also family names (Robert King, the U.S. envoy).
_ALSO_SURNAMES = frozenset({"king", "queen", "prince", "princess", "sister", "member", "speaker"})
_ROLE_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")\b", re.I
)

# Capitalised words that are never part of a person's name.
_NOT_NAME = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "of",
        "to",
        "and",
        "or",
        "but",
        "however",
        "meanwhile",
        "also",
        "after",
        "before",
        "when",
        "while",
        "if",
        "as",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "there",
        "here",
        "what",
        "which",
        "who",
        "why",
        "how",
        "not",
        "no",
        "yes",
        "all",
        "some",
        "any",
        "each",
        "every",
        "both",
        "united",
        "nations",
        "nation",
        "security",
        "council",
        "general",
        "assembly",
        "secretariat",
        "states",
        "kingdom",
        "federation",
        "republic",
        "democratic",
        "people's",
        "people’s",
        "peoples",
        "korea",
        "korean",
        "koreas",
        "japan",
        "japanese",
        "north",
        "south",
        "east",
        "west",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "asia",
        "asian",
        "pacific",
        "europe",
        "european",
        "africa",
        "african",
        "america",
        "american",
        "americas",
        "world",
        "international",
        "national",
        "foreign",
        "affairs",
        "ministry",
        "ministries",
        "office",
        "government",
        "cabinet",
        "state",
        "department",
        "house",
        "white",
        "party",
        "workers",
        "workers'",
        "workers’",
        "committee",
        "commission",
        "agency",
        "news",
        "press",
        "media",
        "daily",
        "times",
        "post",
        "herald",
        "journal",
        "today",
        "tv",
        "radio",
        "television",
        "broadcasting",
        "network",
        "service",
        "services",
        "institute",
        "university",
        "center",
        "centre",
        "forum",
        "summit",
        "talks",
        "declaration",
        "agreement",
        "statement",
        "statements",
        "resolution",
        "resolutions",
        "treaty",
        "charter",
        "peninsula",
        "sea",
        "ocean",
        "strait",
        "river",
        "island",
        "islands",
        "union",
        "mission",
        "missions",
        "permanent",
        "representative",
        "embassy",
        "consulate",
        "delegation",
        "missile",
        "missiles",
        "nuclear",
        "ballistic",
        "weapons",
        "army",
        "navy",
        "air",
        "force",
        "forces",
        "military",
        "defense",
        "defence",
        "command",
        "headquarters",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "juche",
        "u.n.",
        "u.s.",
        "photo",
        "video",
        "breaking",
        "update",
        "updated",
        "latest",
        "read",
        "more",
        "comments",
        "views",
        "share",
        "according",
        "said",
        "says",
        "told",
        "prime",
        "first",
        "vice",
        "deputy",
        "acting",
        "former",
        "late",
        "supreme",
        "chairman",
        "secretary",
        "minister",
        "president",
        "ambassador",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "director",
        "leader",
        "envoy",
        "chief",
        "head",
        "general",
        "premier",
        "chancellor",
        "senator",
        "governor",
        "mr",
        "mrs",
        "ms",
        "mme",
        "dr",
        "h.e.",
        "excellency",
        "comrade",
        "madam",
        "sir",
        "his",
        "her",
        "god",
        "christ",
        "islam",
        "allah",
        "six-party",
        "pyongyang",
        "tokyo",
        "seoul",
        "beijing",
        "moscow",
        "washington",
        "new",
        "york",
        "geneva",
        "chinese",
        "russian",
        "british",
        "french",
        "public",
        "relations",
        "information",
        "policy",
        "bureau",
        "division",
        "communications",
        "strategic",
        "planning",
        "intelligence",
        "spokespersons",
        "office",
        "press",
    ]
)
# Abbreviations, only when written in capitals ("UN", not the "Un" of Kim Jong Un).
_ACRONYMS = frozenset(
    _word_list("acronyms.txt")
    + [
        "KCNA",
        "KCTV",
        "DPRK",
        "ROK",
        "UN",
        "US",
        "UK",
        "EU",
        "NATO",
        "IAEA",
        "NPT",
        "ICBM",
        "IRBM",
        "SLBM",
        "WMD",
        "UNSC",
        "UNSCR",
        "PDF",
        "KST",
        "JST",
    ]
)
# Korean institutions and papers whose romanised names read like a person's ("Cheong Wa Dae
# said Tuesday", "Rodong Sinmun said in a commentary").
_INSTITUTIONS = frozenset(
    [
        "cheong wa dae",
        "chong wa dae",
        "rodong sinmun",
        "minju joson",
        "tongil sinbo",
        "uriminzokkiri",
        "joson sinbo",
        "choson sinbo",
        "naenara",
    ]
)
_NOT_NAME_FORMS = (
    frozenset(form.lower() for form in CANONICAL)
    | {n.lower() for n in COUNTRY_NAMES}
    | _INSTITUTIONS
)

SPEECH_VERB = _SPEECH_VERB = (
    r"(?:said|says|stated|states|told|declared|warned|added|noted|stressed|emphasi[sz]ed|"
    r"urged|insisted|argued|claimed|asserted|announced|criticized|criticised|condemned|"
    r"denounced|slammed|blasted|wrote|explained|affirmed|reiterated|pointed out|made clear|"
    r"underlined|underscored|remarked|replied|answered|responded|called|vowed|accused|"
    r"expressed|maintained|revealed|disclosed|hinted|commented|highlighted|welcomed|hailed|"
    r"rejected|protested|"
    r"(?:issued|released|made public|published|delivered|gave|made)\s(?:a|an|the\sfollowing)"
    r"(?:\s[\w-]+){0,2}\s(?:statement|remarks|speech|answer|comment|commentary|press\sstatement|"
    r"address|briefing|interview|message)|"
    r"made\s(?:the|these|those|his|her|their)\s(?:remarks|comments)|"
    r"(?:said|stated)\s(?:in|through|on|at|during))"
)
_SPEECH_AFTER = re.compile(
    r"^(?:[’']s?)?\s?(?:\([^()]{1,80}\)\s?)?(?:,\s(?P<role>[^,;]{3,240}?),\s?(?:who\s|has\s|had\s)?"
    r"|,?\s)(?:has\s|have\s|had\s)?(?:also\s|reportedly\s|once\sagain\s|again\s|then\s|"
    r"further\s|on\s\w+\s)?" + _SPEECH_VERB + r"\b"
)
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|stated|warned|wrote)\s$")
_APPOSITIVE = re.compile(
    # An appositive is a noun phrase: ", said Japan's prime minister had ..." after a name is
    # the next clause's verb, not the name's role.
    r"^,\s(?!(?:said|says|told|stated|added|adds|noted|warned|wrote|asked|replied|urged|"
    r"insisted|claimed|declared|announced|according)\b)"
    r"(?P<role>[^,;:“”\"]{3,240}?)(?:,|\s(?:said|says|told|stated)\b|\.|$)"
)
_BY_PHRASE = re.compile(
    r"\b(?:statements?|remarks|speech|address|message|comments?|commentary|intervention|"
    r"explanation\sof\s(?:vote|position)|briefing|press\sstatement|press\sconference|"
    r"press\sremarks|opening\sremarks|closing\sremarks|keynote|letter|interview|answers?|"
    r"talk|words|position\sstatement|press\srelease|according)\b"
    r"(?:\s(?:issued|released|made|delivered|given|published))?"
    # "Remarks to the Press by Prime Minister X": the audience comes before the speaker.
    r"(?:\sto\s(?:the\s)?(?:press|media|reporters|journalists)(?=\sby\s))?"
    r"\s(?:by|of|from|with|to)\s(?P<who>[^;:!?“”\"]{3,300})",
    re.IGNORECASE,
)
#: A line that opens with a by-phrase: "Statement by ...", "(Remarks of ...".
BY_HEADING = re.compile(
    r"^\(?(?:press\s)?(?:statement|remarks|speech|address|message|comments?|explanation|"
    r"intervention|briefing|opening\sremarks)\b[^.]{0,30}?\s(?:by|of)\s",
    re.IGNORECASE,
)
_ANONYMOUS = re.compile(
    r"(?:\b(?:[Aa]n?|[Tt]he)\s|(?<![\w’'])(?=[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2}[’']s\s))"
    r"(?P<who>(?:(?:[A-Z][\w.’']*|DPRK|[a-z]+)\s){0,4}"
    r"(?:spokesperson|spokesman|spokeswoman|press\ssecretary|official|source|"
    r"(?:(?<=[A-Z]\w\w\s)|(?<=[’']s\s))(?:[Ff]oreign\s)?[Mm]inistry)"
    r"(?:\s(?:for|of|at)\s(?:the\s)?[A-Z][^,.;:]{2,80}?)?)"
    r"(?:,\s[^,]{0,80},)?\s(?:said|stated|told|answered|replied|issued|released|gave|"
    r"made|denounced|slammed|warned)\b"
)
_ANONYMOUS_WORD = re.compile(r"spokes(?:person|man|woman)|press\ssecretary|official|source|inistry")
# What each of those words holds, as plain text.
_ANONYMOUS_SUBSTRINGS = ("spokes", "secretary", "official", "source", "inistry")
_SIX_SPACES_BACK = re.compile(r"\S*(?:\s\S*){0,6}")


def _reach_back(text: str, word_at: int) -> int:
    """The first position from which a match of `_ANONYMOUS` can hold the word of
    `_ANONYMOUS_WORD` at `word_at`: an article, up to four words and "Foreign" come before
    the word, each with one space after it, so no more than six spaces lie between."""
    return word_at - _SIX_SPACES_BACK.match(text[:word_at][::-1]).end()


_CUT_WHO = re.compile(
    r"(?<=[a-z]{4})\.(?:\s|$)|\s(?:at|on|in|during|before|regarding|concerning|following|after|upon|over|about|"
    r"against|as|that|which|who|when|while|said|says|stated|to\sthe\spress|to\sreporters|"
    r"to\sjournalists|to\sthe\smedia|to\s(?:an?\s|the\s)?(?:[Qq]uestions?|[Qq]uer(?:y|ies))"
    # A headline's words after the name: "Statement from President Joe Biden Ahead of the ...".
    r"|Ahead\sof|On|After|Before|Following|Marking|Commemorating|Celebrating|Honoring|Regarding|"
    r"During|Upon)\s|\s[-–—]\s|\s?\((?!North|South|DPRK|ROK|[A-Z][a-z]+\))"
)
_LEADING = re.compile(r"^(?:the|a|an|then|its|his|her|their)\s+", re.IGNORECASE)


MAX_NAMES_PER_PARAGRAPH = 60


@dataclass(frozen=True)
class Candidate:
    """A person found in the text, with where and how strongly it was said they spoke."""

    person: PersonRef
    position: int  # paragraph index (0 = header), for ordering
    speaks: bool  # the text says this person said or issued something


_PARTICLES = frozenset(_PARTICLE[3:-1].split("|"))


def _tokens(name: str) -> list[str]:
    return [t for t in name.split() if t not in _PARTICLES]


_POSSESSIVE_IN = re.compile(r"[’']s\s")


def plausible_name(name: str) -> bool:
    """Whether a run of capitalised words can be a person's name (and not an office, a
    country, a date or an organisation)."""
    tokens = _tokens(name)
    if not 2 <= len(tokens) <= 4 or len(name) > 60:
        return False
    if name.lower() in _NOT_NAME_FORMS:
        return False
    if "s " in name and _POSSESSIVE_IN.search(name):
        return False  # "Hong Kong’s Diminishing Freedoms", "Obama’s Advance"
    last = tokens[-1]
    if 1 < len(last) <= 4 and last.isupper() and last.isalpha() and not tokens[0].isupper():
        return False  # "Biden NSC": a short word in capitals ends no name ("Fumio KISHIDA" may)
    for token in tokens:
        if token.strip(".,’'") in _ACRONYMS:
            return False
        if not _is_name_word(token):
            return False
        bare = token.strip(".,’'").lower()
        if bare in _NOT_NAME_FORMS or token in CANONICAL:
            return False
    # Initials alone ("U. N.") are not a name; a name needs two words of letters.
    return sum(1 for t in tokens if len(t.rstrip(".")) > 1) >= 2


def display_name(name: str) -> str:
    """ "KIM Song" -> "Kim Song"; "Choe Son-hui" stays as written."""
    words = []
    for word in name.split():
        if len(word) > 1 and word.isupper() and not word.endswith("."):
            word = "-".join(part.capitalize() for part in word.split("-"))
        words.append(word)
    return " ".join(words)


def split_role(role: str) -> tuple[str | None, str | None]:
    """A role as written -> (role without the country in front, country).

    "North Korea’s Foreign Minister" -> ("Foreign Minister", "North Korea");
    "Permanent Representative of Japan to the United Nations" keeps its words and gives Japan;
    "Ambassador ... of the DPRK (North Korea) to China" gives North Korea, not China.
    """
    role = _LEADING.sub("", role.strip(" ,;:")).strip()
    if role.endswith(".") and not re.search(r"(?:\b[A-Z]\.){2,}$", role):
        role = role[:-1]
    if not role:
        return None, None
    country = None
    mentions = find_countries(role)
    for start, _, name in mentions:
        before = role[max(0, start - 8) : start].lower()
        if before.endswith("to ") or before.endswith("to the ") or before.endswith("in "):
            continue
        country = name
        break
    if mentions and mentions[0][0] == 0:
        rest = re.sub(r"^(?:[’']s)?\s+", "", role[mentions[0][1] :])
        if _ROLE_WORD.search(rest):
            role = rest
    if not _ROLE_WORD.search(role):
        return None, country
    return role.strip(" ,") or None, country


def _role_before(text: str, start: int) -> str | None:
    """The title written right before a name: "North Korea's Ambassador to the U.N." in
    "North Korea's Ambassador to the U.N. Kim Song said"."""
    window = re.split(r"--|—|–|\)|\(", text[max(0, start - 120) : start])[-1]
    tokens = window.split(" ")
    if tokens and tokens[-1] == "":
        tokens.pop()
    kept: list[str] = []
    # A title is a dozen words at most ("Ambassador Extraordinary and Plenipotentiary of ...").
    for token in reversed(tokens[-14:]):
        bare = token.lower().removesuffix("’s").removesuffix("'s")
        if token.endswith((",", ";", ":", "”", '"', "“")) or (
            token.endswith(".") and token.lower() not in ("u.n.", "u.s.", "u.k.", "n.", "s.")
        ):
            break
        if (
            token[:1].isupper()
            or _ROLE_WORD.fullmatch(bare)
            or bare in ("of", "the", "to", "for", "and", "foreign", "prime", "first", "vice")
            or bare in ("department", "affairs", "ruling", "party", "central", "state", "defense")
            or bare in _TITLE_MODIFIERS
        ):
            kept.insert(0, token)
            continue
        break
    while kept and kept[0].lower() in ("of", "the", "to", "for", "and", "a", "an"):
        kept.pop(0)
    phrase = " ".join(kept).strip()
    # "the sister of leader Kim Jong Un": the kin belongs to someone else; his title follows.
    phrase = _KIN_OF.split(phrase)[-1]
    phrase = _HONORIFICS.sub("", phrase + " ").strip() if phrase else phrase
    return phrase if phrase and _ROLE_WORD.search(phrase) else None


_KIN_OF = re.compile(
    r"\b(?:sister|brother|wife|husband|son|daughter|father|mother|uncle|aunt|widow|niece|"
    r"nephew|grandson|granddaughter|cousin)s?\s+of\s+(?:the\s+)?",
    re.IGNORECASE,
)


# A run that starts right after a capitalised word or a particle ("... bin Abdulaziz Al Saud"),
# or ends right before one, was cut from a longer name by the run's length: a part of a name
# is no name ("Al Saud" of "Princess Reema bint Bandar bin Sultan bin Abdulaziz Al Saud").
_CUT_BEFORE = re.compile(rf"(?:(?<![\w.’'-])[{_UPPER}][{_LOWER}]+|\b{_PARTICLE}|\bibn)\s$")
_CUT_AFTER = re.compile(rf"\s(?:{_PARTICLE}|ibn)\s[{_UPPER}]|\s[{_UPPER}][{_LOWER}]+\b(?![’'])")


@dataclass
class _Found:
    name: str
    start: int
    end: int
    role_prefix: str | None


def _names_in(text: str) -> list[_Found]:
    """Name-like runs in a text; a run "Prime Minister Fumio Kishida" gives the name "Fumio
    Kishida" with the title "Prime Minister" in front."""
    found = []
    for match in _RUN.finditer(text):
        split = _split_run(match.group(0))
        if split is not None:
            name, offset, prefix = split
            if (
                offset == 0 and _CUT_BEFORE.search(text, max(0, match.start() - 30), match.start())
            ) or (
                offset + len(name) == len(match.group(0)) and _CUT_AFTER.match(text, match.end())
            ):
                continue
            start = match.start() + offset
            found.append(_Found(name, start, start + len(name), prefix))
    return found


def role_words(text: str) -> bool:
    """Whether a text holds a word of a title ("Secretary", "spokesperson")."""
    return _ROLE_WORD.search(text) is not None


def names_in(text: str) -> list[str]:
    """The names a text holds, as written, titles left out."""
    return [found.name for found in _names_in(text)]


def _is_name_word(word: str) -> bool:
    bare = word.strip(".,’'")
    if bare in _ACRONYMS:
        return False
    lowered = bare.lower().removesuffix("’s").removesuffix("'s")
    if lowered in _NOT_NAME or (lowered in ROLE_WORDS and lowered not in _ALSO_SURNAMES):
        return False
    if lowered in NEVER_NAME:
        return False
    # "Vice-President", "Secretary-General": a title, whatever is joined to it.
    return "-" not in lowered or not any(part in ROLE_WORDS for part in lowered.split("-"))


@lru_cache(maxsize=8192)
def _split_run(run: str) -> tuple[str, int, str | None] | None:
    """(name, where it starts in the run, the words before it) for a run of capitalised
    words, or None when no name is in it. Cached: "North Korea" and "Security Council" come
    back in every statement."""
    words = run.split(" ")
    cut = len(words)
    # The name is the longest tail of the run made of name words.
    while cut > 0 and _is_name_word(words[cut - 1]):
        cut -= 1
    tail = words[cut:]
    # A surname in capitals starts a name written surname first: "Minister of Justice KOIZUMI
    # Ryuji" ("Justice" is the office's word, not a given name).
    caps = [i for i, word in enumerate(tail) if len(word) > 1 and word.isupper() and word.isalpha()]
    if (
        caps
        and caps[0] > 0
        and len(tail) - caps[0] in (2, 3)
        and not any(word.isupper() for word in tail[caps[0] + 1 :])
    ):
        tail = tail[caps[0] :]
    tail = _without_titles(tail)
    if len(_tokens(" ".join(tail))) > 4:
        return None  # a longer name than a name can be: a cut part of it would be wrong
    name = " ".join(tail)
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    if plausible_name(name):
        head = words[: len(words) - len(tail)]
        offset = len(" ".join(head)) + (1 if head else 0)
        return name, offset, " ".join(head).strip() or None
    # A title after the name ("Kim Song Ambassador") is rare; try the head instead.
    head = []
    for word in words:
        if not _is_name_word(word):
            break
        head.append(word)
    name = " ".join(_without_titles(head))
    return (name, 0, None) if plausible_name(name) else None


def _without_titles(words: list[str]) -> list[str]:
    """The words of a name without the titles in front ("King Salman" -> "Salman")."""
    start = 0
    while start < len(words) and words[start].lower() in _NAME_TITLES:
        start += 1
    return words[start:]


_HONORIFIC_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Mme|Dr|H\.E|Excellency|Comrade|Ambassador)\.?\s$")


def _honorific_before(text: str, start: int) -> bool:
    return bool(_HONORIFIC_BEFORE.search(text, max(0, start - 24), start))


# A title set off by commas before a name: "the US ambassador, Nikki Haley, told ...",
# "China's ambassador, Liu Jieyi, said ...".
_APPOSED_TITLE = re.compile(
    r"(?:\b[Tt]he\s|\b(?:its|his|her|their)\s|(?<![\w’'])(?=[A-Z][\w.]*(?:\s[A-Z][\w.]*)?[’']s\s))"
    r"(?P<role>[^,;:“”\"()]{2,70}?),\s$"
)


def _apposed_title(text: str, start: int) -> str | None:
    match = _APPOSED_TITLE.search(text, max(0, start - 80), start)
    if match is None:
        return None
    role = match.group("role")
    owner = re.match(r"[^’']+[’']s\s", role)
    if owner and not find_countries(owner.group(0)):
        role = role[owner.end() :]  # "the North's foreign minister": the country is elsewhere
    last = role.split()[-1].lower() if role.split() else ""
    return role if last in ROLE_WORDS and not _names_in(role) else None


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    role = _CUT_WHO.split(role, maxsplit=1)[0] if " at " in role or " on " in role else role
    role = role.strip(" ,.;:")
    return role if _ROLE_WORD.search(role) and len(role) <= 200 else None


_OBJECT_OF = re.compile(r"\b(?:of|for|on|the|and|to|in|at|&)\s$")


def persons_in(text: str, position: int, people: PeopleDirectory | None) -> list[Candidate]:
    """The persons a paragraph names, with roles and whether each is said to speak."""
    candidates = []
    text = unglue(text)
    # A paragraph naming hundreds of people is a list, not prose; its first names suffice.
    for found in _names_in(text)[:MAX_NAMES_PER_PARAGRAPH]:
        after = text[found.end : found.end + 300]
        speech = _SPEECH_AFTER.match(after)
        appositive = _APPOSITIVE.match(after)
        role_after = None
        if speech and speech.group("role") and _ROLE_WORD.search(speech.group("role")):
            role_after = speech.group("role")
        elif appositive and _ROLE_WORD.search(appositive.group("role")):
            role_after = appositive.group("role")
        role_before = found.role_prefix
        if role_before and not _ROLE_WORD.search(role_before):
            role_before = None
        if role_before:
            extended = _role_before(text, found.start)
            role_before = extended or role_before
        else:
            role_before = _role_before(text, found.start)
        if role_before is None and role_after is None and after.startswith(","):
            role_before = _apposed_title(text, found.start)
        by_phrase = re.search(
            r"(?:statement|remarks|speech|message|briefing|comments?)\s(?:issued\s|released\s|"
            r"made\s|delivered\s)?by\s(?:[\w.]+\s){0,3}$|according\sto\s(?:[\w.’']+\s){0,4}$",
            text[max(0, found.start - 60) : found.start],
            re.IGNORECASE,
        )
        curated = people.find(found.name) if people else None
        if curated is None and people and found.name.split()[0].isupper():
            curated = people.find(" ".join(reversed(found.name.split())))
        # '"...," said Geng Shuang, a spokesman for ...': the words come first.
        inverted = _SAID_BEFORE.search(text, max(0, found.start - 14), found.start) is not None
        # "Chairman of the Joint Chiefs", "Director for Access and Functional Needs": a
        # run right after "of", "for", "the" names what the title is of, not a person.
        object_of_title = (
            role_before is not None
            and found.role_prefix is None
            and _OBJECT_OF.search(text, max(0, found.start - 6), found.start) is not None
        )
        evidence = (
            curated is not None
            or inverted
            or speech is not None
            or role_after is not None
            or (role_before is not None and not object_of_title)
            or by_phrase is not None
            or _honorific_before(text, found.start)
        )
        if not evidence:
            continue
        role, country = split_role(_clean_role(role_after) or role_before or "")
        name = curated.name if curated else canonical_name(found.name)
        candidates.append(
            Candidate(
                PersonRef(name, role, country, curated.id if curated else None),
                position,
                speech is not None or by_phrase is not None or inverted,
            )
        )
    if people is not None and len(people):
        candidates.extend(_titled_surnames(text, position, people))
    return candidates


_TITLE_WORDS = (
    "Minister",
    "President",
    "Ambassador",
    "Secretary",
    "Spokesperson",
    "Leader",
    "Chairman",
    "Premier",
)
_TITLE_PREFIXES = ("Prime", "Foreign", "Defence", "Defense", "Vice", "Deputy", "First", "Chief")
_TITLE_PREFIX = "(?:" + "|".join(_TITLE_PREFIXES) + r")\s"
_TITLE_WORD = "(?:" + "|".join(_TITLE_WORDS) + ")"
# "Prime Minister Kishida", "Foreign Minister Choe": a title, then a surname alone. A title is
# up to two prefixes and a title word, or "Chief Cabinet Secretary", written by its first word
# so that the regex engine skips to those words (see patterns.opening_words); the longest
# title is tried first.
_TITLED_SURNAME = re.compile(
    "(?P<title>"
    + opening_words(
        [(word, r"\s(?:" + _TITLE_PREFIX + ")?" + _TITLE_WORD) for word in _TITLE_PREFIXES]
        + [(word, "") for word in _TITLE_WORDS]
        + [("Chief Cabinet Secretary", "")]
    )
    + r")\s(?P<surname>[A-Z][a-z]{2,}(?:-[a-z]+)?)\b(?![\w’'-]*\s[A-Z][a-z])"
)


def _titled_surnames(text: str, position: int, people: PeopleDirectory) -> list[Candidate]:
    """Curated persons named by title and surname only. Taken only when one curated person
    has that surname and has held that title, so "Foreign Minister Choe" is Choe Son Hui
    but a bare "Kim", or a "Vice-President Choe", is nobody."""
    found: list[Candidate] = []
    # A cheap test first: most paragraphs hold no title (a loop, not any() over a generator,
    # which cost more than the tests on every paragraph).
    for word in _TITLE_WORDS:
        if word in text:
            break
    else:
        return found
    for match in _TITLED_SURNAME.finditer(text):
        title, surname = match.group("title"), match.group("surname")
        if surname.lower() in _NOT_NAME:
            continue
        matching = [
            person
            for person in people.people.values()
            if surname in (person.name.split()[0], person.name.split()[-1])
        ]
        if len(matching) != 1:
            continue
        person = matching[0]
        if not any(title.lower() in role.title.lower() for role in person.roles):
            continue
        after = text[match.end() : match.end() + 200]
        speaks = _SPEECH_AFTER.match(after) is not None
        found.append(Candidate(PersonRef(person.name, title, None, person.id), position, speaks))
    return found


def parse_who(who: str, people: PeopleDirectory | None) -> PersonRef | None:
    """The person in "H.E. Ambassador Koro Bessho, Permanent Representative of Japan to the
    United Nations at the ..." or "Foreign Minister Taro Kono" or "the Spokesperson of the DPRK
    Foreign Ministry" (a role without a name: the role stands as the name)."""
    who = who.strip().strip("()").strip()
    if who.startswith("("):
        who = who[1:]
    had_ambassador = bool(re.match(r"^(?:H\.\s?E\.\s)?(?:Mr\.\s|Ms\.\s)?Ambassador\b", who))
    who = _HONORIFICS.sub("", _LEADING.sub("", who)).strip()
    head, comma, tail = who.partition(",")
    head = _CUT_WHO.split(head, maxsplit=1)[0].strip()
    if comma:
        tail = _CUT_WHO.split(tail, maxsplit=1)[0].strip(" ,")
    names = _names_in(head)
    if names:
        found = names[-1]
        curated = people.find(found.name) if people else None
        if curated is None and people and found.name.split()[0].isupper():
            curated = people.find(" ".join(reversed(found.name.split())))
        role_text = _main_title(tail) if comma and _ROLE_WORD.search(tail) else None
        if role_text is None:
            before = head[: found.start].strip()
            before = _HONORIFICS.sub("", before + " ").strip()
            role_text = before if _ROLE_WORD.search(before) else None
        if role_text is None and had_ambassador:
            role_text = "Ambassador"
        parenthesis = re.search(r"\(([^()]{2,60})\)", who[found.end :][:80])
        role, country = split_role(role_text or "")
        if country is None and parenthesis:
            country = CANONICAL.get(parenthesis.group(1).strip())
        name = curated.name if curated else canonical_name(found.name)
        return PersonRef(name, role, country, curated.id if curated else None)
    # "Prime Minister Kishida": a title and the surname of one curated person who held it.
    titled = _titled_surnames(head, 0, people) if people is not None and len(people) else []
    if len(titled) == 1:
        return titled[0].person
    # No name: an office speaks ("the Spokesperson of the DPRK Foreign Ministry").
    office = _HONORIFICS.sub("", head).strip(" ,.")
    if _PLURAL_OFFICE.match(office):
        return None  # "the Foreign Ministers of the United States, Japan and ...": several
    if office and _ROLE_WORD.search(office) and len(office) <= 120:
        titled = _TITLE_THEN_SURNAME.match(office)
        if titled and _is_name_word(titled.group("surname")):
            # "Prime Minister Kishida", "Vice President Harris": the name as written, without
            # its title (the full name only where the text or people.yaml gives it).
            role, country = split_role(titled.group("title"))
            if role is not None:
                return PersonRef(titled.group("surname"), role, country, None)
        role, country = split_role(office)
        if role is None:
            return None
        return PersonRef(office[:1].upper() + office[1:], role, country, None)
    return None


_TITLE_THEN_SURNAME = re.compile(
    r"^(?P<title>(?:[A-Z][\w.’'-]*\s){0,4}?(?:"
    + "|".join(sorted((w.capitalize() for w in ROLE_WORDS if "-" not in w), key=len, reverse=True))
    + r"))\s(?P<surname>[A-Z][a-z’'-]+(?:-[A-Z][a-z]+)?)$"
)


# Several office holders speaking together: "Foreign Ministers of ...", "G7 Leaders".
_PLURAL_OFFICE = re.compile(
    r"^(?:[\w.-]+\s){0,3}(?:ministers|leaders|ambassadors|representatives|heads|"
    r"spokespersons|secretaries)\b",
    re.IGNORECASE,
)


def _main_title(titles: str) -> str:
    """The title that says what a person does, from a list of them: "Ambassador
    Extraordinary and Plenipotentiary, Permanent Representative of Japan to the United
    Nations" -> the second, the one that names a country; a rank alone says less."""
    parts = [part.strip() for part in titles.split(", ")]
    named = [part for part in parts if _ROLE_WORD.search(part)]
    if len(named) < 2:
        return titles
    with_country = [part for part in named if find_countries(part)]
    return with_country[0] if len(with_country) == 1 else titles


def speaker_from_header(lines: list[str], people: PeopleDirectory | None) -> PersonRef | None:
    """The speaker a headline or subtitle names: "(Statement by Foreign Minister Taro Kono)",
    "Remarks by Ambassador X at a UN Security Council Briefing", "Press Statement by the
    Spokesperson of ..."."""
    for text in lines:
        # "Spokesperson Lu Kang's Answer to a Journalist's Question": the owner speaks, not
        # whoever the words are addressed to.
        match = _POSSESSIVE_HEADING.match(text)
        if match and _names_in(match.group("who")):
            return parse_who(match.group("who"), people)
        for match in _BY_PHRASE.finditer(text[:400]):
            if match.group(0).lower().startswith("according"):
                continue
            person = parse_who(match.group("who"), people)
            if person is not None:
                return person
    return None


# "Foreign Ministry Spokesperson Geng Shuang's Remarks on ...", "Spokeswoman Maria
# Zakharova's answer to a media question": the words are the named person's.
_POSSESSIVE_HEADING = re.compile(
    r"^(?P<who>(?:[\w.’'-]+\s){1,8}?[\w.-]+)[’']s\s(?:regular\s|opening\s|keynote\s)?"
    r"(?:press\s)?(?:statement|remarks|speech|address|message|comments?|answers?|briefing|"
    r"conference|interview)"
    # A heading goes on with what the words are about, not with a verb ("... remarks come").
    r"(?=\s(?:on|at|to|regarding|concerning|about|in|with|following|after|for|of)\s|\s*$|\s[(:–—-])",
    re.IGNORECASE,
)


def anonymous_speaker(text: str) -> PersonRef | None:
    """ "A spokesperson for the DPRK Foreign Ministry said" -> the office as the speaker."""
    head = text[:1500]
    # Every match holds one of these words; most paragraphs hold none, and the full pattern
    # is slow to fail (it tries every capitalised word as the start of a name). Plain
    # substring tests tell first, faster than the words' pattern, which then finds the first.
    if not any(word in head for word in _ANONYMOUS_SUBSTRINGS):
        return None
    clue = _ANONYMOUS_WORD.search(head)
    if clue is None:
        return None
    match = _ANONYMOUS.search(head, _reach_back(head, clue.start()))
    if match is None:
        return None
    who = match.group("who").strip()
    who = who[:1].upper() + who[1:]
    role, country = split_role(who)
    if role is None and re.search(r"\bministry$", who, re.IGNORECASE):
        role = who  # the ministry itself: "The DPRK Foreign Ministry issued ..."
    if role is None:
        return None
    if country is None:
        # Korean papers' "the North's foreign ministry", "the South's unification ministry".
        korea = re.search(r"\bthe (North|South)\b", text[match.start() : match.end()])
        if korea:
            country = f"{korea.group(1)} Korea"
    return PersonRef(who, role, country, None)


_JOURNALIST = re.compile(
    r"\b(?:correspondent|reporter|editor|writer|journalist|columnist|staff)\b", re.IGNORECASE
)
_SAYS = re.compile(r"\b(?:said|says|told)\b")
_SIGNED = re.compile(r"^(?:\(signed\)|signed:?|sincerely,?)\s*", re.IGNORECASE)


def sign_off_speaker(lines: list[str], people: PeopleDirectory | None) -> PersonRef | None:
    """The person who signs a statement: a line that is only a name, followed by role lines
    ("Kim Yo Jong" / "Vice Department Director of the C.C., WPK")."""
    for index, line in enumerate(lines):
        text = _HONORIFICS.sub("", _SIGNED.sub("", line).strip()).strip()
        names = _names_in(text)
        if not names or names[0].start != 0:
            continue
        rest = text[names[0].end :].strip(" .")
        # "Antony J. Blinken, Secretary of State" on one line.
        signature = rest.startswith(",") and len(text) <= 150 and _ROLE_WORD.search(rest)
        if signature and not _JOURNALIST.search(rest) and not _SAYS.search(rest):
            return parse_who(text, people)
        if rest:
            continue
        roles = [
            role
            for role in lines[index + 1 : index + 4]
            if (_ROLE_WORD.search(role) or "C.C." in role) and not _JOURNALIST.search(role)
        ]
        if not roles:
            continue
        # The fullest title: "Permanent Representative of Japan ..." over "Ambassador".
        role_line = max(roles, key=lambda role: (bool(find_countries(role)), len(role)))
        return parse_who(f"{text}, {role_line}", people)
    return None


def role_line(text: str) -> bool:
    """Whether a line is only a title ("Permanent Representative of the Republic of Korea to
    the United Nations"), with no name in it."""
    return (
        len(text) <= 160
        and bool(_ROLE_WORD.search(text))
        and not _names_in(text)
        and not _JOURNALIST.search(text)
        and not text.endswith((".", "?", "!"))
    )


def is_name_and_role(text: str) -> bool:
    """Whether a line is a signature such as "Antony J. Blinken, Secretary of State"."""
    names = _names_in(text)
    if not names or names[0].start != 0 or len(text) > 150:
        return False
    rest = text[names[0].end :].strip(" .")
    return not rest or (rest.startswith(",") and bool(_ROLE_WORD.search(rest)))


def identity(person: PersonRef) -> str:
    """Who a reference is: the curated id, else the spelling-insensitive name."""
    return person.person_id or name_key(person.name)


# --- glued words and one person under several spellings -----------------------------------------

# "ComradeKim Jong Un", "sent byKim Jong Un": a title or a small word glued to a name.
# Written by first letter (patterns.opening_words) so that the regex engine skips to them.
_GLUED_FRONT = re.compile(
    opening_words([(title, "") for title in _GLUE_TITLES]) + r"(?=[A-Z][a-z])"
)
# "Unvisited", "Ilto": the last part of a name glued to the word after it.
_GLUED_BACK = re.compile(r"([A-Z][a-z]{1,3}?)(" + "|".join(map(re.escape, _GLUE_WORDS)) + r")")
_CASE_JOIN = re.compile(r"[a-z][A-Z]")
_NAME_AFTER = re.compile(r"[A-Z][a-z]*(?:\s[A-Z][a-z]*){0,3}")


def unglue(text: str) -> str:
    """Text in which words that a scraped page glued to a name are set apart from it:
    "The respected ComradeKim Jong Unvisited" -> "The respected Comrade Kim Jong Un visited".
    A word glued after a name is split only where the name was glued in front too, so that a
    "Sato" or a "Canto" stays whole; it is split after a short word the text also writes
    alone ("Un" of "Kim Jong Un" in the headline), else before a word of glue-words.txt."""
    # A glued word is a small letter followed at once by a capital: most texts have none,
    # and that plain test is faster than the words' pattern.
    if _CASE_JOIN.search(text) is None or _GLUED_FRONT.search(text) is None:
        return text
    standalone: set[str] | None = None
    pieces = []
    last = 0
    for match in _GLUED_FRONT.finditer(text):
        name = _NAME_AFTER.match(text, match.end())
        pieces.append(text[last : match.end()])
        pieces.append(" ")
        last = match.end()
        if name is None:
            continue
        words = name.group(0).split(" ")
        for index, word in enumerate(words[1:], start=1):
            if standalone is None:
                standalone = set(_SHORT_WORD.findall(text)) | set(_LOWER_WORD.findall(text))
            cut = _glue_cut(word, standalone)
            if cut:
                kept = " ".join(words[:index] + [word[:cut]])
                pieces.append(kept + " " + word[cut:])
                last = match.end() + len(" ".join(words[: index + 1]))
                break
    pieces.append(text[last:])
    return "".join(pieces)


_SHORT_WORD = re.compile(r"(?<![\w’'-])[A-Z][a-z]{0,3}(?![\w’'-])")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]{3,}(?![\w’'-])")


def _glue_cut(word: str, standalone: set[str]) -> int:
    """Where a name part ends in a word glued to the next ("Unpresented" -> 2), or 0: the
    rest must be a lower-case word the text writes alone or a word of glue-words.txt, and a
    name part the text also writes alone ("Un" of the headline's "Kim Jong Un") is preferred."""
    cuts = [
        cut
        for cut in range(2, len(word) - 1)
        if word[cut:].islower() and (word[cut:] in standalone or word[cut:] in _GLUE_SET)
    ]
    for cut in cuts:
        if word[:cut] in standalone:
            return cut
    return cuts[0] if cuts else 0


_GLUE_SET = frozenset(_GLUE_WORDS)


_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|II|III|IV|MP|M\.P|QC|KC)\.?$", re.IGNORECASE)


@lru_cache(maxsize=16384)
def canonical_name(name: str) -> str:
    """The name a person's page goes under, the same for every way sources write it:
    capitals as in a name ("JOSEPH R. BIDEN JR." -> "Joseph Biden"), without "Jr.", without
    middle initials. Short given names stay as written ("Tom Lee" may not be a Thomas); see
    `same_person` for matching them. Diacritics and hyphens stay: page ids ignore them."""
    name = _SUFFIX.sub("", display_name(name.strip())).strip(" ,")
    words = name.split()
    kept = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and _initial(w))]
    if len(kept) >= 2 and len(kept) < len(words):
        words = kept
    return " ".join(words)


def _initial(word: str) -> bool:
    return (
        len(word) <= 2
        and word[:1].isupper()
        and word.endswith(".")
        or (len(word) == 1 and word.isupper())
    )


@lru_cache(maxsize=16384)
def _key_tokens(name: str) -> tuple[str, ...]:
    return tuple(name_key(canonical_name(name)).split())


def surname_key(name: str) -> str:
    """The last word of a name's spelling-insensitive key: names of one person share it
    (or, written surname first, share their first word; see `same_person`)."""
    tokens = _key_tokens(name)
    return tokens[-1] if tokens else ""


def same_person(one: str, other: str) -> bool:
    """Whether two written names can be one person: the same name in another spelling,
    order, capitals, with or without middle initials, "Jr." or a short given name; or a
    bare surname and a full name with that surname ("Biden", "Joe Biden"). Two given names
    with one surname are two people (Kim Jong Un, Kim Yo Jong)."""
    a, b = _key_tokens(one), _key_tokens(other)
    if not a or not b:
        return False
    if a == b or (a[-1] != b[-1] and sorted(a) == sorted(b)):
        return True
    if a[-1] != b[-1]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    if a[0] == b[0] or (a[0][0] == b[0][0] and min(len(a[0]), len(b[0])) == 1):
        return True
    return bool(_VARIANTS.get(a[0], {a[0]}) & _VARIANTS.get(b[0], {b[0]}))
