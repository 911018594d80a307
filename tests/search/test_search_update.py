"""The index kept in memory (search_update.py) stays, after any sequence of edits, byte for byte
the index a full build writes for the statements as they are then."""

from __future__ import annotations

import dataclasses
import json
import random
import threading

import numpy as np
import pytest

from archive.model import PersonRef, Statement, StatementDate
from archive.search_index import INDEX_DIR, Analyses, analyse_word, build_search_index
from archive.search_update import LiveSearchIndex, SearchChanges, _numbers_text
from tests.search.conftest import REPO

#: Small shards, so that a small corpus has dozens of term shards and phrase files.
SMALL = 3000


def built(statements: list[Statement], archive: object, shard_bytes: int) -> dict[str, bytes]:
    """What a full build writes of the index (lunr.min.js and fragments aside)."""
    files = build_search_index(
        statements,
        archive.directory,
        archive.curated_resolutions,
        REPO,
        with_fragments=False,
        shard_bytes=shard_bytes,
    )
    return {f.path: f.content for f in files if f.path.startswith(INDEX_DIR)}


class Tracked:
    """A live index, the files it has handed out, and the statements it was told of."""

    def __init__(self, statements: list[Statement], archive: object, shard_bytes: int) -> None:
        self.statements = list(statements)
        self.archive = archive
        self.shard_bytes = shard_bytes
        self.live = LiveSearchIndex.of(
            self.statements, archive.directory, archive.curated_resolutions, None, shard_bytes
        )
        self.files = {f.path: f.content for f in self.live.files()}

    def edit(self, edits: dict[int, Statement]) -> SearchChanges:
        """Apply `edits`; checks the files against a full build and that the changes named
        exactly the files that changed."""
        before = dict(self.files)
        for number, statement in edits.items():
            self.statements[number] = statement
        changes = self.live.update(edits)
        paths = [f.path for f in changes.files]
        assert len(set(paths)) == len(paths)
        assert not set(paths) & set(changes.removed)
        for site_file in changes.files:
            assert before.get(site_file.path) != site_file.content, site_file.path
            self.files[site_file.path] = site_file.content
        for path in changes.removed:
            assert path in before
            del self.files[path]
        expected = built(self.statements, self.archive, self.shard_bytes)
        assert sorted(self.files) == sorted(expected)
        wrong = [path for path in expected if self.files[path] != expected[path]]
        assert not wrong
        return changes

    def manifest(self) -> dict:
        text = self.files[f"{INDEX_DIR}manifest.js"].decode()
        return json.loads(text[text.index(",0,") + 3 : -3])


def made_up(rnd: random.Random) -> str:
    """A word no statement holds, so that it makes a new term (some with characters JSON or
    a script escapes)."""
    # Some sort before every term, some after, some between.
    start = rnd.choice(["zq", "0a", "aaa", "ü", "mq"])
    word = start + "".join(rnd.choices("bcdfghklmnprstvw", k=rnd.randint(3, 9)))
    return rnd.choice([word, word, word, f"{word}</b{word}", f"{word}é’{word}", f'{word}"x'])


