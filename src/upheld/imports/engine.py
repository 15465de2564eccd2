"""The one way every import runs: check the whole file, then write it briefly, all or nothing.

An `Importer` subclass says what its columns mean, which columns identify a
record, what to look up in the database and which rules apply; the engine
does the rest the same way for every kind of file, in two steps:

1. **Check**, in a transaction that only reads (one snapshot of the database,
   and on SQLite no write lock, so every other writer carries on meanwhile):
   each row's cells are parsed (`Importer.parsers`); a repeated key within
   the file is caught with a dictionary of the keys seen so far, which is
   the one thing that grows with the file (about 100 bytes a row). Rows are
   gathered in batches; one query per batch fetches what the database holds
   for the batch's keys (`Importer.lookup`), then each row is checked
   against it (`Importer.check`). While no problem has been found, the
   checked rows go to a temporary spool file, with what the lookup found for
   each. After the first problem every row is still checked, so the user
   gets every problem in one run, and nothing is written.
2. **Write**, in one short transaction, only when the check found nothing:
   the spool is read back a batch at a time, the lookup is made again, and
   a row is checked again only where another writer changed what its check
   relied on (a case with its reference added since, say). A problem then
   ends the write before a row is written: a file is imported whole or not
   at all. Otherwise the spool is read once more and the rows go in with one
   `executemany` of plain SQL per batch built from the model's `_meta`, or on
   PostgreSQL with `COPY`: per-object ORM saves would make a million-row file
   take many times longer.

Problems are reported in row order batch by batch, as they are found, up to
a limit (the rest are counted), so their number grows neither the memory
nor the terminal. A column with the same wrong format in every row is told
once for the whole column (see `_Report`).
"""

from __future__ import annotations

import pickle
import re
import sys
import tempfile
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
from upheld.imports.problems import FILE, MAX_PROBLEMS, BadFile, CannotImport, Problem
from upheld.imports.readers import Table, open_table
from upheld.imports.values import Councils, Parser, WrongFormat

BATCH_ROWS = 2000
WRITE_ROWS = 20_000  # rows written at a time (one COPY each on PostgreSQL): fewer, longer streams than batches
SPOOL_MEMORY = 32 << 20  # bytes of checked rows kept in memory before the spool goes to a temporary file
SQLITE_WRITE_CACHE_KIB = 64 << 10  # SQLite's page cache while an import writes; see `_writing`

# Control characters, and lone surrogates: the bytes of a file that was not
# UTF-8, as the CSV reader's `surrogateescape` hands them over. Text columns
# that may run over several lines (`Importer.multiline_columns`) may also
# hold line breaks and tabs.
_SEPARATOR = "\x1f"  # see `stored_values`
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
        """What the database holds for these keys, as `{key: found}`. It is asked again when the file
        is written, and a row is checked again where the two answers differ: `found` must compare
        equal when what the check relies on is unchanged, and must pickle."""
        return {}

    def check(self, record: list, found: Any) -> Iterable[tuple[str, str]]:
        """(column, message) for each rule the record breaks; `found` is what
        `lookup` gave for its key, or None."""
        return ()

    def writing(self) -> None:
        """Called once the write has begun, before its first `lookup`: forget what was read during
        the check that another writer may have changed since."""

    def row(self, record: list, found: Any) -> tuple:
        """The values of `fields` for one good record, called only while writing."""
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
    hidden: int = 0  # problems counted but not shown, beyond `max_problems`
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def more(self) -> str | None:
        """The line that stands for the problems not shown, if any were left out."""
        if not self.hidden:
            return None
        noun = "problem" if self.hidden == 1 else "problems"
        return f"{self.file}: ... and {self.hidden:,} more {noun}, not shown"

    def lines(self) -> list[str]:
        """The collected warnings and problems as the user sees them."""
        shown = [problem.format(self.file) for problem in [*self.warnings, *self.problems]]
        return shown + [self.more] if self.more else shown

    @property
    def summary(self) -> str:
        if not self.ok:
            noun = "problem" if self.problem_count == 1 else "problems"
            return f"{self.file}: {self.problem_count:,} {noun}; nothing imported"
        replaced = f" ({self.replaced:,} replaced)" if self.replaced else ""
        noun = self.noun[0] if self.imported == 1 else self.noun[1]
        return f"{self.file}: imported {self.imported:,} {noun}{replaced} in {self.seconds:.1f} s"


