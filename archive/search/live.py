"""The search index kept in memory by `serve` and brought up to date in place when statements
are edited or added after the last: only those statements' postings and term pairs change,
every weight is weighed again (BM25's averages and idf move with any edit, and idf with the
number of statements), and only the terms, term shards and phrase files whose text changed
are encoded again.

After any sequence of updates the files are exactly those `build_search_index` writes for the
statements as they are now (lunr.min.js and the fragments aside), byte for byte.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) uses

import numpy as np

from archive.model import PeopleDirectory, Resolution, SiteFile, Statement
from archive.search.index import (
    FACET_NAMES,
    FIELD_NAMES,
    FIELDS,
    INDEX_DIR,
    SHARD_BYTES,
    Analyses,
    Analyzer,
    SearchDocuments,
    TermIndex,
    compute_index,
    consecutive_ranges,
    facet_order,
    group_deltas,
    js_order,
    lunr_weights,
    manifest_file,
    pair_bucket,
    pair_keys,
    phrase_file_count,
    script_escaped,
    script_of_json,
    search_document,
    search_script,
    shard_starts,
    spelling_equivalents,
    statement_facets,
    term_hash,
    year_ranges,
)

_FIELD_COUNT = len(FIELDS)
#: 10, 100, ...: a non-negative number has as many digits as powers it reaches, plus one.
_POWERS = 10 ** np.arange(1, 19, dtype=np.int64)
#: Postings or pairs encoded at a time: encoding them takes arrays of about 100 bytes a row.
_ROWS_AT_ONCE = 1 << 18
#: Numbers `_numbers_text` writes at a time (its arrays then take a few megabytes).
_NUMBERS_BLOCK = 1 << 18
#: What JSON escapes in a string (json.dumps(ensure_ascii=False)); `script_escaped`, "</".
_ESCAPED = re.compile(r'[\x00-\x1f"\\]')


@dataclass
class SearchChanges:
    """What an update did to the search files: every file whose bytes changed (or that is new),
    with its new bytes, and the paths of files the index no longer has."""

    files: list[SiteFile]
    removed: list[str]


@dataclass
class _Analysis:
    """One statement as the index sees it: per field its distinct term numbers (the analyzer's
    numbering) and their counts, its words per field, and the fingerprints of its pairs."""

    numbers: list[np.ndarray]
    counts: list[np.ndarray]
    lengths: list[int]
    fingerprints: np.ndarray


class LiveSearchIndex:
    """The search index of a collection whose statements are edited in place (same numbering)
    or added after the last one. Not thread-safe: one thread calls `update` at a time; what
    it returns is new objects only, so another thread may serve the files it returned earlier
    meanwhile."""

    def __init__(
        self,
        statements: list[Statement],
        people: PeopleDirectory,
        resolutions: dict[int, Resolution],
        index: TermIndex,
        words: dict[str, str | None],
        shard_bytes: int,
    ) -> None:
        """Use `of`; this takes `index` over (and empties its pair arrays)."""
        assert index.tf is not None and index.lengths is not None and index.hashes is not None
        self._statements = statements
        self._people = people
        self._resolutions = resolutions
        self._shard_bytes = shard_bytes
        self._count = index.document_count
        # Terms by rank (JavaScript order), and the analyzer's numbering of them; the analyzer
        # numbers new terms after the rest, so a rank is looked up through `_rank_of`.
        self._analyzer = Analyzer(words, list(index.terms))
        self._terms: list[str] = list(index.terms)
        self._term_length = np.array([len(term) for term in self._terms], dtype=np.int64)
        self._number_of_rank = np.arange(len(self._terms), dtype=np.int64)
        self._rank_of = np.arange(len(self._terms), dtype=np.int64)
        self._hash_of = np.asarray(index.hashes, dtype=np.uint32)
        # Postings sorted by (rank, field, statement), as `TermIndex`'s rows.
        self._term = index.term.astype(np.int32, copy=False)
        self._field = index.field
        self._document = index.document
        self._tf = index.tf.astype(np.int32, copy=False)
        self._weight = index.weight
        self._lengths = np.array(index.lengths, dtype=np.int64)
        self._texts: list[str] = self._term_texts(np.arange(len(self._terms)))
        self._shard_starts: list[int] = self._cut_shards()
        # Pairs sorted by (phrase file, fingerprint, statement); `_bucket_start[b]` is where
        # file b's rows begin, so that a file is a range.
        self._buckets = phrase_file_count(len(index.phrase_key), shard_bytes)
        bucket = pair_bucket(index.phrase_key, self._buckets)
        self._bucket_start = _starts(np.bincount(bucket, minlength=self._buckets))
        order = np.argsort(bucket, kind="stable")  # rows were in (fingerprint, statement) order
        del bucket
        # The index's arrays are let go as soon as copied (`of` made it for this alone).
        self._pair_key = index.phrase_key[order]
        index.phrase_key = np.zeros(0, np.uint32)
        self._pair_document = index.phrase_document[order]
        index.phrase_document = np.zeros(0, np.int32)
        del order
        self._facet_numbers = _FacetNumbers(statements)
        self._facets = self._facet_numbers.script()
        self._years = year_ranges(statements)
        # What the facets and years were made of, kept apart from the statements: a caller
        # may change a statement object in place before it tells of the edit.
        self._facet_key = [_facet_key(statement_facets(s)) for s in statements]
        self._year_of = [statement.date.year for statement in statements]
        self._manifest = b""
        # Of every file but the term shards: those rebuilt always have new bytes (they hold a
        # term whose entry changed, or other terms).
        self._digests = {f.path: _digest(f.content) for f in self._other_files()}

    @classmethod
    def of(
        cls,
        statements: list[Statement],
        people: PeopleDirectory,
        resolutions: dict[int, Resolution],
        analyses: Analyses | None = None,
        shard_bytes: int = SHARD_BYTES,
    ) -> LiveSearchIndex:
        """The index of `statements` (in the archive's order). `analyses` (the last build's)
        spares tokenising the statements it holds; it is not changed."""
        own = Analyses()
        if analyses is not None:
            own = dataclasses.replace(analyses, words=dict(analyses.words))
        statements = list(statements)
        documents = SearchDocuments(statements, people, resolutions)
        index = compute_index(documents, 1, own, keep_counts=True)
        return cls(statements, people, resolutions, index, own.words, shard_bytes)

    # -----------------------------------------------------------------------------------------
    # The whole set of files

    def files(self) -> list[SiteFile]:
        """Every search file as the index stands (what `build_search_index` writes, without
        lunr.min.js and the fragments)."""
        return list(self._all_files())

    def _all_files(self) -> Iterator[SiteFile]:
        for number in range(len(self._shard_starts)):
            yield self._term_shard(number)
        yield from self._other_files()

    def _other_files(self) -> Iterator[SiteFile]:
        yield from self._phrase_files(np.arange(self._buckets))
        for length in self._present_lengths():
            yield self._words_file(length)
        yield SiteFile(f"{INDEX_DIR}facets.js", self._facets)
        self._manifest = self._manifest_bytes()
        yield SiteFile(f"{INDEX_DIR}manifest.js", self._manifest)

    # -----------------------------------------------------------------------------------------
    # Updates

    def update(self, edited: Mapping[int, Statement]) -> SearchChanges:
        """Replace the statements numbered as `edited`'s keys (their positions in the archive's
        order, which an edit keeps), and add those numbered from the current count on, after
        the last (`count`, `count + 1`, ...: the newest, in the archive's order); the files
        that changed since the last update (or `of`). An added statement moves the idf of
        every term and adds to the pairs of many fingerprints: nearly every term shard and
        a good part of the phrase files change (580 files of 850 at 10,000 statements).

        Raises IndexError for a negative number and ValueError for new numbers that do not
        follow on from the count, before changing anything; if it raises later, the index is
        half updated: make it again with `of`."""
        numbers = sorted(edited)
        count = self._count
        if numbers and numbers[0] < 0:
            raise IndexError(f"no statement numbered {numbers[0]} (of {count})")
        appended = [number for number in numbers if number >= count]
        if appended != list(range(count, count + len(appended))):
            raise ValueError(
                f"new statements must be numbered from {count} on without a gap, "
                f"not {', '.join(map(str, appended))}"
            )
        if not numbers:
            return SearchChanges([], [])
        analyses = [self._analyse(number, edited[number]) for number in numbers]
        for number in numbers:
            if number < count:
                self._statements[number] = edited[number]
            else:
                self._statements.append(edited[number])
        self._count += len(appended)
        self._lengths = np.concatenate(
            (self._lengths, np.zeros((len(appended), _FIELD_COUNT), dtype=np.int64))
        )
        changed: list[SiteFile] = []
        removed: list[str] = []
        replaced = numbers[: len(numbers) - len(appended)]
        self._update_terms(numbers, replaced, analyses, changed, removed)
        self._update_phrases(numbers, replaced, analyses, changed, removed)
        self._update_facets(numbers, edited, count, changed)
        self._update_years(numbers, edited, count)
        manifest = self._manifest_bytes()
        if manifest != self._manifest:
            self._manifest = manifest
            self._keep(SiteFile(f"{INDEX_DIR}manifest.js", manifest), changed)
        return SearchChanges(changed, removed)

    def _update_facets(
        self,
        numbers: list[int],
        edited: Mapping[int, Statement],
        count: int,
        changed: list[SiteFile],
    ) -> None:
        """facets.js again if a statement was added or changed any of its facet values."""
        facets = {number: statement_facets(edited[number]) for number in numbers}
        keys = {number: _facet_key(values) for number, values in facets.items()}
        moved = [n for n in numbers if n >= count or self._facet_key[n] != keys[n]]
        if not moved:
            return
        for number in moved:
            if number < count:
                self._facet_key[number] = keys[number]
            else:
                self._facet_key.append(keys[number])
            self._facet_numbers.set(number, facets[number])
        self._facets = self._facet_numbers.script()
        self._keep(SiteFile(f"{INDEX_DIR}facets.js", self._facets), changed)

    def _update_years(
        self, numbers: list[int], edited: Mapping[int, Statement], count: int
    ) -> None:
        """The manifest's years: all again if an edit changed a year, else extended by the
        statements added (those of a year after the last open a range)."""
        years = {number: edited[number].date.year for number in numbers}
        if any(self._year_of[n] != years[n] for n in numbers if n < count):
            for number in numbers:
                if number < count:
                    self._year_of[number] = years[number]
                else:
                    self._year_of.append(years[number])
            self._years = year_ranges(self._statements)
            return
        for number in (n for n in numbers if n >= count):
            self._year_of.append(years[number])
            if not self._years or self._years[-1][0] != years[number]:
                self._years.append([years[number], number])

    def _analyse(self, number: int, statement: Statement) -> _Analysis:
        document = search_document(number, statement, self._people, self._resolutions)
        numbers, counts, lengths, pairs = [], [], [], []
        for name in FIELD_NAMES:
            found = self._analyzer.term_array(document[name])
            lengths.append(len(found))
            unique, tf = np.unique(found, return_counts=True)
            numbers.append(unique)
            counts.append(tf)
            if name != "speaker" and len(found) > 1:
                pairs.append((found[:-1], found[1:]))
        self._grow()
        hashes = self._hash_of
        fingerprints = [pair_keys(hashes[first], hashes[second]) for first, second in pairs]
        unique_fingerprints = (
            np.unique(np.concatenate(fingerprints)) if fingerprints else np.zeros(0, np.uint32)
        )
        return _Analysis(numbers, counts, lengths, unique_fingerprints.astype(np.uint32))

    def _grow(self) -> None:
        """Room in the per-term-number arrays for the terms the analyzer met since."""
        known = len(self._analyzer.terms)
        if known > len(self._rank_of):
            fresh = self._analyzer.terms[len(self._rank_of) :]
            self._rank_of = np.concatenate((self._rank_of, np.full(len(fresh), -1, np.int64)))
            self._hash_of = np.concatenate(
                (self._hash_of, np.array([term_hash(t) for t in fresh], dtype=np.uint32))
            )

    def _update_terms(
        self,
        numbers: list[int],
        replaced: list[int],
        analyses: list[_Analysis],
        changed: list[SiteFile],
        removed: list[str],
    ) -> None:
        """`numbers`: the statements analysed, of which `replaced` were in the index before."""
        before = [self._shard_range(n) for n in range(len(self._shard_starts))]
        term, field, document = self._term, self._field, self._document
        tf, earlier_weight = self._tf, self._weight
        touched = np.zeros(0, dtype=term.dtype)
        if replaced:
            gone = np.isin(document, replaced)
            touched = np.unique(term[gone])
            kept = ~gone
            term, field, document = term[kept], field[kept], document[kept]
            tf, earlier_weight = tf[kept], earlier_weight[kept]
            del gone, kept

        new_number, new_field, new_document, new_tf = _rows(numbers, analyses)
        new_rank = self._rank_of[new_number]
        added = np.unique(new_number[new_rank < 0])
        # A term vanishes when no row is left of it, here or in the edited statements.
        wanted = touched.astype(term.dtype)  # of the array's type, or it is copied to search
        left = np.searchsorted(term, wanted, "right") - np.searchsorted(term, wanted)
        vanished = touched[(left == 0) & ~np.isin(touched, new_rank)]
        lengths_before = set(self._term_length[vanished].tolist())
        if len(vanished) or len(added):
            old_to_new = self._renumber(vanished, added)
            term = old_to_new[term].astype(np.int32)
            touched = old_to_new[touched]
            touched = touched[touched >= 0]
            new_rank = self._rank_of[new_number]
        for number, analysis in zip(numbers, analyses, strict=True):
            self._lengths[number] = analysis.lengths

        # The new rows go where they sort; rows are in (rank, field, statement) order.
        order = np.lexsort((new_document, new_field, new_rank))
        new_rank, new_field = new_rank[order].astype(np.int32), new_field[order]
        new_document, new_tf = new_document[order], new_tf[order]
        at = np.searchsorted(
            self._row_keys(term, field, document), self._row_keys(new_rank, new_field, new_document)
        )
        self._term = np.insert(term, at, new_rank)
        self._field = np.insert(field, at, new_field)
        self._document = np.insert(document, at, new_document)
        self._tf = np.insert(tf, at, new_tf)
        self._weight = lunr_weights(
            self._term,
            self._field,
            self._document,
            self._tf,
            self._lengths,
            self._count,
            len(self._terms),
        )
        inserted = np.zeros(len(self._term), dtype=bool)
        inserted[at + np.arange(len(at))] = True
        # Terms marked rather than `np.unique`d: sorting the reweighed rows took 10 ms.
        marked = np.zeros(len(self._terms), dtype=bool)
        marked[self._term[~inserted][self._weight[~inserted] != earlier_weight]] = True
        marked[touched] = True
        marked[new_rank] = True
        dirty = np.flatnonzero(marked)

        texts = self._term_texts(dirty)
        really = []
        for rank, text in zip(dirty.tolist(), texts, strict=True):
            if self._texts[rank] != text:
                self._texts[rank] = text
                really.append(rank)

        # Shards: those holding a changed term and those whose range of terms moved.
        self._shard_starts = self._cut_shards()
        count = len(self._shard_starts)
        rebuild = set(
            (np.searchsorted(self._shard_starts, np.array(really, dtype=np.int64), "right") - 1)
            .astype(int)
            .tolist()
        )
        for number in range(count):
            if number >= len(before) or before[number] != self._shard_range(number):
                rebuild.add(number)
        for number in sorted(rebuild):
            changed.append(self._term_shard(number))
        for number in range(count, len(before)):
            removed.append(f"{INDEX_DIR}t/{number}.js")

        lengths = lengths_before | set(self._term_length[self._rank_of[added]].tolist())
        present = set(self._present_lengths())
        for length in sorted(lengths):
            if length in present:
                self._keep(self._words_file(length), changed)
            else:
                removed.append(self._forget(f"{INDEX_DIR}w/{length}.js"))

    def _renumber(self, vanished: np.ndarray, added: np.ndarray) -> np.ndarray:
        """Drop the `vanished` ranks, add the terms numbered `added` (the analyzer's numbers)
        where they sort; the new rank of each old rank (-1 for a vanished one)."""
        count = len(self._terms)
        for rank in sorted(vanished.tolist(), reverse=True):
            del self._terms[rank], self._texts[rank]
        survivors = np.ones(count, dtype=bool)
        survivors[vanished] = False
        fresh = sorted(
            ((js_order(self._analyzer.terms[n]), n) for n in added.tolist()), key=lambda p: p[0]
        )
        positions = np.array(
            [bisect.bisect_left(self._terms, key, key=js_order) for key, _ in fresh], np.int64
        )
        for i, ((_, number), position) in enumerate(zip(fresh, positions.tolist(), strict=True)):
            self._terms.insert(position + i, self._analyzer.terms[number])
            self._texts.insert(position + i, "")
        kept = np.arange(int(survivors.sum()), dtype=np.int64)
        kept_rank = kept + np.searchsorted(positions, kept, side="right")
        fresh_rank = positions + np.arange(len(fresh), dtype=np.int64)
        old_to_new = np.full(count, -1, dtype=np.int64)
        old_to_new[survivors] = kept_rank

        number_of_rank = np.empty(len(self._terms), dtype=np.int64)
        number_of_rank[kept_rank] = self._number_of_rank[survivors]
        number_of_rank[fresh_rank] = [number for _, number in fresh]
        self._number_of_rank = number_of_rank
        term_length = np.empty(len(self._terms), dtype=np.int64)
        term_length[kept_rank] = self._term_length[survivors]
        term_length[fresh_rank] = [len(self._terms[r]) for r in fresh_rank.tolist()]
        self._term_length = term_length
        self._rank_of[:] = -1
        self._rank_of[number_of_rank] = np.arange(len(number_of_rank))
        return old_to_new

    def _row_keys(self, term: np.ndarray, field: np.ndarray, document: np.ndarray) -> np.ndarray:
        """One number per row that sorts as (rank, field, statement)."""
        keys = term.astype(np.int64) * _FIELD_COUNT
        keys += field
        keys *= self._count
        keys += document
        return keys

    def _update_phrases(
        self,
        numbers: list[int],
        replaced: list[int],
        analyses: list[_Analysis],
        changed: list[SiteFile],
        removed: list[str],
    ) -> None:
        """`numbers`: the statements analysed, of which `replaced` were in the index before."""
        key, document = self._pair_key, self._pair_document
        gone_key, gone_document = key[:0], document[:0]
        if replaced:
            gone = np.isin(document, replaced)
            gone_key, gone_document = key[gone], document[gone]
            key, document = key[~gone], document[~gone]
            del gone
        # Only fingerprints a statement gained or lost have a different list of statements.
        moved = [
            np.setxor1d(gone_key[gone_document == number], analysis.fingerprints)
            for number, analysis in zip(numbers, analyses, strict=True)
        ]
        new_key = np.concatenate([a.fingerprints for a in analyses]).astype(np.uint32)
        new_document = np.repeat(
            np.array(numbers, dtype=np.int32), [len(a.fingerprints) for a in analyses]
        )
        total = len(key) + len(new_key)
        buckets = phrase_file_count(total, self._shard_bytes)
        if buckets != self._buckets:
            # Every fingerprint may move to another file: sort the table afresh.
            key = np.concatenate((key, new_key))
            document = np.concatenate((document, new_document))
            bucket = pair_bucket(key, buckets)
            order = np.lexsort((document, key, bucket))
            self._pair_key, self._pair_document = key[order], document[order]
            self._bucket_start = _starts(np.bincount(bucket, minlength=buckets))
            before = self._buckets
            self._buckets = buckets
            self._keep_phrase_files(np.arange(max(before, buckets)), changed, removed)
            return

        sizes = np.diff(self._bucket_start)
        sizes -= np.bincount(pair_bucket(gone_key, buckets), minlength=buckets)
        bucket_start = _starts(sizes)
        new_bucket = pair_bucket(new_key, buckets)
        order = np.lexsort((new_document, new_key, new_bucket))
        new_key, new_document, new_bucket = new_key[order], new_document[order], new_bucket[order]
        at = np.empty(len(new_key), dtype=np.int64)
        edges = np.flatnonzero(np.diff(new_bucket, prepend=-1, append=-1))
        for first, end in zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True):
            b = int(new_bucket[first])
            low, high = int(bucket_start[b]), int(bucket_start[b + 1])
            here = _pair_order(key[low:high], document[low:high])
            wanted = _pair_order(new_key[first:end], new_document[first:end])
            at[first:end] = low + np.searchsorted(here, wanted)
        self._pair_key = np.insert(key, at, new_key)
        self._pair_document = np.insert(document, at, new_document)
        sizes += np.bincount(new_bucket, minlength=buckets)
        self._bucket_start = _starts(sizes)
        dirty = np.unique(pair_bucket(np.concatenate(moved).astype(np.uint32), buckets))
        self._keep_phrase_files(dirty, changed, removed)

    def _keep_phrase_files(
        self, numbers: np.ndarray, changed: list[SiteFile], removed: list[str]
    ) -> None:
        """Write the phrase files `numbers` again; those that hold no pair now are removed."""
        written = self._phrase_files(numbers[numbers < self._buckets])
        for site_file in written:
            self._keep(site_file, changed)
        paths = {f.path for f in written}
        for number in numbers.tolist():
            path = f"{INDEX_DIR}p/{number}.js"
            if path not in paths and path in self._digests:
                removed.append(self._forget(path))

    # -----------------------------------------------------------------------------------------
    # Encoding

    def _term_texts(self, ranks: np.ndarray) -> list[str]:
        """Each term's entry in its shard, ``"term",[postings per field or 0]``, as JSON (see
        `shard_list`)."""
        ranks = np.asarray(ranks, dtype=np.int64)
        wanted = ranks.astype(self._term.dtype)  # of the array's type, or it is copied to search
        first_row = np.searchsorted(self._term, wanted)  # rows are sorted by term
        sizes = np.searchsorted(self._term, wanted, "right") - first_row
        texts = []
        for first, end in _chunks(sizes, _ROWS_AT_ONCE):
            texts.extend(
                self._some_term_texts(ranks[first:end], first_row[first:end], sizes[first:end])
            )
        return texts

    def _some_term_texts(
        self, ranks: np.ndarray, first_row: np.ndarray, sizes: np.ndarray
    ) -> list[str]:
        rows = consecutive_ranges(first_row, sizes)
        term, field = self._term[rows], self._field[rows]
        new_term = np.concatenate(([True], np.diff(term) != 0))
        group_start = np.flatnonzero(new_term | np.concatenate(([True], np.diff(field) != 0)))
        flat = np.empty(2 * len(rows), dtype=np.int64)
        flat[0::2] = group_deltas(self._document[rows], group_start)
        flat[1::2] = self._weight[rows]
        # What follows each number: a comma, or, after a field's last weight, the brackets
        # and the 0s of absent fields up to the next field's list or to the term's end.
        group_end = np.append(group_start[1:], len(rows))
        group_field = field[group_start].astype(np.int64)
        last_of_term = np.append(new_term[group_start[1:]], True)
        next_field = np.append(group_field[1:], 0)
        after = np.zeros(len(flat), dtype=np.int64)
        after[2 * group_end - 1] = np.where(
            last_of_term,
            _LAST_FIELD + (_FIELD_COUNT - 1 - group_field),
            _NEXT_FIELD + (next_field - group_field - 1),
        )
        text, offsets = _numbers_text(flat, after)
        term_rows = np.flatnonzero(new_term)
        text_start = offsets[2 * term_rows].tolist()
        text_end = np.append(offsets[2 * term_rows[1:]], offsets[-1]).tolist()
        leads = [_OPENING[f] for f in field[term_rows].tolist()]
        terms = self._terms
        return [
            # Only a term can hold "</" (escaped here, so that whole shards need no pass).
            f"{script_escaped(encode_basestring(terms[rank]))},[{lead}{text[start:end]}"
            for rank, lead, start, end in zip(
                ranks.tolist(), leads, text_start, text_end, strict=True
            )
        ]

    def _cut_shards(self) -> list[int]:
        if not len(self._terms):
            return []
        rows = np.bincount(self._term, minlength=len(self._terms))
        group_start = np.flatnonzero(
            np.concatenate(([True], (np.diff(self._term) != 0) | (np.diff(self._field) != 0)))
        )
        groups = np.bincount(self._term[group_start], minlength=len(self._terms))
        return shard_starts(8 * rows + groups * (8 + self._term_length), self._shard_bytes)

    def _shard_range(self, number: int) -> tuple[str, str, int]:
        """What a term shard holds: its first and last terms and how many."""
        first = self._shard_starts[number]
        starts = self._shard_starts
        end = starts[number + 1] if number + 1 < len(starts) else len(self._terms)
        return self._terms[first], self._terms[end - 1], end - first

    def _term_shard(self, number: int) -> SiteFile:
        starts = self._shard_starts
        end = starts[number + 1] if number + 1 < len(starts) else len(self._terms)
        payload = "[" + ",".join(self._texts[starts[number] : end]) + "]"
        return SiteFile(
            f"{INDEX_DIR}t/{number}.js", script_of_json("t", number, payload, escaped=True)
        )

    def _phrase_files(self, buckets: np.ndarray) -> list[SiteFile]:
        """The phrase files of `buckets` that hold any pair (as `phrase_shards` writes them)."""
        start = self._bucket_start
        buckets = np.asarray(buckets, dtype=np.int64)
        sizes = start[buckets + 1] - start[buckets]
        buckets, sizes = buckets[sizes > 0], sizes[sizes > 0]
        files = []
        for first, end in _chunks(sizes, _ROWS_AT_ONCE):
            files.extend(self._some_phrase_files(buckets[first:end], sizes[first:end]))
        return files

    def _some_phrase_files(self, buckets: np.ndarray, sizes: np.ndarray) -> list[SiteFile]:
        start = self._bucket_start
        rows = consecutive_ranges(start[buckets], sizes)
        key, document = self._pair_key[rows].astype(np.int64), self._pair_document[rows]
        row_bucket = np.repeat(buckets, sizes)
        group_start = np.flatnonzero(
            np.concatenate(([True], (np.diff(key) != 0) | (np.diff(row_bucket) != 0)))
        )
        counts = np.diff(np.append(group_start, len(rows)))
        # Each fingerprint's key and count, then its statements: the headers are two places
        # further on for each fingerprint before (placed directly: np.insert took 7 ms).
        header = group_start + 2 * np.arange(len(group_start))
        flat = np.empty(len(rows) + 2 * len(group_start), dtype=np.int64)
        flat[header] = key[group_start]
        flat[header + 1] = counts
        is_row = np.ones(len(flat), dtype=bool)
        is_row[header] = is_row[header + 1] = False
        flat[is_row] = group_deltas(document, group_start)
        # Where each file's numbers begin in `flat`: its rows and two per fingerprint before.
        file_groups = np.bincount(
            np.searchsorted(buckets, row_bucket[group_start]), minlength=len(buckets)
        )
        file_start = _starts(sizes + 2 * file_groups)
        after = np.zeros(len(flat), dtype=np.int64)
        after[file_start[1:] - 1] = _NOTHING
        text, offsets = _numbers_text(flat, after)
        char_start = offsets[file_start].tolist()
        files = []
        for i, number in enumerate(buckets.tolist()):
            payload = f"[{text[char_start[i] : char_start[i + 1]]}]"
            script = script_of_json("p", number, payload, escaped=True)  # numbers only
            files.append(SiteFile(f"{INDEX_DIR}p/{number}.js", script))
        return files

    def _present_lengths(self) -> list[int]:
        return np.flatnonzero(np.bincount(self._term_length)).tolist()

    def _words_file(self, length: int) -> SiteFile:
        ranks = np.flatnonzero(self._term_length == length).tolist()
        terms = list(map(self._terms.__getitem__, ranks))  # no Python call per term
        path = f"{INDEX_DIR}w/{length}.js"
        together = "".join(terms)
        if _ESCAPED.search(together) or "</" in together:  # (no alternation: 3 times faster)
            return SiteFile(path, search_script("w", length, terms))
        # No term needs escaping (nearly always): the JSON list is a join, 3 times faster.
        return SiteFile(path, script_of_json("w", length, '["' + '","'.join(terms) + '"]', True))

    def _manifest_bytes(self) -> bytes:
        return manifest_file(
            self._count,
            [self._terms[r] for r in self._shard_starts],
            self._buckets,
            self._present_lengths(),
            self._years,
            len(self._facets),
            spelling_equivalents(self._people),
        ).content

    # -----------------------------------------------------------------------------------------
    # What the files are now

    def _keep(self, site_file: SiteFile, changed: list[SiteFile]) -> None:
        """Note `site_file` as the file at its path, and as changed if its bytes are new."""
        digest = _digest(site_file.content)
        if self._digests.get(site_file.path) != digest:
            self._digests[site_file.path] = digest
            changed.append(site_file)

    def _forget(self, path: str) -> str:
        del self._digests[path]
        return path


def _rows(
    numbers: list[int], analyses: list[_Analysis]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The postings of analysed statements: term numbers, fields, statements, counts."""
    term, field, document, tf = [], [], [], []
    for number, analysis in zip(numbers, analyses, strict=True):
        for f, (found, counts) in enumerate(zip(analysis.numbers, analysis.counts, strict=True)):
            term.append(found)
            tf.append(counts)
            field.append(np.full(len(found), f, dtype=np.int8))
            document.append(np.full(len(found), number, dtype=np.int32))
    return (
        np.concatenate(term).astype(np.int64),
        np.concatenate(field),
        np.concatenate(document),
        np.concatenate(tf).astype(np.int32),
    )


def _pair_order(key: np.ndarray, document: np.ndarray) -> np.ndarray:
    """One number per pair that sorts as (fingerprint, statement)."""
    return (key.astype(np.uint64) << np.uint64(32)) | document.astype(np.uint64)


def _chunks(sizes: np.ndarray, limit: int) -> list[tuple[int, int]]:
    """Consecutive ranges of items holding about `limit` in all (at least one item each)."""
    totals = np.cumsum(sizes)
    chunks, first = [], 0
    while first < len(sizes):
        before = int(totals[first - 1]) if first else 0
        end = max(first + 1, int(np.searchsorted(totals, before + limit, side="right")))
        chunks.append((first, end))
        first = end
    return chunks


def _starts(sizes: np.ndarray) -> np.ndarray:
    """Where each of consecutive ranges of `sizes` begins, and the end of the last."""
    starts = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=starts[1:])
    return starts


