"""The index writer computes exactly lunr.py's weights, and the sharded index ranks exactly as
lunr.js does with the whole index."""

from __future__ import annotations

import copy
import json
import random
import subprocess
from pathlib import Path

import numpy as np
import pytest
from lunr.tokenizer import Tokenizer

from archive.errors import ConfigError
from archive.search.index import (
    FIELD_NAMES,
    Analyses,
    Analyzer,
    build_search_index,
    compute_index,
    lunr_builder,
    search_documents,
    term_shards,
)
from tests.search.conftest import REPO, require_node, write_index


def lunr_reference(documents: list[dict[str, str]]):
    builder = lunr_builder()
    for document in documents:
        builder.add(document)
    return builder.build()


def test_weights_equal_lunr_py_builder(corpus):
    statements, archive = corpus
    documents = list(search_documents(statements, archive.directory, archive.curated_resolutions))
    index = compute_index(documents)
    reference = lunr_reference(documents)

    assert sorted(index.terms) == sorted(reference.inverted_index)
    mine = {}
    for i in range(len(index.term)):
        field_ref = f"{FIELD_NAMES[index.field[i]]}/{index.document[i]}"
        mine[(field_ref, index.terms[index.term[i]])] = int(index.weight[i])
    theirs = {}
    term_of = {posting["_index"]: term for term, posting in reference.inverted_index.items()}
    for field_ref, vector in reference.field_vectors.items():
        elements = vector.elements
        for j in range(0, len(elements), 2):
            # Weights are written as integers; lunr's float must be exactly that / 1000.
            weight = elements[j + 1]
            assert weight == round(weight * 1000) / 1000
            theirs[(field_ref, term_of[elements[j]])] = round(weight * 1000)
    assert mine == theirs


def test_tokenizer_and_pipeline_match_lunr_py():
    rnd = random.Random(3)
    alphabet = list("abcxyz AB-\t\n\xa0.,;:'\"()/é’“”0123456789") + ["  ", "--", "U.N.", "S/RES/"]
    analyzer = Analyzer()
    pipeline = lunr_builder().pipeline
    for _ in range(300):
        text = "".join(rnd.choices(alphabet, k=rnd.randint(0, 60)))
        assert analyzer.words(text) == [str(t) for t in Tokenizer(text)]
        numbers = analyzer.term_numbers(text)
        assert [analyzer.terms[n] for n in numbers] == [
            str(t) for t in pipeline.run(Tokenizer(text))
        ]


def test_name_variants_and_resolution_forms_are_indexed(corpus):
    statements, archive = corpus
    choe = next(s for s in statements if any(p.name == "Choe Son Hui" for p in s.speakers))
    document = next(
        d
        for d in search_documents(statements, archive.directory, archive.curated_resolutions)
        if d["id"] == str(statements.index(choe))
    )
    assert "Choe Son-hui" in document["speaker"] and "Choi Sun-hee" in document["speaker"]
    with_2397 = statements.index(next(s for s in statements if 2397 in s.resolutions))
    refs = list(search_documents(statements, archive.directory, archive.curated_resolutions))[
        with_2397
    ]["refs"]
    assert "2397 S/RES/2397 (2017)" in refs  # its own field, weighted above a title


def test_shards_partition_the_sorted_terms(corpus):
    statements, archive = corpus
    documents = search_documents(statements, archive.directory, archive.curated_resolutions)
    index = compute_index(list(documents))
    shards = list(term_shards(index, shard_bytes=2000))
    assert len(shards) > 3
    seen = [term for _, shard in shards for term in shard]
    assert seen == index.terms  # every term once, in order
    assert [first for first, _ in shards] == [next(iter(shard)) for _, shard in shards]


def _same_index(one, other) -> None:
    assert one.terms == other.terms and one.document_count == other.document_count
    for name in ("term", "field", "document", "weight", "phrase_key", "phrase_document"):
        assert np.array_equal(getattr(one, name), getattr(other, name)), name


def test_an_index_from_earlier_analyses_equals_a_fresh_one(corpus):
    """A rebuild reuses each unchanged document's analysis; after an edit, an addition, a
    removal and a reordering, the index is exactly the one computed from scratch."""
    statements, archive = corpus
    documents = list(search_documents(statements, archive.directory, archive.curated_resolutions))
    analyses = Analyses()
    _same_index(compute_index(documents, analyses=analyses), compute_index(documents))
    assert analyses.changed and len(analyses.keys) == len(documents)

    edited = [dict(d) for d in documents]
    edited[1]["body"] += " A zyzzyvaword sentence, newly written."
    added = {"id": "x", "title": "An added title", "speaker": "", "body": "Sanctions again."}
    steps = [
        edited,  # an edit brings a new word
        [*edited[:2], added, *edited[2:]],  # an addition shifts every later number
        [*edited[:2], *edited[3:]],  # a removal drops words only it had
        list(reversed(edited)),  # a reordering (a date changed)
    ]
    for step in steps:
        analyses.changed = False
        _same_index(compute_index(step, analyses=analyses), compute_index(step))
        assert analyses.changed
        assert len(analyses.terms) == len(set(analyses.terms)) == len(analyses.hashes)
    removed_only = {t for t in compute_index([edited[2]]).terms} - set(
        compute_index([*edited[:2], *edited[3:]]).terms
    )
    _same_index(compute_index(steps[2], analyses=analyses), compute_index(steps[2]))
    assert not removed_only & set(analyses.terms)

    analyses.changed = False
    compute_index(steps[2], analyses=analyses)
    assert not analyses.changed  # nothing new: nothing to save


