"""What any import does with the file itself: formats, header, encodings,
blank rows, row numbers, spreadsheets. Shown through the cases import; the
reading is the same for every kind."""

import datetime

from upheld.casework.models import Case
from upheld.imports import run_import

from .conftest import (
    BARNSLEY,
    CASES_HEADER,
    SEFTON,
    lines,
    write_bytes,
    write_csv,
    write_xlsx,
)

GOOD = ["17001", SEFTON, "2017-05-01", "Housing"]
WANTED = "reference, authority, received, category"


def test_csv_with_bom_spaces_blank_rows_and_extra_columns(imported):
    data = ("\ufeffNotes, Reference ,AUTHORITY,received,Category\n"
            "n1,  17001 , e08000014 ,2017-05-01 , housing >  homelessness \n"
            ",,,,\n"
            "\n"
            "   ,  ,\n"
            "n2,17002,E08000016,2017-06-01,Other\n")
    write_bytes("cases.csv", data.encode())
    result = imported("cases", "cases.csv")
    assert result.summary.startswith("cases.csv: imported 2 cases in ")
    assert result.rows == 2
    assert [w.format("cases.csv") for w in result.warnings] == [
        "cases.csv:1: Notes: warning: column not used; ignored"]
    first = Case.objects.get(reference="17001")
    assert (first.authority.gss, first.received, first.category, first.subcategory) == (
        SEFTON, datetime.date(2017, 5, 1), "housing", "Homelessness")  # as the list spells it
    assert Case.objects.get(reference="17002").authority.gss == BARNSLEY


def test_missing_columns_are_named_on_row_1(rejected):
    write_csv("cases.csv", [["reference", "authority", "date"], ["17001", SEFTON, "2017-05-01"]])
    assert rejected("cases", "cases.csv") == [
        "cases.csv:1: received: required column is missing from the header",
        "cases.csv:1: category: required column is missing from the header",
    ]


def test_a_column_twice_in_the_header(rejected):
    write_csv("cases.csv", [[*CASES_HEADER, "Received"], [*GOOD, "2017-05-02"]])
    assert rejected("cases", "cases.csv") == [
        "cases.csv:1: received: column appears 2 times in the header; keep one"]


def test_semicolons_get_a_hint(rejected):
    write_bytes("cases.csv", b"reference;authority;received;category\n17001;E08000014;2017-05-01;Housing\n")
    assert rejected("cases", "cases.csv")[-1] == (
        "cases.csv:1: (header): only one column found: the file must be comma-separated")


def test_empty_file(rejected):
    write_bytes("cases.csv", b"")
    assert rejected("cases", "cases.csv") == [
        f"cases.csv:1: (file): the file is empty: it needs a header row naming {WANTED}"]


def test_blank_lines_only_is_empty(rejected):
    write_bytes("cases.csv", b"\n  \n,,,\n")
    assert rejected("cases", "cases.csv") == [
        f"cases.csv:1: (file): the file is empty: it needs a header row naming {WANTED}"]


def test_header_only(rejected):
    write_csv("cases.csv", [CASES_HEADER])
    assert rejected("cases", "cases.csv") == ["cases.csv:2: (file): no data rows after the header"]


def test_header_then_blank_rows(rejected):
    write_csv("cases.csv", [CASES_HEADER, [], ["", " ", "", ""]])
    assert rejected("cases", "cases.csv") == ["cases.csv:2: (file): no data rows after the header"]


def test_bytes_that_are_not_utf8_name_row_and_column(rejected):
    data = (b"reference,authority,received,category\n"
            b"17001,E08000014,2017-05-01,Housing\n"
            b"17002,E08000014,2017-05-01,Housing > Caf\xe9s\n")
    write_bytes("cases.csv", data)
    assert rejected("cases", "cases.csv") == [
        "cases.csv:3: category: holds bytes that are not UTF-8 (the first is 0xE9); save the file as UTF-8"]


