"""The staff screens for releases: scheduling at 09:30 by default, no rescheduling once released, revisions."""

import datetime

import pytest
from django.utils import timezone

from tests.accounts.signing_in import sign_in, staff_user
from tests.builders import Y2017, D, build_sefton_2017_18, decide
from upheld.accounts.roles import StaffRole
from upheld.casework.vocabulary import Outcome
from upheld.releases.freezing import schedule_release
from upheld.releases.models import FiguresVersion, Release

ADD = "/admin/releases/release/add/"
INLINE = {"versions-TOTAL_FORMS": "0", "versions-INITIAL_FORMS": "0", "versions-MIN_NUM_FORMS": "0",
          "versions-MAX_NUM_FORMS": "1000"}


@pytest.fixture
def admin_client(client, db):
    """A publisher (the role that releases and revises figures), signed in with the second factor."""
    return sign_in(client, staff_user("pat", StaffRole.PUBLISHER))


@pytest.fixture
def sefton(authority):
    build_sefton_2017_18(authority)
    return authority


def change_url(release):
    return f"/admin/releases/release/{release.pk}/change/"


def form_errors(response):
    return response.context["adminform"].form.errors.as_text() if response.context else ""


def test_scheduling_defaults_to_half_past_nine(admin_client, sefton):
    assert 'value="09:30:00"' in admin_client.get(ADD).content.decode()
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = admin_client.post(ADD, {"year": "2017", "scheduled_for_0": day.isoformat(), "scheduled_for_1": "",
                                       **INLINE})
    assert response.status_code == 302, form_errors(response)
    release = Release.objects.get(year=2017)
    assert timezone.localtime(release.scheduled_for).replace(tzinfo=None) == datetime.datetime.combine(
        day, datetime.time(9, 30))
    assert FiguresVersion.objects.filter(release=release, version=1).exists()  # the figures are frozen


def test_an_embargoed_year_may_be_rescheduled_and_refrozen(admin_client, sefton):
    release = schedule_release(Y2017, timezone.now() + datetime.timedelta(days=5))
    decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    day = timezone.localdate() + datetime.timedelta(days=2)
    response = admin_client.post(change_url(release), {"scheduled_for_0": day.isoformat(),
                                                       "scheduled_for_1": "11:00", **INLINE})
    assert response.status_code == 302, form_errors(response)
    release.refresh_from_db()
    assert timezone.localtime(release.scheduled_for).time() == datetime.time(11, 0)
    assert FiguresVersion.objects.get(release=release).counts != {}
    assert "Issue a revision" not in admin_client.get(change_url(release)).content.decode()


def test_a_released_year_cannot_be_rescheduled(admin_client, sefton):
    release = schedule_release(Y2017)
    released_at = release.scheduled_for
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = admin_client.post(change_url(release), {"scheduled_for_0": tomorrow.isoformat(),
                                                       "scheduled_for_1": "09:30", **INLINE})
    assert response.status_code == 200
    assert "cannot be rescheduled: correct its figures with a revision" in response.content.decode()
    release.refresh_from_db()
    assert release.scheduled_for == released_at


def test_staff_issue_a_revision_with_its_cause(admin_client, sefton):
    release = schedule_release(Y2017)
    revise_url = f"/admin/releases/release/{release.pk}/revise/"
    assert revise_url in admin_client.get(change_url(release)).content.decode()
    assert "Nothing has changed since version 1" in admin_client.get(revise_url).content.decode()

    decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    page = admin_client.get(revise_url).content.decode()
    assert "Sefton: received: Housing 1 → 2;" in page and "uphold_rate 57 → 59" in page

    response = admin_client.post(revise_url, {"cause": "   "})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not FiguresVersion.objects.filter(version=2).exists()

    response = admin_client.post(revise_url, {"cause": "A May 2017 decision was recorded late."}, follow=True)
    assert "figures, revision 1 published: 1 council changed." in response.content.decode()
    revision = FiguresVersion.objects.get(release=release, version=2)
    assert revision.cause == "A May 2017 decision was recorded late."

    response = admin_client.post(revise_url, {"cause": "again"}, follow=True)
    assert "no revision made" in response.content.decode()


def test_an_embargoed_year_is_not_revised(admin_client, sefton):
    release = schedule_release(Y2017, timezone.now() + datetime.timedelta(days=1))
    response = admin_client.get(f"/admin/releases/release/{release.pk}/revise/", follow=True)
    assert "is not released yet" in response.content.decode()
    assert FiguresVersion.objects.filter(release=release).count() == 1


def test_revisions_need_a_publisher(client, sefton):
    release = schedule_release(Y2017)
    revise_url = f"/admin/releases/release/{release.pk}/revise/"
    response = client.get(revise_url)
    assert response.status_code == 302 and "login" in response["Location"]
    sign_in(client, staff_user("casey", StaffRole.CASEWORKER))
    assert client.post(revise_url, {"cause": "mine"}).status_code == 403
    assert not FiguresVersion.objects.filter(version=2).exists()
