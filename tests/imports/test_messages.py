"""What an import says about the small things that used to be said wrong (finding 6 of issue 13): a formula
saved without its value, a hidden sheet, one reference written two ways, a whole column of dates in another
format, and more problems than anyone reads. (A full disk is in test_faults.)"""

import datetime
import io
import re
import zipfile

import pytest
from django.core.management import CommandError, call_command

from upheld.casework.models import Case, Decision
from upheld.imports import run_import

from .conftest import CASES_HEADER, DECISIONS_HEADER, SEFTON, lines, make_case, write_csv, write_xlsx

RECALCULATE = ("the file was made by a program that does not calculate formulas; open it in Excel or LibreOffice "
               "Calc, save it there and import it again")


# Formulas ------------------------------------------------------------------------------------------------

def test_a_formula_saved_without_its_value_is_named_as_such(rejected):
    """openpyxl, like other libraries, saves a formula with no value: the cell read as empty ("a date is
    required")."""
    write_xlsx("cases.xlsx", ("Cases", [CASES_HEADER, ["R1", SEFTON, "=TEXT(DATE(2017,5,1),\"yyyy-mm-dd\")",
                                                       "Housing"],
                                        ["R2", SEFTON, "2017-05-02", "Housing"],
                                        ["R3", SEFTON, "=C3", "=D3"], ["R4", SEFTON, "=C4", "Housing"]]))
    assert rejected("cases", "cases.xlsx") == [
        f"cases.xlsx:2: received: cell C2 holds a formula whose value was never calculated and saved (and 2 more "
        f"cells of this column, to row 5): {RECALCULATE}",
        f"cases.xlsx:4: category: cell D4 holds a formula whose value was never calculated and saved: {RECALCULATE}",
    ]