def _numbers_text(values: np.ndarray, after: np.ndarray) -> tuple[str, np.ndarray]:
    """`values` (integers) as JSON numbers, each followed by ``_AFTER[after[i]]``, in one
    text, and the offset in it where each begins (and, last, the text's length).

    Each number is an 8-byte entry from a table (two for one of more than five digits, one
    more for what follows it unless a comma), and the entries' empty bytes are dropped: four
    times faster than json.dumps on a list, and this is most of an update's work when an edit
    moves the weights of many terms.
    """
    if not len(values):
        return "", np.zeros(1, dtype=np.int64)
    if int(values.min()) < 0 or int(values.max()) >= _BASE**2:
        pieces = [f"{v}{_AFTER[a]}" for v, a in zip(values.tolist(), after.tolist(), strict=True)]
        return "".join(pieces), _starts([len(piece) for piece in pieces])
    widths = _AFTER_LENGTH[after]
    parts = []
    # In blocks that stay in the processor's cache: three times faster than all at once.
    for first in range(0, len(values), _NUMBERS_BLOCK):
        block = slice(first, first + _NUMBERS_BLOCK)
        text, digits = _number_bytes(values[block], after[block])
        parts.append(text)
        widths[block] += digits
    return b"".join(parts).decode("ascii"), _starts(widths)


