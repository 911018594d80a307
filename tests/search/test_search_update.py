"""The index kept in memory (search_update.py) stays, after any sequence of edits and of
statements added after the last, byte for byte the index a full build writes for the
statements as they are then."""

from __future__ import annotations

import dataclasses
import json
import random
import threading

import numpy as np
import pytest

from archive.model import PersonRef, Statement, StatementDate
from archive.search.index import INDEX_DIR, Analyses, analyse_word, build_search_index
from archive.search.live import LiveSearchIndex, SearchChanges, _numbers_text
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
        """Apply `edits` (numbers from the count on add statements); checks the files against
        a full build and that the changes named exactly the files that changed."""
        before = dict(self.files)
        for number in sorted(edits):
            if number < len(self.statements):
                self.statements[number] = edits[number]
            else:
                assert number == len(self.statements)
                self.statements.append(edits[number])
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
        return self.loaded("manifest.js")

    def facets(self) -> dict:
        return self.loaded("facets.js")

    def loaded(self, name: str) -> dict:
        """The data a file of key 0 hands to ArchiveSearch.load."""
        text = self.files[f"{INDEX_DIR}{name}"].decode()
        return json.loads(text[text.index(",0,") + 3 : -3])

    def terms(self) -> set[str]:
        """Every term of the index, from the words files."""
        return {
            term
            for path, content in self.files.items()
            if path.startswith(f"{INDEX_DIR}w/")
            for term in json.loads(content.decode().split(",", 2)[2][:-3])
        }


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


def test_words_named_like_object_properties_are_terms_like_any_other(corpus):
    """Shards are lists [term, postings, ...]: "__proto__" is written as any term is, by the
    live index as by a full build (Tracked.edit compares them)."""
    statements, archive = corpus
    tracked = Tracked(statements, archive, SMALL)
    special = "__proto__ constructor tostring hasownproperty valueof"
    statement = statements[2]
    changes = tracked.edit(
        {2: dataclasses.replace(statement, paragraphs=[*statement.paragraphs, special])}
    )
    shards = [
        json.loads(f.content.decode().split(",", 2)[2][:-3])
        for f in changes.files
        if f.path.startswith(f"{INDEX_DIR}t/")
    ]
    terms = {shard[i] for shard in shards for i in range(0, len(shard), 2)}
    assert {"__proto__", "constructor"} <= terms
    tracked.edit({2: statement})


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


def test_numbers_that_neither_exist_nor_follow_the_last_are_refused_and_change_nothing(corpus):
    statements, archive = corpus
    tracked = Tracked(statements[:5], archive, SMALL)
    with pytest.raises(IndexError):
        tracked.live.update({-1: statements[0]})
    for gap in ({6: statements[6]}, {5: statements[5], 7: statements[7]}):
        with pytest.raises(ValueError, match="from 5 on"):
            tracked.live.update({0: statements[9], **gap})
    tracked.edit({5: statements[5], 6: statements[6]})


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


# ---------------------------------------------------------------------------------------------
# Statements added after the last


def newest(
    statement: Statement, after: Statement, next_year: bool = False, **changes: object
) -> Statement:
    """`statement` as a new one: its own id, and dated a day after `after` (or on it), or in
    the year after."""
    date = after.date
    day = StatementDate(date.year, date.month or 12, min((date.day or 27) + 1, 28), "day")
    if next_year:
        day = StatementDate(date.year + 1, 1, 1, "day")
    return dataclasses.replace(statement, id=f"new-{statement.id}", date=day, **changes)


def test_one_statement_added_after_the_last(corpus):
    statements, archive = corpus
    tracked = Tracked(statements[:-1], archive, SMALL)
    changes = tracked.edit({len(statements) - 1: statements[-1]})
    assert tracked.manifest()["documents"] == len(statements)
    assert f"{INDEX_DIR}facets.js" in {f.path for f in changes.files}


@pytest.mark.parametrize("shard_bytes", [SMALL, 24_000])
def test_several_added_at_once_with_edits_of_others(corpus, words, shard_bytes):
    statements, archive = corpus
    rnd = random.Random(11)
    count = len(statements) - 6
    tracked = Tracked(statements[:count], archive, shard_bytes)
    edits = {n: random_edit(statements[n], rnd, words) for n in (0, 17, count - 1)}
    tracked.edit({**edits, count: statements[count], count + 1: statements[count + 1]})
    edits = {n: random_edit(tracked.statements[n], rnd, words) for n in (3, count + 1)}
    tracked.edit({**edits, **{n: statements[n] for n in range(count + 2, len(statements))}})
    assert tracked.manifest()["documents"] == len(statements)


