"""What an import tells its user: problems as `FILE:ROW: column: message`.

Every complaint about a file, whether about one cell, the header or the file
as a whole, has the same shape, so an operator can read them, sort them or
feed them to an editor the way compiler messages are. Where the complaint is
not about a real column, the column is a bracketed word: `(file)`,
`(header)`, `(sheet)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PROBLEMS = 100  # problems shown by default; the rest are counted

FILE = "(file)"
HEADER = "(header)"
SHEET = "(sheet)"

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one row (or the header, or the file)."""

    line: int
    column: str
    message: str
    warning: bool = False

    def format(self, file: str) -> str:
        """One line, whatever the file held: control characters and bytes that
        were not UTF-8 are shown escaped so the message cannot break the
        line-per-problem shape or the terminal's encoding."""
        prefix = "warning: " if self.warning else ""
        return _one_line(f"{file}:{self.line}: {self.column}: {prefix}{self.message}")


def _one_line(text: str) -> str:
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _UNPRINTABLE.sub(lambda m: repr(m[0])[1:-1], text)


class BadFile(Exception):
    """The file cannot be read any further; its problems say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


class CannotImport(Exception):
    """Nothing to read at all: no such file, wrong kind of file, unknown import.

    The message is complete and meant for the user; the command turns it into
    a `CommandError`."""
