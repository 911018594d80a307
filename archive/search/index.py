"""The search_index stage: lunr's term weights for every statement, written as small script
files that the search page loads only as a query needs them.

Design. A single lunr index grows with the archive (36 kB per statement) and must be fetched
whole before the first result. So the build computes exactly what lunr.py's Builder computes
(same tokenizer, trimmer, stop words, stemmer, BM25 with k1=1.2, b=0.75, field boosts, weights
rounded to 3 decimals), but writes it split:

- ``search/index/manifest.js``: the fields, the number of statements, the first term of every
  term shard, the number of phrase files and the year of every range of statement numbers.
  Statements are numbered oldest first (the archive's order), so sorting by date is sorting
  by number and needs no data.
- ``search/index/t/<n>.js``: term shards. Terms are sorted and cut into consecutive ranges of
  about ``SHARD_BYTES``; each is a list ``[term, postings, term, postings, ...]`` (a list, not
  an object literal, so that no word, not even ``__proto__``, is special to JavaScript) with
  one posting list per field, a flat list of ``[statement number delta, weight * 1000, ...]``.
  A query loads the shard of each of its terms (a prefix* query the shards its prefix spans).
- ``search/index/p/<n>.js``: phrase files, for "exact phrase" queries: every pair of terms
  that follow each other in a title or body (after stop words are dropped, as lunr drops
  them), as a 32-bit fingerprint of the pair with the statements that hold it, spread over
  files by a hash of the fingerprint. A phrase of n terms is verified pair by pair, so it
  loads n - 1 small files; a false match needs two pairs to share a fingerprint.
- ``search/index/w/<length>.js``: every term, by length, for fuzzy~1 and *leading wildcard
  queries, which lunr answers by matching against its whole term list.
- ``search/index/facets.js``: speaker, country, resolution, type and topic of every
  statement, for filters and counts; loaded after the first results are painted, never in
  their way, or, when it is larger than ``FACETS_EAGER_BYTES``, only when the reader asks for
  the filters (the manifest's ``facetsOnDemand``).
- ``search/index/f/<n // FRAGMENTS_PER_FILE>.js``: the fragments (title, date, speaker, type,
  link, paragraphs) of ``FRAGMENTS_PER_FILE`` consecutive statements, for their result entries
  and snippets. Packed, not one file a statement: static hosts cap a site's files (20,000 on
  Cloudflare Pages), and a file a statement made the index most of the site's files.

Building is per distinct word: the pipeline runs once per word (over 2 processes when there
are many), and postings are numpy arrays sorted once, not nested dicts.

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

import dataclasses
import hashlib
import json
import math
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np
from lunr.builder import Builder
from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token
from lunr.trimmer import full_re as _TRIM
from lunr.trimmer import trimmer

from archive.build.parallel import worker_pool
from archive.errors import ConfigError
from archive.model import PeopleDirectory, Resolution, SiteFile, Statement

#: The indexed fields and their lunr boosts: a match in a title or speaker counts more, and
#: most a resolution's number or symbol in "refs" (the resolutions a statement cites), so
#: that "resolution 2397" ranks the statements citing 2397 above a title with "Resolution".
FIELDS: tuple[tuple[str, int], ...] = (("title", 10), ("speaker", 5), ("body", 1), ("refs", 30))
FIELD_NAMES = [name for name, _ in FIELDS]
K1 = 1.2
B = 0.75
#: Target size of a term or phrase shard (uncompressed); a single term may exceed it.
SHARD_BYTES = 24_000
#: Statements per fragment file: few enough that a page of results (10, scattered) loads
#: little it does not show, many enough that the files are a tenth of the statements.
FRAGMENTS_PER_FILE = 10
#: Up to this size (uncompressed) facets.js loads beside every first query; above it, only
#: once the reader asks for the filters: at 100,000 statements it is 1.2 MB (430 kB gzip),
#: more than everything else a first query needs.
FACETS_EAGER_BYTES = 400_000
INDEX_DIR = "search/index/"
LUNR_JS = Path("node_modules/lunr/lunr.min.js")
FORMAT_VERSION = 2

#: lunr's tokenizer splits on these characters (lunr.py's SEPARATOR_CHARS) and lower-cases.
_SEPARATORS = re.compile(r"[ \t\n\r\f\v\xa0-]+")


class LunrJsStemmer(PorterStemmer):
    """lunr.py's Porter stemmer with lunr.js's step 1c, so build and browser stem alike."""

    def step1c(self) -> None:
        # lunr.js: /^(.+?[^aeiou])y$/ -> "i": two letters or more before, the last no vowel.
        if self.k >= 2 and self.b[self.k] == "y" and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


class _StemmerPerThread:
    """A LunrJsStemmer for each thread: it keeps the word it stems in its attributes, and
    serve analyses edits in one thread while a build may in another."""

    def __init__(self) -> None:
        self._local = threading.local()

    def stem(self, word: str, metadata: object = None) -> str:
        try:
            own = self._local.stemmer
        except AttributeError:
            own = self._local.stemmer = LunrJsStemmer()
        return own.stem(word)


_stemmer = _StemmerPerThread()


def stemmer(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    """A lunr.py pipeline function; its label makes a serialised index load lunr.js's."""
    return token.update(_stemmer.stem)