@pytest.mark.parametrize("seed", [3, 4])
def test_random_additions_and_edits_keep_the_index_equal_to_a_full_build(corpus, words, seed):
    statements, archive = corpus
    rnd = random.Random(seed)
    tracked = Tracked(statements[:100], archive, SMALL)
    for _ in range(30):
        count = len(tracked.statements)
        edited = rnd.sample(range(count), k=rnd.choice([0, 0, 1, 2]))
        edits = {n: random_edit(tracked.statements[n], rnd, words) for n in edited}
        for number in range(count, count + rnd.choice([0, 1, 1, 1, 3])):
            # One of the corpus's statements (so dated after the others), some edited first.
            statement = statements[number % len(statements)]
            if rnd.random() < 0.3:
                statement = random_edit(statement, rnd, words)
            edits[number] = newest(statement, tracked.statements[-1], rnd.random() < 0.2)
        tracked.edit(edits)
    assert len(tracked.statements) > 120


def test_a_statement_added_whose_terms_are_all_new(corpus):
    statements, archive = corpus
    tracked = Tracked(statements, archive, SMALL)
    rnd = random.Random(8)
    text = [" ".join(made_up(rnd) for _ in range(30)) for _ in range(3)]
    statement = newest(
        statements[-1],
        statements[-1],
        title=made_up(rnd),
        paragraphs=text,
        speakers=[],
        persons=[],
        resolutions=[],
    )
    known = tracked.terms()
    own = {analyse_word(word) for word in [statement.title, *" ".join(text).split()]}
    assert own and not own & known
    changes = tracked.edit({len(statements): statement})
    assert tracked.terms() == known | own
    assert any(f.path.startswith(f"{INDEX_DIR}w/") for f in changes.files)


def test_a_statement_added_with_no_new_term(corpus):
    statements, archive = corpus
    tracked = Tracked(statements, archive, SMALL)
    known = tracked.terms()
    lengths = tracked.manifest()["lengths"]
    # A second copy of a statement's text: every term and pair is in the index already.
    changes = tracked.edit({len(statements): newest(statements[40], statements[-1])})
    assert tracked.terms() == known
    assert tracked.manifest()["lengths"] == lengths
    assert not any(f.path.startswith(f"{INDEX_DIR}w/") for f in changes.files)
    assert not changes.removed


def test_a_statement_added_makes_more_term_shards_and_phrase_files(corpus):
    statements, archive = corpus
    tracked = Tracked(statements, archive, SMALL)
    before = tracked.manifest()
    rnd = random.Random(9)
    long_text = [" ".join(made_up(rnd) for _ in range(60)) for _ in range(12)]
    statement = newest(statements[-1], statements[-1], paragraphs=long_text)
    tracked.edit({len(statements): statement})
    after = tracked.manifest()
    assert len(after["terms"]) > len(before["terms"])
    assert after["phraseFiles"] > before["phraseFiles"]


def test_a_statement_added_in_a_new_year_with_a_new_facet_value(corpus):
    statements, archive = corpus
    tracked = Tracked(statements, archive, SMALL)
    years = tracked.manifest()["years"]
    last = statements[-1]
    year = last.date.year + 1
    statement = dataclasses.replace(
        last,
        id="next-year",
        date=StatementDate(year, 1, 3, "day"),
        topics=[*last.topics, "A topic no statement had"],
    )
    changes = tracked.edit({len(statements): statement})
    assert tracked.manifest()["years"] == [*years, [year, len(statements)]]
    topics = tracked.facets()["topic"]
    at = topics["values"].index("A topic no statement had")
    assert topics["docs"][at] == [len(statements)]
    assert {f"{INDEX_DIR}facets.js", f"{INDEX_DIR}manifest.js"} <= {f.path for f in changes.files}
    # And one more in that year opens no range.
    tracked.edit({len(statements) + 1: dataclasses.replace(statement, id="next-year-2")})
    assert tracked.manifest()["years"] == [*years, [year, len(statements)]]


def test_statements_added_to_an_empty_index(corpus):
    statements, archive = corpus
    tracked = Tracked([], archive, SMALL)
    for number in range(4):
        tracked.edit({number: statements[-4 + number]})
    assert tracked.manifest()["documents"] == 4
