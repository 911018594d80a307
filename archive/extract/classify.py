"""What kind of document a statement is, who published it, its language and the agreements it
names: from signs such as a dateline "(Yonhap) --", a closing "(UPI)", "Press Releases", a
"Statement by ..." headline, a salutation "Thank you, Mr. President", a contact e-mail.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml
from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from archive.extract.countries import find_countries
from archive.extract.patterns import at_least, case_blind_clues, holds_clue, whole_words
from archive.model import PersonRef

# libyaml's loader where installed: the data files load in a tenth of the time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Vocabulary beside the parser: languages, headline forms of each kind of document.
DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def load_data(name: str) -> Any:
    """A YAML file of data/, read once a process."""
    with open(DATA / name, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_YAML_LOADER)


# --- sources -----------------------------------------------------------------------------------

#: News agencies and sites as they tag their reports, -> the name the archive uses.
_AGENCIES = {
    "upi": "UPI",
    "united press international": "UPI",
    "yonhap": "Yonhap",
    "yonhap news agency": "Yonhap",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "jiji": "Jiji Press",
    "jiji press": "Jiji Press",
    "kcna": "KCNA",
    "korean central news agency": "KCNA",
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "nhk": "NHK",
    "bloomberg": "Bloomberg",
    "nk news": "NK News",
    "nk pro": "NK News",
    "un news": "UN News",
    "voa": "Voice of America",
    "rfa": "Radio Free Asia",
    "efe": "EFE",
    "dpa": "dpa",
    "bernama": "Bernama",
    "antara": "Antara",
    "kbs": "KBS",
    "mbc": "MBC",
    "sbs": "SBS",
    "newsis": "Newsis",
    "news1": "News1",
    "cnn": "CNN",
}
_AGENCY_TAG = re.compile(
    r"\((?P<agency>"
    + "|".join(re.escape(a) for a in sorted(_AGENCIES, key=len, reverse=True))
    + r")(?:[\s/-][^()]{0,20})?\)|/(?P<slashed>TASS|Xinhua|Sputnik)/",
    re.IGNORECASE,
)
#: Web domains of contact e-mails -> publisher.
_DOMAINS = {
    "yna.co.kr": "Yonhap",
    "yonhapnews.co.kr": "Yonhap",
    "upi.com": "UPI",
    "kyodonews.jp": "Kyodo",
    "kyodonews.net": "Kyodo",
    "jiji.com": "Jiji Press",
    "nknews.org": "NK News",
    "dailynk.com": "Daily NK",
    "koreaherald.com": "The Korea Herald",
    "heraldcorp.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times",
    "joongang.co.kr": "Korea JoongAng Daily",
    "chosun.com": "The Chosun Ilbo",
    "hani.co.kr": "The Hankyoreh",
    "donga.com": "The Dong-A Ilbo",
    "japantimes.co.jp": "The Japan Times",
    "asahi.com": "The Asahi Shimbun",
    "bbc.co.uk": "BBC",
    "theguardian.com": "The Guardian",
    "cnn.com": "CNN",
    "mainichi.jp": "The Mainichi",
    "yomiuri.co.jp": "The Yomiuri Shimbun",
    "nikkei.com": "Nikkei",
    "nhk.or.jp": "NHK",
    "rfa.org": "Radio Free Asia",
    "voanews.com": "Voice of America",
    "mofa.go.jp": "Ministry of Foreign Affairs of Japan",
    "mofa.go.kr": "Ministry of Foreign Affairs of the Republic of Korea",
    "state.gov": "U.S. Department of State",
    "un.org": "United Nations",
    "viewusglobal.com": "Viewus",
}
_PERSONAL_MAIL = re.compile(r"@(?:gmail|yahoo|hotmail|outlook|naver|daum|hanmail|icloud)\.")
_EMAIL_DOMAIN = re.compile(r"@(?P<domain>[\w-]{1,63}(?:\.[\w-]{1,63})+)")


#: Sites as their pages name themselves in the masthead ("Yonhap News Agency", "NHK
#: WORLD-JAPAN", "The Korea Herald") -> the name the archive uses; a news agency's own name
#: counts too.
_OUTLETS = {
    **_AGENCIES,
    "kyodo news international": "Kyodo",
    "kyodo news+": "Kyodo",
    "jiji press english news service": "Jiji Press",
    "korean central news agency of dprk": "KCNA",
    "kcna watch": "KCNA",
    "nhk world": "NHK",
    "nhk world-japan": "NHK",
    "nhk world japan": "NHK",
    "voa news": "Voice of America",
    "voice of america": "Voice of America",
    "xinhuanet": "Xinhua",
    "english.news.cn": "Xinhua",
    "xinhua net": "Xinhua",
    "arirang": "Arirang",
    "arirang news": "Arirang",
    "arirang tv": "Arirang",
    "korea herald": "The Korea Herald",
    "the korea herald": "The Korea Herald",
    "korea times": "The Korea Times",
    "the korea times": "The Korea Times",
    "korea joongang daily": "Korea JoongAng Daily",
    "japan times": "The Japan Times",
    "the japan times": "The Japan Times",
    "the asahi shimbun": "The Asahi Shimbun",
    "the mainichi": "The Mainichi",
    "the japan news": "The Japan News",
    "nikkei asia": "Nikkei",
    "kbs world": "KBS",
    "kbs world radio": "KBS",
    "kbs news": "KBS",
    "bbc": "BBC",
    "bbc news": "BBC",
    "the guardian": "The Guardian",
    "france 24": "France 24",
    "daily nk": "Daily NK",
    "nk news": "NK News",
    "un news": "UN News",
    "united nations": "United Nations",
    "meetings coverage and press releases": "United Nations",
    "u.s. department of state": "U.S. Department of State",
    "department of state": "U.S. Department of State",
    "foreign, commonwealth & development office": "Foreign, Commonwealth and Development Office",
    "foreign, commonwealth and development office": "Foreign, Commonwealth and Development Office",
    "foreign & commonwealth office": "Foreign and Commonwealth Office",
    "the white house": "The White House",
    "white house": "The White House",
    "international atomic energy agency": "International Atomic Energy Agency",
    "iaea": "International Atomic Energy Agency",
    "security council report": "Security Council Report",
    "voice of korea": "Voice of Korea",
    "naenara": "Naenara",
    # Mastheads in Japanese, Korean and Chinese.
    "外務省": "Ministry of Foreign Affairs of Japan",
    "首相官邸": "Prime Minister's Office of Japan",
    "외교부": "Ministry of Foreign Affairs of the Republic of Korea",
    "대한민국 외교부": "Ministry of Foreign Affairs of the Republic of Korea",
    "中华人民共和国外交部": "Ministry of Foreign Affairs of the People's Republic of China",
    "조선중앙통신": "KCNA",
    "朝鮮中央通信": "KCNA",
    "연합뉴스": "Yonhap",
    "共同通信": "Kyodo",
    "時事通信": "Jiji Press",
}
#: The country a news outlet reports from: a title it leaves unqualified ("President-elect
#: Yoon", "Chief Cabinet Secretary X") is its own country's.
_HOME_COUNTRY = {
    **dict.fromkeys(
        [
            "Yonhap",
            "The Korea Herald",
            "The Korea Times",
            "Korea JoongAng Daily",
            "Arirang",
            "The Chosun Ilbo",
            "The Hankyoreh",
            "The Dong-A Ilbo",
            "KBS",
            "MBC",
            "SBS",
            "Newsis",
            "News1",
        ],
        "South Korea",
    ),
    **dict.fromkeys(
        [
            "Kyodo",
            "Jiji Press",
            "NHK",
            "The Japan Times",
            "The Asahi Shimbun",
            "The Mainichi",
            "The Yomiuri Shimbun",
            "The Japan News",
            "Nikkei",
        ],
        "Japan",
    ),
    "KCNA": "North Korea",
    "Voice of Korea": "North Korea",
    "Naenara": "North Korea",
    "Xinhua": "China",
    "TASS": "Russia",
    "RIA Novosti": "Russia",
    "Voice of America": "United States",
}


#: American outlets the archive knows, which write "12/03/2019" for 3 December.
_MONTH_FIRST = frozenset(["CNN", "AP", "UPI", "Bloomberg"])
#: Publishers outside the United States with no one home country ("Seoul (AFP)").
_DAY_FIRST_OUTLETS = frozenset(
    ["BBC", "The Guardian", "France 24", "AFP", "Reuters", "United Nations", "UN News", "dpa"]
)


def day_first(publisher: str | None, country: str | None = None) -> bool | None:
    """Whether a publisher writes numeric dates day first ("12/03/2019" for 12 March), as
    all but Americans do: a government (`country`) or an outlet whose country the archive
    knows. None for an unknown publisher: its dates are not guessed."""
    country = country or _GOVERNMENT_OF.get(publisher or "") or _HOME_COUNTRY.get(publisher or "")
    if country:
        return country != "United States"
    if publisher in _MONTH_FIRST:
        return False
    return True if publisher in _DAY_FIRST_OUTLETS else None


def home_country(publisher: str | None) -> str | None:
    """The country a news outlet is based in and writes for, if the archive knows it."""
    return _HOME_COUNTRY.get(publisher or "")


#: The country whose government a publisher is.
_GOVERNMENT_OF = {
    "U.S. Department of State": "United States",
    "Foreign, Commonwealth and Development Office": "United Kingdom",
    "Foreign and Commonwealth Office": "United Kingdom",
    "The White House": "United States",
    "Ministry of Foreign Affairs of Japan": "Japan",
    "Prime Minister's Office of Japan": "Japan",
    "Ministry of Foreign Affairs of the Republic of Korea": "South Korea",
    "Ministry of Foreign Affairs of the People's Republic of China": "China",
}
# A government body named in a masthead: "Permanent Mission of the Russian Federation to the
# United Nations", "United States Mission to the United Nations", "Ministry of Foreign Affairs,
# Republic of Korea", "MOFA | Ministry of Foreign Affairs of Japan".
_MISSION = re.compile(
    r"^(?:the\s)?(?:permanent\s)?mission\sof\s(?P<of>.{2,60}?)\sto\sthe\s(?:united\snations|un)\b"
    r"|^(?P<own>.{2,40}?)\smission\sto\sthe\s(?:united\snations|un)\b",
    re.IGNORECASE,
)
_MINISTRY = re.compile(
    r"^(?:the\s)?ministry\sof\sforeign\saffairs(?:\sof|,)\s(?P<of>.{2,60})$", re.IGNORECASE
)
# Any other ministry with its country after it, as a masthead writes it: "Ministry of Defense
# Japan", "MINISTRY OF UNIFICATION  REPUBLIC OF KOREA", "Ministry of National Defense, Republic
# of Korea".
_OTHER_MINISTRY = re.compile(r"^(?:the\s)?ministry\sof\s(?P<rest>.{3,100})$", re.IGNORECASE)
# A masthead that spells its acronym out: "IAEA International Atomic Energy Agency".
_ACRONYM_SPELLED = re.compile(r"^(?P<acronym>[A-Z]{2,6})\s(?P<full>(?:[A-Z][\w-]*\s?){2,8})$")
# A head of government's office: "Prime Minister's Office of Japan", "Office of the President
# of the Republic of Korea".
_HEAD_OFFICE = re.compile(
    r"^(?:the\s)?(?:(?:prime\sminister|president)[’']s\soffice|office\sof\sthe\s(?:prime\s"
    r"minister|president))\s(?:of|,)\s?(?P<of>.{2,60})$",
    re.IGNORECASE,
)


def _country_named(text: str) -> str | None:
    found = find_countries(text)
    return found[0][2] if found else None


_MASTHEAD_SEPARATOR = re.compile(r"\s[|/–—-]")
_MASTHEAD_PARTS = re.compile(r"\s[|/]{1,2}\s|\s[-–—]\s")


def masthead_publisher(lines: list[str]) -> tuple[str, str | None] | None:
    """The publisher a page names in its masthead, from the lines above the statement, and
    the country whose government it is (None for a news outlet): "Permanent Mission of the
    Russian Federation to the United Nations" -> (that, "Russia")."""
    for line in lines[:12]:
        if len(line) > 160:
            continue
        parts = _MASTHEAD_PARTS.split(line) if _MASTHEAD_SEPARATOR.search(line) else [line]
        for part in parts:
            part = re.sub(r"^from:\s*", "", part.strip(), flags=re.IGNORECASE)
            # gov.uk: "From: Foreign, Commonwealth & Development Office and Dame Barbara ..."
            if part[:8].lower() == "foreign,":
                part = re.split(r"\sand\s(?=[A-Z])", part)[0]
            found = publisher_named(part)
            if found is not None:
                return found
    return None