stemmer.label = "stemmer"  # type: ignore[attr-defined]


def _read_variants() -> dict[str, str]:
    """variants.txt as variant -> the form the index holds."""
    table: dict[str, str] = {}
    text = Path(__file__).with_name("variants.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        words = line.split()
        if words and not line.startswith("#"):
            table.update((variant, words[0]) for variant in words[1:])
    return table


#: Spelling variants (British/American, transliterations) -> the form the index holds: the
#: index and the search page's queries (the manifest carries the table) both map them.
VARIANTS: dict[str, str] = _read_variants()


def variants(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    """A lunr.py pipeline function: a word's variant spelling as the form the index holds."""
    return token.update(lambda word, metadata=None: VARIANTS.get(word, word))


variants.label = "variants"  # type: ignore[attr-defined]


def lunr_builder() -> Builder:
    """A lunr.py Builder configured like this index: the reference the tests compare with."""
    builder = Builder()
    builder.pipeline.add(trimmer, variants, stop_word_filter, stemmer)
    builder.search_pipeline.add(stemmer)
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    return builder


class Analyzer:
    """Text to term numbers, running lunr's pipeline once per distinct word, not per word.

    The pipeline is lunr.py's own functions' logic on plain strings (trimmer's pattern, the
    stop word list, the stemmer), which tests check against lunr.py's Pipeline.
    """

    def __init__(
        self, known: dict[str, str | None] | None = None, terms: list[str] | None = None
    ) -> None:
        self._term_of: dict[str, int] = {}
        #: Term numbers go on from `terms` (an earlier build's), so its analyses stay valid.
        self.terms: list[str] = terms if terms is not None else []
        self._term_number: dict[str, int] = {term: i for i, term in enumerate(self.terms)}
        #: Word -> its term (None for a stop word) from earlier builds: the pipeline is a
        #: pure function of the word, and stemming is most of the cost of a rebuild's index.
        self.known: dict[str, str | None] = known if known is not None else {}

    def words(self, text: str) -> list[str]:
        """lunr's tokenizer: lower case, split on whitespace and hyphens."""
        return [w for w in _SEPARATORS.split(text.lower()) if w]

    def learn(self, words: Iterable[str], workers: int = 1) -> None:
        """Analyse new distinct words up front, over `workers` processes when there are many."""
        self._term_of[""] = -1  # what splitting leaves before a leading separator
        new = [w for w in set(words) if w not in self._term_of]
        known = self.known
        unknown = [w for w in new if w not in known]
        if workers > 1 and len(unknown) > 20_000:
            size = -(-len(unknown) // workers)
            chunks = [unknown[i : i + size] for i in range(0, len(unknown), size)]
            with worker_pool(workers) as pool:
                results = [t for chunk in pool.map(analyse_words, chunks) for t in chunk]
        else:
            results = analyse_words(unknown)
        known.update(zip(unknown, results, strict=True))
        for word in new:
            self._term_of[word] = self._number(known[word])

    def term_numbers(self, text: str) -> list[int]:
        """The term number of each word that survives the pipeline, in order."""
        cache = self._term_of
        numbers = []
        for word in self.words(text):
            number = cache.get(word)
            if number is None:
                number = cache[word] = self._number(analyse_word(word))
            if number >= 0:
                numbers.append(number)
        return numbers

    def term_array(self, text: str) -> np.ndarray:
        """`term_numbers` as an array, for text whose words were all `learn`ed."""
        words = _SEPARATORS.split(text.lower())
        try:
            found = map(self._term_of.__getitem__, words)  # C speed: no Python call per word
            numbers = np.fromiter(found, dtype=np.int64, count=len(words))
        except KeyError:
            self.learn(words)
            return self.term_array(text)
        return numbers[numbers >= 0]

    def _number(self, term: str | None) -> int:
        if term is None:
            return -1  # a stop word
        number = self._term_number.get(term)
        if number is None:
            number = self._term_number[term] = len(self.terms)
            self.terms.append(term)
        return number


def analyse_word(word: str) -> str | None:
    """lunr's pipeline on one word: trimmer, stop word filter, stemmer; None for a stop word."""
    match = _TRIM.match(word)
    trimmed = match.group(1) if match else word
    trimmed = VARIANTS.get(trimmed, trimmed)
    if trimmed in STOP_WORDS:
        return None
    return _stemmer.stem(trimmed)


def analyse_words(words: list[str]) -> list[str | None]:
    return [analyse_word(w) for w in words]


def search_documents(
    statements: Iterable[Statement],
    people: PeopleDirectory,
    resolutions: dict[int, Resolution],
) -> Iterator[dict[str, str]]:
    """Each statement as lunr fields (see `search_document`)."""
    for number, statement in enumerate(statements):
        yield search_document(number, statement, people, resolutions)


def search_document(
    number: int, statement: Statement, people: PeopleDirectory, resolutions: dict[int, Resolution]
) -> dict[str, str]:
    """A statement as lunr fields. Speakers carry every curated spelling of their name, and
    the body every form of the resolutions and names it concerns, so that "Choe Son-hui",
    "Choi Sun-hee", "2397" and "S/RES/2397 (2017)" each find the same statements."""
    speaker_names: list[str] = []
    for speaker in statement.speakers:
        speaker_names.extend(_spellings(speaker.name, speaker.person_id, people))
    extra: list[str] = []
    refs: list[str] = []
    for resolution in statement.resolutions:
        curated = resolutions.get(resolution)
        symbol = curated.symbol if curated else f"S/RES/{resolution}"
        refs.append(f"{resolution} {symbol}")
    for person in statement.persons:
        spellings = _spellings(person.name, person.person_id, people)
        extra.extend(spellings[1:])
    return {
        "id": str(number),
        "title": statement.title,
        "speaker": " ".join(speaker_names),
        "body": "\n".join([*statement.paragraphs, *extra]),
        "refs": "\n".join(refs),
    }


def _spellings(name: str, person_id: str | None, people: PeopleDirectory) -> list[str]:
    person = people.get(person_id) if person_id else people.find(name)
    if person is None:
        return [name]
    return [name, *(s for s in (person.name, *person.aliases) if s != name)]


@dataclass
class SearchDocuments:
    """`search_documents` made afresh on each pass, so no pass holds every body at once."""

    statements: list[Statement]
    people: PeopleDirectory
    resolutions: dict[int, Resolution]

    def __iter__(self) -> Iterator[dict[str, str]]:
        return search_documents(self.statements, self.people, self.resolutions)

    def __len__(self) -> int:
        return len(self.statements)

    def __getitem__(self, number: int) -> dict[str, str]:
        return search_document(number, self.statements[number], self.people, self.resolutions)


@dataclass
class TermIndex:
    """lunr's term weights for a collection, as sorted arrays, before they are written.

    Rows are postings sorted by (term, field, document): ``term[i]`` is an index into
    ``terms`` (which is sorted as JavaScript sorts strings), ``weight[i]`` is lunr's weight
    times 1000. ``phrase_key``/``phrase_document`` list, sorted, the fingerprint of every
    pair of consecutive terms (see `pair_keys`) and the statements that hold it.
    """

    terms: list[str]
    document_count: int
    term: np.ndarray
    field: np.ndarray
    document: np.ndarray
    weight: np.ndarray
    phrase_key: np.ndarray
    phrase_document: np.ndarray
    #: Only with `compute_index(keep_counts=True)`, for an index kept up to date in memory
    #: (search_update.py): each row's term count, the words per (statement, field), and the
    #: term hash of every term (by number).
    tf: np.ndarray | None = None
    lengths: np.ndarray | None = None
    hashes: np.ndarray | None = None


def js_order(term: str) -> bytes:
    """Sort key matching JavaScript's string comparison (UTF-16 code units)."""
    return term.encode("utf-16-be", "surrogatepass")


def term_hash(term: str) -> int:
    """32-bit FNV-1a over the UTF-16 code units of a term (search.js computes the same)."""
    value = 0x811C9DC5
    data = term.encode("utf-16-le", "surrogatepass")
    for i in range(0, len(data), 2):
        value ^= data[i] | (data[i + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def pair_keys(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The fingerprint of term pairs from their hashes: imul(first, 0x9E3779B1) ^ second."""
    with np.errstate(over="ignore"):
        return (first.astype(np.uint32) * np.uint32(0x9E3779B1)) ^ second.astype(np.uint32)


def pair_bucket(keys: np.ndarray, buckets: int) -> np.ndarray:
    """The phrase file of each fingerprint: a second mix, so buckets fill evenly."""
    with np.errstate(over="ignore"):
        mixed = (keys ^ (keys >> np.uint32(16))) * np.uint32(0x85EBCA6B)
    return (mixed % np.uint32(buckets)).astype(np.int32)


#: Term pairs turned into fingerprints at a time (32 MB of them).
_PAIR_BLOCK = 1 << 22
#: Postings weighed at a time (their float temporaries take 2 MB each).
_WEIGHT_BLOCK = 1 << 18
#: Statements of phrase files handled at a time (a few buckets' worth).
_PHRASE_CHUNK = 1 << 18


class _Chunks:
    """Many small arrays appended, merged every few thousand so they stay few objects."""

    def __init__(self, dtype: type) -> None:
        self.dtype = dtype
        self.merged: list[np.ndarray] = []
        self.pending: list[np.ndarray] = []

    def add(self, values: np.ndarray) -> None:
        self.pending.append(values)
        if len(self.pending) >= 4096:
            self.merged.append(np.concatenate(self.pending).astype(self.dtype))
            self.pending = []

    def array(self) -> np.ndarray:
        parts = [*self.merged, *self.pending]
        if not parts:
            return np.zeros(0, self.dtype)
        whole = np.concatenate(parts)
        return whole if whole.dtype == self.dtype else whole.astype(self.dtype)


@dataclass
class Analyses:
    """What `compute_index` learnt of each document, kept for the next build: a document whose
    fields are unchanged is not tokenised or stemmed again, which at 10,000 statements is
    most of the index's cost. Everything in it is a pure function of the documents' text.

    Terms are numbered by `terms` (in JavaScript order after each build; new ones appended).
    Per document, in the order of `keys` (each the digest of the document's fields): one
    group per field of its distinct term numbers (`term_ids`) and their counts (`tf`),
    `group_sizes` (one per field), `lengths` (words per field, stop words excluded), and its
    distinct pairs of consecutive terms (`pairs`, first << 32 | second; `pair_counts`).
    """

    words: dict[str, str | None] = dataclasses.field(default_factory=dict)
    terms: list[str] = dataclasses.field(default_factory=list)
    hashes: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, np.uint32))
    keys: list[str] = dataclasses.field(default_factory=list)
    term_ids: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, np.int32))
    tf: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, np.int32))
    group_sizes: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, np.int64))
    lengths: np.ndarray = dataclasses.field(
        default_factory=lambda: np.zeros((0, len(FIELDS)), np.int64)
    )
    pairs: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, np.int64))
    pair_counts: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, np.int64))
    #: Whether `compute_index` changed it (so it needs saving).
    changed: bool = False

    def release(self) -> None:
        """Empty, once stored: the next build loads them again."""
        self.__init__()  # type: ignore[misc]

    ARRAYS: ClassVar[tuple[str, ...]] = (
        "hashes",
        "term_ids",
        "tf",
        "group_sizes",
        "lengths",
        "pairs",
        "pair_counts",
    )


def document_key(document: dict[str, str]) -> str:
    """A document's analysis depends on its fields' text only, not on its number."""
    hasher = hashlib.blake2b(digest_size=16)
    for name in FIELD_NAMES:
        hasher.update(document.get(name, "").encode("utf-8", "surrogatepass"))
        hasher.update(b"\x00")
    return hasher.hexdigest()


def compute_index(
    documents: Sequence[dict[str, str]] | SearchDocuments,
    workers: int = 1,
    analyses: Analyses | None = None,
    store: Callable[[Analyses], None] | None = None,
    keep_counts: bool = False,
) -> TermIndex:
    """lunr.py's Builder weights, computed per distinct word and in arrays instead of dicts.

    `analyses` (from an earlier build) spares analysing the documents it holds again; it is
    left holding exactly this collection's documents, for the next build, unless `store` is
    given: then `store` is called with them when they are complete (if they changed), and
    they are emptied. `keep_counts`: see `TermIndex.tf`.
    """
    earlier = analyses if analyses is not None else Analyses()
    analyzer = Analyzer(earlier.words, list(earlier.terms))
    keys = [document_key(document) for document in documents]
    earlier_position = {key: i for i, key in enumerate(earlier.keys)}
    # Where each document's analysis comes from: the earlier ones by their number there;
    # the others (-1) are analysed now, fetched one by one (a build's documents are made
    # afresh on each pass, so that no pass holds every body at once).
    source = np.array([earlier_position.get(key, -1) for key in keys], dtype=np.int64)
    fresh = np.flatnonzero(source < 0).tolist()
    vocabulary: set[str] = set()
    for number in fresh:
        document = documents[number]
        for name in FIELD_NAMES:
            vocabulary.update(_SEPARATORS.split(document.get(name, "").lower()))
    vocabulary.discard("")
    analyzer.learn(sorted(vocabulary), workers)
    del vocabulary

    terms_of = _Chunks(np.int32)  # per (statement, field): its distinct term numbers
    tf_of = _Chunks(np.int32)
    group_sizes = _Chunks(np.int64)  # rows per (statement, field), statement-major
    pairs_of = _Chunks(np.int64)
    fresh_pair_counts: list[int] = []
    fresh_lengths: list[list[int]] = []
    for number in fresh:
        document = documents[number]
        pairs = []
        sizes = []
        lengths_here = []
        for name in FIELD_NAMES:
            numbers = analyzer.term_array(document.get(name, ""))
            lengths_here.append(len(numbers))
            unique, tf = np.unique(numbers, return_counts=True)
            terms_of.add(unique)
            tf_of.add(tf)
            sizes.append(len(unique))
            if name != "speaker" and len(numbers) > 1:
                pairs.append((numbers[:-1] << 32) | numbers[1:])
        group_sizes.add(np.array(sizes, dtype=np.int64))
        fresh_lengths.append(lengths_here)
        unique_pairs = np.unique(np.concatenate(pairs)) if pairs else np.zeros(0, np.int64)
        pairs_of.add(unique_pairs)
        fresh_pair_counts.append(len(unique_pairs))
    analysed = len(fresh)
    count = len(keys)
    fresh_table = (
        terms_of.array(),
        tf_of.array(),
        group_sizes.array(),
        np.array(fresh_lengths, dtype=np.int64).reshape(-1, len(FIELDS)),
        pairs_of.array(),
        np.array(fresh_pair_counts, dtype=np.int64),
    )
    del terms_of, tf_of, group_sizes, pairs_of, fresh_lengths, fresh_pair_counts
    if not earlier.keys:
        # Nothing kept (a first build): what was analysed is the collection, in its order.
        term_ids, term_counts, sizes, lengths_table, pairs, pair_counts = fresh_table
    else:
        source[fresh] = len(earlier.keys) + np.arange(len(fresh))
        term_ids, term_counts, sizes, lengths_table, pairs, pair_counts = _gathered(
            (
                earlier.term_ids,
                earlier.tf,
                earlier.group_sizes,
                earlier.lengths,
                earlier.pairs,
                earlier.pair_counts,
            ),
            fresh_table,
            source,
        )
    del fresh_table

    # Renumber the terms in use in JavaScript sort order, so that shards are ranges of
    # sorted terms; terms of documents no longer in the collection drop out.
    used = np.flatnonzero(np.bincount(term_ids, minlength=len(analyzer.terms)))
    used_terms = [analyzer.terms[i] for i in used.tolist()]
    sort_keys = [js_order(term) for term in used_terms]
    order = sorted(range(len(sort_keys)), key=sort_keys.__getitem__)
    rank = np.full(len(analyzer.terms), -1, dtype=np.int32)
    rank[used[np.array(order, dtype=np.int64)]] = np.arange(len(order), dtype=np.int32)
    terms = [used_terms[i] for i in order]
    del used_terms, sort_keys, order
    earlier_hashes = earlier.hashes.tolist()
    hashes = np.array(
        [
            earlier_hashes[i] if i < len(earlier_hashes) else term_hash(analyzer.terms[i])
            for i in used.tolist()
        ],
        dtype=np.uint32,
    )
    hashes[rank[used]] = hashes.copy()  # by new number
    term_ids = rank[term_ids]
    pairs = (rank[pairs >> 32].astype(np.int64) << 32) | rank[pairs & 0xFFFFFFFF]

    if analyses is not None and (analysed or keys != earlier.keys or len(used) != len(rank)):
        kept = set(terms)
        analyses.words = {w: t for w, t in analyzer.known.items() if t is None or t in kept}
        analyses.terms, analyses.hashes, analyses.keys = terms, hashes, keys
        analyses.term_ids, analyses.tf, analyses.group_sizes = term_ids, term_counts, sizes
        analyses.lengths = lengths_table
        analyses.pairs = pairs
        analyses.pair_counts = pair_counts
        analyses.changed = True
        if store is not None:
            # Stored now, so that its arrays are freed before the postings are sorted: at
            # 100,000 statements they are half a gigabyte.
            store(analyses)
            analyses.release()
    del analyses, earlier

    # Each pair as one 64-bit number, its fingerprint then its statement, made in blocks and
    # sorted in place: whole-array steps held gigabytes of temporaries at 100,000 statements.
    pair_document = np.repeat(np.arange(count, dtype=np.int32), pair_counts)
    combined = np.empty(len(pairs), dtype=np.uint64)
    for start in range(0, len(pairs), _PAIR_BLOCK):
        part = pairs[start : start + _PAIR_BLOCK]
        fingerprint = pair_keys(hashes[part >> 32], hashes[part & 0xFFFFFFFF]).astype(np.uint64)
        fingerprint <<= np.uint64(32)
        fingerprint |= pair_document[start : start + len(part)].astype(np.uint64)
        combined[start : start + len(part)] = fingerprint
    del pairs, pair_document
    combined.sort()
    # Two pairs with one fingerprint in one statement count once.
    keep = np.ones(len(combined), dtype=bool)
    keep[1:] = np.diff(combined) != 0
    combined = combined[keep]
    del keep
    phrase_key = (combined >> np.uint64(32)).astype(np.uint32)
    phrase_document = (combined & np.uint64(0xFFFFFFFF)).astype(np.int32)
    del combined

    field = np.repeat(np.tile(np.arange(len(FIELDS), dtype=np.int8), count), sizes)
    document = np.repeat(np.repeat(np.arange(count, dtype=np.int32), len(FIELDS)), sizes)
    term = term_ids
    del term_ids, sizes
    rows = np.lexsort((document, field, term))
    # One array at a time: reordering them in one statement held two copies of each (600 MB
    # at 100,000 statements); the counts widen to floats only block by block, when weighed.
    term = term[rows]
    field = field[rows]
    document = document[rows]
    tf = term_counts[rows]
    del rows, term_counts
    weight = lunr_weights(term, field, document, tf, lengths_table, count, len(terms))
    index = TermIndex(
        terms=terms,
        document_count=count,
        term=term,
        field=field,
        document=document,
        weight=weight,
        phrase_key=phrase_key,
        phrase_document=phrase_document,
    )
    if keep_counts:
        index.tf, index.lengths, index.hashes = tf, lengths_table, hashes
    return index


def consecutive_ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices of consecutive ranges, one after another: start, start + 1, ..."""
    offsets = np.cumsum(lengths) - lengths
    return np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(starts - offsets, lengths)


def _gathered(
    earlier: tuple[np.ndarray, ...], fresh: tuple[np.ndarray, ...], source: np.ndarray
) -> tuple[np.ndarray, ...]:
    """The collection's analyses in its order, from the earlier documents' and the fresh
    ones' (numbered after them in `source`), in whole-array steps rather than per document.
    Each is (term numbers, counts, group sizes, lengths, pairs, pair counts)."""
    term_ids, tf, group_sizes, lengths, pairs, pair_counts = (
        np.concatenate(parts) for parts in zip(earlier, fresh, strict=True)
    )
    sizes_by_document = group_sizes.reshape(-1, len(FIELDS))
    rows = sizes_by_document.sum(axis=1)
    row_start = np.concatenate(([0], np.cumsum(rows)))
    taken = consecutive_ranges(row_start[source], rows[source])
    pair_start = np.concatenate(([0], np.cumsum(pair_counts)))
    taken_pairs = consecutive_ranges(pair_start[source], pair_counts[source])
    return (
        term_ids[taken],
        tf[taken],
        sizes_by_document[source].ravel(),
        lengths[source],
        pairs[taken_pairs],
        pair_counts[source],
    )


def lunr_weights(
    term: np.ndarray,
    field: np.ndarray,
    document: np.ndarray,
    tf: np.ndarray,
    lengths: np.ndarray,
    document_count: int,
    term_count: int,
) -> np.ndarray:
    """lunr.py's field-vector weights (Builder._create_field_vectors), times 1000, as ints.

    The arithmetic is the Builder's, operation for operation, so every float is identical.
    `lengths`: words per (statement, field).
    """
    # lunr counts a statement once per field that holds the term (idf.py).
    idf = _idf(np.bincount(term, minlength=term_count), document_count)
    # Python's int division, as the Builder's: the sums are exact integers.
    averages = np.array(
        [total / document_count if document_count else 0.0 for total in lengths.sum(0).tolist()]
    )
    # The length part of the denominator once per (statement, field), not per row; each
    # operation is the Builder's (sums and products only swap operands, which IEEE
    # arithmetic allows), so every float is the same.
    length_part = lengths.astype(np.float64)
    with np.errstate(invalid="ignore"):  # 0 / 0 for a field no statement has: never read
        length_part /= averages
    length_part *= B
    length_part += 1 - B
    length_part *= K1
    boosts = np.array([boost for _, boost in FIELDS], dtype=np.float64)
    weights = np.empty(len(term), dtype=np.int32)
    # In blocks, so that the float temporaries stay small (at 100,000 statements whole-array
    # steps held a gigabyte of them).
    for start in range(0, len(term), _WEIGHT_BLOCK):
        rows = slice(start, start + _WEIGHT_BLOCK)
        in_field = field[rows]
        counts = tf[rows].astype(np.float64)
        denominator = length_part[document[rows], in_field]
        denominator += counts
        counts *= K1 + 1
        score = counts
        score *= idf[term[rows]]
        score /= denominator
        score *= boosts[in_field]
        weights[rows] = _round_thousandths(score)
    return weights


def _idf(postings_per_term: np.ndarray, document_count: int) -> np.ndarray:
    """lunr's idf of each term, from the (statement, field)s that hold it: computed once per
    distinct number of them, which most terms share (a few hundred distinct numbers)."""
    by_count = np.zeros(int(postings_per_term.max(initial=0)) + 1, dtype=np.float64)
    for n in np.flatnonzero(np.bincount(postings_per_term)).tolist():
        by_count[n] = math.log(1 + abs((document_count - n + 0.5) / (n + 0.5)))
    return by_count[postings_per_term]


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


def search_script(kind: str, key: str | int, data: object) -> bytes:
    return script_of_json(kind, key, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def script_of_json(kind: str, key: str | int, payload: str, escaped: bool = False) -> bytes:
    """The file for data already written as JSON (``ensure_ascii=False``, no spaces);
    `escaped`: its strings went through `script_escaped` already."""
    if not escaped:
        payload = script_escaped(payload)
    key_json = str(key) if type(key) is int else json.dumps(key)
    return f"ArchiveSearch.load({json.dumps(kind)},{key_json},{payload});\n".encode()


def script_escaped(text: str) -> str:
    """JSON text safe inside a script: "</" would end an inline one (these are separate
    files, but stay safe to inline)."""
    return text.replace("</", "<\\/")


def group_deltas(values: np.ndarray, group_start: np.ndarray) -> np.ndarray:
    """Differences to the previous value, restarting (from 0) at every group start."""
    deltas = np.diff(values.astype(np.int64), prepend=0)
    deltas[group_start] = values[group_start]
    return deltas


def term_shards(index: TermIndex, shard_bytes: int = SHARD_BYTES) -> Iterator[tuple[str, dict]]:
    """(first term, {term: [postings per field or 0]}) for consecutive ranges of terms.

    Postings become deltas and Python lists one shard at a time: at 100,000 statements the
    whole index as Python ints would take gigabytes.
    """
    if not len(index.term):
        return
    starts = np.flatnonzero(
        np.concatenate(([True], (np.diff(index.term) != 0) | (np.diff(index.field) != 0)))
    )
    ends = np.append(starts[1:], len(index.term))
    group_terms = index.term[starts].tolist()
    group_fields = index.field[starts].tolist()
    starts_list, ends_list = starts.tolist(), ends.tolist()

    def shard(first_group: int, end_group: int) -> dict[str, list]:
        low, high = starts_list[first_group], ends_list[end_group - 1]
        flat = np.empty((high - low) * 2, dtype=np.int64)
        flat[0::2] = group_deltas(index.document[low:high], starts[first_group:end_group] - low)
        flat[1::2] = index.weight[low:high]
        values = flat.tolist()
        out: dict[str, list] = {}
        for g in range(first_group, end_group):
            term = index.terms[group_terms[g]]
            postings = out.get(term)
            if postings is None:
                postings = out[term] = [0] * len(FIELDS)
            postings[group_fields[g]] = values[
                2 * (starts_list[g] - low) : 2 * (ends_list[g] - low)
            ]
        return out

    term_length = np.array([len(term) for term in index.terms], dtype=np.int64)
    sizes = np.bincount(
        index.term[starts],
        weights=8 * (ends - starts) + 8 + term_length[index.term[starts]],
        minlength=len(index.terms),
    ).astype(np.int64)
    first_terms = shard_starts(sizes, shard_bytes)
    first_groups = np.searchsorted(index.term[starts], first_terms).tolist()
    ends_at = [*first_groups[1:], len(starts_list)]
    for first_group, end_group in zip(first_groups, ends_at, strict=True):
        yield index.terms[group_terms[first_group]], shard(first_group, end_group)


def shard_list(shard: dict[str, list]) -> list[object]:
    """A term shard as written: ``[term, postings, term, postings, ...]``. Not an object
    literal, where a term such as ``__proto__`` would set the object's prototype instead of
    being a key: in a list no word is special to JavaScript."""
    return [item for pair in shard.items() for item in pair]


def shard_starts(sizes: np.ndarray, shard_bytes: int) -> list[int]:
    """The first term of each term shard, given each term's estimated bytes (`sizes`, all
    positive): a shard takes terms until it holds `shard_bytes` or more, so it is cut only
    between terms and a single term may exceed it."""
    totals = np.concatenate(([0], np.cumsum(sizes)))
    starts = [0]
    while True:
        first = starts[-1]
        end = max(first + 1, int(np.searchsorted(totals, totals[first] + shard_bytes)))
        if end >= len(sizes):
            return starts
        starts.append(end)


def phrase_shards(index: TermIndex, shard_bytes: int = SHARD_BYTES) -> tuple[int, Iterator]:
    """The number of phrase files and (file number, [key, count, document deltas..., ...]).

    Pairs are grouped by a hash of their fingerprint into files of about `shard_bytes`.
    """
    buckets = phrase_file_count(len(index.phrase_key), shard_bytes)
    return buckets, _phrase_files(index, buckets)


def phrase_file_count(pairs: int, shard_bytes: int = SHARD_BYTES) -> int:
    """How many phrase files hold `pairs` (statement, fingerprint) pairs: about `shard_bytes`
    each, at five bytes a pair."""
    return max(1, -(-pairs * 5 // shard_bytes))


def _phrase_files(index: TermIndex, buckets: int) -> Iterator[tuple[int, list[int]]]:
    key, documents = index.phrase_key, index.phrase_document
    if not len(key):
        return
    # Work on distinct fingerprints, a few buckets at a time: reordering every pair at once
    # held the largest arrays of the whole build (gigabytes at 100,000 statements).
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    counts = np.diff(np.append(starts, len(key)))
    bucket = pair_bucket(key[starts], buckets)
    order = np.argsort(bucket, kind="stable")  # by file, each file's keys in key order
    bucket = bucket[order]
    # Chunks end where a file ends, each holding about _PHRASE_CHUNK pairs.
    file_ends = np.append(np.flatnonzero(np.diff(bucket)) + 1, len(order))
    rows_before = np.concatenate(([0], np.cumsum(counts[order])))
    chunk_ends, first = [], 0
    for end in file_ends.tolist():
        if rows_before[end] - rows_before[first] >= _PHRASE_CHUNK or end == len(order):
            chunk_ends.append(end)
            first = end
    first = 0
    for end in chunk_ends:
        keys_here = order[first:end]
        key_starts, key_counts = starts[keys_here], counts[keys_here]
        # Each key's documents, then the (key, count) header before them.
        offsets = np.cumsum(key_counts) - key_counts
        deltas = group_deltas(documents[consecutive_ranges(key_starts, key_counts)], offsets)
        header_values = np.empty(len(keys_here) * 2, dtype=np.int64)
        header_values[0::2] = key[key_starts].astype(np.int64)
        header_values[1::2] = key_counts
        flat = np.insert(deltas, np.repeat(offsets, 2), header_values)
        flat_bucket = np.repeat(bucket[first:end], key_counts + 2)
        cuts = np.flatnonzero(np.diff(flat_bucket)) + 1
        for part, numbers in zip(np.split(flat, cuts), np.split(flat_bucket, cuts), strict=True):
            yield int(numbers[0]), part.tolist()
        first = end


#: The search page's filters, in facets.js's order.
FACET_NAMES = ("speaker", "country", "resolution", "type", "topic")


def statement_facets(statement: Statement) -> tuple[set[str], ...]:
    """A statement's values of each facet of `FACET_NAMES`."""
    return (
        {s.name for s in statement.speakers},
        set(statement.countries),
        {str(r) for r in statement.resolutions},
        {statement.doc_type_label},
        set(statement.topics),
    )


def facet_order(by_value: Mapping[str, Sized]) -> list[str]:
    """A facet's values as facets.js lists them: those of the most statements first."""
    return sorted(by_value, key=lambda v: (-len(by_value[v]), v))


def facet_data(statements: list[Statement]) -> dict[str, dict]:
    """For each facet, its values and, per value, the statement numbers (delta-coded)."""
    facets: dict[str, dict[str, list[int]]] = {name: {} for name in FACET_NAMES}
    for number, statement in enumerate(statements):
        for name, found in zip(FACET_NAMES, statement_facets(statement), strict=True):
            for value in found:
                facets[name].setdefault(value, []).append(number)
    out: dict[str, dict] = {}
    for facet, by_value in facets.items():
        names = facet_order(by_value)
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


def fragment_pack(number: int) -> int:
    """The fragment file holding the statement numbered `number` in the archive's order."""
    return number // FRAGMENTS_PER_FILE


def pack_range(pack: int, statements: int) -> range:
    """The statement numbers of fragment file `pack`, in an archive of `statements`."""
    return range(pack * FRAGMENTS_PER_FILE, min((pack + 1) * FRAGMENTS_PER_FILE, statements))


def fragment_file(pack: int, statements: Sequence[Statement]) -> SiteFile:
    """Fragment file `pack` of the archive's `statements` (all of them, in order): the result
    entries of those numbered in `pack_range`."""
    numbers = pack_range(pack, len(statements))
    entries = [fragment(statements[number]) for number in numbers]
    return SiteFile(f"{INDEX_DIR}f/{pack}.js", search_script("f", pack, entries))


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
    workers: int = 2,
    analyses: Analyses | None = None,
    with_fragments: bool = True,
    store: Callable[[Analyses], None] | None = None,
    shard_bytes: int = SHARD_BYTES,
) -> Iterator[SiteFile]:
    """Every search file of the site; `statements` in the archive's order (oldest first).
    `analyses`, `store`: see `compute_index`. Without fragments, the caller makes each statement's
    with `fragment_file` (an incremental build remembers them by statement)."""
    yield SiteFile("static/search/lunr.min.js", lunr_script(project_root))
    index = compute_index(
        SearchDocuments(statements, people, resolutions), workers, analyses, store
    )
    term_starts: list[str] = []
    for number, (first, shard) in enumerate(term_shards(index, shard_bytes)):
        term_starts.append(first)
        yield SiteFile(f"{INDEX_DIR}t/{number}.js", search_script("t", number, shard_list(shard)))
    phrase_buckets, phrase_files = phrase_shards(index, shard_bytes)
    for number, flat in phrase_files:
        yield SiteFile(f"{INDEX_DIR}p/{number}.js", search_script("p", number, flat))
    by_length: dict[int, list[str]] = {}
    for term in index.terms:
        by_length.setdefault(len(term), []).append(term)
    for length, terms in sorted(by_length.items()):
        yield SiteFile(f"{INDEX_DIR}w/{length}.js", search_script("w", length, terms))
    facets = search_script("facets", 0, facet_data(statements))
    yield SiteFile(f"{INDEX_DIR}facets.js", facets)
    if with_fragments:
        for pack in range(fragment_pack(len(statements) - 1) + 1 if statements else 0):
            yield fragment_file(pack, statements)
    yield manifest_file(
        index.document_count,
        term_starts,
        phrase_buckets,
        sorted(by_length),
        year_ranges(statements),
        len(facets),
        spelling_equivalents(people),
    )


def spelling_equivalents(people: PeopleDirectory) -> dict[str, list[str]]:
    """Index term -> the terms other spellings of a curated name put in its place ("choi" ->
    ["choe"], "choe" -> ["choi"]), word by word among spellings with as many words: the search
    page highlights and picks snippets by them when a query names someone in another spelling.
    """
    pairs: dict[str, set[str]] = {}
    for person in sorted(people.people.values(), key=lambda p: p.id):
        spellings = [
            [t for t in map(analyse_word, _SEPARATORS.split(name.lower())) if t]
            for name in (person.name, *person.aliases)
        ]
        for spelling in spellings:
            for other in spellings:
                if len(spelling) != len(other):
                    continue
                for mine, theirs in zip(spelling, other, strict=True):
                    # "Kono Taro" is "Taro Kono" in the other order, not another spelling.
                    if theirs not in spelling and mine not in other:
                        pairs.setdefault(mine, set()).add(theirs)
    return {term: sorted(pairs[term]) for term in sorted(pairs)}


def manifest_file(
    documents: int,
    term_starts: list[str],
    phrase_files: int,
    lengths: list[int],
    years: list[list[int | None]],
    facets_bytes: int,
    equivalents: dict[str, list[str]] | None = None,
) -> SiteFile:
    """search/index/manifest.js: what a query needs to know before it loads anything else."""
    manifest = {
        "version": FORMAT_VERSION,
        "fields": FIELD_NAMES,
        "documents": documents,
        "terms": term_starts,
        "phraseFiles": phrase_files,
        "lengths": lengths,
        "years": years,
        "fragmentsPerFile": FRAGMENTS_PER_FILE,
        "facetsOnDemand": facets_bytes > FACETS_EAGER_BYTES,
        "variants": VARIANTS,
        "equivalents": equivalents or {},
    }
    return SiteFile(f"{INDEX_DIR}manifest.js", search_script("manifest", 0, manifest))