def test_utf16_is_named(rejected):
    write_bytes("cases.csv", "reference,authority,received,category\n".encode("utf-16"))
    assert rejected("cases", "cases.csv") == ["cases.csv:1: (file): the file is UTF-16; save it as CSV UTF-8"]


def test_bytes_that_are_not_utf8_in_an_ignored_column_are_ignored(imported):
    write_bytes("cases.csv", b"reference,authority,received,category,notes\n"
                             b"17001,E08000014,2017-05-01,Housing,caf\xe9\n")
    assert imported("cases", "cases.csv").imported == 1


def test_control_characters_are_refused(rejected):
    write_csv("cases.csv", [CASES_HEADER, ["17\x0001", SEFTON, "2017-05-01", "Housing"],
                            ["17002", SEFTON, "2017-05-01", "Housing >\x1bX"]])
    assert rejected("cases", "cases.csv") == [
        "cases.csv:2: reference: holds a control character (U+0000)",
        "cases.csv:3: category: holds a control character (U+001B)",
    ]


def test_row_numbers_are_physical_lines_where_records_start(rejected):
    """A quoted value spanning lines: the records after it keep their true
    line numbers, and a bad record is reported where it starts."""
    data = ("reference,authority,notes,received,category\n"
            '17001,E08000014,"two\nlines",2017-05-01,Housing\n'
            "\n"
            '17002,E08000014,"three\nlong\nlines",2018-02-30,Housing\n'
            "17003,E08000014,,2018-02-31,Housing\n")
    write_bytes("cases.csv", data.encode())
    assert rejected("cases", "cases.csv") == [
        "cases.csv:5: received: 2018-02-30 is not a real date",
        "cases.csv:8: received: 2018-02-31 is not a real date",
    ]


def test_windows_line_endings(imported):
    write_bytes("cases.csv", b"reference,authority,received,category\r\n17001,E08000014,2017-05-01,Housing\r\n")
    assert imported("cases", "cases.csv").imported == 1


def test_short_rows_read_as_blank_cells(rejected):
    write_bytes("cases.csv", b"reference,authority,received,category\n17001,E08000014\n")
    assert rejected("cases", "cases.csv") == [
        "cases.csv:2: received: a date is required, as YYYY-MM-DD",
        "cases.csv:2: category: a value is required",
    ]


def test_an_unreadable_csv_stops_with_the_line(rejected):
    write_bytes("cases.csv", b'reference,authority,received,category\n17001,E08000014,2017-05-01,"Housing'
                + b"x" * 140_000)
    assert rejected("cases", "cases.csv") == [
        "cases.csv:2: (file): cannot read the CSV from this line on: field larger than field limit (131072)"]


def test_xlsx_with_native_cells(imported):
    write_xlsx("cases.xlsx", ("Cases", [
        ["Reference", "authority", "Received", "category", "notes"],
        [17001, SEFTON, datetime.datetime(2017, 5, 1), " Housing ", 3.5],
        [None, None, None, None, None],
        ["17002", f"  {BARNSLEY} ", datetime.date(2017, 6, 1), "Other", None],
        [17003.0, SEFTON, "2017-07-01", "Other", None],
    ]))
    result = imported("cases", "cases.xlsx")
    assert result.imported == 3
    assert set(Case.objects.values_list("reference", flat=True)) == {"17001", "17002", "17003"}
    assert Case.objects.get(reference="17001").received == datetime.date(2017, 5, 1)


def test_xlsx_row_numbers_and_a_datetime_with_a_time(rejected):
    write_xlsx("cases.xlsx", ("Cases", [
        CASES_HEADER,
        ["17001", SEFTON, datetime.datetime(2017, 5, 1, 10, 30), "Housing"],
        [],
        ["17002", SEFTON, "2017-02-30", "Housing"],
    ]))
    assert rejected("cases", "cases.xlsx") == [
        "cases.xlsx:2: received: '2017-05-01 10:30:00' is not a date in the form YYYY-MM-DD",
        "cases.xlsx:4: received: 2017-02-30 is not a real date",
    ]


