"""Where the development corpus of real statements lies, for every script and test that reads
it: $REAL_CORPUS, or shared/corpus beside the checkout (or beside a folder of worktrees above it).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Where CI and a fresh machine put it: ../shared beside the checkout.
DEFAULT = ROOT.parent / "shared" / "corpus" / "real-dev.jsonl.gz"


def corpus_path() -> Path | None:
    """The corpus file, or None when it is not on this machine."""
    candidates = [os.environ.get("REAL_CORPUS", "")]
    candidates += [str(up / "shared" / "corpus" / "real-dev.jsonl.gz") for up in ROOT.parents]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def corpus_or_default() -> Path:
    """The corpus file, or where it would be (for a default argument and its message)."""
    return corpus_path() or DEFAULT
