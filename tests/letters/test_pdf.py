"""PDF letters: the figures read back from the file, the accessibility tags, identical bytes, safe escaping."""

import dataclasses
import io

import pikepdf
import pytest
import typst

from tests.letters.conftest import SEFTON
from upheld.letters import pdf
from upheld.letters.batch import letters_for
from upheld.years import ReportingYear

HOSTILE = [
    "#", "*bold*", "$x^2$", "]", "[", "\\", "\\\\", "@ref", "<label>", "// not a comment", "/* nor this */",
    "= heading", "- item", "+ item", "1. item", "_under_", "`raw`", "~", "a -- b --- c ...",
    "https://example.com/x", '#read("/etc/passwd")', "#set page(width: 1cm)", "\\u{41}", "}{)(",
    "Mrs O'Brien \"quoted\" & <script>", "Café – naïve ü", "end \\", "a\nb", "tab\there", "nul\x00char",
]


def normalised(text: str) -> str:
    return " ".join(text.split())


def sefton_pdf(year):
    (letter, _), = letters_for(year, SEFTON)
    return letter, pdf.render_pdf(letter)


def test_markup_escapes_every_hostile_string(pdftotext):
    source = "#set page(width: 40cm, height: auto)\n" + "\n\n".join(pdf.markup(text) for text in HOSTILE)
    text = pdftotext(typst.compile(source.encode(), format="pdf"), "-raw")
    expected = [normalised(item.replace("\x00", "")) for item in HOSTILE]
    assert [normalised(line) for line in text.strip().split("\n")] == expected


def test_string_literal_escapes_hostile_titles():
    title = 'A "title" with \\ and #code and\nnew line'
    source = f"#set document(title: {pdf.string(title)})\nx"
    document = pikepdf.open(io.BytesIO(typst.compile(source.encode(), format="pdf")))
    assert str(document.docinfo["/Title"]) == 'A "title" with \\ and #code and new line'


def test_sefton_2017_18_figures_read_back_from_the_pdf(sefton_2017, pdftotext):
    _, document = sefton_pdf(ReportingYear(2017))
    text = normalised(pdftotext(document, "-layout"))
    for row in ("19 6 6 14 2 4 1 6 1 59", "4 0 24 14 9 12 57% 63", "10 0"):
        assert f" {row} " in text, row
    for words in ("18 July 2018", "By email", "Dear Alex Example,", "Annual review letter 2018",
                  "Local Authority Report: Sefton Metropolitan Borough Council", "For the Period Ending: 31/03/2018",
                  "Complaints and enquiries received", "Decisions made", "Detailed Investigations", "Uphold Rate",
                  "Complaints remedied", "58 courses, training 800 people", "Sam Link, Link officer", "Page 1 of 3",
                  "Page 3 of 3"):
        assert words in text, words


def test_2023_24_measures_read_back_from_the_pdf(year_2023, pdftotext):
    _, document = sefton_pdf(ReportingYear(2023))
    text = normalised(pdftotext(document, "-raw"))
    for words in ("Complaints upheld 88% 69%", "Based on 8 detailed investigations between 1 April 2023 and 31 March "
                  "2024. Too few cases to compare", "Compliance with recommendations 100% 86%",
                  "Upheld decisions per 100,000 residents 2.5 0.1", "11 2 1 8",
                  "Page 3 of 3"):  # the statistics page with its notes stays one page
        assert words in text, words


def _structure_types(node, found: set[str]) -> set[str]:
    if "/S" in node:
        found.add(str(node.S)[1:])
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            _structure_types(kid, found)
    return found


@pytest.mark.parametrize("year", [ReportingYear(2017), ReportingYear(2023)])
def test_pdf_is_tagged_for_accessibility(sefton_2017, year_2023, year):
    letter, document = sefton_pdf(year)
    with pikepdf.open(io.BytesIO(document)) as opened:
        root = opened.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-GB"
        assert {"Document", "H1", "H2", "P", "Table", "TH", "TD", "Caption"} <= _structure_types(
            root.StructTreeRoot, set())
        assert str(opened.docinfo["/Title"]) == letter.title
        assert root.ViewerPreferences.DisplayDocTitle is True
        with opened.open_metadata() as metadata:
            assert metadata["dc:title"] == letter.title
            assert metadata["pdfuaid:part"] == "1"
        assert [round(float(side)) for side in opened.pages[0].MediaBox[2:]] == [595, 842]  # A4 portrait


def test_same_letter_same_bytes(sefton_2017):
    letter, first = sefton_pdf(ReportingYear(2017))
    pdf._compiler.cache_clear()  # a fresh compiler, as in another process
    assert pdf.render_pdf(letter) == first
    assert b"D:20180718000000" in first
    assert pdf.render_pdf(dataclasses.replace(letter, salutation="Dear Ms Example,")) != first
