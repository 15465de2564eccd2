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
import errno
import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from lxml.etree import SerialisationError
from odf import dc, meta
from odf.element import Element
from odf.namespaces import nsdict
from odf.opendocument import OpenDocument
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.writer.excel import ExcelWriter

SHEET = "xl/worksheets/sheet1.xml"  # the part a one-sheet workbook's rows are in


@contextmanager
def write_only_workbook() -> Iterator[Workbook]:
    """A write-only workbook, to fill and write (`xlsx_bytes`) inside the block.

    openpyxl streams each sheet into a temporary file through a generator. When a write fails (a full disk),
    that generator was left open, and closing it at garbage collection failed again, which Python printed on
    the operator's terminal ("Exception ignored") after the command's own one-line error; the file stayed until
    the process ended. So a failure closes the sheets here, quietly, and removes their files; and lxml's
    "IO_ENOSPC" becomes the OSError it stands for, which callers say as the disk's own cause (`upheld.files`).
    """
    workbook = Workbook(write_only=True)
    try:
        yield workbook
    except BaseException as error:
        for sheet in workbook.worksheets:  # openpyxl keeps the streams nowhere public
            # The rows' generator first: it writes into the sheet's, and closing it after would fail again.
            for stream in (sheet._rows, sheet._writer):  # noqa: SLF001
                with suppress(Exception):
                    if stream is not None:
                        stream.close()
            with suppress(AttributeError, OSError, ValueError):
                sheet._writer.cleanup()  # noqa: SLF001
        code = getattr(errno, str(error).removeprefix("IO_"), None) if isinstance(error, SerialisationError) else None
        if code is not None:
            raise OSError(code, os.strerror(code)) from None
        raise


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
    return _archive(((entry, source.read(entry)) for entry in source.infolist()), moment)


def _archive(entries: Iterable[tuple[zipfile.ZipInfo, bytes]], moment: datetime.datetime) -> bytes:
    """A zip archive of `entries` (each as its `ZipInfo`'s name, compression and attributes say) dated `moment`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", allowZip64=True) as target:
        for entry, content in entries:
            info = zipfile.ZipInfo(entry.filename, moment.timetuple()[:6])
            info.compress_type = entry.compress_type
            info.external_attr = entry.external_attr
            target.writestr(info, content)
    return out.getvalue()


@dataclass(frozen=True)
class RowsFrame:
    """A one-sheet XLSX as openpyxl writes it, less its rows of text and dates, which `fill` writes straight.

    openpyxl spends most of a small spreadsheet's time on what every such spreadsheet shares (its styles,
    theme, properties and the Python objects behind each cell), so a batch of letters' spreadsheets is made by
    having openpyxl write one workbook with the rows every copy begins with (a header) and a placeholder row
    of one date, which registers the date style just as the rows would, then writing the rows themselves as
    the XML openpyxl's write-only sheet gives text (`row`) and dates: the same bytes (the tests compare the
    two), several times faster.
    """

    moment: datetime.datetime
    entries: tuple[tuple[zipfile.ZipInfo, bytes], ...]
    head: bytes  # the sheet's XML up to its first row to fill
    tail: bytes  # and from the end of its rows
    first_row: int
    date_style: str  # the style index of a date cell; empty when the frame was made without a placeholder

    @classmethod
    def around_placeholder(cls, workbook: Workbook, dated: datetime.date | datetime.datetime,
                           placeholder: bool) -> RowsFrame:
        """The frame of `workbook` (write-only, one sheet) dated `dated`; with `placeholder`, its last row is a
        date alone, which is left out."""
        moment = _utc(dated)
        archive = zipfile.ZipFile(io.BytesIO(xlsx_bytes(workbook, dated)))
        entries = tuple((entry, archive.read(entry)) for entry in archive.infolist())
        sheet = dict((entry.filename, content) for entry, content in entries)[SHEET]
        end = sheet.rindex(b"</sheetData>")
        rows = sheet.count(b"<row ", 0, end)
        start, date_style = end, ""
        if placeholder:
            start = sheet.rindex(b"<row ", 0, end)
            date_style = re.search(rb' s="(\d+)"', sheet[start:end]).group(1).decode()
        else:
            rows += 1
        return cls(moment, entries, sheet[:start], sheet[end:], rows, date_style)

    def fill(self, rows: Sequence[Sequence[str | datetime.date | None]]) -> bytes:
        """The spreadsheet with `rows` after the frame's own: text, dates (not datetimes) or None (no cell)."""
        xml = [self.head.decode("ascii")]
        for number, values in enumerate(rows, self.first_row):
            xml.append(f'<row r="{number}">')
            for column, value in enumerate(values, 1):
                if value is not None:
                    xml.append(self._cell(f"{get_column_letter(column)}{number}", value))
            xml.append("</row>")
        sheet = "".join(xml).encode("ascii") + self.tail
        return _archive(((entry, sheet if entry.filename == SHEET else content) for entry, content in self.entries),
                        self.moment)

    def _cell(self, reference: str, value: str | datetime.date) -> str:
        if isinstance(value, str):
            return _text_cell(reference, value)
        if type(value) is datetime.date and self.date_style:
            return f'<c r="{reference}" s="{self.date_style}" t="n"><v>{safe_string(to_excel(value))}</v></c>'
        raise TypeError(f"a spreadsheet row holds text or dates (with a placeholder), not {value!r}")


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def _text_cell(reference: str, value: str) -> str:
    """A text cell as openpyxl writes one (`row`): cut to Excel's 32,767 characters, refused if it holds a
    character XML cannot, escaped as lxml escapes text into ASCII, its spaces kept when it starts or ends
    with one."""
    value = value[:32767]
    if ILLEGAL_CHARACTERS_RE.search(value):
        raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
    if not value:
        return f'<c r="{reference}" t="inlineStr"></c>'
    space = ' xml:space="preserve"' if value != value.strip() else ""
    text = value.translate(_ESCAPES).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return f'<c r="{reference}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
