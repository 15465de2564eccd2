"""The one guard every CSV of the site uses against cells a spreadsheet would run as formulas."""

import datetime

import pytest

from upheld.csv_output import safe_cell


@pytest.mark.parametrize(("value", "written"), [
    ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
    ("+44 1632 960001", "'+44 1632 960001"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Sefton = fine", "Sefton = fine"),  # only the start of a cell counts
    ("", ""),
    (None, ""),
    (-5, "-5"),  # a number is not a formula
    (2.5, "2.5"),
    (datetime.date(2024, 1, 15), "2024-01-15"),
])
def test_safe_cell(value, written):
    assert safe_cell(value) == written
