"""The three case-by-case spreadsheets that go to each council with its letter.

Complaints received, decisions made and compliance outcomes recorded in the
year, one row a case: the reference, dates, category, outcome and remedy, and
nothing about the person who complained. They are not published: each
council receives only its own. The rows are the records the statistics count
(`year_records`), for every council in three queries, so a batch asks the
database three times, not three times a council.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from upheld import spreadsheet_files
from upheld.casework.vocabulary import Category, ComplianceResult, Outcome, Remedy
from upheld.demo.marking import KEYWORDS, notice
from upheld.stats.counts import year_records
from upheld.years import ReportingYear

RECEIVED = ("complaints-received", ("Reference", "Received", "Category", "Subcategory"))
DECIDED = ("decisions-made", ("Reference", "Received", "Decided", "Category", "Subcategory", "Outcome", "Remedy"))
COMPLIANCE = ("compliance-outcomes", ("Reference", "Category", "Decided", "Remedy", "Recorded", "Compliance outcome"))
SHEETS = {"received": RECEIVED, "decided": DECIDED, "compliance": COMPLIANCE}  # by the `CaseRows` field they list
MARKING = notice("real complaints")  # the first row, in bold, of a spreadsheet made from demonstration data


@dataclass
class CaseRows:
    """One council's rows for the three spreadsheets, already in words."""

    received: list[tuple] = field(default_factory=list)
    decided: list[tuple] = field(default_factory=list)
    compliance: list[tuple] = field(default_factory=list)


def _label(choices, code: str) -> str:
    return choices(code).label if code else ""


def fetch_case_rows(year: ReportingYear, authority_ids: list[int] | None = None) -> dict[int, CaseRows]:
    """Every council's rows for `year` (or only those of `authority_ids`), by authority id."""
    cases, decisions, outcomes = year_records(year, authority_ids)
    rows: dict[int, CaseRows] = defaultdict(CaseRows)
    for authority, reference, received, category, subcategory in cases.values_list(
            "authority_id", "reference", "received", "category", "subcategory").order_by("received", "reference"):
        rows[authority].received.append((reference, received, _label(Category, category), subcategory))
    for authority, reference, received, decided, category, subcategory, outcome, remedy in decisions.values_list(
            "case__authority_id", "case__reference", "case__received", "decided", "case__category",
            "case__subcategory", "outcome", "remedy").order_by("decided", "case__reference"):
        rows[authority].decided.append((reference, received, decided, _label(Category, category), subcategory,
                                        _label(Outcome, outcome), _label(Remedy, remedy)))
    for authority, reference, category, decided, remedy, recorded, outcome in outcomes.values_list(
            "case__authority_id", "case__reference", "case__category", "case__decision__decided",
            "case__decision__remedy", "recorded", "outcome").order_by("recorded", "case__reference"):
        rows[authority].compliance.append((reference, _label(Category, category), decided, _label(Remedy, remedy),
                                           recorded, _label(ComplianceResult, outcome)))
    return dict(rows)


def title(kind: str) -> str:
    """The sheet's name, e.g. "Complaints received": inside the workbook, and in the portal's list."""
    return SHEETS[kind][0].replace("-", " ").capitalize()


def filled(book: Workbook, kind: str, rows: CaseRows, demonstration: bool) -> Workbook:
    """`book` (write-only, empty) made the spreadsheet of `kind` (a key of `SHEETS`) for one council, with its
    header row even when empty; made from demonstration data, it says so above the header row and in its
    properties."""
    sheet = book.create_sheet(title(kind))
    if demonstration:
        book.properties.title, book.properties.subject = f"{title(kind)}: {MARKING}", MARKING
        book.properties.keywords = ", ".join(KEYWORDS)
        sheet.append(spreadsheet_files.row(sheet, (MARKING,), Font(bold=True)))
    sheet.append(spreadsheet_files.row(sheet, SHEETS[kind][1]))
    for row in getattr(rows, kind):
        sheet.append(spreadsheet_files.row(sheet, row))  # a subcategory is typed by staff: never a formula
    return book


def spreadsheet_bytes(kind: str, rows: CaseRows, letter_date: datetime.date, demonstration: bool) -> bytes:
    """The spreadsheet of `kind` as XLSX dated as the letter, so the same rows always give the same bytes:
    written into a batch's folder, or sent when a council downloads it from the portal. Marked as
    demonstration data when the letter is (`Letter.demonstration`). The bytes are those of `filled`'s workbook written
    by openpyxl, made faster (`spreadsheet_files.RowsFrame`)."""
    listed = getattr(rows, kind)
    dated = any(isinstance(value, datetime.date) for row in listed for value in row)
    return _frame(kind, letter_date, demonstration, dated).fill(listed)


@lru_cache(maxsize=32)
def _frame(kind: str, letter_date: datetime.date, demonstration: bool, dated: bool) -> spreadsheet_files.RowsFrame:
    """The spreadsheet of `kind` less its rows, made once a process for each letter date and marking; `dated`
    when the rows hold a date, so that the date style is in the frame as it would be in the whole workbook."""
    placeholder = CaseRows(**{kind: [(letter_date,)] if dated else []})
    with spreadsheet_files.write_only_workbook() as book:
        return spreadsheet_files.RowsFrame.around_placeholder(filled(book, kind, placeholder, demonstration),
                                                              letter_date, placeholder=dated)


def spreadsheet_files_in(folder: Path, rows: CaseRows, letter_date: datetime.date,
                         demonstration: bool) -> dict[Path, bytes]:
    """The three XLSX files to write into `folder`, by path, dated as the letter they go with and marked as
    demonstration data as the letter is."""
    return {folder / f"{name}.xlsx": spreadsheet_bytes(kind, rows, letter_date, demonstration)
            for kind, (name, _) in SHEETS.items()}
