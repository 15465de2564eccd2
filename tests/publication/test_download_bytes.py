"""The open-data files: XLSX and ODS the same bytes whenever and wherever made (dated by the version); CSV
text guarded against spreadsheet formulas."""

import datetime
import io
import zipfile

import pytest
from odf import dc, meta
from odf.opendocument import OpenDocumentText, load
from odf.style import Style
from odf.table import TableCell
from openpyxl import load_workbook

from tests.another_process import made_elsewhere, sha256
from tests.builders import D, decide
from upheld.casework.vocabulary import Outcome
from upheld.publication import downloads
from upheld.publication.open_data import edition
from upheld.releases.freezing import revise


@pytest.mark.parametrize("extension", ["xlsx", "ods"])
def test_a_download_is_the_same_bytes_made_in_another_process(client, released_2017_18, extension):
    # This process has already made another kind of document (odfpy's namespace table is process-wide).
    OpenDocumentText().styles.addElement(Style(name="Heading", family="paragraph"))
    response = client.get(f"/data/2017-18/v1/upheld-2017-18-v1.{extension}")
    assert response.status_code == 200
    served = response.content
    shown = edition("2017-18", 1)
    writer = downloads.xlsx_bytes if extension == "xlsx" else downloads.ods_bytes
    again = made_elsewhere(writer, downloads.sheets(shown), downloads.workbook_title(shown), shown.version.frozen_at)
    assert sha256(again) == sha256(served)

    frozen = shown.version.frozen_at.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    archive = zipfile.ZipFile(io.BytesIO(served))
    zip_time = (*frozen.timetuple()[:5], frozen.second // 2 * 2)  # a zip entry's time is to two seconds
    assert {entry.date_time for entry in archive.infolist()} == {zip_time}
    if extension == "xlsx":
        properties = load_workbook(io.BytesIO(served)).properties
        assert (properties.created, properties.modified) == (frozen, frozen)
    else:
        assert archive.infolist()[0].filename == "mimetype"  # still first and stored, as ODF requires
        assert archive.infolist()[0].compress_type == zipfile.ZIP_STORED
        document = load(io.BytesIO(served))
        assert [str(e) for e in document.meta.getElementsByType(meta.CreationDate)] == [frozen.isoformat()]
        assert [str(e) for e in document.meta.getElementsByType(dc.Date)] == [frozen.isoformat()]


def test_a_revision_cause_typed_by_staff_cannot_become_a_formula(client, released_2017_18, authority):
    decide(authority, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    revise(released_2017_18.reporting_year, '=HYPERLINK("http://evil.example") recorded late')
    revisions = client.get("/data/2017-18/revisions.csv").content.decode()
    assert "\"'=HYPERLINK(\"\"http://evil.example\"\") recorded late\"" in revisions


def test_a_revision_cause_is_text_in_the_xlsx_and_ods(client, released_2017_18, authority):
    cause = '=HYPERLINK("http://evil.example","y")'
    decide(authority, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    revise(released_2017_18.reporting_year, cause)

    xlsx = load_workbook(io.BytesIO(client.get("/data/2017-18/v2/upheld-2017-18-v2.xlsx").content))
    cells = [cell for sheet in xlsx.worksheets for row in sheet.iter_rows() for cell in row if cell.value == cause]
    assert cells and {cell.data_type for cell in cells} == {"s"}

    ods = load(io.BytesIO(client.get("/data/2017-18/v2/upheld-2017-18-v2.ods").content))
    cells = [cell for cell in ods.spreadsheet.getElementsByType(TableCell) if str(cell) == cause]
    assert cells and {cell.getAttribute("valuetype") for cell in cells} == {"string"}
    assert not [cell for cell in cells if cell.getAttribute("formula")]
