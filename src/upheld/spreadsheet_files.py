"""XLSX and ODS files whose bytes depend only on what they hold and on a date the caller gives.

Both formats are zip archives, and both writers stamp the moment of writing into them: every zip
entry's date, and for XLSX the workbook's created and modified properties (openpyxl's
`Workbook.save` sets "modified" to now whatever it was). A published download that changes its
bytes each time it is made cannot be checked against a checksum, and two runs of the same letter
batch would give different spreadsheets. So the document's properties carry the caller's date (a
figures version's freezing, a letter's date), the workbook goes through openpyxl's writer without
`save`, and the archive is rewritten with that date on every entry. odfpy has one more source of
difference, the process's history (see `_declare_every_namespace`).

Text in these files can come from people (a case's subcategory, a revision's cause), and openpyxl makes
any string starting with "=" a formula (and "#N/A" and the like an error value): every row of an XLSX
goes through `row` so that text is always stored as text, exactly as typed. odfpy writes a cell's text
as a formula only when asked to, so an ODS text cell (`office:value-type="string"`) is safe as it is.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from odf import dc, meta
from odf.element import Element
from odf.namespaces import nsdict
from odf.opendocument import OpenDocument
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter


def xlsx_bytes(workbook: Workbook, dated: datetime.date | datetime.datetime) -> bytes:
    """`workbook` as XLSX, created and modified at `dated`. A write-only workbook can be written once."""
    moment = _utc(dated)
    workbook.properties.created = workbook.properties.modified = moment
    out = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return _dated_archive(out.getvalue(), moment)


def row(sheet, values, font: Font | None = None) -> list:
    """`values` ready for a write-only `sheet`'s `append`: each string a text cell, never a formula or an
    error value, and every cell in `font` if one is given."""
    return [_cell(sheet, value, font) for value in values]


def _cell(sheet, value, font: Font | None):
    if not isinstance(value, str) and font is None:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # after the value: assigning it is what guesses "f" for "=..."
    if font is not None:
        cell.font = font
    return cell


def ods_bytes(document: OpenDocument, dated: datetime.date | datetime.datetime) -> bytes:
    """`document` as ODS, created and modified at `dated` (odfpy writes no date of its own into meta.xml)."""
    moment = _utc(dated)
    document.meta.addElement(meta.CreationDate(text=moment.isoformat()))
    document.meta.addElement(dc.Date(text=moment.isoformat()))
    _declare_every_namespace()
    out = io.BytesIO()
    document.write(out)
    return _dated_archive(out.getvalue(), moment)


def _declare_every_namespace() -> None:
    """Put odfpy's namespace table in a fixed order that holds every namespace it knows.

    odfpy keeps one table for all its elements (a class attribute: odfpy issue #67) and declares the
    whole table at the root of each part it writes, in the order the process first used each namespace.
    So an ODS made after the process had read or written another document came out different. Every
    known namespace, ordered by prefix, makes the declarations the same whatever came before (declaring
    one a part does not use is harmless). The table is reordered in place because the elements share it.
    """
    table = Element.namespaces
    by_prefix = sorted({**table, **nsdict}.items(), key=lambda item: (item[1], item[0]))
    table.clear()
    table.update(by_prefix)


def _utc(dated: datetime.date | datetime.datetime) -> datetime.datetime:
    """A naive UTC datetime, as both formats' properties take it (a date is its midnight)."""
    if not isinstance(dated, datetime.datetime):
        return datetime.datetime.combine(dated, datetime.time())
    if dated.tzinfo is None:
        return dated.replace(microsecond=0)
    return dated.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)


def _dated_archive(archive: bytes, moment: datetime.datetime) -> bytes:
    """The archive with every entry dated `moment`, in the same order and compression, so an ODS keeps its
    uncompressed `mimetype` entry first as the format requires."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", allowZip64=True) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, moment.timetuple()[:6])
            info.compress_type = entry.compress_type
            info.external_attr = entry.external_attr
            target.writestr(info, source.read(entry))
    return out.getvalue()