def test_stored_analyses_are_emptied_and_serve_the_next_build(corpus):
    statements, archive = corpus
    documents = list(search_documents(statements, archive.directory, archive.curated_resolutions))
    stored: list[Analyses] = []

    def store(analyses: Analyses) -> None:
        stored.append(copy.deepcopy(analyses))

    analyses = Analyses()
    compute_index(documents, analyses=analyses, store=store)
    assert len(stored) == 1 and len(stored[0].keys) == len(documents)
    assert analyses.keys == [] and len(analyses.term_ids) == 0  # released once stored
    edited = [dict(d) for d in documents]
    edited[0]["body"] += " Quixotically new words."
    _same_index(compute_index(edited, analyses=stored[0], store=store), compute_index(edited))
    assert len(stored) == 2
    compute_index(edited, analyses=stored[1], store=store)
    assert len(stored) == 2  # unchanged: not stored again


def test_missing_lunr_js_names_the_fix(tmp_path: Path, corpus):
    statements, archive = corpus
    with pytest.raises(ConfigError, match="npm ci"):
        list(
            build_search_index(statements, archive.directory, archive.curated_resolutions, tmp_path)
        )


def test_stemmer_matches_lunr_js():
    node = require_node()
    from archive.search.index import _stemmer

    rnd = random.Random(5)
    words = {w.lower().strip(".,;:()“”\"'’") for w in (REPO / "README.md").read_text().split()}
    for path in (REPO / "content" / "statements").iterdir():
        words |= {w.lower().strip(".,;:()“”\"'’") for w in path.read_text().split()}
    stems = ["play", "stay", "cry", "bay", "fly", "happ", "sanction", "nation", "abduct"]
    suffixes = ["", "s", "y", "ies", "ied", "ing", "ed", "ational", "ization", "fulness", "ly"]
    words |= {s + x for s in stems for x in suffixes}
    words |= {"".join(rnd.choices("aeiouybcdlmnrst", k=rnd.randint(1, 10))) for _ in range(3000)}
    words = sorted(w for w in words if w)
    script = (
        "const lunr = require(process.argv[1]);"
        "const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(words.map(w => lunr.stemmer(new lunr.Token(w))"
        ".toString())));"
    )
    result = subprocess.run(
        [node, "-e", script, str(REPO / "node_modules" / "lunr" / "lunr.js")],
        input=json.dumps(words),
        capture_output=True,
        text=True,
        check=True,
    )
    js = json.loads(result.stdout)
    differ = [
        (w, _stemmer.stem(w), s) for w, s in zip(words, js, strict=True) if _stemmer.stem(w) != s
    ]
    assert differ == []


QUERIES = [
    "abductions",
    "north korea",
    "sanctions resolution",
    "+korea -japan",
    "+missile +nuclear",
    "title:japan",
    "speaker:choe",
    "speaker:sonhui",
    "body:security council",
    "sanc*",
    "*ation",
    "nucler~1",
    "korea^10 missile",
    "2397",
    "s/res/2397",
    "unprecedented",
    "zzzz",
    "-japan",
]


def test_sharded_ranking_equals_lunr_js(tmp_path: Path, corpus):
    node = require_node()
    statements, archive = corpus
    index_dir = write_index(statements, archive, tmp_path / "site")
    documents = list(search_documents(statements, archive.directory, archive.curated_resolutions))
    reference = tmp_path / "lunr.json"
    reference.write_text(json.dumps(lunr_reference(documents).serialize()))
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps(QUERIES))
    result = subprocess.run(
        [
            node,
            str(Path(__file__).with_name("run_engine.js")),
            str(index_dir),
            str(reference),
            str(queries),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    for query in QUERIES:
        mine, theirs = answers[query]["engine"], answers[query]["lunr"]
        assert [ref for ref, _ in mine] == [ref for ref, _ in theirs], query
        for (_, a), (_, b) in zip(mine, theirs, strict=True):
            assert a == pytest.approx(b, rel=1e-12, abs=1e-12), query
    assert answers["abductions"]["engine"], "a common word finds statements"
    assert answers["zzzz"]["engine"] == []


PHRASES = {
    '"north korea"': "+north +korea",
    '"security council" sanctions': "+security +council sanctions",
    '"the abductions issue"': "+abductions +issue",
    '"korea north"': "+korea +north",
}


def test_phrases_keep_statements_with_the_words_in_order(tmp_path: Path, corpus):
    node = require_node()
    statements, archive = corpus
    index_dir = write_index(statements, archive, tmp_path / "site")
    documents = list(search_documents(statements, archive.directory, archive.curated_resolutions))
    reference = tmp_path / "lunr.json"
    reference.write_text(json.dumps(lunr_reference(documents).serialize()))
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps([*PHRASES, *PHRASES.values()]))
    script = Path(__file__).with_name("run_engine.js")
    result = subprocess.run(
        [node, str(script), str(index_dir), str(reference), str(queries)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    analyzer = Analyzer()

    def holds(document: dict[str, str], phrase: str) -> bool:
        wanted = [analyzer.terms[n] for n in analyzer.term_numbers(phrase)]
        for name in ("title", "body"):
            terms = [analyzer.terms[n] for n in analyzer.term_numbers(document[name])]
            for i in range(len(terms) - len(wanted) + 1):
                if terms[i : i + len(wanted)] == wanted:
                    return True
        return False

    for phrase_query, words_query in PHRASES.items():
        phrase = phrase_query.split('"')[1]
        expected = [
            ref for ref, _ in answers[words_query]["engine"] if holds(documents[ref], phrase)
        ]
        assert [ref for ref, _ in answers[phrase_query]["engine"]] == expected, phrase_query
    assert answers['"north korea"']["engine"]
