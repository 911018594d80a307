"""Countries named in a text, each under one canonical English name: "DPRK", "Democratic
People's Republic of Korea" and "North Korean" are all North Korea; the 193 UN member states,
the two observer states and Taiwan, with their official names, short forms and adjectives.
"""

from __future__ import annotations

import re
from functools import lru_cache

from archive.extract.patterns import AFTER_WORD_START

# canonical name | other names and abbreviations ; adjectives (case-sensitive, as written).
# A line starting with "+" adds names to the entry above it.
# Adjectives count as a mention ("the North Korean diplomat") only where they cannot be read
# otherwise; "Korean" alone is left out because it means either Korea.
_TABLE = """
Afghanistan|Islamic Republic of Afghanistan|Islamic Emirate of Afghanistan;Afghan
Albania|Republic of Albania;Albanian
Algeria|People's Democratic Republic of Algeria;Algerian
Andorra|Principality of Andorra;Andorran
Angola|Republic of Angola;Angolan
Antigua and Barbuda
Argentina|Argentine Republic;Argentine|Argentinian
Armenia|Republic of Armenia;Armenian
Australia|Commonwealth of Australia;Australian
Austria|Republic of Austria;Austrian
Azerbaijan|Republic of Azerbaijan;Azerbaijani
Bahamas|The Bahamas|Commonwealth of The Bahamas;Bahamian
Bahrain|Kingdom of Bahrain;Bahraini
Bangladesh|People's Republic of Bangladesh;Bangladeshi
Barbados;Barbadian
Belarus|Republic of Belarus;Belarusian
Belgium|Kingdom of Belgium;Belgian
Belize;Belizean
Benin|Republic of Benin;Beninese
Bhutan|Kingdom of Bhutan;Bhutanese
Bolivia|Plurinational State of Bolivia;Bolivian
Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia
Botswana|Republic of Botswana
Brazil|Federative Republic of Brazil;Brazilian
Brunei|Brunei Darussalam
Bulgaria|Republic of Bulgaria;Bulgarian
Burkina Faso
Burundi|Republic of Burundi;Burundian
Cabo Verde|Cape Verde
Cambodia|Kingdom of Cambodia;Cambodian
Cameroon|Republic of Cameroon;Cameroonian
Canada;Canadian
Central African Republic
Chad|Republic of Chad;Chadian
Chile|Republic of Chile;Chilean
China|People's Republic of China|PRC|P.R.C.|Beijing's;Chinese
Colombia|Republic of Colombia;Colombian
Comoros|Union of the Comoros
Congo|Republic of the Congo|Congo-Brazzaville
Costa Rica|Republic of Costa Rica;Costa Rican
Côte d'Ivoire|Cote d'Ivoire|Ivory Coast;Ivorian
Croatia|Republic of Croatia;Croatian
Cuba|Republic of Cuba;Cuban
Cyprus|Republic of Cyprus;Cypriot
Czechia|Czech Republic;Czech
Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa
Denmark|Kingdom of Denmark;Danish
Djibouti|Republic of Djibouti
Dominica|Commonwealth of Dominica
Dominican Republic
Ecuador|Republic of Ecuador;Ecuadorian
Egypt|Arab Republic of Egypt;Egyptian
El Salvador|Republic of El Salvador;Salvadoran
Equatorial Guinea
Eritrea|State of Eritrea;Eritrean
Estonia|Republic of Estonia;Estonian
Eswatini|Kingdom of Eswatini|Swaziland
Ethiopia|Federal Democratic Republic of Ethiopia;Ethiopian
Fiji|Republic of Fiji;Fijian
Finland|Republic of Finland;Finnish
France|French Republic;French
Gabon|Gabonese Republic;Gabonese
Gambia|The Gambia|Republic of The Gambia;Gambian
Georgia;Georgian
Germany|Federal Republic of Germany;German
Ghana|Republic of Ghana;Ghanaian
Greece|Hellenic Republic;Greek
Grenada
Guatemala|Republic of Guatemala;Guatemalan
Guinea|Republic of Guinea;Guinean
Guinea-Bissau
Guyana|Co-operative Republic of Guyana;Guyanese
Haiti|Republic of Haiti;Haitian
Honduras|Republic of Honduras;Honduran
Hungary;Hungarian
Iceland;Icelandic
India|Republic of India;Indian
Indonesia|Republic of Indonesia;Indonesian
Iran|Islamic Republic of Iran|Tehran's;Iranian
Iraq|Republic of Iraq;Iraqi
Ireland;Irish
Israel|State of Israel;Israeli
Italy|Italian Republic;Italian
Jamaica;Jamaican
Japan|Tokyo's|Nippon;Japanese
Jordan|Hashemite Kingdom of Jordan;Jordanian
Kazakhstan|Republic of Kazakhstan;Kazakh
Kenya|Republic of Kenya;Kenyan
Kiribati
Kuwait|State of Kuwait;Kuwaiti
Kyrgyzstan|Kyrgyz Republic;Kyrgyz
Laos|Lao People's Democratic Republic|Lao PDR;Lao|Laotian
Latvia|Republic of Latvia;Latvian
Lebanon|Lebanese Republic;Lebanese
Lesotho|Kingdom of Lesotho
Liberia|Republic of Liberia;Liberian
Libya|State of Libya;Libyan
Liechtenstein|Principality of Liechtenstein
Lithuania|Republic of Lithuania;Lithuanian
Luxembourg|Grand Duchy of Luxembourg
Madagascar|Republic of Madagascar;Malagasy
Malawi|Republic of Malawi;Malawian
Malaysia;Malaysian
Maldives|Republic of Maldives;Maldivian
Mali|Republic of Mali;Malian
Malta|Republic of Malta;Maltese
Marshall Islands|Republic of the Marshall Islands
Mauritania|Islamic Republic of Mauritania;Mauritanian
Mauritius|Republic of Mauritius;Mauritian
Mexico|United Mexican States;Mexican
Micronesia|Federated States of Micronesia
Moldova|Republic of Moldova;Moldovan
Monaco|Principality of Monaco
Mongolia;Mongolian
Montenegro;Montenegrin
Morocco|Kingdom of Morocco;Moroccan
Mozambique|Republic of Mozambique;Mozambican
Myanmar|Republic of the Union of Myanmar|Burma;Myanmar's|Burmese
Namibia|Republic of Namibia;Namibian
Nauru|Republic of Nauru
Nepal|Federal Democratic Republic of Nepal;Nepali|Nepalese
Netherlands|Kingdom of the Netherlands|The Netherlands|Holland;Dutch
New Zealand;New Zealander
Nicaragua|Republic of Nicaragua;Nicaraguan
Niger|Republic of the Niger|Republic of Niger;Nigerien
Nigeria|Federal Republic of Nigeria;Nigerian
North Korea|Democratic People's Republic of Korea|DPRK|D.P.R.K.|N. Korea|N.Korea;North Korean
+DPR Korea|D.P.R. Korea|Pyongyang's;N. Korean
North Macedonia|Republic of North Macedonia|Macedonia
Norway|Kingdom of Norway;Norwegian
Oman|Sultanate of Oman;Omani
Pakistan|Islamic Republic of Pakistan;Pakistani
Palau|Republic of Palau
Panama|Republic of Panama;Panamanian
Papua New Guinea
Paraguay|Republic of Paraguay;Paraguayan
Peru|Republic of Peru;Peruvian
Philippines|Republic of the Philippines|The Philippines;Philippine|Filipino
Poland|Republic of Poland;Polish
Portugal|Portuguese Republic;Portuguese
Qatar|State of Qatar;Qatari
Romania;Romanian
Russia|Russian Federation|Moscow's;Russian
Rwanda|Republic of Rwanda;Rwandan
Saint Kitts and Nevis|St. Kitts and Nevis
Saint Lucia|St. Lucia
Saint Vincent and the Grenadines|St. Vincent and the Grenadines
Samoa|Independent State of Samoa;Samoan
San Marino|Republic of San Marino
Sao Tome and Principe|São Tomé and Príncipe
Saudi Arabia|Kingdom of Saudi Arabia;Saudi
Senegal|Republic of Senegal;Senegalese
Serbia|Republic of Serbia;Serbian
Seychelles|Republic of Seychelles
Sierra Leone|Republic of Sierra Leone
Singapore|Republic of Singapore;Singaporean
Slovakia|Slovak Republic;Slovak
Slovenia|Republic of Slovenia;Slovenian|Slovene
Solomon Islands
Somalia|Federal Republic of Somalia;Somali
South Africa|Republic of South Africa;South African
South Korea|Republic of Korea|ROK|R.O.K.|S. Korea|S.Korea|Seoul's;South Korean|S. Korean
South Sudan|Republic of South Sudan;South Sudanese
Spain|Kingdom of Spain;Spanish
Sri Lanka|Democratic Socialist Republic of Sri Lanka;Sri Lankan
Sudan|Republic of the Sudan|The Sudan;Sudanese
Suriname|Republic of Suriname
Sweden|Kingdom of Sweden;Swedish
Switzerland|Swiss Confederation;Swiss
Syria|Syrian Arab Republic;Syrian
Tajikistan|Republic of Tajikistan;Tajik
Tanzania|United Republic of Tanzania;Tanzanian
Thailand|Kingdom of Thailand;Thai
Timor-Leste|East Timor|Democratic Republic of Timor-Leste
Togo|Togolese Republic;Togolese
Tonga|Kingdom of Tonga
Trinidad and Tobago
Tunisia|Republic of Tunisia;Tunisian
Türkiye|Turkey|Republic of Türkiye|Republic of Turkey;Turkish
Turkmenistan
Tuvalu
Uganda|Republic of Uganda;Ugandan
Ukraine;Ukrainian
United Arab Emirates|UAE|U.A.E.;Emirati
United Kingdom|United Kingdom of Great Britain and Northern Ireland|UK|U.K.;British
+Britain|Great Britain
United States|United States of America|USA|U.S.A.|U.S.|US|America|Washington's;American
Uruguay|Oriental Republic of Uruguay;Uruguayan
Uzbekistan|Republic of Uzbekistan;Uzbek
Vanuatu|Republic of Vanuatu
Venezuela|Bolivarian Republic of Venezuela;Venezuelan
Vietnam|Viet Nam|Socialist Republic of Viet Nam;Vietnamese
Yemen|Republic of Yemen;Yemeni
Zambia|Republic of Zambia;Zambian
Zimbabwe|Republic of Zimbabwe;Zimbabwean
Holy See|Vatican|Vatican City
Palestine|State of Palestine;Palestinian
Taiwan|Republic of China;Taiwanese
"""

