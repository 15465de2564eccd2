"""Every portal page as both council roles: it opens, it carries the "Your council" link, and no page or
download carries the complainant details planted in the council's cases."""

import datetime

from django.utils import timezone

from tests.pdf_text import pdf_text
from tests.portal.conftest import PLANTED_EMAIL, PLANTED_NAME, PLANTED_PHONE
from tests.portal.test_spreadsheets import unzipped_text
from upheld.decisions.models import PublicInterestReport

YOUR_COUNCIL = '<a class="govuk-service-navigation__link" href="/portal/"'


def test_no_portal_page_or_download_carries_personal_data(sefton_client, authority, planted, released_2017_18):
    report = PublicInterestReport.objects.create(authority=authority, title="Delays", summary="Delays.",
                                                 issued=timezone.localdate() - datetime.timedelta(days=3))
    pages = ["/portal/", "/portal/letters/2017-18/", "/portal/recommendations/",
             "/portal/letters/2017-18/feedback/", f"/portal/reports/{report.pk}/respond/"]
    for url in pages:
        response = sefton_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert YOUR_COUNCIL in html, url
        for personal in (PLANTED_NAME, PLANTED_EMAIL, PLANTED_PHONE, "Planted Road"):
            assert personal not in html, (url, personal)
    downloads = [sefton_client.get(f"/portal/letters/2017-18/cases-{kind}.xlsx").content
                 for kind in ("received", "decided", "compliance")]
    pdf = sefton_client.get("/portal/letters/2017-18/letter.pdf").content
    for text in [*map(unzipped_text, downloads), pdf_text(pdf)]:
        assert PLANTED_NAME not in text and PLANTED_EMAIL not in text and PLANTED_PHONE not in text
    assert planted[0].reference in unzipped_text(downloads[0])  # the spreadsheets do list the case


def test_public_pages_never_carry_the_council_link(client, sefton_client, released_2017_18):
    """Public pages are cached and shared between visitors, so the link is only on pages made for a council
    user: a council user's visit must not leave it in the page anonymous visitors are then given."""
    for url in ("/councils/sefton/2017-18/", "/"):
        assert YOUR_COUNCIL not in sefton_client.get(url).content.decode(), url
        assert YOUR_COUNCIL not in client.get(url).content.decode(), url
