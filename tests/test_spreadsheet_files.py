"""A spreadsheet filled into a `RowsFrame` is the same bytes openpyxl writes for the whole workbook; one that cannot
be written fails once, cleanly."""

import datetime
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from upheld import spreadsheet_files
from upheld.spreadsheet_files import RowsFrame

SOURCE = Path(__file__).resolve().parents[1] / "src"
DAY = datetime.date(2025, 5, 21)
HEADER = ("Reference", "Received", "Note")
AWKWARD = [
    "", " ", "plain", "  leading", "trailing  ", "tab\there", "line\nbreak", "carriage\rreturn", "crlf\r\n",
    "&amp; <b>bold</b> > \"quoted\" 'single'", "=SUM(A1:A2)", "#N/A", "#REF!", "café — naïve ‘quotes’ ½",
    "emoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u00a0non-breaking\u00a0", "\u2028line separator", "]]> cdata end", "x" * 33000,
]


def whole(rows, marking: bool) -> Workbook:
    """The workbook as openpyxl writes it all: an optional bold marking row, the header, then `rows`."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Cases")
    if marking:
        sheet.append(spreadsheet_files.row(sheet, ("Demonstration data",), spreadsheet_files.Font(bold=True)))
    sheet.append(spreadsheet_files.row(sheet, HEADER))
    for values in rows:
        sheet.append(spreadsheet_files.row(sheet, values))
    return book


@pytest.mark.parametrize("marking", [False, True])
def test_filled_rows_are_the_bytes_openpyxl_writes(marking):
    rows = [(text, DAY - datetime.timedelta(days=number), text[::-1]) for number, text in enumerate(AWKWARD)]
    rows += [("no date", None, "x"), (None, datetime.date(1900, 1, 1), None), ("old", datetime.date(1899, 12, 31), "")]
    frame = RowsFrame.around_placeholder(whole([(DAY,)], marking), DAY, placeholder=True)
    assert frame.fill(rows) == spreadsheet_files.xlsx_bytes(whole(rows, marking), DAY)


@pytest.mark.parametrize("marking", [False, True])
def test_a_frame_without_placeholder_gives_the_bytes_of_a_sheet_without_dates(marking):
    frame = RowsFrame.around_placeholder(whole([], marking), DAY, placeholder=False)
    assert frame.fill([]) == spreadsheet_files.xlsx_bytes(whole([], marking), DAY)
    assert frame.fill([("a", "b")]) == spreadsheet_files.xlsx_bytes(whole([("a", "b")], marking), DAY)
    with pytest.raises(TypeError):
        frame.fill([("a", DAY)])


def test_text_xml_cannot_hold_is_refused_as_openpyxl_refuses_it():
    frame = RowsFrame.around_placeholder(whole([(DAY,)], False), DAY, placeholder=True)
    with pytest.raises(IllegalCharacterError):
        frame.fill([("bell\x07",)])
    with pytest.raises(IllegalCharacterError):
        spreadsheet_files.row(Workbook(write_only=True).create_sheet(), ("bell\x07",))


FULL_DISK = """
import gc, resource, signal, sys, tempfile
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))
tempfile.tempdir = sys.argv[1]
import datetime
from upheld import spreadsheet_files
try:
    with spreadsheet_files.write_only_workbook() as book:
        book.create_sheet("Notes").append(["a sheet begun, whose rows are not yet closed when the next fails"])
        sheet = book.create_sheet("Cases")
        for number in range(5000):
            sheet.append(spreadsheet_files.row(sheet, (f"case {number}", number)))
        spreadsheet_files.xlsx_bytes(book, datetime.date(2025, 5, 21))
except OSError as error:
    print(error)
gc.collect()
"""


def test_a_workbook_on_a_full_disk_fails_once_as_the_disk_said_and_leaves_no_file(tmp_path):
    """openpyxl streams a sheet into a temporary file through a generator. On a full disk (here a file size
    limit) the generator was left open: closing it at garbage collection failed again, which Python printed to
    the terminal as "Exception ignored" (an export's one-line error came with a traceback), its file stayed, and
    the failure was lxml's "IO_EFBIG" rather than the disk's own error."""
    done = subprocess.run([sys.executable, "-c", FULL_DISK, tmp_path], capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(SOURCE)})
    assert (done.returncode, done.stdout, done.stderr) == (0, f"[Errno {errno.EFBIG}] File too large\n", "")
    assert list(tmp_path.iterdir()) == []