def publisher_named(text: str) -> tuple[str, str | None] | None:
    """The publisher a whole line names, with the country whose government it is."""
    key = text.lower().rstrip(" .")
    if key in _OUTLETS:
        name = _OUTLETS[key]
        return name, _GOVERNMENT_OF.get(name)
    match = _MISSION.match(text) if "ission" in text else None
    if match:
        country = _country_named(match.group("of") or match.group("own"))
        if country:
            return mission_of(country), country
    match = _HEAD_OFFICE.match(text) if "ffice" in text else None
    if match:
        country = _country_named(match.group("of"))
        if country:
            return text.strip(), country
    match = _MINISTRY.match(text) if "inistry" in text else None
    if match:
        country = _country_named(match.group("of"))
        if country:
            return foreign_ministry_of(country), country
    match = _OTHER_MINISTRY.match(text) if "inistry" in text.title() else None
    if match:
        return _ministry_of_country(match.group("rest"))
    match = _ACRONYM_SPELLED.match(text)
    if match:
        full = match.group("full").strip()
        initials = "".join(word[0] for word in full.split() if word[0].isupper())
        if initials == match.group("acronym"):
            return publisher_named(full)
    return None


def _ministry_of_country(rest: str) -> tuple[str, str | None] | None:
    """ "Defense Japan" (after "Ministry of") -> ("Ministry of Defense of Japan", "Japan"):
    the country must end the line and follow the ministry's own name."""
    rest = rest.rstrip(" .")
    found = [hit for hit in find_countries(rest) if hit[0] > 0 and hit[1] == len(rest)]
    if not found:
        return None
    start, _, country = found[-1]
    own = re.sub(r"(?:,|\sof(?:\sthe)?)$", "", rest[:start].rstrip()).strip()
    if not own or len(own.split()) > 4:
        return None
    office = " ".join(
        word.lower() if word.lower() in ("of", "and", "for") else word.capitalize()
        for word in own.split()
    )
    return f"Ministry of {office} of {_official(country)}", country


