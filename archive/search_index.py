"""The search_index stage: lunr's term weights for every statement, written as small script
files that the search page loads only as a query needs them.

Design. A single lunr index grows with the archive (36 kB per statement) and must be fetched
whole before the first result. So the build computes exactly what lunr.py's Builder computes
(same tokenizer, trimmer, stop words, stemmer, BM25 with k1=1.2, b=0.75, field boosts, weights
rounded to 3 decimals), but writes it split:

- ``search/index/manifest.js``: the fields, the number of statements, the first term of every
  term shard and of every phrase shard, the year of every range of statement numbers, and the
  layout of the other files. Statements are numbered oldest first (the archive's order), so
  sorting by date is sorting by number and needs no data.
- ``search/index/t/<n>.js``: term shards. Terms are sorted and cut into consecutive ranges of
  about ``SHARD_BYTES``; each term maps to one posting list per field, a flat list of
  ``[statement number delta, weight * 1000, ...]``. A query loads the shard of each of its
  terms (a prefix* query the shards its prefix spans).
- ``search/index/p/<n>.js``: phrase shards, the statements in which two terms follow each other
  (after stop words are dropped, as lunr drops them), for "exact phrase" queries.
- ``search/index/w/<length>.js``: every term, by length, for fuzzy~1 and *leading wildcard
  queries, which lunr answers by matching against its whole term list.
- ``search/index/facets.js``: speaker, country, resolution and type of every statement, for
  filters and counts; loaded beside the first query, never in its way.
- ``search/index/f/<n // 1000>/<n>.js``: one fragment per statement (title, date, speaker,
  type, link, paragraphs) for its result entry and its snippet.

Every file is a script calling ``ArchiveSearch.load(kind, key, data)``, so the search works
from file:// where fetch() of local files is forbidden. In the browser, static/search/search.js
parses a query with lunr.js, loads the shards it needs, builds a lunr.Index holding only those
terms, and lets lunr.js's own Index.query score it: a document's score only reads the weights
of the query's terms, so the ranking is the one lunr gives with the whole index.

Stemmer. lunr.py's Porter stemmer turns a final "y" into "i" after any vowel in the stem
("always" -> "alwai") while lunr.js only does so after a consonant ("alway"); the browser stems
queries with lunr.js, so the build uses lunr.py's stemmer with lunr.js's rule for that step.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token
from lunr.trimmer import trimmer

from archive.errors import ConfigError
from archive.model import PeopleDirectory, Resolution, SiteFile, Statement

#: The indexed fields and their lunr boosts: a match in a title or speaker counts more.
FIELDS: tuple[tuple[str, int], ...] = (("title", 10), ("speaker", 5), ("body", 1))
FIELD_NAMES = [name for name, _ in FIELDS]
K1 = 1.2
B = 0.75
#: Target size of a term or phrase shard (uncompressed); a single term may exceed it.
SHARD_BYTES = 24_000
FRAGMENTS_PER_FOLDER = 1000
INDEX_DIR = "search/index/"
LUNR_JS = Path("node_modules/lunr/lunr.min.js")
FORMAT_VERSION = 1

#: lunr's tokenizer splits on these characters (lunr.py's SEPARATOR_CHARS) and lower-cases.
_SEPARATORS = re.compile(r"[ \t\n\r\f\v\xa0-]+")


class LunrJsStemmer(PorterStemmer):
    """lunr.py's Porter stemmer with lunr.js's step 1c, so build and browser stem alike."""

    def step1c(self) -> None:
        # lunr.js: /^(.+?[^aeiou])y$/ -> "i": two letters or more before, the last no vowel.
        if self.k >= 2 and self.b[self.k] == "y" and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_stemmer = LunrJsStemmer()


def stemmer(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    """A lunr.py pipeline function; its label makes a serialised index load lunr.js's."""
    return token.update(_stemmer.stem)