def _number_bytes(values: np.ndarray, after: np.ndarray) -> tuple[bytes, np.ndarray]:
    """`_numbers_text` of a block, as bytes, and the digits of each number."""
    big = values >= _BASE
    low = values.copy()
    lead = np.zeros(0, dtype=np.int64)
    if big.any():  # divided only then: most blocks of term entries have no large number
        lead, low[big] = np.divmod(values[big], _BASE)
    digits = _DIGITS[low]
    digits[big] = 5 + _DIGITS[lead]
    tables = _number_tables().reshape(-1)  # indexed by table * _BASE + number: twice as fast
    comma = after == 0
    follows = ~comma & (after != _NOTHING)
    ends = np.cumsum(1 + big + follows)
    entries = np.empty(int(ends[-1]), dtype=np.uint64)
    last_digits = ends - 1 - follows
    entries[last_digits] = tables[(comma + 2 * big) * _BASE + low]
    entries[last_digits[big] - 1] = tables[lead]
    entries[ends[follows] - 1] = _AFTER_ENTRIES[after[follows]]
    # bytes.translate drops the padding twice as fast as a mask of the nonzero bytes.
    return entries.tobytes().translate(None, b"\0"), digits


@functools.cache
def _number_tables() -> np.ndarray:
    """For 0 to _BASE - 1, 8-byte entries (zero-padded): the number, the number and a comma,
    its five digits (as the end of a larger number), the five digits and a comma."""
    plain = [str(n) for n in range(_BASE)]
    padded = [f"{n:05d}" for n in range(_BASE)]
    return np.stack(
        [
            _entries(texts)
            for texts in (plain, [t + "," for t in plain], padded, [t + "," for t in padded])
        ]
    )