# Names that are also a common word or another name: only their country forms count.
_AMBIGUOUS_ADJECTIVES = {"Georgian", "Lao", "Chadian"}


def _names() -> dict[str, str]:
    """Every written form -> its canonical name."""
    names: dict[str, str] = {}
    canonical = ""
    for entry in _TABLE.strip().splitlines():
        forms, _, adjectives = entry.partition(";")
        if entry.startswith("+"):
            aliases = forms[1:].split("|")
        else:
            canonical, *aliases = forms.split("|")
        for form in (canonical, *aliases, *adjectives.split("|")):
            form = form.strip()
            if not form or form in _AMBIGUOUS_ADJECTIVES:
                continue
            names.setdefault(form, canonical)
            if "'" in form:
                names.setdefault(form.replace("'", "\u2019"), canonical)
            upper = form.upper()
            if upper != form and len(form) > 4:
                names.setdefault(upper, canonical)
    return names


CANONICAL: dict[str, str] = _names()
COUNTRY_NAMES: frozenset[str] = frozenset(CANONICAL.values())


def _alternation(forms: list[str], after_first: str = "") -> str:
    """A regex for many literal forms as a tree of their shared beginnings ("North Korea",
    "North Macedonia"), so that a position of a text is matched or rejected with a test or
    two per character rather than one per form; `after_first` is tested right after the first
    character. Where one form begins another, the longer is tried first."""
    tree: dict[str, dict] = {}
    for form in forms:
        node = tree
        for character in form:
            node = node.setdefault(character, {})
        node[""] = {}  # a form ends here
    return _branches(tree, after_first)


