"""The scrutiny pack: an accessible PDF of the scrutiny page, with the council page's figures, identical bytes
for the same day and data, curated text printed and never run, and the `scrutiny-pack` command."""

import datetime
import io
import re

import pikepdf
import pytest
from django.core.management import CommandError, call_command

from tests.letters.test_pdf import _structure_types
from tests.pdf_text import pdf_metadata, pdf_pages, pdf_text
from tests.publication.page_reader import get_page
from tests.scrutiny.conftest import HOSTILE_QUESTION, IMPROVEMENT, RESPONSE, TODAY, focus_report
from tests.test_cli import run
from upheld.casework.vocabulary import Category
from upheld.letters import pdf
from upheld.releases.freezing import schedule_release
from upheld.releases.published import published
from upheld.scrutiny.content import scrutiny_for
from upheld.scrutiny.pack import render_pack
from upheld.years import ReportingYear

PACK = "/scrutiny/sefton/2017-18/pack.pdf"
TITLE = "Scrutiny pack: Sefton Metropolitan Borough Council, 2017-18"


def normalised(text: str) -> str:
    return " ".join(text.split())


def fetch_pack(client, url: str = PACK) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="sefton-2017-18-scrutiny-pack.pdf"'
    return response.content


def test_pack_is_tagged_pdf_ua(client, sefton_scrutiny):
    with pikepdf.open(io.BytesIO(fetch_pack(client))) as opened:
        root = opened.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-GB"
        assert str(opened.docinfo["/Title"]) == TITLE
        assert root.ViewerPreferences.DisplayDocTitle is True
        with opened.open_metadata() as metadata:
            assert metadata["dc:title"] == TITLE
            assert metadata["pdfuaid:part"] == "1"
        assert {"Document", "H1", "H2", "H3", "P", "Table", "TH", "TD", "Caption", "L", "LI", "Link"} \
            <= _structure_types(root.StructTreeRoot, set())


def numbers(text: str) -> list[str]:
    return re.findall(r"\d[\d,.]*%?|(?<!\w)-(?!\w)", text)


def row_numbers(layout: str, name: str) -> list[str]:
    """The figures of the pack's table row that starts with `name` (the line with its rates)."""
    (line,) = [line for line in layout.splitlines() if line.strip().startswith(name) and "%" in line]
    return numbers(line)


def test_pack_carries_the_council_pages_figures(client, sefton_scrutiny):
    council = get_page(client, "/councils/sefton/2017-18/")
    layout = pdf_text(fetch_pack(client), "-layout")
    text = normalised(layout)
    for caption in ("Complaints and enquiries received", "Decisions made", "Complaints remedied"):
        (row,) = council.rows(caption)
        assert f" {' '.join(row)} " in text, caption
    assert " 19 6 6 14 2 4 1 6 1 59 " in text and " 4 0 24 14 9 12 57% 63 " in text
    assert "95% interval: 36% to 76%" in text and "36% to 76%" in council.text
    assert "Based on 21 detailed investigations between 1 April 2017 and 31 March 2018" in text
    # The comparison: the council page's row of the year (without the interval and the group's rate) and
    # the group's pooled uphold rate, read as numbers from both.
    (year_row,) = [row for row in council.rows("Sefton each year") if row[0].startswith("2017-18")]
    _, *sefton, _interval, similar_rate, per_100k, compliance, remedy = year_row
    assert row_numbers(layout, "Sefton ") == numbers(" ".join([*sefton, per_100k, compliance, remedy]))
    assert row_numbers(layout, "Similar authorities")[4] == similar_rate


def test_pack_content_matches_the_page(client, sefton_scrutiny):
    text = normalised(pdf_text(fetch_pack(client)))
    for words in (TITLE, "Prepared on 15 January 2019", "a start of a conversation", "Annual review letters",
                  "The 3 published upheld decisions we made about the council in 2017-18.", "care charges (February)",
                  IMPROVEMENT, "Delays in care assessments", "The council's response " + normalised(RESPONSE),
                  "Response overdue by 76 days",
                  "Adult Care Services: 19 complaints received", "Housing: 1 complaint received",
                  "Page 1 of"):
        assert words in text, words
    for absent in ("An upheld decision of 2018-19", "A decision not upheld", "A withheld decision"):
        assert absent not in text
    assert text.index("Care question one?") < text.index("Education question?") < text.index("Housing question?")


def test_pack_leaves_out_a_focus_report_dated_in_the_future(client, sefton_scrutiny):
    focus_report("future", [Category.ADULT_CARE], ["Future question?"], published=TODAY + datetime.timedelta(days=1))
    text = normalised(pdf_text(fetch_pack(client)))
    assert "Care question one?" in text and "Future question?" not in text


