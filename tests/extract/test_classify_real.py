"""Language and document type of real pages: headlines, bylines and openings as the White
House, the State Department, the Swedish government, KCNA and the UN general debate write
them (shortened, words unchanged)."""

from __future__ import annotations

import pytest

from archive.extract import parse_text
from archive.extract.classify import language_of, page_form

# --- language ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "code"),
    [
        (
            [
                "Det är fyra år sedan Mikael Lindvall lämnade posten som Sveriges ambassadör i "
                "Somalia för att bli regeringens företrädare i EU:s kommitté för utrikes- och "
                "säkerhetspolitik, KUSP."
            ],
            "sv",
        ),
        (
            [
                "Vi, de nordiska länderna, instämmer i de internationella kraven på en grundlig "
                "och oberoende utredning av de rapporterade oegentligheterna inför och under "
                "Georgiens parlamentsval den 26 oktober."
            ],
            "sv",
        ),
        (
            [
                "We strongly condemn today’s terrorist attack in Bnei Brak, Israel, that killed "
                "five innocent victims. This comes after two other recent horrific terrorist "
                "attacks in Hadera and Be’er Sheva, Israel. This violence is unacceptable."
            ],
            "en",
        ),
        (
            [
                "Mme Margot Wallström, Ministre des Affaires étrangères. Déclaration du "
                "Gouvernement à l’ouverture du débat de politique étrangère au Parlement, "
                "mercredi 14 février 2018. Le Gouvernement poursuivra une politique étrangère "
                "ambitieuse pour la paix et la sécurité."
            ],
            "fr",
        ),
        (["北朝鮮による弾道ミサイル発射について、外務報道官談話を発表しました。"], "ja"),
        (["북한 탄도미사일 발사 관련 외교부 대변인 성명을 발표하였습니다."], "ko"),
        (["中华人民共和国外交部发言人就朝鲜半岛局势答记者问。"], "zh"),
        (["Заявление МИД России в связи с ситуацией на Корейском полуострове."], "ru"),
        (
            [
                "La Declaración de Política Exterior del Gobierno fue presentada en el "
                "Parlamento por la ministra de Asuntos Exteriores."
            ],
            "es",
        ),
        (["أعرب وزير الخارجية عن قلقه البالغ إزاء التطورات الأخيرة في شبه الجزيرة الكورية."], "ar"),
        (
            [
                "Die Bundesregierung verurteilt den erneuten Raketenstart Nordkoreas, der gegen "
                "mehrere Resolutionen des Sicherheitsrats verstößt."
            ],
            "de",
        ),
    ],
)
def test_language(paragraphs: list[str], code: str) -> None:
    assert language_of(paragraphs) == code


def test_a_swedish_speech_that_welcomes_in_english_is_swedish() -> None:
    paragraphs = [
        "Det är en stor ära – och framför allt fantastiskt roligt! – att återigen få inviga "
        "Stockholms filmfestival.",
        "First of I would like to start by welcoming our international guests. We are "
        "honoured by your presence and participation.",
        "Årets fokusland är som bekant Storbritannien, och regissören Ken Loachs livsgärning "
        "kommer att uppmärksammas särskilt. Men det är uppemot 50 andra länder som också är "
        "representerade här. Att Sverige kan arrangera en filmfestival av den här kalibern, "
        "och presentera utländsk film för en svensk publik, det gör mig stolt.",
    ]
    assert language_of(paragraphs) == "sv"


# --- document type: forms of a headline and of the lines under it ------------------------------


@pytest.mark.parametrize(
    ("headline", "kind"),
    [
        ("Press Briefing by Press Secretary Jen Psaki, May 24, 2021", "interview"),
        ("On-the-Record Press Gaggle by Deputy National Security Advisor Jon Finer", "interview"),
        ("Background Press Call on the Virtual Counter-Ransomware Initiative Meeting", "interview"),
        ("Department Press Briefing – February 8, 2022", "interview"),
        ("Remarks by President Biden in a Press Conference | Bali, Indonesia", "speech"),
        ("Remarks by First Lady Jill Biden at an Event to Celebrate the Laureates", "speech"),
        ("Statsministerns tal vid Kungliga Krigsvetenskapsakademiens högtidssammankomst", "speech"),
        ("Anförande av justitieminister Gunnar Strömmer vid Fadimegalan 2023", "speech"),
        ("Utrikesdeklarationen 2016", "speech"),
        ("Readout of President Biden’s call with Prime Minister Kishida of Japan", "press-release"),
        ("FACT SHEET: President Biden Announces Additional Actions", "press-release"),
        ("Nominations and Withdrawal Sent to the Senate", "press-release"),
        ("A Proclamation on National POW/MIA Recognition Day", "government-statement"),
        ("Joint Statement from the United States and India", "government-statement"),
        ("Washington Declaration", "government-statement"),
        ("Statement from President Joe Biden Ahead of the Two-Year Anniversary", "statement"),
        ("Uttalande av utrikesminister Tobias Billström", "statement"),
        ("Press Statement of Kim Yo Jong, Vice Department Director of C.C., WPK", "statement"),
        ("KCNA Commentary on Serious Tripartite Security Crisis", "commentary"),
        ("Times Call for Staunch and Active Pioneering Spirit; Rodong Sinmun", "commentary"),
        ("Military Commentator's Article", "commentary"),
        ("Foreign Ministry Spokesperson's Remarks on the Launch", "government-statement"),
        ("Brunei National Day", None),
    ],
)
def test_headline_forms(headline: str, kind: str | None) -> None:
    assert page_form(headline, [], news=False) == kind