def random_edit(statement: Statement, rnd: random.Random, words: list[str]) -> Statement:
    """One of the edits a writer makes: a word, a sentence, a paragraph, the title, speakers,
    resolutions, the date, or everything emptied."""
    paragraphs = list(statement.paragraphs)
    kind = rnd.choice(
        ["word", "word", "sentence", "sentence", "delete", "title", "speaker", "other", "empty"]
    )
    if kind == "word" and paragraphs:
        i = rnd.randrange(len(paragraphs))
        found = paragraphs[i].split()
        if found:
            found[rnd.randrange(len(found))] = rnd.choice([*rnd.sample(words, 3), made_up(rnd)])
        paragraphs[i] = " ".join(found)
    elif kind == "sentence" or (kind == "word" and not paragraphs):
        sentence = [*rnd.choices(words, k=rnd.randint(3, 25)), made_up(rnd)]
        rnd.shuffle(sentence)
        paragraphs.insert(rnd.randint(0, len(paragraphs)), " ".join(sentence) + ".")
    elif kind == "delete" and paragraphs:
        del paragraphs[rnd.randrange(len(paragraphs))]
    elif kind == "title":
        return dataclasses.replace(statement, title=" ".join(rnd.choices(words, k=4)))
    elif kind == "speaker":
        speakers = [PersonRef("Choe Son Hui", person_id="choe-son-hui"), PersonRef(made_up(rnd))]
        return dataclasses.replace(statement, speakers=rnd.sample(speakers, rnd.randint(0, 2)))
    elif kind == "other":
        year = rnd.randint(2006, 2024)
        return dataclasses.replace(
            statement,
            resolutions=rnd.sample([1718, 2375, 2397, 2270], k=rnd.randint(0, 2)),
            date=StatementDate(year, None, None, "year"),
            doc_type=rnd.choice(["speech", "press-release", "interview"]),
        )
    elif kind == "empty":
        return dataclasses.replace(statement, title="", speakers=[], paragraphs=[], resolutions=[])
    return dataclasses.replace(statement, paragraphs=paragraphs)


@pytest.fixture(scope="module")
def words(corpus) -> list[str]:
    statements, _ = corpus
    return " ".join(p for s in statements[:40] for p in s.paragraphs).split()


@pytest.mark.parametrize("shard_bytes", [SMALL, 24_000])
def test_the_index_of_the_statements_as_given_is_the_built_one(corpus, shard_bytes):
    statements, archive = corpus
    tracked = Tracked(statements, archive, shard_bytes)
    assert tracked.files == built(statements, archive, shard_bytes)
    assert tracked.live.update({}) == SearchChanges([], [])


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_keep_the_index_equal_to_a_full_build(corpus, words, seed):
    statements, archive = corpus
    rnd = random.Random(seed)
    tracked = Tracked(statements, archive, SMALL)
    for _ in range(30):
        numbers = rnd.sample(range(len(statements)), k=rnd.choice([1, 1, 1, 2, 4]))
        tracked.edit(
            {n: random_edit(tracked.statements[n], rnd, words) for n in numbers},
        )


def test_an_edit_that_changes_nothing_the_index_reads_changes_no_file(corpus):
    statements, archive = corpus
    tracked = Tracked(statements, archive, SMALL)
    statement = statements[5]
    changes = tracked.edit({5: dataclasses.replace(statement, source="elsewhere")})
    assert changes == SearchChanges([], [])


def test_a_term_comes_and_goes_with_its_only_statement(corpus):
    statements, archive = corpus
    tracked = Tracked(statements, archive, SMALL)
    statement = statements[3]
    lengths = tracked.manifest()["lengths"]
    new_length = max(lengths) + 1
    word = "q" * new_length  # a term longer than any, so it makes a words file of its own
    with_word = dataclasses.replace(statement, paragraphs=[*statement.paragraphs, word])
    changes = tracked.edit({3: with_word})
    assert f"{INDEX_DIR}w/{new_length}.js" in {f.path for f in changes.files}
    changes = tracked.edit({3: statement})
    assert f"{INDEX_DIR}w/{new_length}.js" in changes.removed
    assert tracked.manifest()["lengths"] == lengths


def test_the_number_of_term_shards_and_phrase_files_follows_the_edits(corpus, words):
    statements, archive = corpus
    tracked = Tracked(statements, archive, SMALL)
    before = tracked.manifest()
    rnd = random.Random(5)
    # Hundreds of new terms and pairs in one statement: more shards and phrase files.
    long_text = [" ".join(made_up(rnd) for _ in range(60)) for _ in range(12)]
    statement = statements[10]
    tracked.edit({10: dataclasses.replace(statement, paragraphs=long_text)})
    grown = tracked.manifest()
    assert len(grown["terms"]) > len(before["terms"])
    assert grown["phraseFiles"] > before["phraseFiles"]
    # And fewer again once that statement is emptied.
    changes = tracked.edit({10: dataclasses.replace(statement, paragraphs=[], title="")})
    shrunk = tracked.manifest()
    assert len(shrunk["terms"]) < len(grown["terms"])
    assert shrunk["phraseFiles"] < grown["phraseFiles"]
    assert any(path.startswith(f"{INDEX_DIR}t/") for path in changes.removed)
    tracked.edit({10: statement})
    assert tracked.manifest() == before