def agency_in(texts: list[str]) -> str | None:
    """The news agency a dateline or closing tag names: "(Yonhap)", "(UPI)"."""
    for text in texts:
        match = _AGENCY_TAG.search(text)
        if match:
            agency = (match.group("agency") or match.group("slashed")).lower()
            return _AGENCIES.get(agency, match.group("slashed"))
    return None


def publisher_of_email(email: str) -> str | None:
    """The publisher a contact address belongs to: "x@yna.co.kr" -> Yonhap."""
    if _PERSONAL_MAIL.search(email):
        return None
    match = _EMAIL_DOMAIN.search(email)
    if match is None:
        return None
    domain = match.group("domain").lower()
    for known, publisher in _DOMAINS.items():
        if domain == known or domain.endswith("." + known):
            return publisher
    return domain


#: Foreign ministries not called "Ministry of Foreign Affairs of X".
_FOREIGN_MINISTRIES = {
    "United States": "U.S. Department of State",
    "United Kingdom": "Foreign, Commonwealth and Development Office",
}
_FOREIGN_OFFICE = re.compile(
    r"secretary\s+of\s+state|state\s+department|foreign\s+minist|minister\s+(?:for|of)\s+foreign|foreign\s+affairs|spokes|"
    r"press\s+secretary|director-general\s+for\s+press",
    re.IGNORECASE,
)
_AT_UN = re.compile(
    r"permanent\s+representative|ambassador|permanent\s+mission|to\s+the\s+u\.?n", re.I
)