def with_values(name: str, values: dict[str, str]) -> str:
    """Rewrite `name`'s sheet as a spreadsheet program saves it: each formula cell of `values` with its value
    as text (`t="str"`, `<v>value</v>`)."""
    with zipfile.ZipFile(name) as book:
        parts = {part: book.read(part) for part in book.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for cell, value in values.items():
        sheet = re.sub(rf'<c r="{cell}"([^>]*)>(<f>.*?</f>)<v></v></c>',
                       rf'<c r="{cell}"\1 t="str">\2<v>{value}</v></c>', sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(name, "w") as book:
        for part, data in parts.items():
            book.writestr(part, data)
    return name


def test_formulas_saved_with_their_values_are_read_as_their_values(imported):
    write_xlsx("cases.xlsx", ("Cases", [CASES_HEADER, ["R1", SEFTON, "=TEXT(DATE(2017,5,1),\"yyyy-mm-dd\")",
                                                       "Housing"], ["R2", SEFTON, "2017-05-02", "=\"\"&\"Other\""]]))
    imported("cases", with_values("cases.xlsx", {"C2": "2017-05-01", "D3": "Other"}))
    assert list(Case.objects.order_by("reference").values_list("received", "category")) == [
        (datetime.date(2017, 5, 1), "housing"), (datetime.date(2017, 5, 2), "other")]


def test_a_formula_in_a_column_not_read_does_not_matter(imported):
    write_xlsx("cases.xlsx", ("Cases", [[*CASES_HEADER, "notes"], ["R1", SEFTON, "2017-05-01", "Housing", "=A2"]]))
    assert imported("cases", "cases.xlsx").imported == 1


# Sheets ----------------------------------------------------------------------------------------------------

def test_a_hidden_sheet_with_data_is_called_hidden(rejected):
    from openpyxl import load_workbook

    write_xlsx("cases.xlsx", ("Cases", [CASES_HEADER, ["R1", SEFTON, "2017-05-01", "Housing"]]),
               ("Old", [CASES_HEADER, ["R0", SEFTON, "2016-05-01", "Housing"]]))
    book = load_workbook("cases.xlsx")
    book["Old"].sheet_state = "hidden"
    book.save("cases.xlsx")
    assert rejected("cases", "cases.xlsx") == [
        "cases.xlsx:1: (sheet): the workbook has 2 sheets with data ('Cases', 'Old' (hidden)); an import reads one "
        "sheet, so delete or empty the others (unhide a hidden sheet to see it)"]


# References ------------------------------------------------------------------------------------------------

def test_a_reference_in_capitals_or_not_is_one_reference(rejected):
    write_csv("cases.csv", [CASES_HEADER] + [[reference, SEFTON, "2017-05-01", "Housing"]
                                             for reference in ("X1-902", "x1-902", " x1 903 ", "X1  903")])
    assert rejected("cases", "cases.csv") == ["cases.csv:3: reference: same reference as row 2",
                                              "cases.csv:5: reference: same reference as row 4"]


def test_references_are_stored_in_capitals_and_found_so(imported):
    make_case("X1-902")
    write_csv("cases.csv", [CASES_HEADER, ["x1-903", SEFTON, "2017-05-01", "Housing"],
                            ["22  000   114", SEFTON, "2017-05-01", "Housing"]])
    imported("cases", "cases.csv")
    assert set(Case.objects.values_list("reference", flat=True)) == {"X1-902", "X1-903", "22 000 114"}
    write_csv("decisions.csv", [DECISIONS_HEADER, ["x1-902", SEFTON, "2017-08-01", "Not upheld", ""]])
    imported("decisions", "decisions.csv")
    assert Decision.objects.get().case.reference == "X1-902"
    write_csv("again.csv", [CASES_HEADER, ["x1-902", SEFTON, "2017-05-01", "Housing"]])
    assert lines(run_import("cases", "again.csv")) == ["again.csv:2: reference: case X1-902 is already in the database"]


# Dates in another format -----------------------------------------------------------------------------------

def dated(name: str, dates: list[str]) -> str:
    return write_csv(name, [CASES_HEADER] + [[f"R{n}", SEFTON, day, "Housing"] for n, day in enumerate(dates)])


def test_a_column_of_dates_all_in_another_format_is_told_once(db):
    """It printed one line per row: 200,002 of them for a file of 200,000 cases."""
    dated("cases.csv", [f"{day:02d}/05/2017" for day in range(1, 29)] * 200)  # 5,600 rows: several batches
    result = run_import("cases", "cases.csv")
    assert lines(result) == ["cases.csv:2: received: all 5,600 values of this column are written DD/MM/YYYY (such "
                             "as '01/05/2017'), not YYYY-MM-DD; change the column to YYYY-MM-DD and import the file "
                             "again"]
    assert (result.summary, result.hidden) == ("cases.csv: 1 problem; nothing imported", 0)


@pytest.mark.parametrize(("dates", "seen"), [(["1/5/2017", "12/11/2017"], "DD/MM/YYYY"),
                                             (["2017.05.01", "2017.5.2"], "YYYY.MM.DD"),
                                             (["01-05-17", "02-05-17"], "DD-MM-YY")])
def test_the_format_seen_is_named(db, dates, seen):
    dated("cases.csv", dates)
    [line] = lines(run_import("cases", "cases.csv"))
    assert f"all 2 values of this column are written {seen} (such as {dates[0]!r}), not YYYY-MM-DD" in line


def test_a_column_only_partly_in_another_format_is_told_row_by_row(db):
    dated("cases.csv", ["01/05/2017", "2017-05-02", "03/05/2017"])
    assert lines(run_import("cases", "cases.csv")) == [
        "cases.csv:2: received: '01/05/2017' is not a date in the form YYYY-MM-DD",
        "cases.csv:4: received: '03/05/2017' is not a date in the form YYYY-MM-DD"]


def test_other_problems_beside_the_column_keep_their_order_and_limit(db):
    rows = [[f"R{n}", "E99999999" if n % 2 else SEFTON, f"{n % 28 + 1:02d}/05/2017", "Housing"] for n in range(300)]
    write_csv("cases.csv", [CASES_HEADER, *rows])
    result = run_import("cases", "cases.csv", max_problems=3)
    unknown = "authority: unknown council 'E99999999': not a GSS code (such as E08000014) in the register"
    assert result.lines() == [
        "cases.csv:2: received: all 300 values of this column are written DD/MM/YYYY (such as '01/05/2017'), not "
        "YYYY-MM-DD; change the column to YYYY-MM-DD and import the file again",
        f"cases.csv:3: {unknown}", f"cases.csv:5: {unknown}",
        "cases.csv: ... and 148 more problems, not shown"]
    assert result.summary == "cases.csv: 151 problems; nothing imported"


# Many problems ---------------------------------------------------------------------------------------------

def test_at_most_100_problems_are_listed_then_a_count_of_the_rest(db):
    write_csv("cases.csv", [CASES_HEADER] + [[f"R{n}", "E99999999", "2017-05-01", "Housing"] for n in range(250)])
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"^cases.csv: 250 problems; nothing imported$"):
        call_command("import", "cases", "cases.csv", stderr=err)
    shown = err.getvalue().splitlines()
    assert len(shown) == 101 and shown[0].startswith("cases.csv:2: authority: unknown council")
    assert shown[99].startswith("cases.csv:101: authority:")
    assert shown[100] == "cases.csv: ... and 150 more problems, not shown"

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "cases", "cases.csv", "--max-problems", "0", stderr=err)
    assert len(err.getvalue().splitlines()) == 250