@dataclass
class _Uniform:
    """A column in which every row so far holds a value in the same wrong format."""

    first: Problem
    wrong: WrongFormat
    problems: list[Problem]  # the first `limit`, in case the column turns out not to be uniform
    count: int = 0

    def summary(self) -> Problem:
        wrong = self.wrong
        return Problem(self.first.line, self.first.column,
                       f"all {self.count:,} values of this column are written {wrong.seen} (such as "
                       f"{wrong.value!r}), not {wrong.expected}; change the column to {wrong.expected} "
                       "and import the file again")


class _Report:
    """Problems, handed on in the order of the file (by row, and within a row
    by column) at each flush, at most `limit` of them (None: all); the rest
    are counted.

    A file whose every date is written DD/MM/YYYY would otherwise list every
    row. So the first flush notes the columns in which every row so far holds
    the same wrong format (`WrongFormat.seen`); while any column stays so,
    problems are held back rather than handed on (only the first `limit` of
    them are kept, and a count). A column that stays so to the end of the
    file is told once, for the whole column; as soon as none does, what was
    held is handed on and the rest follows as found.
    """

    def __init__(self, emit: Callable[[Problem], None], limit: int | None):
        self.emit = emit
        self.limit = limit
        self.pending: list[tuple[Problem, WrongFormat | None]] = []
        self.found = 0  # problems found: any, and nothing is written
        self.shown = 0
        self.hidden = 0
        self.column_order: dict[str, int] = {}
        self.uniform: dict[str, _Uniform] | None = None  # None until the first flush
        self.held: list[Problem] = []  # while a column may be uniform: the first `limit` of the other problems
        self.held_count = 0

    @property
    def count(self) -> int:
        """Problems as reported: a column told once counts once."""
        return self.shown + self.hidden

    def add(self, line: int, column: str, message: str, wrong: WrongFormat | None = None) -> None:
        self.pending.append((Problem(line, column, message), wrong))
        self.found += 1

    def flush(self, rows: int) -> None:
        """Hand on (or hold back) the problems found since the last flush; `rows` have been read so far."""
        order = self.column_order
        self.pending.sort(key=lambda item: (item[0].line, order.get(item[0].column, -1)))
        batch, self.pending = self.pending, []
        if self.uniform is None:
            self.uniform = self._uniform_columns(batch, rows)
        if not self.uniform:
            self._tell([problem for problem, _ in batch])
            return
        for problem, wrong in batch:
            column = self.uniform.get(problem.column)
            if column is not None and wrong is not None and wrong.seen == column.wrong.seen:
                column.count += 1
                if self._room(column.problems):
                    column.problems.append(problem)
            else:  # later in the file than anything held
                self.held_count += 1
                if self._room(self.held):
                    self.held.append(problem)
        for name, column in list(self.uniform.items()):
            if column.count != rows:  # a row without this wrong format in this column
                del self.uniform[name]
                self._hold(column.problems, column.count)
        if not self.uniform:
            self._release()

    def finish(self, rows: int) -> None:
        """The file is read: tell each column still wrong the same way in every row once, and what was held."""
        self.flush(rows)
        for column in (self.uniform or {}).values():
            if column.count > 1:
                self._hold([column.summary()], 1)
            else:
                self._hold(column.problems, column.count)
        self.uniform = {}
        self._release()

    def _uniform_columns(self, batch: list[tuple[Problem, WrongFormat | None]], rows: int) -> dict[str, _Uniform]:
        columns: dict[str, _Uniform] = {}
        mixed = set()
        for problem, wrong in batch:
            if wrong is None or problem.column in mixed:
                continue
            column = columns.setdefault(problem.column, _Uniform(problem, wrong, []))
            if wrong.seen != column.wrong.seen:
                mixed.add(problem.column)
            column.count += 1
        return {name: _Uniform(column.first, column.wrong, []) for name, column in columns.items()
                if name not in mixed and column.count == rows}

    def _room(self, problems: list[Problem]) -> bool:
        return self.limit is None or len(problems) < self.limit

    def _hold(self, problems: list[Problem], count: int) -> None:
        """Merge `problems` (`count` of them, the first few listed) into what is held, in the file's order."""
        order = self.column_order
        self.held = sorted([*self.held, *problems], key=lambda problem: (problem.line,
                                                                        order.get(problem.column, -1)))
        if self.limit is not None:
            del self.held[self.limit:]
        self.held_count += count

    def _release(self) -> None:
        held, count = self.held, self.held_count
        self.held, self.held_count = [], 0
        self._tell(held)
        self.hidden += count - len(held)

    def _tell(self, problems: list[Problem]) -> None:
        for problem in problems:
            if self.limit is None or self.shown < self.limit:
                self.emit(problem)
                self.shown += 1
            else:
                self.hidden += 1


