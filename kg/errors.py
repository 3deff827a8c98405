"""One exception type for every problem a user can fix, naming where it is."""

from __future__ import annotations

from pathlib import Path


class KGError(Exception):
    """A problem with the user's input or setup, reported as `where: message`.

    `where` is a file (and line, when known), a parameter or a store location, so the
    message alone tells the user what to fix.
    """

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    @property
    def where(self) -> str | None:
        if self.path is None:
            return None
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message
