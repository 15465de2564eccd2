"""Letters made from demonstration data say so on every page, in every format and in the PDF's metadata; the
spreadsheets and emails that go with them say so too; a letter made from real data says nothing of the kind."""

import datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.builders import Y2017
from tests.letters.conftest import SEFTON
from tests.pdf_text import pdf_metadata, pdf_pages
from upheld.letters.batch import Job, letters_for, write
from upheld.letters.html import render_html
from upheld.letters.mail import compose
from upheld.letters.pdf import render_pdf
from upheld.letters.spreadsheets import SHEETS, CaseRows, fetch_case_rows
from upheld.releases.freezing import schedule_release
from upheld.years import ReportingYear

MARKING = "Demonstration data — synthetic figures, not a real ombudsman letter"
YEARS = [ReportingYear(2017), ReportingYear(2023)]  # the tables layout and the measures layout


def sefton_letter(year: ReportingYear):
    return sefton_job(year, None).letter


def sefton_job(year: ReportingYear, out) -> Job:
    """Sefton's letter of `year` as the batch writes it, with its spreadsheets, into `out`."""
    (letter, council_id), = letters_for(year, SEFTON)
    return Job(letter, fetch_case_rows(year, [council_id]).get(council_id, CaseRows()), "pdf", out)


@pytest.mark.parametrize("year", YEARS)
def test_every_page_of_a_demonstration_letter_says_so(sefton_2017, year_2023, demonstration, year):
    document = render_pdf(sefton_letter(year))
    found = pdf_pages(document)
    assert len(found) >= 2
    for number, text in enumerate(found, start=1):
        assert MARKING in text, f"page {number}"
    info = pdf_metadata(document)
    assert info["Title"].startswith("Demonstration data: Annual review letter")
    assert info["dc:title"] == info["Title"]
    assert info["Subject"] == info["dc:description"] == MARKING
    assert info["Keywords"] == "demonstration data, synthetic figures"


@pytest.mark.parametrize("year", YEARS)
def test_a_letter_from_real_data_is_not_marked(sefton_2017, year_2023, year):
    letter = sefton_letter(year)
    document = render_pdf(letter)
    assert not any("Demonstration" in text or "synthetic" in text for text in pdf_pages(document))
    assert pdf_metadata(document) == {"Title": letter.title, "Subject": "", "Keywords": "", "dc:title": letter.title,
                                  "dc:description": ""}
    assert "Demonstration" not in render_html(letter) and not letter.title.startswith("Demonstration")


def test_the_html_letter_says_so_on_the_letter_and_on_its_statistics_page(year_2023, demonstration):
    page = render_html(sefton_letter(ReportingYear(2023)))
    assert "<title>Demonstration data: Annual review letter 2024:" in page
    article, report = page.split('<section class="report"')
    assert f'<p class="marking"><strong>{MARKING}</strong></p>' in article
    assert f'<p class="marking"><strong>{MARKING}</strong></p>' in report


def test_a_frozen_letter_is_marked_and_every_copy_is_the_same_bytes(client, sefton_2017, demonstration):
    schedule_release(Y2017, timezone.now() - datetime.timedelta(minutes=1))
    sent = render_pdf(sefton_letter(Y2017))
    assert all(MARKING in text for text in pdf_pages(sent))
    assert render_pdf(sefton_letter(Y2017)) == sent
    public = client.get("/councils/sefton/2017-18/letter.pdf")
    assert public.status_code == 200 and public.content == sent


def test_the_spreadsheets_sent_with_a_demonstration_letter_say_so(year_2023, demonstration, tmp_path):
    job = sefton_job(ReportingYear(2023), tmp_path)
    write(job)
    for name, header in SHEETS.values():
        book = load_workbook(tmp_path / job.letter.filename("") / f"{name}.xlsx")
        rows = list(book.active.values)
        assert rows[0][0] == "Demonstration data — synthetic figures, not real complaints", name
        assert book.active["A1"].font.bold
        assert rows[1] == header
        assert book.properties.subject == rows[0][0]
        assert book.properties.keywords == "demonstration data, synthetic figures"


def test_the_spreadsheets_of_a_real_letter_start_with_their_header_row(year_2023, tmp_path):
    job = sefton_job(ReportingYear(2023), tmp_path)
    write(job)
    for name, header in SHEETS.values():
        book = load_workbook(tmp_path / job.letter.filename("") / f"{name}.xlsx")
        assert next(book.active.values) == header
        assert not book.properties.keywords


def test_the_email_sending_a_demonstration_letter_says_so(year_2023, demonstration):
    message = compose(sefton_letter(ReportingYear(2023)), "ce@sefton.example", (), "<x@example.org>")
    assert message.subject.startswith("Demonstration data: Annual review letter 2024")
    assert message.body.startswith(MARKING + "\n")


def test_the_email_sending_a_real_letter_does_not(year_2023):
    message = compose(sefton_letter(ReportingYear(2023)), "ce@sefton.example", (), "<x@example.org>")
    assert "Demonstration" not in message.subject and "Demonstration" not in message.body
