"""A demonstration report's PDF is typeset like the letters: their page, escaping, PDF/UA tagging and dating."""

import io

import pikepdf

from tests.pdf_text import pdf_text
from upheld.decisions.models import PublicInterestReport
from upheld.decisions.report_pdf import render_report_pdf
from upheld.letters import pdf

from .conftest import D


def test_report_pdf_shares_the_letters_typesetting(sefton):
    report = PublicInterestReport.objects.create(authority=sefton, issued=D(2024, 1, 15), synthetic=True,
                                                 title="Housing #1 [urgent]", summary="A family *waited* $5 // long.")
    document = render_report_pdf(report)
    text = " ".join(pdf_text(document).split())
    assert "Housing #1 [urgent]" in text and "A family *waited* $5 // long." in text  # printed, never run
    assert "Page 1 of 1" in text  # the letters' page footer: the same preamble
    with pikepdf.open(io.BytesIO(document)) as opened:
        assert opened.Root.MarkInfo.Marked is True and str(opened.Root.Lang) == "en-GB"
        with opened.open_metadata() as metadata:
            assert metadata["pdfuaid:part"] == "1" and metadata["dc:title"] == report.title
    assert b"D:20240115000000" in document  # dated by the issue, so the same report gives the same bytes
    pdf._compiler.cache_clear()
    assert render_report_pdf(report) == document