def government_publisher(doc_type: str, speaker: PersonRef | None, voice: str | None) -> str | None:
    """The government body that publishes a statement of this kind by this speaker: a
    foreign minister's statement -> the Ministry of Foreign Affairs of that country; a
    Permanent Representative's Council speech -> that country's Permanent Mission."""
    country = speaker.country if speaker else None
    role = speaker.role or "" if speaker else ""
    if doc_type in ("council-speech", "speech", "letter") and country and _AT_UN.search(role):
        return mission_of(country)
    if doc_type in ("ministerial-statement", "government-statement", "press-release"):
        if country and _FOREIGN_OFFICE.search(role):
            return foreign_ministry_of(country)
        if (speaker is None or not speaker.country) and voice and doc_type == "press-release":
            return foreign_ministry_of(voice)
    return None


def mission_of(country: str) -> str:
    """ "Permanent Mission of the Russian Federation to the United Nations"."""
    return f"Permanent Mission of {_official(country)} to the United Nations"


def foreign_ministry_of(country: str) -> str:
    """ "Ministry of Foreign Affairs of the Republic of Korea", "U.S. Department of State"."""
    return _FOREIGN_MINISTRIES.get(country, f"Ministry of Foreign Affairs of {_official(country)}")


#: The names governments give themselves in their bodies' names, where they differ from the
#: short name the archive files countries under.
_OFFICIAL_NAMES = {
    "South Korea": "the Republic of Korea",
    "North Korea": "the Democratic People's Republic of Korea",
    "Russia": "the Russian Federation",
    "China": "the People's Republic of China",
}


def _official(country: str) -> str:
    if country in _OFFICIAL_NAMES:
        return _OFFICIAL_NAMES[country]
    if country in ("United States", "United Kingdom", "Netherlands", "Philippines"):
        return "the " + country
    return country


# --- the voice of a government -----------------------------------------------------------------

_VOICE_VERB = re.compile(
    r"(?:\s(?:\w+ly|also|further|again|once|will|shall|would|has|have|had|is|was|remains|"
    r"continues|to|hereby|therefore|not|firmly|deeply)){0,4}\s"
    r"(?:welcom|appreciat|urg|condemn|protest|call|express|reiterat|support|shar|hop|believ|"
    r"deplor|regret|demand|reject|denounc|oppos|stand|stress|emphasi|consider|note|noted|"
    r"took|work|cooperat|lodg|request|remain|continu|view|want|seek|insist|recogni|"
    r"strongly|highly|firmly)\w*"
)


_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’)]?\s+)(?:The Government of\s|The\s)?$")


