"""Helpers for the import tests: real files in a temporary folder, and the
check that a rejected import changed nothing.

Tests run in the temporary folder, so the FILE of `FILE:ROW: column:`
is just the name given (`cases.csv`), as an operator would type it.
"""

import csv
import datetime

import pytest
from openpyxl import Workbook

from upheld.authorities.models import Authority, Contact, Population
from upheld.casework.models import Case, ComplianceOutcome, Decision
from upheld.code.findings import CodeFailure
from upheld.decisions.models import Statement
from upheld.imports import run_import

D = datetime.date
MODELS = (Case, Decision, ComplianceOutcome, Population, Contact, Statement, CodeFailure)

CASES_HEADER = ["reference", "authority", "received", "category"]
DECISIONS_HEADER = ["reference", "authority", "decided", "outcome", "remedy"]
COMPLIANCE_HEADER = ["reference", "authority", "recorded", "outcome"]
SEFTON = "E08000014"
WIRRAL = "E08000015"
BARNSLEY_OLD, BARNSLEY = "E08000016", "E08000038"
CHRISTCHURCH = "E07000048"  # ended 2019-03-31
BCP = "E06000058"  # began 2019-04-01
WESTMORLAND = "E06000064"  # began 2023-04-01


def write_csv(name, rows, *, encoding="utf-8"):
    with open(name, "w", newline="", encoding=encoding) as file:
        # RFC 4180 line ends: Python quotes a field holding "\r" only when "\r" ends lines.
        csv.writer(file, lineterminator="\r\n").writerows(rows)
    return name


def write_bytes(name, data: bytes):
    with open(name, "wb") as file:
        file.write(data)
    return name


def write_xlsx(name, *sheets, merged=()):
    """One worksheet per `sheets` entry: (title, rows); `merged` ranges go on the first."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for cells in merged:
        book.worksheets[0].merge_cells(cells)
    book.save(name)
    return name


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def lines(result):
    """The problems as the user reads them (warnings left out)."""
    return [problem.format(result.file) for problem in result.problems]


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def rejected(db):
    """`rejected(kind, file)`: import a bad file, check that it failed and
    left every table as it was, and return its problem lines."""

    def run(kind, name):
        before = counts()
        result = run_import(kind, name)
        assert not result.ok
        assert result.imported == 0
        assert counts() == before
        assert result.summary == (f"{name}: {result.problem_count:,} "
                                  f"problem{'s' if result.problem_count != 1 else ''}; nothing imported")
        return lines(result)

    return run


@pytest.fixture
def imported(db):
    """`imported(kind, file)`: import a good file and return the result."""

    def run(kind, name):
        result = run_import(kind, name)
        assert result.ok, lines(result)
        return result

    return run


def council(code):
    return Authority.objects.by_code(code).get()


MAY_2017, AUGUST_2017 = D(2017, 5, 1), D(2017, 8, 1)


def make_case(reference, code=SEFTON, received=MAY_2017):
    return Case.objects.create(reference=reference, authority=council(code), received=received,
                               category="housing")


def make_decision(reference, code=SEFTON, received=MAY_2017, decided=AUGUST_2017,
                  outcome="upheld", remedy=""):
    return Decision.objects.create(case=make_case(reference, code, received), decided=decided,
                                   outcome=outcome, remedy=remedy)
