"""A council's case spreadsheets are the same bytes in every run of the letter batch: dated as the letter."""

import datetime
import io
import zipfile

from django.core.management import call_command
from openpyxl import load_workbook

from tests.another_process import made_elsewhere, sha256
from tests.builders import D, decide
from tests.letters.conftest import SEFTON
from upheld import spreadsheet_files
from upheld.authorities.models import Authority
from upheld.casework.models import Case
from upheld.casework.vocabulary import Outcome, Remedy
from upheld.letters.models import LetterText
from upheld.letters.spreadsheets import SHEETS, CaseRows, fetch_case_rows, filled, spreadsheet_bytes
from upheld.years import ReportingYear


def test_the_batch_spreadsheets_are_the_same_bytes_made_in_another_process(year_2023, tmp_path):
    call_command("letters", "--year", "2023-24", "--authority", SEFTON, "--format", "html", "--out", str(tmp_path),
                 "--no-progress", stdout=io.StringIO())
    letter_date = LetterText.objects.get(year=2023).letter_date
    council = Authority.objects.get(gss=SEFTON)
    rows = fetch_case_rows(ReportingYear(2023), [council.id])[council.id]
    for kind, (name, _) in SHEETS.items():
        written = (tmp_path / f"{SEFTON}-sefton-2023-24" / f"{name}.xlsx").read_bytes()
        assert sha256(made_elsewhere(spreadsheet_bytes, kind, rows, letter_date, False)) == sha256(written), kind

        midnight = datetime.datetime.combine(letter_date, datetime.time())
        assert {e.date_time for e in zipfile.ZipFile(io.BytesIO(written)).infolist()} == {midnight.timetuple()[:6]}
        properties = load_workbook(io.BytesIO(written)).properties
        assert (properties.created, properties.modified) == (midnight, midnight)


def test_a_subcategory_typed_by_staff_stays_text_in_the_spreadsheets(sefton):
    typed = '=HYPERLINK("http://x","y")'
    decided = decide(sefton, D(2023, 5, 2), D(2023, 8, 1), Outcome.UPHELD, Remedy.BY_OMBUDSMAN)
    Case.objects.filter(pk=decided.case_id).update(subcategory=typed)
    rows = fetch_case_rows(ReportingYear(2023), [sefton.id])[sefton.id]
    for kind, column in (("received", 4), ("decided", 5)):
        sheet = load_workbook(io.BytesIO(spreadsheet_bytes(kind, rows, datetime.date(2024, 6, 1), False))).active
        cell = sheet.cell(row=2, column=column)
        assert (cell.value, cell.data_type) == (typed, "s"), kind


def test_the_spreadsheets_are_the_bytes_openpyxl_writes_for_the_whole_workbook(year_2023):
    """`spreadsheet_bytes` fills the rows into a frame openpyxl wrote once (`RowsFrame`): the same bytes as
    openpyxl writing each workbook whole, with rows or none, marked as demonstration data or not."""
    letter_date = datetime.date(2024, 6, 1)
    everyone = fetch_case_rows(ReportingYear(2023))
    assert len(everyone) > 1
    for rows in [*everyone.values(), CaseRows()]:
        for kind in SHEETS:
            for demonstration in (False, True):
                with spreadsheet_files.write_only_workbook() as book:
                    whole = spreadsheet_files.xlsx_bytes(filled(book, kind, rows, demonstration), letter_date)
                assert spreadsheet_bytes(kind, rows, letter_date, demonstration) == whole, (kind, demonstration)