def government_voice(paragraphs: list[str], at_least: int = 2) -> str | None:
    """The country whose government speaks ("Japan highly appreciates", "Japan will
    continue"), when at least two sentences (or `at_least`) start that way and no other
    country does as often."""
    counts: dict[str, int] = {}
    for paragraph in paragraphs[:20]:
        for start, end, country in find_countries(paragraph):
            if not _SENTENCE_START.search(paragraph, max(0, start - 20), start):
                continue
            if _VOICE_VERB.match(paragraph, end):
                counts[country] = counts.get(country, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    country, count = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == count:
        return None
    return country if count >= at_least else None


# --- document type -----------------------------------------------------------------------------

_LETTER = re.compile(
    # "I have the honour to report to the Council" opens a briefing, not a letter.
    r"\bletter dated\b|\bI have the hono(?:u)?r to\b(?!\s(?:report|brief|address|present|"
    r"introduce|speak)\b)|\baddressed to the (?:President of the "
    r"Security Council|Secretary-General)\b",
    re.IGNORECASE,
)
_LETTER_CLUES = case_blind_clues("letter dated", "have the hono", "addre")
_INTERVIEW = re.compile(r"\binterview\b|\bpress conference\b|\bQ\s?&\s?A\b", re.IGNORECASE)
_QUESTION_LINE = re.compile(
    r"^(?:Q|Question|Reporter|Journalist|Interviewer)\s?\d*\s?[:.：]", re.IGNORECASE
)
# An answer's turn: "A:", "Answer:", or the answering person's name ("Maria Zakharova:").
_ANSWER_LINE = re.compile(r"^(?:A|Answer|[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3})\s?[:：]\s")
_COMMENTARY = re.compile(r"\b(?:KCNA\s+)?commentary\b|\bop-ed\b|\bopinion\b|\beditorial\b", re.I)
#: A state agency carrying a paper's commentary whole: "..., Rodong Sinmun said today in a
#: commentary." (the agency's own words stop there; the commentary follows).
COMMENTARY_CARRIED = re.compile(
    r"\b(?:said|says|noted|stressed|claimed|wrote|writes)\s(?:\w+day\s|today\s|on\s\w+\s)?in\s"
    r"(?:a|an|its)\s(?:signed\s|bylined\s)?(?:commentary|editorial|article)\b"
)
_SPEECH_HEADER = re.compile(
    r"\b(?:statement|remarks|speech|address|intervention|explanation of (?:vote|position)|"
    r"briefing|keynote|anförande|tal)\b|談話|声明|성명|논평|담화|谈话",
    re.IGNORECASE,
)
# A headline in Japanese, Korean or Chinese naming a spokesperson's or a government's
# statement: "（外務報道官談話）", "외교부 대변인 성명".
_NATIVE_OFFICE_STATEMENT = re.compile(r"報道官|談話|声明|대변인|성명|논평|담화|发言人|谈话")


def native_office_statement(headline: str | None) -> bool:
    """Whether a headline in Japanese, Korean or Chinese names an office's statement."""
    return (
        bool(headline)
        and not headline.isascii()
        and bool(_NATIVE_OFFICE_STATEMENT.search(headline))
    )


_COUNCIL = re.compile(
    r"\bSecurity Council\b|\bUNSC\b|\b(?:[Tt]his|[Tt]he) Council\b|\bFN:s säkerhetsråd"
)
# The Council as the place of a speech, not as the author of the resolutions every statement on
# the DPRK cites ("in violation of Security Council resolutions").
_COUNCIL_ADDRESSED = re.compile(
    r"\b(?:Security Council|UNSC|[Tt]his Council|[Tt]he Council)\b(?!\s(?:resolutions?|"
    r"sanctions|Committee)\b)"
)
# A council other than the Security Council that a speech calls "this Council".
_OTHER_COUNCIL = re.compile(
    r"Human Rights Council|råd för mänskliga rättigheter|Conseil des droits de l|"
    r"Economic and Social Council|Trusteeship Council|Arctic Council|Council of Europe|"
    r"European Council|Council of the (?:European Union|EU)"
)
_SALUTATION = re.compile(
    r"^(?:Thank you|I thank you)?[,.]?\s?(?:very much,?\s?)?(?:Mr\.?|Madam|Madame|Mme\.?)\s+"
    r"(?:President|Chair|Chairman|Chairperson)|^Thank you,?\s(?:Mr\.?|Madam|Mme\.?)"
    # The title alone, as British and UN speakers address the chair: "Chair," "Thank you,
    # President."
    r"|^(?:Thank you,?\s)?(?:President|Chair|Chairman|Chairperson)[,.]?$",
    re.IGNORECASE,
)
_MINISTER = re.compile(
    r"\bminister\b|\bsecretary\sof\sstate\b|\b(?:foreign|home|defen[cs]e)\ssecretary\b",
    re.IGNORECASE,
)
_UNDER_MINISTER = re.compile(r"\b(?:vice|deputy)[\s-]+(?:\w+\s)?minister\b", re.IGNORECASE)
_GOVERNMENT_OFFICE = re.compile(
    r"\b(?:spokes(?:person|man|woman)|press secretary|foreign ministry|ministry of foreign|"
    r"government of|cabinet|secretariat|institute|committee|department|embassy|mission)\b",
    re.IGNORECASE,
)
_PRESS_RELEASE = re.compile(r"\bpress releases?\b|\bnews releases?\b|\bpress statements?\b", re.I)
#: "I", "we" or "our": a paragraph in the first person.
FIRST_PERSON = re.compile(whole_words("I", "we", "We", "our", "Our"))


_UN_PRESS = re.compile(
    r"^(?:SC|GA|SG|SG/SM|SG/2|DC|GA/DIS|GA/SHC|HR|ORG)/\d{2,5}(?:-\S+)?$|^Meetings Coverage\b",
    re.IGNORECASE,
)


_MEETING_RECORD = re.compile(r"^(?:United Nations\s)?S/PV\.\d{3,5}\b")


@functools.cache
def _page_forms() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """data/doc_types.yaml: for each place ("headline", "headline_unless_news", "lead"), its
    (kind, pattern) pairs in the order they are tried."""
    data = load_data("doc_types.yaml")
    return {
        place: [
            (entry["kind"], re.compile(pattern, re.IGNORECASE))
            for entry in entries
            for pattern in entry["forms"]
        ]
        for place, entries in data.items()
    }


def page_form(headline: str | None, lead: list[str], news: bool) -> str | None:
    """The kind of document a page names in its headline ("Press Briefing by ...", "Remarks
    by ...", "Readout of ...", "Tal av ...") or, failing that, in the lines under it
    ("Debattartikel av ...", "Det talade ordet gäller.")."""
    forms = _page_forms()
    if headline:
        text = headline.strip(" *#_\"“”'")
        places = ["headline"] if news else ["headline", "headline_unless_news"]
        for place in places:
            for kind, pattern in forms[place]:
                if pattern.search(text):
                    return kind
    for line in lead:
        text = line[:300].strip(" *#_\"“”'")
        for kind, pattern in forms["lead"]:
            if pattern.search(text):
                return kind
    return None


# A transcript's turn: "THE PRESIDENT:", "MS. PSAKI:", "SECRETARY BLINKEN:", "Q", "QUESTION:".
_TURN = re.compile(r"^(?:[A-Z][A-Z.'’-]*(?:\s[A-Z][A-Z.'’-]*){0,4}|Q)\s?:\s")
_QUESTION_TURN = re.compile(r"^(?:Q|QUESTION|Q\.)\s?[:.]\s")
#: A byline under a headline: "Antony J. Blinken, Secretary of State", "Ned Price, Department
#: Spokesperson", "Office of the Spokesperson".
_BYLINE = re.compile(
    r"^(?:[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]*){1,4},\s(?P<role>[A-Z][\w.,'’ -]{3,80})"
    r"|(?P<office>Office of the (?:Spokesperson|Press Secretary)))$"
)


# A minister's title in Swedish, a compound: "utrikesminister", "statsministern".
_SWEDISH_MINISTER = re.compile(r"\w+ministern?\b", re.IGNORECASE)


def _statement_kind(role: str) -> str:
    """A statement by a minister, or by another official or office of a government."""
    minister = _MINISTER.search(role) and not _UNDER_MINISTER.search(role)
    if (minister or _SWEDISH_MINISTER.search(role)) and not _GOVERNMENT_OFFICE.search(role):
        return "ministerial-statement"
    return "government-statement"


def _by_form(
    form: str | None,
    header: list[str],
    paragraphs: list[str],
    speaker: PersonRef | None,
    saluted: bool,
    headline: str | None,
) -> str | None:
    """The kind a page's form, its byline or its transcript's turns decide (a byline over a
    salutation, "Chair," heads a speech: the caller's rules tell it)."""
    if form == "speech":
        return form
    turns = [p for p in paragraphs[:80] if _TURN.match(p)]
    questions = sum(1 for p in turns if _QUESTION_TURN.match(p))
    # Questions from the floor make an interview, whatever the headline says it is about.
    if questions >= 1 and len(turns) >= 3 and form != "interview":
        return "interview"
    if form == "statement":
        # The title the headline gives ("Uttalande av utrikesminister X") before the speaker's.
        if headline and (_MINISTER.search(headline) or _SWEDISH_MINISTER.search(headline)):
            return _statement_kind(headline)
        return (
            _statement_kind(speaker.role or "")
            if speaker and speaker.role
            else "government-statement"
        )
    if form is not None:
        return form
    if saluted:
        return None
    for line in header[1:4]:
        match = _BYLINE.match(line.strip())
        if match is None:
            continue
        if match.group("office"):
            return "press-release"
        # A transcript under a byline ("SECRETARY BLINKEN: ...") is the byline's words as
        # spoken.
        if turns:
            return "interview" if questions else "speech"
        return _statement_kind(match.group("role"))
    return None


#: A general debate speech: its speaker's country or delegation speaks to the General
#: Assembly's president and to "this Assembly", at its numbered session ("Mr. President" alone
#: opens a Council speech as well). The strong signs
#: outweigh a news report's; the weak ones ("the General Assembly") only where none is seen.
_ASSEMBLY_STRONG = re.compile(
    r"\b(?:this|the\spresent)\s+(?:General\s+)?Assembly\b|\bmy\s+delegation\b|\bPresident\s+of\s+the\s+General\s+Assembly\b"
    r"|\bsession\s+of\s+the\s+General\s+Assembly\b|\bthis\s+(?:rostrum|podium|august\s+body)\b"
    r"|\bcongratulat\w*\b[^.]{0,200}\b(?:election|assumption)\b"
)
_ASSEMBLY_WEAK = re.compile(r"\bGeneral\s+Assembly\b|\bthe\s+Assembly\b")
_ASSEMBLY_SPEAKER = re.compile(
    r"\b(?:I|we|my\s+(?:delegation|country|Government)|our\s+(?:delegation|country))\b"
)


def _assembly_speech(header: list[str], paragraphs: list[str], news: bool) -> bool:
    opening = "\n".join(header[:6] + paragraphs[:60])[:8000]
    # Most pages never name an assembly: a substring test spares them the patterns.
    if "ssembl" not in opening or not _ASSEMBLY_SPEAKER.search(opening):
        return False
    if _ASSEMBLY_STRONG.search(opening):
        return True
    return not news and _ASSEMBLY_WEAK.search(opening) is not None


#: A Swedish government's press release quotes its own minister: "..., säger utrikesminister
#: Maria Malmer Stenergard." (the cleaner has taken the quote's opening dash away).
_MINISTER_QUOTED = re.compile(
    r"[,.!?”]\s+säger\s+(?:[\wåäö-]+\s+och\s+)?[\wåäö-]*(?:minister|statsråd)\w*\b", re.IGNORECASE
)


def un_press_release(header: list[str]) -> bool:
    """Whether the page is a UN press release ("SC/13141", "Meetings Coverage")."""
    return any(_UN_PRESS.match(line) for line in header)


def document_type(
    header: list[str],
    paragraphs: list[str],
    section_labels: list[str],
    speaker: PersonRef | None,
    news: bool,
    voice: str | None,
    carried: bool = False,
    headline: str | None = None,
) -> str:
    """One of the keys of DOC_TYPES, by the strongest sign the text gives. `carried`: the
    text carries a statement whole ("... issued the following statement:"); `headline`: the
    line that heads the page, whose form ("Remarks by", "Readout of", "Tal av") comes first."""
    head = " ".join(header)
    opening = " ".join(paragraphs[:2])[:2000]
    labels = " ".join(section_labels)
    letter_text = head + " " + opening
    # A speech to the Assembly may open "I have the honour to convey to you, Sir"; a letter
    # says it is one.
    assembly = _assembly_speech(header, paragraphs, news)
    if (
        holds_clue(letter_text, _LETTER_CLUES)
        and _LETTER.search(letter_text)
        and not (assembly and not re.search(r"\bletter\b", letter_text, re.IGNORECASE))
    ):
        return "letter"
    if any(_MEETING_RECORD.match(line) for line in header):
        return "council-speech"  # a verbatim record of a Council meeting: its speeches
    if un_press_release(header):
        return "press-release"
    # A speech page may put its speaker's line and a date above the salutation.
    saluted = any(_SALUTATION.match(p) for p in paragraphs[:5]) or bool(
        _SALUTATION.search(paragraphs[-1]) if paragraphs else False
    )
    spoken_header = bool(_SPEECH_HEADER.search(head)) or carried
    at_council = bool(_COUNCIL.search(head)) or (
        saluted
        and any(_COUNCIL_ADDRESSED.search(p) for p in paragraphs[:40])
        and not _OTHER_COUNCIL.search(head + " " + " ".join(paragraphs[:3]))
    )
    council_header = re.search(
        r"\b(?:at|i)\b[^.]{0,60}\b(?:Security Council|UNSC|FN:s säkerhetsråd)", head
    )
    if (
        (spoken_header or saluted)
        and at_council
        and not news
        and (saluted or council_header)
        and not (assembly and not _COUNCIL.search(head))
    ):
        return "council-speech"
    lead = header[1:4] + paragraphs[:2]
    kind = _by_form(page_form(headline, lead, news), header, paragraphs, speaker, saluted, headline)
    if kind is not None:
        return kind
    if assembly:
        return "speech"
    if not news and any(_MINISTER_QUOTED.search(p) for p in paragraphs[:12]):
        return "press-release"
    questions = [i for i, p in enumerate(paragraphs[:60]) if _QUESTION_LINE.match(p)]
    # One question is enough when an answer follows it ("Q: ..." then "A: ...").
    answered = any(
        i + 1 < len(paragraphs) and _ANSWER_LINE.match(paragraphs[i + 1]) for i in questions
    )
    if len(questions) >= 2 or answered or (_INTERVIEW.search(head) and not news):
        return "interview"
    if _COMMENTARY.search(head) or (
        carried and paragraphs and COMMENTARY_CARRIED.search(paragraphs[0][:600])
    ):
        return "commentary"
    if saluted and not news:
        return "speech"
    if news:
        return "news-report"
    if spoken_header and speaker is not None:
        if re.search(r"\b(?:remarks|speech|address|keynote)\b", head, re.I):
            return "speech"
        role = speaker.role or ""
        # A vice-minister or a deputy minister is not the minister.
        if (
            _MINISTER.search(role)
            and not _GOVERNMENT_OFFICE.search(role)
            and not _UNDER_MINISTER.search(role)
        ):
            return "ministerial-statement"
        return "government-statement"
    if _GOVERNMENT_OFFICE.search(head) and spoken_header:
        return "government-statement"
    if _PRESS_RELEASE.search(labels + " " + head) or voice:
        return "press-release"
    if paragraphs and at_least(len(paragraphs) // 2 + 1, FIRST_PERSON, paragraphs):
        return "speech"
    return "other"


# --- language ----------------------------------------------------------------------------------

# Short English words, counted with spaces around them: a text that uses them constantly is
# English, told without the detector (most of the archive is, and the count costs a tenth).
_ENGLISH_WORDS = (" the ", " and ", " of ", " to ", " is ", " that ", " for ", " with ")
#: Characters of the body the detector reads: enough to tell any language of the archive
#: apart (the detector's low-accuracy mode wants 120 or more), few enough to stay fast (the
#: detector's time grows with the sample).
_SAMPLE_CHARS = 400


@functools.cache
def _detector() -> LanguageDetector:
    """The detector, built once a process, choosing among the languages the archive expects
    (data/language.yaml). Low-accuracy mode reads trigrams only: 30 MB and a third of a
    second to load instead of 230 MB and three seconds, and as right on a paragraph or more."""
    codes = load_data("language.yaml")["languages"]
    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in codes
    ]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def language_of(paragraphs: list[str]) -> str:
    """ISO 639-1 code of the body's language: English by its commonest short words, any other
    language of the archive by the lingua detector on the first paragraphs."""
    sample = " ".join(paragraphs[:8])[:3000]
    if not sample.strip():
        return "en"
    lowered = f" {sample[:2000].lower()} "
    # English when its short words are one in ten of all words: a Swedish speech that turns to
    # English for a paragraph of welcome has many, but not that many.
    english = sum(map(lowered.count, _ENGLISH_WORDS))
    if english >= 8 and english * 10 >= lowered.count(" "):
        return "en"
    found = _detector().detect_language_of(sample[:_SAMPLE_CHARS])
    if found is None:
        return "en"
    return found.iso_code_639_1.name.lower()


# --- agreements --------------------------------------------------------------------------------

# (name, pattern, words one of which a text must hold for the pattern to be tried: a cheap
# test that spares the regexes on the many texts that name no agreement).
_AGREEMENTS = [
    ("Stockholm Agreement", r"Stockholm Agreement", ("stockholm",)),
    (
        "Pyongyang Joint Declaration",
        r"(?:September\s)?Pyongyang Joint Declaration",
        ("pyongyang joint",),
    ),
    ("Japan-DPRK Pyongyang Declaration", r"Pyongyang Declaration", ("pyongyang declaration",)),
    (
        "Joint Statement of the Six-Party Talks",
        r"Joint Statement of the (?:Fourth Round of the )?Six[- ]Party Talks|Six[- ]Party Talks?"
        r" Joint Statement|(?:September 19|19 September)(?:,? 2005)? Joint Statement",
        ("party talks", "september 19", "19 september"),
    ),
    (
        "Singapore Joint Statement",
        r"Singapore (?:Joint )?Statement|June 12 (?:DPRK-U\.?S\.? )?joint statement|"
        r"DPRK-U\.?S\.? Joint Statement|Singapore (?:summit )?(?:agreement|declaration)",
        ("singapore", "june 12", "joint statement"),
    ),
    ("Panmunjom Declaration", r"Panmunjom Declaration", ("panmunjom",)),
    ("Comprehensive Military Agreement", r"Comprehensive Military Agreement", ("military agr",)),
    ("Agreed Framework", r"Agreed Framework", ("agreed framework",)),
    ("Korean Armistice Agreement", r"Armistice Agreement", ("armistice",)),
    (
        "Leap Day Agreement",
        r"Leap Day (?:Deal|Agreement)|February 29 Agreement",
        ("leap day", "february 29"),
    ),
    (
        "Joint Declaration on the Denuclearization of the Korean Peninsula",
        r"Joint Declaration (?:on|of) the Denuclearization of the Korean Peninsula",
        ("joint declaration",),
    ),
    (
        "Treaty on the Non-Proliferation of Nuclear Weapons",
        r"Treaty on the Non-?Proliferation of Nuclear Weapons|Non-?Proliferation Treaty|\bNPT\b",
        ("proliferation", "npt"),
    ),
    (
        "Comprehensive Nuclear-Test-Ban Treaty",
        r"Comprehensive (?:Nuclear[- ])?Test[- ]Ban Treaty|\bCTBT\b",
        ("ban treaty", "ctbt"),
    ),
    ("Chemical Weapons Convention", r"Chemical Weapons Convention", ("chemical weapons",)),
    (
        "Biological Weapons Convention",
        r"Biological (?:and Toxin )?Weapons Convention",
        ("biological",),
    ),
    (
        "Joint Comprehensive Plan of Action",
        r"Joint Comprehensive Plan of Action|\bJCPOA\b",
        ("plan of action", "jcpoa"),
    ),
    (
        "Treaty on Basic Relations between Japan and the Republic of Korea",
        r"Treaty on Basic Relations",
        ("basic relations",),
    ),
    (
        "Japan-U.S. Security Treaty",
        r"(?:Japan[-–]U\.?S\.?|U\.?S\.?[-–]Japan) Security Treaty|Treaty of Mutual Cooperation "
        r"and Security",
        ("security treaty", "mutual cooperation"),
    ),
    (
        "Charter of the United Nations",
        r"(?:UN|U\.N\.|United Nations) Charter|Charter of the United Nations",
        ("charter",),
    ),
]
_AGREEMENT_PATTERNS = [
    (name, re.compile(pattern, re.IGNORECASE), words) for name, pattern, words in _AGREEMENTS
]


#: How far a match may reach from the trigger word it holds: longer than the longest name
#: ("Joint Declaration on the Denuclearization of the Korean Peninsula").
_AGREEMENT_REACH = 150


def agreements_in(texts: list[str]) -> list[str]:
    """The agreements, declarations and treaties named, in order of first mention."""
    text = "\n".join(texts)
    lowered = text.lower()
    # Every form of a name holds one of its trigger words, so a name is looked for only around
    # them: a search of the whole of a long speech for each agreement cost more than the
    # rest of this function (the lowered text must keep the text's positions for that).
    windowed = len(lowered) == len(text)
    found: list[tuple[int, str]] = []
    for name, pattern, words in _AGREEMENT_PATTERNS:
        # A plain loop, not any() over a generator: this runs for every agreement of every
        # statement, and the generator cost more than the test.
        for word in words:
            if word in lowered:
                if windowed:
                    match = _first_near(pattern, text, lowered, words)
                else:
                    match = pattern.search(text)
                if match:
                    found.append((match.start(), name))
                break
    return [name for _, name in sorted(found)]


def _first_near(
    pattern: re.Pattern[str], text: str, lowered: str, words: tuple[str, ...]
) -> re.Match[str] | None:
    """The first match of `pattern` in `text` within reach of an occurrence of a word."""
    spots: list[int] = []
    for word in words:
        at = lowered.find(word)
        while at != -1:
            spots.append(at)
            at = lowered.find(word, at + 1)
    spots.sort()
    start = end = -1
    for at in spots:
        if start != -1 and at - _AGREEMENT_REACH <= end:
            end = at + _AGREEMENT_REACH
            continue
        if start != -1:
            match = pattern.search(text, start, end)
            if match:
                return match
        start, end = max(0, at - _AGREEMENT_REACH), at + _AGREEMENT_REACH
    return pattern.search(text, start, end) if start != -1 else None
