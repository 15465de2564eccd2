"""A year scheduled for release later is invisible to the API until the moment of its release: 404 wherever
it is named and absent from every list, exactly like a year that never was."""

import datetime

import pytest
from django.utils import timezone

from tests.builders import Y2017, build_sefton_2017_18
from tests.publication.site_data import Y2018, Y2019, build_dataset
from upheld.authorities.models import Authority
from upheld.releases.freezing import schedule_release


@pytest.fixture
def embargoed(db):
    """2017-18 released; 2018-19 frozen and scheduled for tomorrow."""
    build_dataset()
    schedule_release(Y2017, timezone.now() - datetime.timedelta(days=1))
    return schedule_release(Y2018, timezone.now() + datetime.timedelta(days=1))


def test_an_embargoed_year_is_404_wherever_it_is_named(api, embargoed):
    assert api("/statistics/2018-19", status=404) == api("/statistics/2016-17", status=404)
    assert api("/statistics/2018-19/E08000014", status=404) == {"detail": "no published figures for that year"}
    assert api("/national/2018-19", status=404) == {"detail": "no published figures for that year"}


def test_an_embargoed_year_is_in_no_list_and_no_link(api, embargoed, client):
    assert [item["year"] for item in api("/years")["items"]] == ["2017-18"]
    sefton = api("/councils/E08000014")
    assert sefton["years"] == ["2017-18"] and list(sefton["links"]["statistics"]) == ["2017-18"]
    assert b"2018-19" not in client.get("/api/v1/councils?page_size=500").content


def test_a_council_only_in_an_embargoed_year_is_unknown(api, db):
    """Bournemouth, Christchurch and Poole began in 2019-20: while that year is embargoed it has no figures."""
    bcp = Authority.objects.get(gss="E06000058")
    build_sefton_2017_18(Authority.objects.get(gss="E08000014"))
    schedule_release(Y2017, timezone.now() - datetime.timedelta(days=1))
    schedule_release(Y2019, timezone.now() + datetime.timedelta(days=1))
    assert api("/councils/E06000058", status=404) == {"detail": f"There are no published figures for {bcp.name}"}
    assert "E06000058" not in [item["gss"] for item in api("/councils?page_size=500")["items"]]


def test_the_year_appears_at_its_release(api, embargoed):
    embargoed.scheduled_for = timezone.now() - datetime.timedelta(seconds=1)
    embargoed.save()
    assert [item["year"] for item in api("/years")["items"]] == ["2018-19", "2017-18"]
    assert api("/statistics/2018-19/E08000014")["year"] == "2018-19"