def test_pack_links_to_the_site(client, sefton_scrutiny):
    with pikepdf.open(io.BytesIO(fetch_pack(client))) as opened:
        uris = {str(annotation.A.URI) for page in opened.pages for annotation in page.get("/Annots", [])
                if "/A" in annotation and "/URI" in annotation.A}
    assert "http://testserver/councils/sefton/2017-18/letter.pdf" in uris
    assert "http://testserver/scrutiny/sefton/2017-18/" in uris
    assert "http://testserver/decisions/?council=sefton&outcome=upheld&from=2017-04-01&to=2018-03-31" in uris


def test_curated_question_is_printed_never_run(client, sefton_scrutiny):
    text = normalised(pdf_text(fetch_pack(client)))
    assert HOSTILE_QUESTION in text


def test_same_day_same_bytes(sefton_scrutiny):
    scrutiny = scrutiny_for(published(), "sefton", "2017-18", TODAY)
    first = render_pack(scrutiny, "https://example.org")
    pdf._compiler.cache_clear()  # a fresh compiler, as in another process
    assert render_pack(scrutiny_for(published(), "sefton", "2017-18", TODAY), "https://example.org") == first
    assert b"D:20190115000000" in first
    later = scrutiny_for(published(), "sefton", "2017-18", TODAY + datetime.timedelta(days=1))
    assert render_pack(later, "https://example.org") != first  # a report's response is a day more overdue


def test_command_writes_the_pack(sefton_scrutiny, tmp_path):
    out = io.StringIO()
    call_command("scrutiny-pack", "--authority", "E08000014", "--year", "2017-18", "--out", str(tmp_path / "packs"),
                 stdout=out)
    written = tmp_path / "packs" / "sefton-2017-18-scrutiny-pack.pdf"
    assert out.getvalue().strip() == f"Wrote {written}"
    text = normalised(pdf_text(written.read_bytes()))
    assert TITLE in text and "(/councils/sefton/2017-18/letter.pdf)" in text  # addresses in words without --site
    with pikepdf.open(written) as opened:
        assert str(opened.Root.Lang) == "en-GB"


@pytest.mark.parametrize(("code", "year", "message"), [
    ("E99999999", "2017-18", "no council has the code 'E99999999'"),
    ("E08000014", "2017-19", "is not a reporting year"),
    ("E08000014", "2016-17", "2016-17 is not released"),
    ("E08000014", "2018-19", "2018-19 is not released"),
    ("E06000058", "2017-18", "Bournemouth, Christchurch and Poole Council has no published figures for 2017-18"),
])
def test_command_refuses_unknown_council_or_unreleased_year(sefton_scrutiny, tmp_path, code, year, message):
    schedule_release(ReportingYear(2018), datetime.datetime(2999, 7, 18, tzinfo=datetime.UTC))
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("scrutiny-pack", "--authority", code, "--year", year, "--out", str(tmp_path))
    assert not list(tmp_path.iterdir())


def test_command_error_has_no_traceback(tmp_path):
    """Through the installed console script, on a database set up but with nothing released: exit status 1
    and a one-line error, no traceback, no file."""
    assert run("setup", tmp_path=tmp_path).returncode == 0
    result = run("scrutiny-pack", "--authority", "E08000014", "--year", "2017-18", "--out", str(tmp_path / "out"),
                 tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "CommandError: 2017-18 is not released: its figures are not public, so there is " \
                                    "no pack"
    assert not (tmp_path / "out").exists()


def test_every_page_of_a_pack_of_demonstration_data_says_so(client, sefton_scrutiny, demonstration):
    document = fetch_pack(client)
    pages = pdf_pages(document)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Demonstration data — synthetic figures, not a real scrutiny pack" in text, f"page {number}"
    assert pdf_metadata(document) == {
        "Title": f"Demonstration data: {TITLE}", "dc:title": f"Demonstration data: {TITLE}",
        "Subject": "Demonstration data — synthetic figures, not a real scrutiny pack",
        "dc:description": "Demonstration data — synthetic figures, not a real scrutiny pack",
        "Keywords": "demonstration data, synthetic figures"}


def test_a_pack_of_real_data_is_not_marked(client, sefton_scrutiny):
    document = fetch_pack(client)
    assert not any("Demonstration" in text or "synthetic" in text for text in pdf_pages(document))
    assert pdf_metadata(document) == {"Title": TITLE, "dc:title": TITLE, "Subject": "", "dc:description": "",
                                      "Keywords": ""}


def test_measures_year_pack_carries_the_council_pages_measures(client, dataset):
    council = get_page(client, "/councils/sefton/2018-19/")
    response = client.get("/scrutiny/sefton/2018-19/pack.pdf")
    assert response.status_code == 200
    text = normalised(pdf_text(response.content, "-raw"))
    rows = council.rows("Key measures") + council.rows("Complaints and enquiries dealt with")
    assert len(rows) == 5
    for row in rows:
        assert " ".join(row) in text, row