def test_a_news_headline_that_announces_is_no_release() -> None:
    headline = "President Biden Announces Key Nominees"
    assert page_form(headline, [], news=False) == "press-release"
    assert page_form(headline, [], news=True) is None


@pytest.mark.parametrize(
    ("lead", "kind"),
    [
        (["Minister för civilt försvar Carl-Oskar Bohlin, debattartikel, Expressen"], "commentary"),
        (
            ["Äldre- och socialförsäkringsminister Anna Tenje, replik, Svenska Dagbladet"],
            "commentary",
        ),
        (["Göteborg, 9 november 2023", "Det talade ordet gäller."], "speech"),
        (
            ["Uttalande av statsministrarna i Sverige, Danmark, Finland, Island och Norge"],
            "statement",
        ),
    ],
)
def test_lead_forms(lead: list[str], kind: str) -> None:
    assert page_form("Hela Sverige ska fungera", lead, news=False) == kind


# --- document type: whole pages ------------------------------------------------------------------


def _kind(text: str) -> str:
    return parse_text(text).doc_type


def test_a_state_press_statement_by_the_secretary_is_a_ministers() -> None:
    text = (
        "Egypt National Day\n\nAntony J. Blinken, Secretary of State\n\n"
        "On behalf of the Government of the United States of America, I congratulate Egypt "
        "on this important day and extend my best wishes to the people of Egypt.\n\n"
        "We look forward to continuing our strategic partnership in the years ahead."
    )
    assert _kind(text) == "ministerial-statement"


def test_a_state_press_statement_by_the_spokesperson_is_the_governments() -> None:
    text = (
        "On the Occasion of the Panchen Lama’s 33rd Birthday\n\n"
        "Ned Price, Department Spokesperson\n\n"
        "Today marks the 33rd birthday of Gedhun Choekyi Nyima, the 11th Panchen Lama, who "
        "remains missing since PRC authorities abducted him as a six-year-old child.\n\n"
        "We call on the PRC to immediately release him."
    )
    assert _kind(text) == "government-statement"


def test_a_transcript_with_questions_is_an_interview_whatever_its_headline() -> None:
    text = (
        "Special Envoy for Global Food Security Cary Fowler On the Secretary’s Upcoming "
        "Travel to Germany\n\nNed Price, Department Spokesperson\n\nVia Teleconference\n\n"
        "MR PRICE:  Thanks very much, and good afternoon, everyone.\n\n"
        "MR FOWLER:  Thank you, Ned. The ministerial will focus on food security.\n\n"
        "QUESTION:  Thank you. Will the Secretary meet his Ukrainian counterpart?\n\n"
        "MR FOWLER:  We expect him to meet many counterparts."
    )
    assert _kind(text) == "interview"


def test_a_remarks_transcript_under_a_byline_is_a_speech() -> None:
    text = (
        "Secretary Antony J. Blinken at a Virtual COVID-19 Small Group Minister Meeting\n\n"
        "Antony J. Blinken, Secretary of State\n\nWashington, D.C.\n\n"
        "SECRETARY BLINKEN:  Greetings, everyone.  Good morning, good afternoon, good "
        "evening.  Thank you for joining from wherever you are around the world.\n\n"
        "We are meeting at what is, I think, a decisive moment in the fight against COVID-19."
    )
    assert _kind(text) == "speech"


def test_a_general_debate_speech_is_a_speech_not_a_council_speech() -> None:
    text = (
        "Allow me to convey to Mr. Jeremić our warmest congratulations on his election as "
        "President of the General Assembly at its sixty-seventh session and to once again "
        "extend to him our fullest cooperation.\n\n"
        "Mr. President, my delegation believes that the Security Council must be reformed to "
        "reflect the world of today.\n\n"
        "We call on the Council to act on the situation in the Middle East."
    )
    assert _kind(text) == "speech"


def test_a_general_debate_speech_that_has_the_honour_is_no_letter() -> None:
    text = (
        "I have the honour to convey to you, Sir, and through you to the representatives "
        "assembled here, the greetings of my Government.\n\n"
        "My delegation congratulates you on your election to the presidency of this "
        "Assembly.\n\nWe live in a time of great change."
    )
    assert _kind(text) == "speech"


def test_a_swedish_release_quotes_its_minister() -> None:
    text = (
        "Sverige går med i koalition som vill driva på för minskade plastföroreningar\n\n"
        "Sverige ansluter sig till en internationell koalition mot plast i haven.\n\n"
        "– Om vi inte gör något riskerar det finnas mer plast än fisk i haven år 2050, säger "
        "klimat- och miljöminister Romina Pourmokhtari.\n\n"
        "Varje år hamnar mellan 5–12 miljoner ton plastavfall i haven."
    )
    assert _kind(text) == "press-release"


def test_a_human_rights_council_speech_is_no_security_council_speech() -> None:
    text = (
        "Svenskt öppningsanförande - FN:s råd för mänskliga rättigheter 26 juni 2015\n\n"
        "Mr. President,\n\nSweden welcomes the report before this Council and thanks the "
        "High Commissioner.\n\nThe Council must stand up for the rights of every person."
    )
    assert _kind(text) == "speech"


def test_a_swedish_op_ed_is_a_commentary() -> None:
    text = (
        "Allas nyårslöfte bör vara bättre hemberedskap\n\n"
        "Minister för civilt försvar Carl-Oskar Bohlin, debattartikel, Expressen\n\n"
        "Det säkerhetspolitiska läget är ett av de sämsta sedan andra världskriget. Sverige "
        "står inför de största utrikes-, säkerhets- och försvarspolitiska utmaningarna."
    )
    assert _kind(text) == "commentary"
