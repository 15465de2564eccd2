"""CSV files the site writes: text cells that a spreadsheet would run are neutralised.

A spreadsheet runs a cell starting with =, +, -, @ (and in some, a tab or a carriage return) as a
formula, so a username, a statement's summary, a link officer's phone number or a revision's cause
could become an instruction (fetch a URL, leak other cells) when someone opens the file. Such text
gets a leading apostrophe, which spreadsheets read as "this is text" (OWASP's advice on CSV
injection). Every CSV the site writes puts its cells through `safe_cell`.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """`value` as CSV cell text that no spreadsheet runs: None is empty; numbers and dates are written as they are
    (a negative number is a number, not a formula), text that could start a formula gets an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return str(value)


class Echo:
    """A file-like object whose `write` hands back the line: `csv.writer(Echo())` for streaming responses."""

    def write(self, value: str) -> str:
        return value