def _entries(texts: list[str]) -> np.ndarray:
    """Short ASCII texts as 8-byte entries, zero-padded."""
    return np.frombuffer(b"".join(t.encode("ascii").ljust(8, b"\0") for t in texts), np.uint64)


#: Numbers below it take one table entry.
_BASE = 100_000
_DIGITS = np.array([len(str(n)) for n in range(_BASE)], dtype=np.int64)
#: What may follow a number in a term's entry: a comma; at the end of the term's last
#: field (0, 1, 2 fields absent after it); before its next field (0 or 1 absent between).
#: In a phrase file: a comma, or nothing after a file's last number.
_AFTER = [
    ",",
    *("]" + ",0" * absent + "]" for absent in range(_FIELD_COUNT)),
    *("]," + "0," * absent + "[" for absent in range(_FIELD_COUNT - 1)),
    "",
]
_LAST_FIELD, _NEXT_FIELD, _NOTHING = 1, 1 + _FIELD_COUNT, len(_AFTER) - 1
_AFTER_ENTRIES = _entries(_AFTER)
_AFTER_LENGTH = np.array([len(text) for text in _AFTER], dtype=np.int64)
#: What opens a term's entry before its first field's list: the 0s of the fields before it.
_OPENING = ["0," * n + "[" for n in range(_FIELD_COUNT)]


def _facet_key(values: tuple[set[str], ...]) -> int:
    """A hash of a statement's `statement_facets` (64 bits: two values that differ share one
    once in 10^19 edits)."""
    return hash(tuple(frozenset(found) for found in values))


class _FacetNumbers:
    """The statement numbers of every value of every facet, changed in place as statements
    change their values or are added, and facets.js written from them as `facet_data` and
    `build_search_index` write it (remaking it from every statement took 50 ms at 10,000)."""

    def __init__(self, statements: list[Statement]) -> None:
        lists: list[dict[str, list[int]]] = [{} for _ in FACET_NAMES]
        for number, statement in enumerate(statements):
            for by_value, found in zip(lists, statement_facets(statement), strict=True):
                for value in found:
                    by_value.setdefault(value, []).append(number)
        #: Per facet, each value's statements, sorted; a value of none is dropped.
        self._numbers = [
            {value: np.array(found, dtype=np.int64) for value, found in by_value.items()}
            for by_value in lists
        ]

    def set(self, number: int, values: tuple[set[str], ...]) -> None:
        """Statement `number` has `values` now (`statement_facets`), whatever it had before."""
        for by_value, found in zip(self._numbers, values, strict=True):
            for value, numbers in list(by_value.items()):
                at = int(np.searchsorted(numbers, number))
                holds = at < len(numbers) and numbers[at] == number
                if holds and value not in found:
                    if len(numbers) == 1:
                        del by_value[value]
                    else:
                        by_value[value] = np.delete(numbers, at)
                elif not holds and value in found:
                    by_value[value] = np.insert(numbers, at, number)
            for value in found:
                if value not in by_value:
                    by_value[value] = np.array([number], dtype=np.int64)

    def script(self) -> bytes:
        """facets.js."""
        parts = []
        for name, by_value in zip(FACET_NAMES, self._numbers, strict=True):
            values = facet_order(by_value)
            names = ",".join(encode_basestring(value) for value in values)
            docs = _delta_lists([by_value[value] for value in values])
            parts.append(f'{encode_basestring(name)}:{{"values":[{names}],"docs":{docs}}}')
        return script_of_json("facets", 0, "{" + ",".join(parts) + "}")


def _delta_lists(lists: list[np.ndarray]) -> str:
    """Sorted numbers, each list delta-coded (its first number as it is), as a JSON list of
    lists; none is empty."""
    if not lists:
        return "[]"
    sizes = np.array([len(numbers) for numbers in lists], dtype=np.int64)
    starts = _starts(sizes)
    flat = group_deltas(np.concatenate(lists), starts[:-1])
    # A list's last number is followed by "],[" (the next list), the last one's by "]]".
    after = np.zeros(len(flat), dtype=np.int64)
    after[starts[1:] - 1] = _NEXT_FIELD
    after[-1] = _LAST_FIELD
    return "[[" + _numbers_text(flat, after)[0]


def _digest(content: bytes) -> bytes:
    return hashlib.blake2b(content, digest_size=16).digest()
