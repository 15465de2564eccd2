"""A letter as an accessible PDF, typeset by Typst.

Why Typst: it writes tagged PDF/UA-1 (structure tree, document language,
title, real TH cells with their scope, page furniture as artifacts) from a few
lines of markup, and typesets a three-page letter in a few milliseconds, so a
batch of every council runs in seconds (WeasyPrint takes ~300 ms a letter).

The Typst source is generated from the same `Letter` as the HTML. Every piece
of text passes through `markup` (or `string` inside code), so whatever staff or
the register wrote — `#`, `*`, `$`, `]`, `//`, `@` — is printed, never run.
The creation date is the letter's date, so the same letter gives the same bytes.

Other documents typeset the same way (the scrutiny pack) use the same
escaping, tables, page (`preamble`), metadata and marking (`document_set`) and
compiler (`compile_pdf`).
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from importlib import resources

import typst

from upheld.demo.marking import KEYWORDS
from upheld.letters.content import Letter
from upheld.letters.merge import Block
from upheld.letters.reports import Cell, Table

_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")  # every ASCII punctuation character
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _plain(text: str) -> str:
    """One line of text: control characters dropped, any run of white space one space."""
    return " ".join(_CONTROL.sub("", text).split())


def markup(text: str) -> str:
    """`text` as Typst markup that prints it literally.

    A backslash before a character makes Typst print it as itself, so every
    ASCII punctuation character is escaped: that covers all of markup's syntax
    (`#` code, `*` `_` emphasis, `$` maths, `[` `]` content, `\\` escapes, `@`
    references, `<` labels, `//` comments, `=` `-` `+` at a line's start, `~`,
    smart quotes, `http://` links). White space is collapsed so text cannot
    start a new paragraph or line.
    """
    return _PUNCTUATION.sub(r"\\\g<0>", _plain(text))


def string(text: str) -> str:
    """`text` as a Typst string literal, for arguments in code such as the document title."""
    return '"' + _plain(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _lines(lines: tuple[str, ...]) -> str:
    return " \\\n".join(markup(line) for line in lines)


def _block(block: Block, level: int) -> str:
    return f"{'=' * level} {markup(block.text)}" if block.heading else markup(block.text)


def _cell(cell: Cell) -> str:
    spans = "".join(f", {name}: {value}" for name, value in (("colspan", cell.colspan), ("rowspan", cell.rowspan))
                    if value > 1)
    text = f"#strong[{markup(cell.text)}]" if cell.header else markup(cell.text)
    return f"table.cell(align: {'right' if cell.is_figure else 'left'}{spans})[{text}]"


def table_markup(table: Table) -> str:
    """A `Table` as a captioned Typst table whose header rows are repeated header cells (TH when tagged)."""
    head = ", ".join(_cell(cell) for row in table.head for cell in row)
    body = ", ".join(_cell(cell) for row in table.body for cell in row)
    widths = ", ".join(f"{width}fr" for width in table.widths or (1,) * table.columns)
    return (f"#figure(kind: table, caption: [{markup(table.caption)}], table(columns: ({widths},),"
            f" table.header({head}), {body}))")


def document_set(title: str, author: str, marking: str = "") -> str:
    """The document's title and author; and when it is made from demonstration data, `marking` (e.g.
    "Demonstration data — synthetic figures, not a real ombudsman letter") as its description (the PDF's
    subject) with keywords saying so, and as a header on every page, where no reader of a page can miss it."""
    if not marking:
        return f"#set document(title: {string(title)}, author: {string(author)})"
    keywords = ", ".join(string(keyword) for keyword in KEYWORDS)
    return (f"#set document(title: {string(title)}, author: {string(author)}, description: {string(marking)}, "
            f"keywords: ({keywords},))\n"
            f"#set page(header: align(center, text(size: 10pt, weight: \"bold\")[{markup(marking)}]))")


def document(letter: Letter) -> str:
    """The Typst source of the whole letter."""
    parts = [
        preamble(),
        document_set(letter.title, letter.sender, letter.marking),
        f"#text(size: 16pt, weight: \"bold\")[{markup(letter.sender)}]",
        markup(letter.date_text),
    ]
    if letter.revision:
        parts.append(f"#strong[{markup(letter.revision)}]")
    if letter.by_email:
        parts.append("By email")
    parts += [_lines(letter.recipient), markup(letter.salutation), f"= {markup(letter.subject)}"]
    parts += [_block(block, 2) for block in letter.body]
    parts += [markup(letter.sign_off), _lines(letter.signatory)]
    if letter.copies:
        parts += ["Copied to:", "\n".join(f"- {markup(copy)}" for copy in letter.copies)]
    report = letter.report
    # The statistics page is landscape, as wide as its widest table needs.
    parts += ["#set page(flipped: true)", f"= {markup(report.heading)}", markup(report.subheading)]
    parts += [table_markup(part) if isinstance(part, Table) else _block(part, 2) for part in report.parts]
    return "\n\n".join(parts) + "\n"


@cache
def preamble() -> str:
    """The page, type and table styles every PDF shares (`templates/letters/letter.typ`)."""
    return resources.files("upheld.letters").joinpath("templates/letters/letter.typ").read_text(encoding="utf-8")


@cache
def _compiler() -> typst.Compiler:
    """One compiler per process, kept for every letter it renders (fonts load once)."""
    return typst.Compiler(ignore_system_fonts=True)


def compile_pdf(source: str, day: datetime.date) -> bytes:
    """Typst `source` as tagged PDF/UA-1 bytes dated `day`: the same source and day give the same bytes."""
    timestamp = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
    return _compiler().compile(input=source.encode(), format="pdf", pdf_standards="ua-1", pdf_tags=True,
                               timestamp=timestamp)


def render_pdf(letter: Letter) -> bytes:
    """The letter as tagged PDF/UA-1 bytes, dated (and so identical for identical data) by the letter's date."""
    return compile_pdf(document(letter), letter.date)