stemmer.label = "stemmer"  # type: ignore[attr-defined]


def index_pipeline() -> Pipeline:
    """lunr's default indexing pipeline, with the lunr.js-compatible stemmer."""
    pipeline = Pipeline()
    pipeline.add(trimmer, stop_word_filter, stemmer)
    return pipeline


def lunr_builder() -> Builder:
    """A lunr.py Builder configured like this index: the reference the tests compare with."""
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, stemmer)
    builder.search_pipeline.add(stemmer)
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    return builder


class Analyzer:
    """Text to term numbers, running lunr's pipeline once per distinct word, not per word."""

    def __init__(self) -> None:
        self._pipeline = index_pipeline()
        self._term_of: dict[str, int] = {}
        self.terms: list[str] = []
        self._term_number: dict[str, int] = {}

    def words(self, text: str) -> list[str]:
        """lunr's tokenizer: lower case, split on whitespace and hyphens."""
        return [w for w in _SEPARATORS.split(text.lower()) if w]

    def term_numbers(self, text: str) -> list[int]:
        """The term number of each word that survives the pipeline, in order."""
        cache = self._term_of
        numbers = []
        for word in self.words(text):
            number = cache.get(word)
            if number is None:
                number = cache[word] = self._analyse(word)
            if number >= 0:
                numbers.append(number)
        return numbers

    def _analyse(self, word: str) -> int:
        tokens = self._pipeline.run([Token(word)])
        if not tokens:
            return -1  # a stop word
        term = str(tokens[0])
        number = self._term_number.get(term)
        if number is None:
            number = self._term_number[term] = len(self.terms)
            self.terms.append(term)
        return number


def search_documents(
    statements: Iterable[Statement],
    people: PeopleDirectory,
    resolutions: dict[int, Resolution],
) -> Iterator[dict[str, str]]:
    """Each statement as lunr fields. Speakers carry every curated spelling of their name, and
    the body every form of the resolutions and names it concerns, so that "Choe Son-hui",
    "Choi Sun-hee", "2397" and "S/RES/2397 (2017)" each find the same statements."""
    for number, statement in enumerate(statements):
        speaker_names: list[str] = []
        for speaker in statement.speakers:
            speaker_names.extend(_spellings(speaker.name, speaker.person_id, people))
        extra: list[str] = []
        for resolution in statement.resolutions:
            curated = resolutions.get(resolution)
            symbol = curated.symbol if curated else f"S/RES/{resolution}"
            extra.append(f"{resolution} {symbol}")
        for person in statement.persons:
            spellings = _spellings(person.name, person.person_id, people)
            extra.extend(spellings[1:])
        yield {
            "id": str(number),
            "title": statement.title,
            "speaker": " ".join(speaker_names),
            "body": "\n".join([*statement.paragraphs, *extra]),
        }


def _spellings(name: str, person_id: str | None, people: PeopleDirectory) -> list[str]:
    person = people.get(person_id) if person_id else people.find(name)
    if person is None:
        return [name]
    return [name, *(s for s in (person.name, *person.aliases) if s != name)]


@dataclass
class TermIndex:
    """lunr's term weights for a collection, as sorted arrays, before they are written.

    Rows are postings sorted by (term, field, document): ``term[i]`` is an index into
    ``terms`` (which is sorted as JavaScript sorts strings), ``weight[i]`` is lunr's weight
    times 1000. ``bigram_*`` list the (first term, second term, document) of phrases.
    """

    terms: list[str]
    document_count: int
    term: np.ndarray
    field: np.ndarray
    document: np.ndarray
    weight: np.ndarray
    bigram_first: np.ndarray
    bigram_second: np.ndarray
    bigram_document: np.ndarray


def js_order(term: str) -> bytes:
    """Sort key matching JavaScript's string comparison (UTF-16 code units)."""
    return term.encode("utf-16-be", "surrogatepass")


