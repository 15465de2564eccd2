"""The open-data files of an edition: CSV, JSON, XLSX and ODS, written from the same rows.

Every format carries the same numbers (the edition's `council_json` records)
and says which version it is. The JSON has the revision notice and the credits
at its top level; each workbook has the dictionary, the revision notice and the
credits as sheets after the data. A CSV has no place for them without breaking
the readers that expect one header row, so it stays plain and the revisions
have their own CSV. Not applicable rates are empty cells (null in JSON).
"""

from __future__ import annotations

import csv
import datetime
import io
import json

from odf.dc import Title
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl.styles import Font

from upheld import spreadsheet_files
from upheld.csv_output import safe_cell
from upheld.publication import attribution, dictionary
from upheld.publication.open_data import NOTICE_HEADERS, Edition
from upheld.publication.page_cache import WHOLE_KEY_TIMEOUT, built_once, material_key

Sheet = tuple[str, list[list]]  # a title and its rows, header first

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def columns(edition: Edition) -> list[str]:
    return list(edition.rows[0]) if edition.rows else [column.name for column in dictionary.COLUMNS]


def csv_text(header: list[str], rows: list[list]) -> str:
    """Rows as CSV, written as `upheld stats --format csv` writes them (a test holds the two together), text
    that could start a spreadsheet formula (a revision's cause is typed by staff) guarded as in every CSV."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(name) for name in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return out.getvalue()


def table(edition: Edition, names: list[str] | None = None, rows: list[dict] | None = None) -> list[list]:
    """The edition's rows (or `rows`) as lists in the order of `names` (all columns by default)."""
    names = names or columns(edition)
    return [[row[name] for name in names] for row in (edition.rows if rows is None else rows)]


def edition_csv(edition: Edition) -> str:
    return csv_text(columns(edition), table(edition))


def revisions_csv(edition: Edition) -> str:
    return csv_text(["year", *NOTICE_HEADERS], [[edition.year.label, *n.row()] for n in edition.notices])


def dictionary_csv() -> str:
    header, *rows = dictionary.rows()
    return csv_text(list(header), [list(row) for row in rows])


def edition_json(edition: Edition) -> str:
    document = {
        "title": f"Complaints about councils: statistics for {edition.year.label}",
        "year": edition.year.label,
        "version": edition.number,
        "latest_version": edition.latest,
        "released": edition.released,
        "revision": edition.notice.as_json() if edition.notice.is_revision else None,
        "revisions": [n.as_json() for n in edition.revisions],
        "notes": list(dictionary.NOTES),
        "attribution": attribution.as_json(),
        "councils": edition.records,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def sheets(edition: Edition) -> list[Sheet]:
    """The workbook's sheets: the data, then the dictionary, the revision notice and the credits."""
    this = edition.notice
    status = [
        ["Year", edition.year.label],
        ["Version", edition.number],
        ["This version", this.kind],
        ["Made public", this.date],
        ["Cause", this.cause or "-"],
        ["Scale", this.scale or "-"],
        ["Latest version", edition.latest],
        [],
        ["Every version of the year's figures"],
        list(NOTICE_HEADERS),
        *(list(n.row()) for n in edition.notices),
    ]
    return [
        (f"Councils {edition.year.label}", [columns(edition), *table(edition)]),
        ("Data dictionary", [list(row) for row in dictionary.rows()] + [[]] + [[note] for note in dictionary.NOTES]),
        ("Revision", status),
        ("Attribution", [list(row) for row in attribution.rows()]),
    ]


def xlsx_bytes(sheets: list[Sheet], title: str, dated: datetime.datetime) -> bytes:
    """The sheets as an XLSX workbook whose bytes depend only on them, `title` and `dated`."""
    with spreadsheet_files.write_only_workbook() as workbook:
        workbook.properties.title = title
        workbook.properties.creator = "upheld"
        bold = Font(bold=True)
        for name, rows in sheets:
            sheet = workbook.create_sheet(name)
            sheet.freeze_panes = "A2"
            for number, row in enumerate(rows):
                sheet.append(spreadsheet_files.row(sheet, row, bold if number == 0 else None))
        return spreadsheet_files.xlsx_bytes(workbook, dated)


def ods_bytes(sheets: list[Sheet], title: str, dated: datetime.datetime) -> bytes:
    """The sheets as an ODS spreadsheet whose bytes depend only on them, `title` and `dated`."""
    document = OpenDocumentSpreadsheet()
    document.meta.addElement(Title(text=title))
    for name, rows in sheets:
        sheet = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                if value is None or value == "":
                    cell = TableCell()
                elif isinstance(value, bool):  # a small-base flag: a spreadsheet's TRUE or FALSE, as in XLSX
                    cell = TableCell(valuetype="boolean", booleanvalue="true" if value else "false")
                    cell.addElement(P(text="TRUE" if value else "FALSE"))
                elif isinstance(value, int | float):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                else:
                    cell = TableCell(valuetype="string")
                    for line in str(value).split("\n"):
                        cell.addElement(P(text=line))
                table_row.addElement(cell)
            sheet.addElement(table_row)
        document.spreadsheet.addElement(sheet)
    return spreadsheet_files.ods_bytes(document, dated)


def render(edition: Edition, extension: str) -> bytes:
    """The edition's file in `extension` (one of `open_data.FORMATS`), made once per version.

    A version never changes, so its files are kept in the one cache of public
    material (`page_cache`) under the version's identity (and the accepted
    returns the files carry, `Edition.returns_key`), and built once: the
    ODS writer (odfpy) in particular takes a second or more, and a request that
    asks while another builds the file gets `page_cache.Busy`.
    """
    content, _ = built_once(key(edition, extension), lambda: (_render(edition, extension), None), WHOLE_KEY_TIMEOUT)
    return content


def key(edition: Edition, extension: str) -> str:
    """Everything the edition's file in `extension` depends on: the page cache keeps the file under it, and a
    static export takes the file unrendered from the export it replaces while it is unchanged."""
    # The newest version too: each file names the latest version and lists the revisions.
    version, newest = edition.version, edition.versions[-1]
    return material_key("open-data", version.id, version.frozen_at, newest.id, newest.frozen_at, edition.returns_key,
                        extension)


def _render(edition: Edition, extension: str) -> bytes:
    if extension == "csv":
        return edition_csv(edition).encode()
    if extension == "json":
        return edition_json(edition).encode()
    writer = xlsx_bytes if extension == "xlsx" else ods_bytes
    # Dated by the version's freezing, not the moment of writing: the same version gives the same bytes.
    return writer(sheets(edition), workbook_title(edition), edition.version.frozen_at)


def workbook_title(edition: Edition) -> str:
    return f"Complaints about councils {edition.year.label}, version {edition.number}"
