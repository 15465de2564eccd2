"""`upheld letters`: one file per council, its private spreadsheets, clear errors."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.letters.conftest import SEFTON
from upheld.stats.annual import year_statistics
from upheld.years import ReportingYear


def letters(*args) -> str:
    out = io.StringIO()
    call_command("letters", *args, "--no-progress", stdout=out)
    return out.getvalue()


def sheet_rows(path):
    workbook = load_workbook(path, read_only=True)
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    workbook.close()
    return rows


def test_every_council_of_the_year_gets_a_letter_and_its_spreadsheets(year_2023, tmp_path):
    summary = letters("--year", "2023-24", "--format", "html", "--out", str(tmp_path))
    councils = year_statistics(ReportingYear(2023)).councils
    letters_written = sorted(path.name for path in tmp_path.glob("*.html"))
    assert letters_written == sorted(f"{c.authority.gss}-{c.authority.slug}-2023-24.html" for c in councils)
    assert len(list(tmp_path.glob("*/*.xlsx"))) == 3 * len(councils)
    assert summary.startswith(f"Wrote {len(councils)} HTML letters for 2023-24 and {3 * len(councils):,} spreadsheets")
    assert "88%" in (tmp_path / "E08000014-sefton-2023-24.html").read_text()

    folder = tmp_path / "E08000014-sefton-2023-24"
    received = sheet_rows(folder / "complaints-received.xlsx")
    assert received[0] == ["Reference", "Received", "Category", "Subcategory"]
    assert len(received) == 1 + 14  # 11 decided cases and 3 more received in the year
    decided = sheet_rows(folder / "decisions-made.xlsx")
    assert decided[0] == ["Reference", "Received", "Decided", "Category", "Subcategory", "Outcome", "Remedy"]
    assert len(decided) == 1 + 11
    assert decided[1][1:3] == [datetime.datetime(2023, 5, 2), datetime.datetime(2023, 8, 1)]
    assert sorted(row[5] for row in decided[1:]).count("Upheld") == 7
    compliance = sheet_rows(folder / "compliance-outcomes.xlsx")
    assert compliance[0] == ["Reference", "Category", "Decided", "Remedy", "Recorded", "Compliance outcome"]
    assert sorted(row[5] for row in compliance[1:]) == ["complied"] * 5 + ["complied late"]
    empty = tmp_path / "E06000001-hartlepool-2023-24"
    assert [len(sheet_rows(empty / name)) for name in ("complaints-received.xlsx", "decisions-made.xlsx",
                                                       "compliance-outcomes.xlsx")] == [1, 1, 1]


def test_one_council_as_pdf(sefton_2017, tmp_path):
    summary = letters("--year", "2017-18", "--authority", SEFTON, "--format", "pdf", "--out", str(tmp_path / "out"))
    assert summary.startswith("Wrote 1 PDF letter for 2017-18 and 3 spreadsheets")
    files = sorted(path.relative_to(tmp_path / "out").as_posix() for path in (tmp_path / "out").rglob("*.*"))
    assert files == ["E08000014-sefton-2017-18.pdf", "E08000014-sefton-2017-18/complaints-received.xlsx",
                     "E08000014-sefton-2017-18/compliance-outcomes.xlsx",
                     "E08000014-sefton-2017-18/decisions-made.xlsx"]
    assert (tmp_path / "out" / files[0]).read_bytes().startswith(b"%PDF-")
    assert len(sheet_rows(tmp_path / "out" / files[3])) == 1 + 63


@pytest.mark.parametrize(("args", "message"), [
    (["--year", "2017"], "'2017' is not a reporting year like 2017-18"),
    (["--year", "2012-13"], "there is no letter text for 2012-13"),
    (["--year", "2017-18", "--authority", "E99999999"], "no council has the code 'E99999999'"),
    (["--year", "2019-20", "--authority", "E07000048"], "Christchurch Borough Council did not exist in 2019-20"),
])
def test_clear_errors(db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        letters(*args, "--out", str(tmp_path))
    assert list(tmp_path.iterdir()) == []