def compute_index(documents: Iterable[dict[str, str]]) -> TermIndex:
    """lunr.py's Builder weights, computed per distinct word and in arrays instead of dicts."""
    analyzer = Analyzer()
    term_chunks: list[np.ndarray] = []
    field_chunks: list[np.ndarray] = []
    doc_chunks: list[np.ndarray] = []
    tf_chunks: list[np.ndarray] = []
    bigram_chunks: list[np.ndarray] = []
    bigram_doc_chunks: list[np.ndarray] = []
    lengths: list[list[int]] = [[] for _ in FIELDS]
    count = 0
    for number, document in enumerate(documents):
        count += 1
        phrase_keys = []
        for f, name in enumerate(FIELD_NAMES):
            numbers = np.array(analyzer.term_numbers(document[name]), dtype=np.int64)
            lengths[f].append(len(numbers))
            if not len(numbers):
                continue
            unique, tf = np.unique(numbers, return_counts=True)
            term_chunks.append(unique)
            tf_chunks.append(tf)
            field_chunks.append(np.full(len(unique), f, dtype=np.int8))
            doc_chunks.append(np.full(len(unique), number, dtype=np.int32))
            if name != "speaker" and len(numbers) > 1:
                phrase_keys.append((numbers[:-1] << 32) | numbers[1:])
        if phrase_keys:
            keys = np.unique(np.concatenate(phrase_keys))
            bigram_chunks.append(keys)
            bigram_doc_chunks.append(np.full(len(keys), number, dtype=np.int32))

    def joined(chunks: list[np.ndarray], dtype: type) -> np.ndarray:
        return np.concatenate(chunks).astype(dtype) if chunks else np.zeros(0, dtype=dtype)

    # Renumber terms in JavaScript sort order, so that shards are ranges of sorted terms.
    order = sorted(range(len(analyzer.terms)), key=lambda i: js_order(analyzer.terms[i]))
    rank = np.empty(len(order), dtype=np.int64)
    rank[np.array(order, dtype=np.int64)] = np.arange(len(order))
    terms = [analyzer.terms[i] for i in order]

    term = rank[joined(term_chunks, np.int64)] if term_chunks else np.zeros(0, dtype=np.int64)
    field = joined(field_chunks, np.int8)
    document = joined(doc_chunks, np.int32)
    tf = joined(tf_chunks, np.float64)
    rows = np.lexsort((document, field, term))
    term, field, document, tf = term[rows], field[rows], document[rows], tf[rows]

    weight = _weights(term, field, document, tf, lengths, count, len(terms))

    keys = joined(bigram_chunks, np.int64)
    first = rank[keys >> 32] if len(keys) else np.zeros(0, dtype=np.int64)
    second = rank[keys & 0xFFFFFFFF] if len(keys) else np.zeros(0, dtype=np.int64)
    bigram_document = joined(bigram_doc_chunks, np.int32)
    rows = np.lexsort((bigram_document, second, first))
    return TermIndex(
        terms=terms,
        document_count=count,
        term=term,
        field=field,
        document=document,
        weight=weight,
        bigram_first=first[rows],
        bigram_second=second[rows],
        bigram_document=bigram_document[rows],
    )


def _weights(
    term: np.ndarray,
    field: np.ndarray,
    document: np.ndarray,
    tf: np.ndarray,
    lengths: list[list[int]],
    document_count: int,
    term_count: int,
) -> np.ndarray:
    """lunr.py's field-vector weights (Builder._create_field_vectors), times 1000, as ints.

    The arithmetic is the Builder's, operation for operation, so every float is identical.
    """
    # lunr counts a statement once per field that holds the term (idf.py).
    postings_per_term = np.bincount(term, minlength=term_count)
    idf = np.array(
        [
            math.log(1 + abs((document_count - n + 0.5) / (n + 0.5)))
            for n in postings_per_term.tolist()
        ],
        dtype=np.float64,
    )
    field_length = np.zeros(len(term), dtype=np.float64)
    average = np.zeros(len(term), dtype=np.float64)
    boost = np.zeros(len(term), dtype=np.float64)
    for f, (_, field_boost) in enumerate(FIELDS):
        rows = field == f
        all_lengths = np.array(lengths[f], dtype=np.float64)
        field_length[rows] = all_lengths[document[rows]]
        average[rows] = sum(lengths[f]) / document_count if document_count else 0.0
        boost[rows] = field_boost
    score = idf[term] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (field_length / average)) + tf)
    score = score * boost
    return _round_thousandths(score)


