"""Few files, no feature lost (issue 15): a site of a few thousand generated statements keeps
within two files a statement (20,000 at 10,000, the cap of common static hosts), each
statement's citations and data are in its page with their download controls, and the search
result entries are packed many statements a file."""

from __future__ import annotations

import importlib.util
import json
import math
import shutil
from pathlib import Path

import pytest

from archive.build.pipeline import Project, build
from archive.formats.exports import FIELDS, joined_pieces, text_pieces
from archive.search.index import FRAGMENTS_PER_FILE, INDEX_DIR
from tests.page_data import downloads, embedded

REPO = Path(__file__).resolve().parent.parent.parent
STATEMENTS = 2000
#: 20,000 files at 10,000 statements.
FILES_PER_STATEMENT = 2


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("corpus", REPO / "benchmarks" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    root = tmp_path_factory.mktemp("few-files")
    corpus.generate(STATEMENTS, root, seed=5)
    shutil.copy(REPO / "content" / "about.md", root / "content" / "about.md")
    build(Project(root))
    return root / "site"


def test_two_files_a_statement_at_most(generated_site: Path) -> None:
    files = [p for p in generated_site.rglob("*") if p.is_file()]
    assert len(files) <= FILES_PER_STATEMENT * STATEMENTS, len(files)
    pages = list((generated_site / "statements").iterdir())
    assert len(pages) == STATEMENTS
    # A statement's folder holds its page and nothing else.
    assert {p.name for page in pages for p in page.iterdir()} == {"index.html"}
    fragments = list((generated_site / INDEX_DIR / "f").iterdir())
    assert len(fragments) == math.ceil(STATEMENTS / FRAGMENTS_PER_FILE)


def test_every_statement_page_holds_its_citations_and_data(generated_site: Path) -> None:
    records = {
        r["id"]: r for r in json.loads((generated_site / "data/statements.json").read_text())
    }
    assert len(records) == STATEMENTS
    for page in sorted((generated_site / "statements").iterdir())[::97]:
        html = (page / "index.html").read_text(encoding="utf-8")
        for name in ("cite.bib", "cite.ris", "cite.json", "statement.json"):
            assert f'<a class="cite-download" data-name="{name}"' in html
        assert embedded(html, "citation-data")["csl"][0]["id"] == page.name
        made = downloads(generated_site, f"statements/{page.name}/")
        document = json.loads(made["statement.json"])
        # The page's data agrees with the archive's data file, field by field.
        assert {name: document[name] for name in FIELDS} == records[page.name]
        assert len(document["paragraphs"]) == document["paragraph_count"] > 0
        words = sum(len(p.split()) for p in document["paragraphs"])
        assert words == document["word_count"]
        assert made["cite.bib"].startswith("@misc{") and made["cite.ris"].startswith("TY  - ")
        assert json.loads(made["cite.json"])[0]["title"] == document["title"]


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("Title\n\nFirst paragraph of the text.\n\nSecond paragraph, longer still.\n", None),
        ("Nothing in common at all here.", ["A paragraph the text does not hold at all."]),
        ("", []),
        ("Short.\n\nShort.", ["Short.", "Short."]),
    ],
)
def test_a_version_text_is_its_pieces_joined(text: str, paragraphs: list[str] | None) -> None:
    if paragraphs is None:
        paragraphs = ["First paragraph of the text.", "Second paragraph, longer still."]
    pieces = text_pieces(text, paragraphs)
    joined = "".join(paragraphs[p] if type(p) is int else p for p in pieces)
    assert joined == text
    held = [p for p in paragraphs if len(p) >= 24 and p in text]
    assert sum(type(p) is int for p in pieces) == len(held)


def test_a_paragraph_with_the_sources_spaces_is_referred_to_not_repeated() -> None:
    paragraph = "The talks were constructive. Both sides agreed to meet again."
    text = "Title\n\nThe talks  were constructive.  Both sides\nagreed to meet again.\n"
    pieces = text_pieces(text, [paragraph])
    assert pieces == ["Title\n\n", [0, [[1, "  "], [3, "  "], [5, "\n"]]], "\n"]
    assert joined_pieces(pieces, [paragraph]) == text
