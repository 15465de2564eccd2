"""A council's own letter in the portal: under embargo from the moment the release is scheduled, and after
the release; the PDF; who read it, recorded in the audit trail; nothing for a year not yet scheduled."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.accounts.signing_in import council_user, sign_in
from tests.builders import Y2017, build_sefton_2017_18
from tests.pdf_text import pdf_text
from tests.publication.page_reader import get_page
from upheld.accounts.models import CouncilRole
from upheld.audit.models import Action, AuditEvent
from upheld.authorities.models import Authority
from upheld.releases.freezing import schedule_release

RELEASE_AT = datetime.datetime(2031, 7, 18, 8, 30, tzinfo=datetime.UTC)  # 09:30 in London (BST)
DECISIONS_ROW = ["4", "0", "24", "14", "9", "12", "57%", "63"]


@pytest.fixture
def embargoed_2017_18(authority):
    """Sefton's 2017-18 records, the release scheduled (figures frozen) but not yet happened."""
    build_sefton_2017_18(authority)
    return schedule_release(Y2017, RELEASE_AT)


def letter_events():
    return list(AuditEvent.objects.filter(object_type="letters.letter").order_by("id"))


def test_embargoed_letter_is_in_the_portal_but_not_public(client, sefton_client, sefton_user, authority,
                                                           embargoed_2017_18):
    for public in ("/councils/sefton/2017-18/letter.html", "/councils/sefton/2017-18/letter.pdf",
                   "/councils/sefton/2017-18/"):
        assert client.get(public).status_code == 404, public

    before = timezone.now()
    response = sefton_client.get("/portal/letters/2017-18/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    page = get_page(sefton_client, "/portal/letters/2017-18/")
    assert "Embargoed until 18 July 2031 at 09:30" in page.text
    assert page.rows("Decisions made") == [DECISIONS_ROW]
    assert page.rows("Complaints and enquiries received") == [["19", "6", "6", "14", "2", "4", "1", "6", "1", "59"]]

    event = letter_events()[0]
    assert (event.action, event.actor_id, event.actor_name) == (Action.VIEW, sefton_user.id, sefton_user.username)
    assert event.object_repr == "Sefton 2017-18 letter (embargoed)"
    assert event.authority_id == authority.id
    assert event.after == {"format": "html", "embargoed": True, "release": RELEASE_AT.isoformat()}
    assert event.at >= before and event.source == "GET /portal/letters/2017-18/"
    assert len(letter_events()) == 2  # each view is recorded


def test_embargoed_letter_pdf_carries_the_frozen_figures_and_is_recorded(sefton_client, sefton_user,
                                                                         embargoed_2017_18):
    response = sefton_client.get("/portal/letters/2017-18/letter.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="E08000014-sefton-2017-18.pdf"'
    text = " ".join(pdf_text(response.content, "-layout").split())
    assert " 4 0 24 14 9 12 57% 63 " in text
    (event,) = letter_events()
    assert event.actor_id == sefton_user.id and event.after["format"] == "pdf" and event.after["embargoed"] is True


def test_released_letter_is_still_in_the_portal_and_its_views_are_recorded(sefton_client, sefton_user,
                                                                           released_2017_18):
    page = get_page(sefton_client, "/portal/letters/2017-18/")
    assert "Embargoed" not in page.text and "Published on" in page.text
    assert page.rows("Decisions made") == [DECISIONS_ROW]
    (event,) = letter_events()
    assert event.object_repr == "Sefton 2017-18 letter (published)" and event.after["embargoed"] is False


def test_the_portal_letter_agrees_with_the_public_one(client, sefton_client, released_2017_18):
    public = get_page(client, "/councils/sefton/2017-18/letter.html")
    portal = get_page(sefton_client, "/portal/letters/2017-18/")
    for caption in public.tables:
        assert portal.rows(caption) == public.rows(caption), caption


def test_figures_corrected_after_scheduling_do_not_reach_the_letter(sefton_client, authority, embargoed_2017_18):
    from tests.builders import decide
    from upheld.casework.vocabulary import Outcome

    decide(authority, datetime.date(2017, 5, 1), datetime.date(2017, 6, 1), Outcome.UPHELD)
    assert get_page(sefton_client, "/portal/letters/2017-18/").rows("Decisions made") == [DECISIONS_ROW]


def test_no_letter_before_the_release_is_scheduled(sefton_client, authority):
    build_sefton_2017_18(authority)
    for url in ("/portal/letters/2017-18/", "/portal/letters/2017-18/letter.pdf",
                "/portal/letters/2017-18/cases-received.xlsx", "/portal/letters/2017-18/feedback/"):
        assert sefton_client.get(url).status_code == 404, url
    assert not letter_events()


@pytest.mark.parametrize("year", ["2018-19", "2017-19", "1999-00"])
def test_other_years_are_not_found(sefton_client, released_2017_18, year):
    assert sefton_client.get(f"/portal/letters/{year}/").status_code == 404
    assert sefton_client.get(f"/portal/letters/{year}/letter.pdf").status_code == 404


def test_a_council_sees_its_own_letter_never_another(knowsley_client, knowsley, released_2017_18):
    page = get_page(knowsley_client, "/portal/letters/2017-18/")
    assert "Knowsley" in page.text
    assert "Sefton" not in page.text
    assert page.rows("Decisions made") != [DECISIONS_ROW]
    (event,) = letter_events()
    assert event.authority_id == knowsley.id


def test_a_council_that_did_not_exist_that_year_has_no_letter(released_2017_18):
    later = Authority.objects.get(gss="E06000058")  # Bournemouth, Christchurch and Poole: from April 2019
    client = sign_in(Client(), council_user("bcp-link", later, CouncilRole.LINK_OFFICER))
    assert client.get("/portal/letters/2017-18/").status_code == 404
    assert "2017-18" not in get_page(client, "/portal/").text


def test_home_lists_letters_with_their_status(sefton_client, authority, embargoed_2017_18):
    from upheld.years import ReportingYear

    released = timezone.now() - datetime.timedelta(days=300)
    schedule_release(ReportingYear(2016), released)
    page = get_page(sefton_client, "/portal/")
    assert page.headings[0] == ("h1", "Sefton Metropolitan Borough Council")
    assert page.rows("Your council's annual review letters by year") == [
        ["2017-18 letter", "Embargoed until 18 July 2031, 09:30", "Give feedback on the 2017-18 letter"],
        ["2016-17 letter", f"Published {timezone.localtime(released):%-d %B %Y}",
         "Give feedback on the 2016-17 letter"],
    ]
    assert "/portal/letters/2017-18/" in page.links and "/portal/letters/2016-17/feedback/" in page.links


def test_staff_and_anonymous_are_refused(client, publisher_client, caseworker_client, released_2017_18):
    for url in ("/portal/", "/portal/letters/2017-18/", "/portal/letters/2017-18/letter.pdf",
                "/portal/letters/2017-18/cases-received.xlsx", "/portal/recommendations/",
                "/portal/letters/2017-18/feedback/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
        assert publisher_client.get(url).status_code == 403, url
        assert caseworker_client.get(url).status_code == 403, url
    assert not letter_events()