class _Insert:
    """Writing one model's rows with the names from `_meta`; fields the
    importer does not fill get their defaults, so a field added to the model
    later does not break the imports.

    On PostgreSQL the rows stream in through `COPY ... FROM STDIN` (psycopg's
    `cursor.copy`), the server's own bulk path; an import that replaces stored
    records (`upsert_on`) uses `INSERT ... ON CONFLICT` instead, which `COPY`
    cannot do (those files have a row per council: hundreds, not millions)."""

    def __init__(self, importer: Importer):
        opts = importer.model._meta
        given = [opts.get_field(name) for name in importer.fields]
        defaulted = [f for f in opts.concrete_fields if f not in given and f is not opts.auto_field]
        self.defaults = tuple(f.get_db_prep_save(_default(f), connection) for f in defaulted)
        quote = connection.ops.quote_name
        columns = [f.column for f in given + defaulted]
        # Only quoted names from _meta go into the text; every value is a parameter.
        target = f"{quote(opts.db_table)} ({', '.join(map(quote, columns))})"
        copying = connection.vendor == "postgresql" and not importer.upsert_on
        self.copy = f"COPY {target} FROM STDIN" if copying else None
        self.sql = f"INSERT INTO {target} VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        if importer.upsert_on:
            unique = [opts.get_field(name).column for name in importer.upsert_on]
            update = [f.column for f in given if f.column not in unique]
            suffix = connection.ops.on_conflict_suffix_sql(given, OnConflict.UPDATE, update, unique)
            self.sql += f" {suffix}"

    def __call__(self, rows: list[tuple]) -> None:
        if self.defaults:
            rows = [row + self.defaults for row in rows]
        with connection.cursor() as cursor:
            if self.copy is None:
                cursor.executemany(self.sql, rows)
                return
            # Past Django's cursor wrapper: its errors are made Django's here, as `execute` would.
            with connection.wrap_database_errors, cursor.cursor.copy(self.copy) as copy:
                for row in rows:
                    copy.write_row(row)


