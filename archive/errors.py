"""The errors a user can cause: each carries the file and line so the CLI can print
`path:line: message` instead of a traceback."""

from __future__ import annotations


class ArchiveError(Exception):
    """A problem the user can fix; the CLI prints it and exits non-zero."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line:
            where = f"{self.path}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class ContentError(ArchiveError):
    """A statement file or curated data file (people, resolutions, settings) is wrong."""


class ConfigError(ArchiveError):
    """The site settings or the environment (e.g. a missing npm install) is wrong."""


class TemplateError(ArchiveError):
    """A template failed to load or render."""


class ContentErrors(ArchiveError):
    """Several content problems found in one pass, reported together."""

    def __init__(self, errors: list[ArchiveError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