def test_every_statement_emptied_then_restored(corpus):
    statements, archive = corpus
    few = statements[:12]
    tracked = Tracked(few, archive, SMALL)
    empty = {
        n: dataclasses.replace(s, title="", speakers=[], paragraphs=[], resolutions=[], persons=[])
        for n, s in enumerate(few)
    }
    tracked.edit(empty)
    assert not any(path.startswith(f"{INDEX_DIR}t/") for path in tracked.files)
    tracked.edit(dict(enumerate(few)))


def test_numbers_outside_the_collection_are_refused(corpus):
    statements, archive = corpus
    live = LiveSearchIndex.of(statements[:5], archive.directory, archive.curated_resolutions)
    with pytest.raises(IndexError):
        live.update({5: statements[5]})


def test_the_last_builds_analyses_give_the_same_index_and_stay_as_they_were(corpus):
    statements, archive = corpus
    analyses = Analyses()
    files = build_search_index(
        statements,
        archive.directory,
        archive.curated_resolutions,
        REPO,
        with_fragments=False,
        analyses=analyses,
        shard_bytes=SMALL,
    )
    expected = {f.path: f.content for f in files if f.path.startswith(INDEX_DIR)}
    words, keys = dict(analyses.words), list(analyses.keys)
    live = LiveSearchIndex.of(
        statements, archive.directory, archive.curated_resolutions, analyses, SMALL
    )
    assert {f.path: f.content for f in live.files()} == expected
    assert analyses.words == words and analyses.keys == keys


def test_numbers_are_written_as_json_writes_them():
    rnd = np.random.default_rng(4)
    values = np.concatenate(
        (
            np.arange(0, 1000),
            rnd.integers(0, 10**5, 5000),
            rnd.integers(10**5 - 3, 10**5 + 3, 50),
            rnd.integers(0, 2**32, 5000),
            [10**10 - 1, 10**10, 10**15],
        )
    ).astype(np.int64)
    commas = np.zeros(len(values), dtype=np.int64)
    text, offsets = _numbers_text(values, commas)
    assert text == json.dumps(values.tolist(), separators=(",", ":"))[1:-1] + ","
    assert [text[a : b - 1] for a, b in zip(offsets[:-1], offsets[1:], strict=True)] == [
        str(v) for v in values.tolist()
    ]
    # Negative numbers never occur in the index, but are written right all the same.
    assert _numbers_text(np.array([-5, 3]), np.zeros(2, np.int64))[0] == "-5,3,"


def test_a_statement_changed_in_place_before_the_update_is_told_of(corpus):
    statements, archive = corpus
    copies = [dataclasses.replace(s) for s in statements]
    tracked = Tracked(copies, archive, SMALL)
    statement = tracked.statements[7]  # the very object the index was made from
    statement.speakers = [PersonRef("Someone Newly Named")]
    statement.paragraphs = [*statement.paragraphs, "A sentence written in place."]
    statement.date = StatementDate(1999, None, None, "year")
    changes = tracked.edit({7: statement})
    assert f"{INDEX_DIR}facets.js" in {f.path for f in changes.files}


def test_threads_analyse_words_as_one_thread_does(words):
    # serve updates the index in its watcher thread while a build may run in another: the
    # stemmer keeps the word it works on in its attributes, so each thread needs its own.
    pool = sorted({w.lower() for w in words})
    expected = {w: analyse_word(w) for w in pool}
    wrong: list[str] = []

    def analyse(seed: int) -> None:
        rnd = random.Random(seed)
        for _ in range(60_000):
            word = rnd.choice(pool)
            if analyse_word(word) != expected[word]:
                wrong.append(word)

    threads = [threading.Thread(target=analyse, args=(seed,)) for seed in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong
