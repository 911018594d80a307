"""A reader's difference between two versions of a statement's text: which paragraphs were
added, removed or changed (with the words changed marked), the rest left out.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

#: Two paragraphs at least this alike are one paragraph changed, not one removed and one added.
ALIKE = 0.5


@dataclass(frozen=True)
class Change:
    """One paragraph's change: "added" or "removed" (its text in `text`), or "changed" (its
    words in `parts`, each ("same" | "removed" | "added", words))."""

    kind: str
    text: str = ""
    parts: list[tuple[str, str]] = field(default_factory=list)


def paragraphs(text: str) -> list[str]:
    """A raw text's paragraphs: its non-empty lines, white space made single."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def difference(old: str, new: str) -> list[Change]:
    """The paragraphs of `new` that differ from those of `old`, in the order of the text."""
    before, after = paragraphs(old), paragraphs(new)
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changes.extend(_block(before[i1:i2], after[j1:j2]))
    return changes


def _block(removed: list[str], added: list[str]) -> list[Change]:
    """A replaced run of paragraphs: pairs that are alike become changes, in order."""
    changes: list[Change] = []
    start = 0
    for old in removed:
        match = next(
            (
                index
                for index in range(start, len(added))
                if difflib.SequenceMatcher(None, old.split(), added[index].split()).ratio() >= ALIKE
            ),
            None,
        )
        if match is None:
            changes.append(Change("removed", old))
            continue
        changes.extend(Change("added", text) for text in added[start:match])
        changes.append(Change("changed", parts=words_changed(old, added[match])))
        start = match + 1
    changes.extend(Change("added", text) for text in added[start:])
    return changes


def words_changed(old: str, new: str) -> list[tuple[str, str]]:
    """The words of a changed paragraph: those kept, removed and added, in order."""
    before, after = old.split(), new.split()
    parts: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("same", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", " ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(("added", " ".join(after[j1:j2])))
    return parts


def summary(changes: list[Change]) -> str:
    """ "1 paragraph added, 2 changed" or "no change to the paragraphs"."""
    kinds = ("added", "removed", "changed")
    counts = {kind: sum(1 for c in changes if c.kind == kind) for kind in kinds}
    said = [
        f"{count} paragraph{'s' if count != 1 else ''} {kind}"
        for kind, count in counts.items()
        if count
    ]
    return ", ".join(said) if said else "no change to the paragraphs (spacing only)"