def _round_thousandths(score: np.ndarray) -> np.ndarray:
    """round(score, 3) * 1000 as Python computes it (correctly rounded decimals)."""
    scaled = score * 1000
    result = np.rint(scaled)
    # Only values next to a rounding boundary can differ from Python's decimal rounding.
    near = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for i in np.flatnonzero(near).tolist():
        result[i] = round(round(float(score[i]), 3) * 1000)
    return result.astype(np.int64)


# ---------------------------------------------------------------------------------------------
# Writing the files


def _script(kind: str, key: str | int, data: object) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" would end an inline script; these are separate files, but stay safe to inline.
    payload = payload.replace("</", "<\\/")
    return f"ArchiveSearch.load({json.dumps(kind)},{json.dumps(key)},{payload});\n".encode()


def _interleave(deltas: np.ndarray, values: np.ndarray) -> list[int]:
    flat = np.empty(len(deltas) * 2, dtype=np.int64)
    flat[0::2] = deltas
    flat[1::2] = values
    return flat.tolist()


def term_shards(index: TermIndex, shard_bytes: int = SHARD_BYTES) -> Iterator[tuple[str, dict]]:
    """(first term, {term: [postings per field or 0]}) for consecutive ranges of terms."""
    if not len(index.term):
        return
    group_starts = np.flatnonzero(
        np.concatenate(([True], (np.diff(index.term) != 0) | (np.diff(index.field) != 0)))
    )
    group_ends = np.append(group_starts[1:], len(index.term))
    shard: dict[str, list] = {}
    size = 0
    first = ""
    for start, end in zip(group_starts.tolist(), group_ends.tolist(), strict=True):
        term = index.terms[int(index.term[start])]
        if term not in shard:
            if size >= shard_bytes:
                yield first, shard
                shard, size = {}, 0
            if not shard:
                first = term
            shard[term] = [0] * len(FIELDS)
        docs = index.document[start:end]
        deltas = np.diff(docs, prepend=0)
        postings = _interleave(deltas, index.weight[start:end])
        shard[term][int(index.field[start])] = postings
        size += len(term) + 4 * len(postings) + 8
    if shard:
        yield first, shard


def phrase_shards(index: TermIndex, shard_bytes: int = SHARD_BYTES) -> Iterator[tuple[str, dict]]:
    """("first second", {"first second": [document deltas]}) in ranges of sorted pairs."""
    if not len(index.bigram_document):
        return
    changes = (np.diff(index.bigram_first) != 0) | (np.diff(index.bigram_second) != 0)
    starts = np.flatnonzero(np.concatenate(([True], changes)))
    ends = np.append(starts[1:], len(index.bigram_document))
    shard: dict[str, list[int]] = {}
    size = 0
    first = ""
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        key = (
            index.terms[int(index.bigram_first[start])]
            + " "
            + index.terms[int(index.bigram_second[start])]
        )
        if size >= shard_bytes:
            yield first, shard
            shard, size = {}, 0
        if not shard:
            first = key
        docs = np.diff(index.bigram_document[start:end], prepend=0).tolist()
        shard[key] = docs
        size += len(key) + 3 * len(docs) + 6
    if shard:
        yield first, shard