def stored_values(model: type[Model], field_name: str, values: list) -> set:
    """Which of `values` are stored in `model.field_name`: one plain query,
    for the lookups a million-row file makes a thousand of (the ORM spends
    longer building such a query than the database running it).

    On PostgreSQL the values go as one text that the server splits into an
    array: a list of 2,000 `IN` parameters, or a Python list adapted item by
    item, takes longer to send than to look up. The separator is a control
    character (U+001F), which no value an import looks up holds: it refuses
    those when it parses a cell (and a list goes as it is if one did)."""
    opts = model._meta
    quote = connection.ops.quote_name
    column = quote(opts.get_field(field_name).column)
    if connection.vendor == "postgresql":
        joined = _SEPARATOR.join(values)
        if joined.count(_SEPARATOR) == len(values) - 1:
            where, params = f"{column} = ANY(string_to_array(%s, chr(31)))", [joined]
        else:
            where, params = f"{column} = ANY(%s)", [values]
    else:
        where, params = f"{column} IN ({', '.join(['%s'] * len(values))})", values
    # Only quoted names from _meta go into the text; every value is a parameter.
    sql = f"SELECT {column} FROM {quote(opts.db_table)} WHERE {where}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def _default(model_field) -> Any:
    if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
        return timezone.now()
    return model_field.get_default()


Checked = tuple[int, list, Any, Any]  # line, record, key, what `lookup` found for the key


