"""Progress of a long build: one line rewritten in place on a terminal, a plain line every
few seconds elsewhere (CI logs), so a 100,000-statement build never looks stuck."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressLine:
    """A `pipeline.Progress`: call it with (stage, done, total); `end()` clears the line."""

    def __init__(
        self,
        stream: TextIO | None = None,
        interval: float | None = None,
        quiet_for: float | None = None,
    ) -> None:
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty()
        self.interval = interval if interval is not None else (0.1 if self.terminal else 5.0)
        # A quick build says nothing but its summary (and its errors, unmixed).
        self.quiet_for = quiet_for if quiet_for is not None else (0.5 if self.terminal else 3.0)
        self.started = time.perf_counter()
        self.shown_at = 0.0
        self.stage = ""
        self.width = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - self.started < self.quiet_for:
            return
        finished = total and done >= total
        if stage == self.stage and not finished and now - self.shown_at < self.interval:
            return
        self.stage, self.shown_at = stage, now
        count = f"{done:,}/{total:,}" if total else (f"{done:,}" if done else "")
        text = f"[{now - self.started:6.1f} s] {stage} {count}".rstrip()
        if self.terminal:
            self.stream.write("\r" + text.ljust(self.width))
            self.width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def end(self) -> None:
        if self.terminal and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