def facet_data(statements: list[Statement]) -> dict[str, dict]:
    """For each facet, its values and, per value, the statement numbers (delta-coded)."""
    facets: dict[str, dict[str, list[int]]] = {
        "speaker": {},
        "country": {},
        "resolution": {},
        "type": {},
    }
    for number, statement in enumerate(statements):
        values = {
            "speaker": {s.name for s in statement.speakers},
            "country": set(statement.countries),
            "resolution": {str(r) for r in statement.resolutions},
            "type": {statement.doc_type_label},
        }
        for facet, found in values.items():
            for value in found:
                facets[facet].setdefault(value, []).append(number)
    out: dict[str, dict] = {}
    for facet, by_value in facets.items():
        names = sorted(by_value, key=lambda v: (-len(by_value[v]), v))
        out[facet] = {
            "values": names,
            "docs": [np.diff(np.array(by_value[v]), prepend=0).tolist() for v in names],
        }
    return out


def year_ranges(statements: list[Statement]) -> list[list[int | None]]:
    """[[year or None, first statement number], ...]: statements are in date order."""
    ranges: list[list[int | None]] = []
    for number, statement in enumerate(statements):
        year = statement.date.year
        if not ranges or ranges[-1][0] != year:
            ranges.append([year, number])
    return ranges


def fragment(statement: Statement) -> dict[str, object]:
    """What a result entry shows about a statement, and the paragraphs for its snippet."""
    return {
        "title": statement.title,
        "date": statement.date.label(),
        "iso": statement.date.iso,
        "speaker": ", ".join(s.name for s in statement.speakers),
        "type": statement.doc_type_label,
        "url": statement.url_path,
        "paragraphs": statement.paragraphs,
    }


def lunr_script(project_root: Path) -> bytes:
    """lunr.js from node_modules (pinned in package.json, never copied into the repository)."""
    path = project_root / LUNR_JS
    if not path.exists():
        raise ConfigError(
            f"{LUNR_JS} is missing: run `npm ci` in {project_root} to install the pinned lunr.js"
        )
    return path.read_bytes()


def build_search_index(
    statements: list[Statement],
    people: PeopleDirectory,
    resolutions: dict[int, Resolution],
    project_root: Path,
) -> Iterator[SiteFile]:
    """Every search file of the site; `statements` in the archive's order (oldest first)."""
    yield SiteFile("static/search/lunr.min.js", lunr_script(project_root))
    index = compute_index(search_documents(statements, people, resolutions))
    term_starts: list[str] = []
    for number, (first, shard) in enumerate(term_shards(index)):
        term_starts.append(first)
        yield SiteFile(f"{INDEX_DIR}t/{number}.js", _script("t", number, shard))
    phrase_starts: list[str] = []
    for number, (first, shard) in enumerate(phrase_shards(index)):
        phrase_starts.append(first)
        yield SiteFile(f"{INDEX_DIR}p/{number}.js", _script("p", number, shard))
    by_length: dict[int, list[str]] = {}
    for term in index.terms:
        by_length.setdefault(len(term), []).append(term)
    for length, terms in sorted(by_length.items()):
        yield SiteFile(f"{INDEX_DIR}w/{length}.js", _script("w", length, terms))
    yield SiteFile(f"{INDEX_DIR}facets.js", _script("facets", 0, facet_data(statements)))
    for number, statement in enumerate(statements):
        folder = number // FRAGMENTS_PER_FOLDER
        yield SiteFile(
            f"{INDEX_DIR}f/{folder}/{number}.js", _script("f", number, fragment(statement))
        )
    manifest = {
        "version": FORMAT_VERSION,
        "fields": FIELD_NAMES,
        "documents": index.document_count,
        "terms": term_starts,
        "phrases": phrase_starts,
        "lengths": sorted(by_length),
        "years": year_ranges(statements),
        "fragmentsPerFolder": FRAGMENTS_PER_FOLDER,
    }
    yield SiteFile(f"{INDEX_DIR}manifest.js", _script("manifest", 0, manifest))