def test_xlsx_with_several_sheets_of_data(rejected):
    write_xlsx("cases.xlsx", ("Cases", [CASES_HEADER, GOOD]), ("Notes", [["checked by", "me"]]))
    assert rejected("cases", "cases.xlsx") == [
        "cases.xlsx:1: (sheet): the workbook has 2 sheets with data ('Cases', 'Notes'); "
        "an import reads one sheet, so delete or empty the others"]


def test_xlsx_with_one_sheet_of_data_among_empty_ones(imported):
    write_xlsx("cases.xlsx", ("Empty", []), ("Cases", [CASES_HEADER, GOOD]), ("Blank", [[None, " "]]))
    assert imported("cases", "cases.xlsx").imported == 1


def test_xlsx_with_merged_cells(rejected):
    write_xlsx("cases.xlsx", ("Cases", [CASES_HEADER, GOOD, ["17002", SEFTON, "2017-05-01", "Housing"],
                                        ["17003", SEFTON, "2017-05-01", "Other"]]),
               merged=["C3:C4", "A1:B1"])
    assert rejected("cases", "cases.xlsx") == [
        "cases.xlsx:1: (sheet): cells A1:B1 of sheet 'Cases' are merged; "
        "unmerge them so that every cell holds its own value",
        "cases.xlsx:3: (sheet): cells C3:C4 of sheet 'Cases' are merged; "
        "unmerge them so that every cell holds its own value",
    ]


def test_empty_xlsx(rejected):
    write_xlsx("cases.xlsx", ("Sheet", []))
    assert rejected("cases", "cases.xlsx") == [
        f"cases.xlsx:1: (file): the file is empty: it needs a header row naming {WANTED}"]


def test_xlsx_that_is_not_a_workbook(rejected):
    write_bytes("cases.xlsx", b"reference,authority\n")
    [line] = rejected("cases", "cases.xlsx")
    assert line.startswith("cases.xlsx:1: (file): not a readable .xlsx workbook (")


def test_problems_are_listed_in_row_order_across_batches(rejected, settings):
    rows = [CASES_HEADER] + [[f"R{n}", SEFTON, "2017-05-01", "Housing"] for n in range(5000)]
    rows[10][2] = "2017-13-01"
    rows[4500][3] = "Parking"
    rows[4999][0] = "R3"
    write_csv("cases.csv", rows)
    problems = rejected("cases", "cases.csv")
    assert [line.split(": ")[0] for line in problems] == ["cases.csv:11", "cases.csv:4501", "cases.csv:5000"]
    assert problems[2] == "cases.csv:5000: reference: same reference as row 5"


def test_a_problem_after_written_batches_still_writes_nothing(rejected):
    rows = [CASES_HEADER] + [[f"R{n}", SEFTON, "2017-05-01", "Housing"] for n in range(4500)]
    rows.append(["R0", SEFTON, "2017-05-01", "Housing"])
    write_csv("cases.csv", rows)
    assert rejected("cases", "cases.csv") == ["cases.csv:4502: reference: same reference as row 2"]
    assert not Case.objects.exists()


def test_problems_can_go_to_a_callback(db):
    write_csv("cases.csv", [CASES_HEADER, ["17001", "nowhere", "2017-05-01", "Housing"]])
    seen = []
    result = run_import("cases", "cases.csv", on_problem=seen.append)
    assert result.problem_count == 1 and result.problems == []
    assert [p.format("cases.csv") for p in seen] == [
        "cases.csv:2: authority: unknown council 'nowhere': not a GSS code (such as E08000014) in the register"]


def test_result_lines_include_warnings(db):
    write_csv("cases.csv", [[*CASES_HEADER, "x"], ["17001", SEFTON, "2017-05-01", "Parking", ""]])
    result = run_import("cases", "cases.csv")
    assert result.lines()[0] == "cases.csv:1: x: warning: column not used; ignored"
    assert lines(result)[0].startswith("cases.csv:2: category: unknown category 'Parking'")