def _branches(node: dict[str, dict], after_first: str = "") -> str:
    alternatives = [
        re.escape(character) + after_first + _branches(rest)
        for character, rest in sorted(node.items())
        if character
    ]
    ends_here = "" in node
    if not alternatives:
        return ""
    if len(alternatives) == 1 and not ends_here:
        return alternatives[0]
    # Only one alternative can match the next character, and a greedy "?" tries it before
    # ending here: the longest form first.
    return "(?:" + "|".join(alternatives) + ")" + ("?" if ends_here else "")


# Every form starts with a capital, and the pattern with the forms' first letters, so that the
# regex engine skips to those; whether a word or a dot comes before is asked after the letter
# (see patterns.AFTER_WORD_START).
_COUNTRY = re.compile(
    "(?:" + _alternation(list(CANONICAL), r"(?<![\w.].)") + r")(?![\w]|\.\w)",
)
_REGION_BEFORE = re.compile(r"(?:Latin|South|North|Central)\s$")
_CAPITALS = {
    "Pyongyang": "North Korea",
    "Tokyo": "Japan",
    "Seoul": "South Korea",
    "Beijing": "China",
    "Moscow": "Russia",
    "Washington": "United States",
}
# Capitals as the government: "Pyongyang said", "Tokyo should".
_CAPITAL = re.compile(
    r"(?P<city>" + _alternation(list(_CAPITALS), AFTER_WORD_START) + r")\s+"
    r"(?=(?:has|have|had|is|was|will|would|should|must|said|says|says|warned|urged|"
    r"rejected|denied|claimed|insisted|announced|accused|refused|wants|called|continues|"
    r"remains|may|might|can|could|did|does|to\s+(?:talks|dialogue)|slams|rejects|condemns|"
    r"protests|welcomes|urges|vows|warns|denies|calls|blasts|criticizes|accuses|says)\b)"
)


def canonical_country(name: str) -> str | None:
    """The canonical name of a written country form, or None if it is not one."""
    return CANONICAL.get(name.strip()) or CANONICAL.get(name.strip().rstrip("."))


@lru_cache(maxsize=4096)
def find_countries(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, canonical name) of each country mention, in order. Cached: the same
    paragraph is asked for its countries, its government's voice and its persons' roles."""
    found = []
    for match in _COUNTRY.finditer(text):
        form = match.group(0)
        if form in ("America", "American") and _REGION_BEFORE.search(text, 0, match.start()):
            continue
        if form == "US" and text[max(0, match.start() - 1) : match.start()] == "-":
            continue
        found.append((match.start(), match.end(), CANONICAL[form]))
    for match in _CAPITAL.finditer(text):
        found.append((match.start(), match.end("city"), _CAPITALS[match.group("city")]))
    found.sort()
    return tuple(found)


def countries_in(texts: list[str]) -> list[str]:
    """The countries named in some texts, once each, in order of first mention."""
    seen: dict[str, None] = {}
    for text in texts:
        for _, _, name in find_countries(text):
            seen.setdefault(name, None)
    return list(seen)