class _Spool:
    """The checked rows, from the check to the write: pickled a batch at a
    time into a temporary file (in memory up to `SPOOL_MEMORY`), so memory
    does not grow with the file. This process alone writes and reads it."""

    def __init__(self, name: str):
        self.name = name
        self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)  # noqa: SIM115 - closed by `close`

    def add(self, batch: list[Checked]) -> None:
        try:
            pickle.dump(batch, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as error:
            raise CannotImport(f"{self.name}: cannot keep the checked rows in a temporary file in "
                               f"{tempfile.gettempdir()} ({error.strerror or error}); nothing imported") from None

    def batches(self) -> Iterator[list[Checked]]:
        self.file.seek(0)
        while True:
            try:
                yield pickle.load(self.file)  # noqa: S301 - the bytes this process wrote a moment ago
            except EOFError:
                return

    def close(self) -> None:
        self.file.close()


class _Check:
    """The first step: read, parse and check every row, spooling the good ones."""

    def __init__(self, importer: Importer, parsers: dict[str, Parser], report: _Report, result: ImportResult,
                 spool: _Spool):
        self.importer = importer
        self.parsers = parsers
        self.report = report
        self.result = result
        self.spool = spool
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
                    add(line, column, str(error), error if isinstance(error, WrongFormat) else None)
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
            if not failed:
                batch.append((line, record, key, repeated))
            # By rows read, not rows kept: a file whose every row fails still hands its problems on.
            if result.rows % self.batch_size == 0:
                self.flush(batch)
                batch = []
                progress()
        self.flush(batch)
        if not result.rows:
            add(table.header_line + 1, FILE, "no data rows after the header")

    def flush(self, batch: list[tuple[int, list, Any, bool]]) -> None:
        importer, report = self.importer, self.report
        found: dict[Any, Any] = {}
        if self.importer.key_columns and batch:
            found = importer.lookup([key for _, _, key, _ in batch])
        checked: list[Checked] = []
        for line, record, key, repeated in batch:
            info = found.get(key)
            problems = importer.check(record, info)
            if repeated:
                # What the database holds for a repeated key may be this
                # file's own earlier row, already written: say only "repeated".
                problems = [(column, message) for column, message in problems
                            if column not in importer.key_columns]
            for column, message in problems:
                report.add(line, column, message)
            if not report.found:
                checked.append((line, record, key, info))
        if checked and not report.found:
            self.spool.add(checked)
        report.flush(self.result.rows)


def _write(importer: Importer, spool: _Spool, report: _Report, result: ImportResult) -> None:
    """The second step, in the write transaction. First each spooled batch is looked up again and its rows
    checked again where what their check relied on has changed since; only then, if that found nothing,
    are the rows written. The lookups come first so that they see the tables as the other writers left
    them, not as this write fills them: a table filled from empty within one transaction has no
    statistics, and PostgreSQL would then scan it whole for every batch's lookup."""
    importer.writing()
    changed: dict[int, Any] = {}  # by line: what the lookup finds now, where that differs from the check's
    for batch in spool.batches():
        found = importer.lookup([key for _, _, key, _ in batch]) if importer.key_columns else {}
        for line, record, key, seen in batch:
            if (now := found.get(key)) != seen:
                changed[line] = now
                for column, message in importer.check(record, now):
                    report.add(line, column, message)
        report.flush(result.rows)
    if report.found:
        return
    insert = _Insert(importer)
    rows: list[tuple] = []
    for batch in spool.batches():
        for line, record, _, seen in batch:
            found = changed.get(line, seen)
            rows.append(importer.row(record, found))
            result.replaced += bool(importer.upsert_on) and found is not None
        if len(rows) >= WRITE_ROWS:
            _written(importer, insert, rows, result)
            rows = []
    _written(importer, insert, rows, result)


def _written(importer: Importer, insert: _Insert, rows: list[tuple], result: ImportResult) -> None:
    if rows:
        insert(rows)
        importer.written(rows)
        result.imported += len(rows)


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


@contextmanager
def _reading() -> Iterator[None]:
    """The check's transaction: one state of the database, read only, so that it keeps no writer waiting.

    On SQLite (WAL) a deferred transaction reads one snapshot from its first read on and takes no lock
    that a writer waits for; the settings make every other transaction IMMEDIATE (the write lock at
    BEGIN), so the mode is changed for this one. `query_only` makes sure the check writes nothing: a
    write would take the write lock for the rest of the check. On PostgreSQL a read-only transaction
    with one snapshot. Inside a transaction the caller already holds (the tests), that one is used.
    """
    if connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    connection.ensure_connection()
    if connection.vendor != "sqlite":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    mode, connection.transaction_mode = connection.transaction_mode, "DEFERRED"
    try:
        with transaction.atomic():
            _pragma("query_only", "ON")
            try:
                yield
            finally:
                _pragma("query_only", "OFF")
    finally:
        connection.transaction_mode = mode


@contextmanager
def _writing() -> Iterator[None]:
    """The write's transaction (IMMEDIATE on SQLite: the write lock from its start). SQLite's page cache is
    made larger for it: a million rows' index pages do not fit the default 2 MB, and a write that keeps
    spilling them holds the lock several times longer."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache = cursor.fetchone()[0]
    _pragma("cache_size", -SQLITE_WRITE_CACHE_KIB)
    try:
        with transaction.atomic():
            yield
    finally:
        _pragma("cache_size", cache)


def _pragma(name: str, value: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name} = {value}")


def run(importer_class: type[Importer], path, *, progress: bool = False,
        on_problem: Callable[[Problem], None] | None = None, max_problems: int | None = MAX_PROBLEMS) -> ImportResult:
    """Import one file; see `upheld.imports.run_import`."""
    started = time.perf_counter()
    result = ImportResult(kind=importer_class.kind, file=str(path), noun=importer_class.noun)
    bar = _ProgressBar(enabled=progress)
    report = _Report(bar.writing(result.problems.append if on_problem is None else on_problem), max_problems)
    spool = _Spool(str(path))
    try:
        with _reading():
            importer = importer_class()
            parsers = importer.parsers()
            try:
                with open_table(path, list(parsers), optional=importer.optional_columns) as table:
                    result.warnings = table.warnings
                    for warning in table.warnings if on_problem else ():
                        on_problem(warning)
                    with bar.showing(table, result.file):
                        _Check(importer, parsers, report, result, spool).read(table, bar.advance)
            except BadFile as bad:
                report.flush(result.rows)
                for problem in bad.problems:
                    report.add(problem.line, problem.column, problem.message)
        report.finish(result.rows)
        if not report.found:
            with _writing():
                _write(importer, spool, report, result)
                if report.found:
                    raise _Rollback
                _record(importer_class, result)
    except _Rollback:
        pass
    finally:
        spool.close()
    result.problem_count = report.count
    result.hidden = report.hidden
    if report.found:
        result.imported = result.replaced = 0
    result.seconds = time.perf_counter() - started
    return result


class _Rollback(Exception):
    """Leaves the write's transaction so that nothing of a refused import stays."""


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
