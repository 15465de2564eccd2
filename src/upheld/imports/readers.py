"""Rows out of a CSV, XLSX or JSON Lines file, one at a time, with the header checked.

Every format comes out the same way, as `(line, values)`:

- `line` is the row's number as the user sees it: a spreadsheet's row
  number; for a CSV the physical line on which the record *starts* (the csv
  reader's line count before the record, plus one), so a quoted value that
  spans lines does not hide where its record begins, and the numbers of the
  records after it stay true to the file.
- `values` is the trimmed text of the wanted columns, in the order asked for;
  other columns are ignored (with a warning naming them), fully blank rows are
  skipped, a short row reads as blank cells.

A JSON Lines file (`.jsonl`) has one object a line and no header: the keys
of each object are its columns (matched like header names), a missing key is
an empty cell, a number or true/false is read as its text, and a list of
texts (several service improvements, say) as its items one a line.

Columns named as optional may be left out of a file; they read as empty.

Reading is streamed, so memory does not grow with the file: a CSV through
the csv module, an XLSX through openpyxl's read-only mode, JSON Lines a line
at a time. Text that is not
UTF-8 is not an error here: the bytes come through as lone surrogates
(`surrogateescape`) so the engine can name the row and column that hold them.
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from upheld.imports.problems import FILE, HEADER, SHEET, BadFile, CannotImport, Problem

Rows = Iterator[tuple[int, tuple[str, ...]]]


@dataclass
class Table:
    """An open file: its data rows, and what the progress bar needs."""

    rows: Rows
    header_line: int
    warnings: list[Problem] = field(default_factory=list)
    total: int | None = None  # expected size, in `unit`, when known
    unit: str = "row"
    position: Callable[[], int] = lambda: 0


@dataclass
class _Uncalculated:
    """The cells of one spreadsheet column that hold a formula but no value."""

    first: str  # the first such cell, `C2`
    line: int  # its row
    last: int  # the row of the last one
    count: int = 1

    def problem(self, column: str) -> Problem:
        more = f" (and {self.count - 1:,} more cells of this column, to row {self.last:,})" if self.count > 1 else ""
        return Problem(self.line, column, f"cell {self.first} holds a formula whose value was never calculated and "
                                          f"saved{more}: the file was made by a program that does not calculate "
                                          "formulas; open it in Excel or LibreOffice Calc, save it there and import "
                                          "it again")


@dataclass
class _Source:
    """Raw records of one format, before the header is looked at."""

    records: Iterator[tuple[int, Sequence]]
    cell_text: Callable[[object], str]
    total: int | None
    unit: str
    position: Callable[[], int]
    uncalculated: dict[int, _Uncalculated] = field(default_factory=dict)  # by column index


@contextmanager
def open_table(path: str | os.PathLike, columns: Sequence[str], optional: Sequence[str] = ()) -> Iterator[Table]:
    """Open `path` and check its header names every one of `columns` but the `optional` ones.

    Raises `CannotImport` when there is nothing to read (no such file, an
    unsupported extension) and `BadFile` when the header or the file's
    structure is wrong; a `BadFile` can also come out of the rows when the
    file turns out to be damaged part-way through.
    """
    path = Path(path)
    opener = {".csv": _csv_source, ".xlsx": _xlsx_source, ".jsonl": _jsonl_source}.get(path.suffix.lower())
    if opener is None:
        kind = f"a {path.suffix} file" if path.suffix else "a file without an extension"
        raise CannotImport(f"{path}: cannot import {kind}; use a .csv, .xlsx or .jsonl file")
    if not path.exists():
        raise CannotImport(f"{path}: no such file")
    if not path.is_file():
        raise CannotImport(f"{path}: not a file")
    with ExitStack() as stack:
        try:
            source = stack.enter_context(opener(path))
        except OSError as error:
            raise CannotImport(f"{path}: cannot read it: {error.strerror or error}") from None
        if opener is _jsonl_source:
            yield _jsonl_table(source, columns)
        else:
            yield _table(source, columns, optional)


def header_name(text: str) -> str:
    """Column names match whatever their case and spacing."""
    return " ".join(text.split()).casefold()


def _table(source: _Source, columns: Sequence[str], optional: Sequence[str] = ()) -> Table:
    records = source.records
    header = next(((line, names) for line, cells in records
                   if any(names := [source.cell_text(cell) for cell in cells])), None)
    if header is None:
        wanted = ", ".join(columns)
        raise BadFile([Problem(1, FILE, f"the file is empty: it needs a header row naming {wanted}")])
    line, names = header

    positions: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        if name:
            positions.setdefault(header_name(name), []).append(index)
    problems = [Problem(line, column, "required column is missing from the header")
                for column in columns if column not in positions and column not in optional]
    problems += [Problem(line, column, f"column appears {len(positions[column])} times in the header; keep one")
                 for column in columns if len(positions.get(column, ())) > 1]
    if problems:
        used = [name for name in names if name]
        if len(used) == 1 and any(separator in used[0] for separator in ";\t|"):
            problems.append(Problem(line, HEADER, "only one column found: the file must be comma-separated"))
        raise BadFile(problems)
    # A formula without its value reads as an empty cell: refused before the rows are read, as what
    # the sheet shows is not in the file.
    uncalculated = [found.problem(column) for column in columns if column in positions
                    and (found := source.uncalculated.get(positions[column][0])) and found.line > line]
    if uncalculated:
        raise BadFile(sorted(uncalculated, key=lambda problem: problem.line))

    warnings = [Problem(line, name, "column not used; ignored", warning=True)
                for name in names if name and header_name(name) not in columns]
    present = [column for column in columns if column in positions]
    rows = _values(records, [positions[column][0] for column in present], source.cell_text)
    if len(present) < len(columns):
        rows = _with_empty(rows, [columns.index(column) for column in present], len(columns))
    return Table(rows=rows, header_line=line, warnings=warnings,
                 total=source.total, unit=source.unit, position=source.position)


def _with_empty(rows: Rows, places: list[int], width: int) -> Rows:
    """Rows of the columns present, widened with empty cells for the optional columns left out."""
    for line, values in rows:
        cells = [""] * width
        for place, value in zip(places, values, strict=True):
            cells[place] = value
        yield line, tuple(cells)


def _values(records: Iterator[tuple[int, Sequence]], indices: list[int],
            cell_text: Callable[[object], str]) -> Rows:
    """The wanted cells of each non-blank record; the hot loop of every import."""
    width = max(indices) + 1
    pick = itemgetter(*indices) if len(indices) > 1 else (lambda cells: (cells[indices[0]],))
    for line, cells in records:
        if len(cells) < width:
            cells = [*cells, *[""] * (width - len(cells))]
        values = tuple(map(cell_text, pick(cells)))
        if any(values) or any(map(cell_text, cells)):
            yield line, values


# CSV ---------------------------------------------------------------------

_UTF16 = (b"\xff\xfe", b"\xfe\xff")


@contextmanager
def _csv_source(path: Path) -> Iterator[_Source]:
    with open(path, "rb") as raw:
        if raw.read(2) in _UTF16:  # Excel's "Unicode Text"; every row would look broken
            raise BadFile([Problem(1, FILE, "the file is UTF-16; save it as CSV UTF-8")])
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as text:
        yield _Source(
            records=_csv_records(text), cell_text=str.strip,
            total=os.fstat(text.fileno()).st_size, unit="B", position=text.buffer.tell,
        )


def _csv_records(text: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(text)
    start = 1
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
    except csv.Error as error:
        # The reader cannot find where the next record begins after this.
        raise BadFile([Problem(start, FILE, f"cannot read the CSV from this line on: {error}")]) from None


# XLSX --------------------------------------------------------------------

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"  # an XML namespace prefix, as some writers put on every element
_MERGED = re.compile(rb"<" + _PREFIX + rb"mergeCell\b[^>]*?\bref\s*=\s*[\"']([^\"']+)[\"']")
_FIRST_ROW = re.compile(r"[A-Za-z]+(\d+)")
# A cell holding a formula and no value: `<c r="C2"><f>A2+1</f></c>`, or with an empty `<v></v>` as
# openpyxl and other libraries write them. (A formula whose value is empty text is `t="str"`.)
_UNCALCULATED = re.compile(
    rb"<" + _PREFIX + rb"c\b([^>]*)>\s*<" + _PREFIX + rb"f\b(?:[^>]*/>|[^>]*>[^<]*</" + _PREFIX + rb"f>)\s*"
    rb"(?:<" + _PREFIX + rb"v\s*/>|<" + _PREFIX + rb"v>\s*</" + _PREFIX + rb"v>)?\s*</" + _PREFIX + rb"c>")
_CELL_REFERENCE = re.compile(rb"\br\s*=\s*[\"']([A-Za-z]{1,3})([0-9]+)[\"']")
_TEXT_RESULT = re.compile(rb"\bt\s*=\s*[\"']str[\"']")
_SCAN_OVERLAP = 1 << 16  # bytes read again from the previous chunk: an element cut by a chunk's end is whole


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV would hold: real date cells as
    ISO dates, whole numbers without a decimal point (a count typed into Excel
    is often stored as 123456.0)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _describe(error: Exception) -> str:
    return str(error) or type(error).__name__


@contextmanager
def _xlsx_source(path: Path) -> Iterator[_Source]:
    import openpyxl  # imported here: every other command would pay for it

    # openpyxl raises a zoo of exception types on damaged or foreign files
    # (zipfile, XML, KeyError, ValueError, ...); each means "not readable".
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        message = f"not a readable .xlsx workbook ({_describe(error)})"
        raise BadFile([Problem(1, FILE, message)]) from None
    try:
        expected_rows = {sheet.title: sheet.max_row for sheet in book.worksheets}
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # some writers record wrong ones; read to the real end
        sheet = _the_sheet(book)
        uncalculated = _scan(sheet)
        read = [0]
        yield _Source(records=_xlsx_records(sheet, read), cell_text=_cell_text,
                      total=expected_rows[sheet.title], unit="row", position=lambda: read[0],
                      uncalculated=uncalculated)
    finally:
        book.close()


def _the_sheet(book):
    """The one sheet that holds data: with several, which to read is a guess
    we refuse to make."""
    sheets = book.worksheets
    if not sheets:
        raise BadFile([Problem(1, FILE, "the workbook has no worksheets")])
    try:
        with_data = [sheet for sheet in sheets if _has_data(sheet)]
    except Exception as error:
        raise BadFile([Problem(1, FILE, f"not a readable .xlsx workbook ({_describe(error)})")]) from None
    if len(with_data) > 1:
        names = ", ".join(repr(sheet.title) + (" (hidden)" if _hidden(sheet) else "") for sheet in with_data)
        hidden = any(map(_hidden, with_data))
        message = (f"the workbook has {len(with_data)} sheets with data ({names}); an import reads one sheet, "
                   f"so delete or empty the others{' (unhide a hidden sheet to see it)' if hidden else ''}")
        raise BadFile([Problem(1, SHEET, message)])
    return with_data[0] if with_data else sheets[0]


def _has_data(sheet) -> bool:
    return any(any(map(_cell_text, row)) for row in sheet.iter_rows(values_only=True))


def _hidden(sheet) -> bool:
    return sheet.sheet_state != "visible"  # "hidden", or "veryHidden": only a macro can show it


def _scan(sheet) -> dict[int, _Uncalculated]:
    """One pass over the sheet's XML for what openpyxl's read-only mode does not tell: merged cells,
    listed after the cell data, and formulas saved without their value, which read as empty cells.

    Merged cells are refused here: a merge leaves all but one cell of the range empty, so the rows would
    not say what the sheet shows. The formulas without a value are returned by column index, for
    `_table` to refuse those in the columns it reads."""
    open_xml = getattr(sheet, "_get_source", None)
    if open_xml is None:
        return {}
    merged: dict[str, None] = {}
    uncalculated: dict[int, _Uncalculated] = {}
    tail = b""
    with open_xml() as xml:
        while chunk := xml.read(1 << 20):
            data = tail + chunk
            for match in _MERGED.finditer(data):
                if match.end() > len(tail):  # those inside the tail were found last time
                    merged[match[1].decode("ascii", "replace")] = None
            for match in _UNCALCULATED.finditer(data):
                if match.end() > len(tail) and not _TEXT_RESULT.search(match[1]):
                    _count_uncalculated(uncalculated, _CELL_REFERENCE.search(match[1]))
            tail = data[-_SCAN_OVERLAP:]
    problems = []
    for cells in merged:
        first = _FIRST_ROW.match(cells)
        message = (f"cells {cells} of sheet {sheet.title!r} are merged; "
                   "unmerge them so that every cell holds its own value")
        problems.append(Problem(int(first[1]) if first else 1, SHEET, message))
    if problems:
        raise BadFile(sorted(problems, key=lambda problem: problem.line))
    return uncalculated


def _count_uncalculated(found: dict[int, _Uncalculated], reference: re.Match | None) -> None:
    if reference is None:  # a cell may leave out its reference; it is then not named
        return
    letters, row = reference[1].decode().upper(), int(reference[2])
    column = -1  # "A" is 0: base 26 with digits A to Z worth 1 to 26
    for letter in letters:
        column = (column + 1) * 26 + ord(letter) - ord("A")
    if column in found:
        found[column].count += 1
        found[column].last = row
    else:
        found[column] = _Uncalculated(first=f"{letters}{row}", line=row, last=row)


def _xlsx_records(sheet, read: list[int]) -> Iterator[tuple[int, tuple]]:
    line = 0
    try:
        for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            read[0] = line
            yield line, row
    except Exception as error:  # see _xlsx_source: a damaged sheet part-way through
        message = f"cannot read the workbook from this row on ({_describe(error)})"
        raise BadFile([Problem(line + 1, FILE, message)]) from None


# JSON Lines ------------------------------------------------------------------


@contextmanager
def _jsonl_source(path: Path) -> Iterator[_Source]:
    with open(path, encoding="utf-8-sig", errors="surrogateescape") as text:
        yield _Source(records=enumerate(text, start=1), cell_text=str, total=os.fstat(text.fileno()).st_size,
                      unit="B", position=lambda: 0)


def _jsonl_table(source: _Source, columns: Sequence[str]) -> Table:
    lines = source.records
    first = next(((number, line) for number, line in lines if line.strip()), None)
    if first is None:
        raise BadFile([Problem(1, FILE, "the file is empty: it needs one JSON object a line")])
    first_object = _json_object(*first)
    warnings = [Problem(first[0], key, "column not used; ignored", warning=True)
                for key in first_object if header_name(key) not in columns]

    def rows() -> Rows:
        yield first[0], _json_values(first[0], first_object, columns)
        for number, line in lines:
            if line.strip():
                yield number, _json_values(number, _json_object(number, line), columns)

    return Table(rows=rows(), header_line=first[0] - 1, warnings=warnings, total=source.total, unit="B")


def _json_object(number: int, line: str) -> dict:
    try:
        value = json.loads(line)
    except ValueError as error:
        raise BadFile([Problem(number, FILE, f"not valid JSON ({error}); nothing after this line was read")]) from None
    if not isinstance(value, dict):
        raise BadFile([Problem(number, FILE, "each line must be one JSON object {...}; nothing after it was read")])
    return value


def _json_values(number: int, record: dict, columns: Sequence[str]) -> tuple[str, ...]:
    cells = {header_name(key): value for key, value in record.items()}
    return tuple(_json_text(number, column, cells.get(column)) for column in columns)


def _json_text(number: int, column: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str | int | float):
        return str(value).strip()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n".join(item.strip() for item in value if item.strip())
    raise BadFile([Problem(number, column, "must be text, a number, true/false or a list of texts; "
                                           "nothing after this line was read")])
