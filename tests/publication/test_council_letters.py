"""A council's letters on its page: HTML and PDF of every published year, from the published figures."""

import datetime

from django.utils import timezone

from tests.builders import Y2017, D, decide
from tests.pdf_text import pdf_text as read_pdf
from tests.publication.page_reader import get_page
from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Outcome
from upheld.releases.freezing import revise, schedule_release


def pdf_text(pdf: bytes) -> str:
    return " ".join(read_pdf(pdf, "-layout").split())


def test_letter_html_carries_the_page_figures(client, released_2017_18):
    page = get_page(client, "/councils/sefton/2017-18/")
    response = client.get("/councils/sefton/2017-18/letter.html")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    letter = get_page(client, "/councils/sefton/2017-18/letter.html")
    for caption in ("Complaints and enquiries received", "Decisions made", "Complaints remedied"):
        assert letter.rows(caption) == page.rows(caption), caption
    assert letter.rows("Decisions made") == [["4", "0", "24", "14", "9", "12", "57%", "63"]]


def test_letter_html_styles_are_allowed_by_hash_only(client, released_2017_18):
    policy = client.get("/councils/sefton/2017-18/letter.html")["Content-Security-Policy"]
    assert "style-src 'self' 'sha256-" in policy
    assert "unsafe-inline" not in policy
    # Other pages keep the plain policy.
    assert "style-src" not in client.get("/councils/sefton/2017-18/")["Content-Security-Policy"]


def test_letter_pdf_carries_the_page_figures(client, released_2017_18):
    response = client.get("/councils/sefton/2017-18/letter.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="E08000014-sefton-2017-18.pdf"'
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    for row in ("19 6 6 14 2 4 1 6 1 59", "4 0 24 14 9 12 57% 63", "10 0"):
        assert f" {row} " in text, row
    assert client.get("/councils/sefton/2017-18/letter.pdf").content == response.content  # kept, not redone


def test_2018_19_letter_measures_match_the_page(client, dataset):
    page = get_page(client, "/councils/sefton/2018-19/")
    letter = get_page(client, "/councils/sefton/2018-19/letter.html")
    page_measures = {row[0]: (row[1], row[3]) for row in page.rows("Key measures")}
    letter_measures = {row[0]: (row[1], row[2]) for row in letter.rows("Key measures")}
    assert letter_measures["Complaints upheld"] == page_measures["Complaints upheld"]
    assert letter_measures["Compliance with recommendations"] == page_measures["Compliance with recommendations"]
    assert letter_measures["Satisfactory remedy provided by the council"] == \
        page_measures["Satisfactory remedy provided by the council"]
    assert letter.rows("Complaints and enquiries dealt with") == page.rows("Complaints and enquiries dealt with")
    text = pdf_text(client.get("/councils/sefton/2018-19/letter.pdf").content)
    upheld, similar = page_measures["Complaints upheld"]
    assert f"Complaints upheld {upheld} {similar}" in text


def test_letters_of_an_unknown_council_or_unreleased_year_are_404(client, released_2017_18):
    assert client.get("/councils/nowhere/2017-18/letter.pdf").status_code == 404
    assert client.get("/councils/sefton/2018-19/letter.pdf").status_code == 404
    assert client.get("/councils/sefton/2018-19/letter.html").status_code == 404
    christchurch_2017 = client.get("/councils/christchurch/2017-18/letter.html")
    assert christchurch_2017.status_code == 200  # existed then, with no cases: a letter of dashes and zeros


def test_letters_follow_revisions_not_live_corrections(client, released_2017_18):
    sefton = Authority.objects.get(gss="E08000014")
    decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)  # a correction after the release
    letter = get_page(client, "/councils/sefton/2017-18/letter.html")
    assert letter.rows("Decisions made")[0][-3:] == ["12", "57%", "63"]  # the published figures
    revise(Y2017, "A decision recorded late.")
    letter = get_page(client, "/councils/sefton/2017-18/letter.html")
    assert letter.rows("Decisions made")[0][-3:] == ["13", "59%", "64"]


def test_embargoed_letters_are_404(client, db):
    schedule_release(Y2017, timezone.now() + datetime.timedelta(hours=1))
    assert client.get("/councils/sefton/2017-18/letter.pdf").status_code == 404
    assert client.get("/councils/sefton/2017-18/letter.html").status_code == 404
