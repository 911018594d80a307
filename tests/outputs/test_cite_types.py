"""Citations of every document type, read back as reference managers and citation
processors read them: who the author is (a report's byline, never the person it quotes) and
which date is cited (a report's publication date)."""

from __future__ import annotations

import dataclasses
import json
import re
import warnings

import pytest
from outputs_support import statement

from archive.formats.cite import bibtex, citation_meta, citation_text, csl_json, ris
from archive.formats.previews import statement_json_ld
from archive.link import link
from archive.model import DOC_TYPES, PeopleDirectory, SiteSettings, Statement, StatementDate

citeproc = pytest.importorskip("citeproc")
from citeproc import (  # noqa: E402
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON  # noqa: E402

SITE = SiteSettings(title="The Archive", base_url="https://a.example/")
SAID = StatementDate(2019, 1, 29, "day")
PUBLISHED = StatementDate(2019, 2, precision="month")
REPORTS = {"news-report", "commentary"}


def _statement(doc_type: str, author: str | None = "Jane Reporter") -> Statement:
    base = statement("x", date=SAID, speaker="Kim Song", country="North Korea")
    return dataclasses.replace(
        base, doc_type=doc_type, author=author, source="UPI", published=PUBLISHED
    )


def harvard(item_json: str) -> str:
    """The bibliography entry citeproc-py makes of a CSL-JSON file (Harvard, as shipped)."""
    items = json.loads(item_json)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL fields its styles skip
        source = CiteProcJSON(items)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        bibliography.register(Citation([CitationItem(items[0]["id"])]))
        return str(bibliography.bibliography()[0])


@pytest.mark.parametrize("doc_type", list(DOC_TYPES))
def test_author_and_date_of_each_type_in_every_format(doc_type: str) -> None:
    s = _statement(doc_type)
    report = doc_type in REPORTS
    author = "Jane Reporter" if report else "Kim Song"
    year, date = ("2019", "2019/02//") if report else ("2019", "2019/01/29/")

    text = harvard(csl_json(s, SITE))
    assert text.startswith(f"{author} ({year}) “A title”"), text
    if report:
        assert "Kim Song" not in text and ", UPI, February." in text

    bib = bibtex(s, SITE)
    assert f"  author = {{{{{author}}}}},\n" in bib
    assert ("  month = {feb}" if report else "  date = {2019-01-29}") in bib

    tags = dict(line.split("  - ", 1) for line in ris(s, SITE).split("\r\n")[:-1])
    assert tags["AU"] == author and tags["DA"] == date
    assert tags["TY"] == ("NEWS" if doc_type == "news-report" else tags["TY"])

    meta = citation_meta(s, SITE)
    assert [v for k, v in meta if k == "citation_author"] == [author]
    assert dict(meta)["citation_publication_date"] == ("2019/02" if report else "2019/01/29")

    formatted = citation_text(s, "The Archive", "https://a.example/statements/x/")
    assert formatted.startswith(f"{author}. “A title.”")
    assert formatted.count("February 2019" if report else "29 January 2019") == 1

    ld = statement_json_ld(link([s], PeopleDirectory(), {}, SITE), s)
    assert [a["name"] for a in ld["author"]] == [author]
    assert ld["datePublished"] == ("2019-02" if report else "2019-01-29")


def test_an_unsigned_report_leads_with_its_title_and_names_no_author() -> None:
    s = _statement("news-report", author=None)
    assert "AU  -" not in ris(s, SITE) and "author" not in bibtex(s, SITE)
    assert "author" not in json.loads(csl_json(s, SITE))[0]
    assert not [v for k, v in citation_meta(s, SITE) if k == "citation_author"]
    formatted = citation_text(s, "The Archive", "")
    assert formatted == "“A title.” UPI, February 2019. The Archive."
    # Harvard puts the newspaper where the author would be, as that style asks.
    assert harvard(csl_json(s, SITE)).startswith("UPI (2019) “A title”, UPI, February.")


def test_a_report_records_when_the_quoted_words_were_said() -> None:
    item = json.loads(csl_json(_statement("news-report"), SITE))[0]
    assert item["issued"] == {"date-parts": [[2019, 2]]}
    assert item["event-date"] == {"date-parts": [[2019, 1, 29]]}
    assert item["container-title"] == "UPI" and "publisher" not in item


def test_a_report_with_no_known_publication_date_cites_the_statement_date() -> None:
    s = dataclasses.replace(_statement("news-report"), published=StatementDate.unknown())
    assert re.search(r"DA  - 2019/01/29/", ris(s, SITE))
