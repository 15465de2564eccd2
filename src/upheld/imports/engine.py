"""The one way every import runs: read, check, write in batches, all or nothing.

An `Importer` subclass says what its columns mean, which columns identify a
record, what to look up in the database and which rules apply; the engine
does the rest the same way for every kind of file:

1. Each row's cells are parsed (`Importer.parsers`); a repeated key within
   the file is caught with a dictionary of the keys seen so far, which is
   the one thing that grows with the file (about 100 bytes a row).
2. Rows are gathered in batches; one query per batch fetches what the
   database already holds for the batch's keys (`Importer.lookup`), then
   each row is checked against it (`Importer.check`).
3. While no problem has been found, each batch is written with one
   `executemany` of plain SQL built from the model's `_meta`: per-object ORM
   saves would make a million-row file take many times longer. After the
   first problem nothing more is written but every row is still checked, so
   the user gets every problem in one run.
4. Everything happens in one transaction, rolled back at the end if there
   was any problem: a file is imported whole or not at all.

Problems are reported in row order batch by batch, as they are found, so
their number does not grow the memory either.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from django.db import connection, transaction
from django.db.models import Model
from django.db.models.constants import OnConflict
from django.utils import timezone

from upheld.audit.models import Action
from upheld.audit.record import record as audit_record
from upheld.imports.problems import FILE, BadFile, Problem
from upheld.imports.readers import Table, open_table
from upheld.imports.values import Councils, Parser

BATCH_ROWS = 2000

# Control characters, and lone surrogates: the bytes of a file that was not
# UTF-8, as the CSV reader's `surrogateescape` hands them over. Text columns
# that may run over several lines (`Importer.multiline_columns`) may also
# hold line breaks and tabs.
_SUSPECT = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
_SUSPECT_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class Importer:
    """One kind of file. Subclasses set the class attributes and `parsers`,
    and override `lookup`, `check` and `row` as their records need."""

    kind: ClassVar[str]
    noun: ClassVar[tuple[str, str]]  # singular, plural: "case", "cases"
    model: ClassVar[type[Model]]
    fields: ClassVar[tuple[str, ...]]  # model fields that `row` gives values for, in order
    key_columns: ClassVar[tuple[str, ...]] = ()  # identify a record: may appear once per file
    optional_columns: ClassVar[tuple[str, ...]] = ()  # of `parsers`: may be left out of the file (read as "")
    multiline_columns: ClassVar[tuple[str, ...]] = ()  # may hold line breaks and tabs
    upsert_on: ClassVar[tuple[str, ...]] = ()  # unique fields: an import replaces the stored record

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.councils = Councils()

    def parsers(self) -> dict[str, Parser]:
        """The required columns, by header name, with the parser of each."""
        raise NotImplementedError

    def lookup(self, keys: list) -> dict[Any, Any]:
        """What the database holds for these keys, as `{key: found}`."""
        return {}

    def check(self, record: list, found: Any) -> Iterable[tuple[str, str]]:
        """(column, message) for each rule the record breaks; `found` is what
        `lookup` gave for its key, or None."""
        return ()

    def row(self, record: list, found: Any) -> tuple:
        """The values of `fields` for one good record."""
        raise NotImplementedError

    def written(self, rows: list[tuple]) -> None:
        """Called after each batch of `rows` is written, for records that go with them."""


@dataclass
class ImportResult:
    kind: str
    file: str
    noun: tuple[str, str]
    rows: int = 0  # data rows read
    imported: int = 0  # records written; 0 unless the import succeeded
    replaced: int = 0  # of those, how many replaced a stored record
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)  # empty when they went to `on_problem`
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def lines(self) -> list[str]:
        """The collected warnings and problems as the user sees them."""
        return [problem.format(self.file) for problem in [*self.warnings, *self.problems]]

    @property
    def summary(self) -> str:
        if not self.ok:
            noun = "problem" if self.problem_count == 1 else "problems"
            return f"{self.file}: {self.problem_count:,} {noun}; nothing imported"
        replaced = f" ({self.replaced:,} replaced)" if self.replaced else ""
        noun = self.noun[0] if self.imported == 1 else self.noun[1]
        return f"{self.file}: imported {self.imported:,} {noun}{replaced} in {self.seconds:.1f} s"


class _Report:
    """Problems of the current batch, handed on at each flush in the order
    of the file: by row, and within a row by column."""

    def __init__(self, emit: Callable[[Problem], None]):
        self.emit = emit
        self.pending: list[Problem] = []
        self.count = 0
        self.column_order: dict[str, int] = {}

    def add(self, line: int, column: str, message: str) -> None:
        self.pending.append(Problem(line, column, message))
        self.count += 1

    def flush(self) -> None:
        order = self.column_order
        self.pending.sort(key=lambda problem: (problem.line, order.get(problem.column, -1)))
        for problem in self.pending:
            self.emit(problem)
        self.pending.clear()


class _Insert:
    """`INSERT` of one model's rows with the names from `_meta`; fields the
    importer does not fill get their defaults, so a field added to the model
    later does not break the imports."""

    def __init__(self, importer: Importer):
        opts = importer.model._meta
        given = [opts.get_field(name) for name in importer.fields]
        defaulted = [f for f in opts.concrete_fields if f not in given and f is not opts.auto_field]
        self.defaults = tuple(f.get_db_prep_save(_default(f), connection) for f in defaulted)
        quote = connection.ops.quote_name
        columns = [f.column for f in given + defaulted]
        # Only quoted names from _meta go into the text; every value is a parameter.
        self.sql = (f"INSERT INTO {quote(opts.db_table)} ({', '.join(map(quote, columns))}) "  # noqa: S608
                    f"VALUES ({', '.join(['%s'] * len(columns))})")
        if importer.upsert_on:
            unique = [opts.get_field(name).column for name in importer.upsert_on]
            update = [f.column for f in given if f.column not in unique]
            suffix = connection.ops.on_conflict_suffix_sql(given, OnConflict.UPDATE, update, unique)
            self.sql += f" {suffix}"

    def __call__(self, rows: list[tuple]) -> None:
        if self.defaults:
            rows = [row + self.defaults for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, rows)


def stored_values(model: type[Model], field_name: str, values: list) -> set:
    """Which of `values` are stored in `model.field_name`: one plain `IN`
    query, for the lookups a million-row file makes a thousand of (the ORM
    spends longer building such a query than the database running it)."""
    opts = model._meta
    quote = connection.ops.quote_name
    column = quote(opts.get_field(field_name).column)
    # Only quoted names from _meta go into the text; every value is a parameter.
    sql = (f"SELECT {column} FROM {quote(opts.db_table)} "  # noqa: S608
           f"WHERE {column} IN ({', '.join(['%s'] * len(values))})")
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return {row[0] for row in cursor.fetchall()}


def _default(model_field) -> Any:
    if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
        return timezone.now()
    return model_field.get_default()


class _Rollback(Exception):
    """Leaves the transaction so that nothing of a failed import stays."""


class _Run:
    def __init__(self, importer: Importer, parsers: dict[str, Parser], report: _Report, result: ImportResult):
        self.importer = importer
        self.parsers = parsers
        self.report = report
        self.result = result
        self.insert = _Insert(importer)
        self.batch_size = min(BATCH_ROWS, connection.features.max_query_params or BATCH_ROWS)

    def read(self, table: Table, progress: Callable[[], None]) -> None:
        importer, report, result, parsers = self.importer, self.report, self.result, self.parsers
        columns = list(zip(parsers, parsers.values(), strict=True))
        names = list(parsers)
        report.column_order = {name: index for index, name in enumerate(names)}
        key_at = [names.index(column) for column in importer.key_columns]
        single_key = key_at[0] if len(key_at) == 1 else None
        key_names = " and ".join(importer.key_columns)
        multiline = set(importer.multiline_columns)
        seen: dict[Any, int] = {}
        batch: list[tuple[int, list, Any, bool]] = []
        add = report.add
        for line, values in table.rows:
            result.rows += 1
            suspect = _SUSPECT.search("".join(values)) is not None
            record = []
            failed = False
            for (column, parse), value in zip(columns, values, strict=True):
                if suspect and (message := _text_problem(value, column in multiline)):
                    add(line, column, message)
                    record.append(None)
                    failed = True
                    continue
                try:
                    record.append(parse(value))
                except ValueError as error:
                    add(line, column, str(error))
                    record.append(None)
                    failed = True
            key = None
            repeated = False
            if key_at:
                key = record[single_key] if single_key is not None else tuple(record[i] for i in key_at)
                if key is not None and (single_key is not None or None not in key):
                    first = seen.setdefault(key, line)
                    if first != line:  # still checked below: the row may have other problems
                        add(line, importer.key_columns[-1], f"same {key_names} as row {first}")
                        repeated = True
            if failed:
                continue
            batch.append((line, record, key, repeated))
            if len(batch) >= self.batch_size:
                self.flush(batch)
                batch = []
                progress()
        self.flush(batch)
        if not result.rows:
            add(table.header_line + 1, FILE, "no data rows after the header")
        report.flush()

    def flush(self, batch: list[tuple[int, list, Any, bool]]) -> None:
        importer, report = self.importer, self.report
        found: dict[Any, Any] = {}
        if self.importer.key_columns and batch:
            found = importer.lookup([key for _, _, key, _ in batch])
        rows = []
        replaced = 0
        for line, record, key, repeated in batch:
            info = found.get(key)
            problems = importer.check(record, info)
            if repeated:
                # What the database holds for a repeated key may be this
                # file's own earlier row, already written: say only "repeated".
                problems = [(column, message) for column, message in problems
                            if column not in importer.key_columns]
            if problems:
                for column, message in problems:
                    report.add(line, column, message)
            elif not report.count:
                rows.append(importer.row(record, info))
                replaced += bool(importer.upsert_on) and info is not None
        if rows and not report.count:
            self.insert(rows)
            importer.written(rows)
            self.result.imported += len(rows)
            self.result.replaced += replaced
        report.flush()


def _text_problem(value: str, multiline: bool = False) -> str | None:
    match = (_SUSPECT_IN_TEXT if multiline else _SUSPECT).search(value)
    if match is None:
        return None
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:
        return f"holds bytes that are not UTF-8 (the first is 0x{code - 0xDC00:02X}); save the file as UTF-8"
    if code >= 0xD800:
        return "holds text that is not valid Unicode"
    return f"holds a control character (U+{code:04X})"


def run(importer_class: type[Importer], path, *, progress: bool = False,
        on_problem: Callable[[Problem], None] | None = None) -> ImportResult:
    """Import one file; see `upheld.imports.run_import`."""
    started = time.perf_counter()
    result = ImportResult(kind=importer_class.kind, file=str(path), noun=importer_class.noun)
    bar = _ProgressBar(enabled=progress)
    report = _Report(bar.writing(result.problems.append if on_problem is None else on_problem))
    try:
        with transaction.atomic():
            importer = importer_class()
            parsers = importer.parsers()
            with open_table(path, list(parsers), optional=importer.optional_columns) as table:
                result.warnings = table.warnings
                for warning in table.warnings if on_problem else ():
                    on_problem(warning)
                with bar.showing(table, result.file):
                    _Run(importer, parsers, report, result).read(table, bar.advance)
            if report.count:
                raise _Rollback
            _record(importer_class, result)
    except _Rollback:
        pass
    except BadFile as bad:
        report.flush()
        for problem in bad.problems:
            report.add(problem.line, problem.column, problem.message)
        report.flush()
    result.problem_count = report.count
    if report.count:
        result.imported = result.replaced = 0
    result.seconds = time.perf_counter() - started
    return result


def _record(importer_class: type[Importer], result: ImportResult) -> None:
    """One audit event for the whole file, in the import's transaction: the rows go in by plain SQL,
    past the audit trail's per-object signals, so this event is the trail's record of them. A
    refused import writes nothing, this event included."""
    audit_record(Action.IMPORT, object_type=importer_class.model._meta.label_lower,
                 object_repr=f"{result.kind} from {Path(result.file).name}",
                 after={"file": result.file, "kind": result.kind, "rows": result.rows,
                        "imported": result.imported, "replaced": result.replaced})


class _ProgressBar:
    """A tqdm bar on stderr over the file's bytes (CSV) or rows (XLSX),
    shown only while reading and only when stderr is a terminal (not in a
    log, a pipe or CI); problems are printed above it, not through it."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar = None
        self.position: Callable[[], int] = lambda: 0
        self.done = 0

    @contextmanager
    def showing(self, table: Table, name: str) -> Iterator[None]:
        if self.enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=table.total, unit=table.unit, unit_scale=True,
                            unit_divisor=1024 if table.unit == "B" else 1000, desc=name, leave=False,
                            disable=None, file=sys.stderr, dynamic_ncols=True)
            self.position = table.position
        try:
            yield
        finally:
            if self.bar is not None:
                self.bar.close()
                self.bar = None

    def advance(self) -> None:
        if self.bar is not None:
            position = self.position()
            self.bar.update(position - self.done)
            self.done = position

    def writing(self, emit: Callable[[Problem], None]) -> Callable[[Problem], None]:
        def write(problem: Problem) -> None:
            if self.bar is None:
                emit(problem)
            else:
                with self.bar.external_write_mode(file=sys.stderr):
                    emit(problem)

        return write
