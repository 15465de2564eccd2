"""Before its release a year does not exist on the public pages; after it, its figures change only by revision."""

import datetime

import pytest
from django.utils import timezone

from tests.builders import Y2017, D, decide
from tests.publication.page_reader import get_page
from tests.publication.site_data import Y2018, Y2019, build_dataset
from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Outcome
from upheld.publication import page_cache
from upheld.releases.freezing import revise, schedule_release

PUBLIC_PAGES = ["/", "/councils/", "/councils/?type=unitary", "/councils/sefton/", "/councils/sefton/2017-18/",
                "/councils/sefton/2018-19/", "/councils/christchurch/", "/national/", "/national/2017-18/",
                "/national/2018-19/", "/guide/"]
EMBARGOED = ["/councils/sefton/2019-20/", "/councils/sefton/2019-20/letter.html",
             "/councils/sefton/2019-20/letter.pdf", "/councils/bournemouth-christchurch-and-poole/",
             "/councils/bournemouth-christchurch-and-poole/2019-20/", "/national/2019-20/"]


@pytest.fixture
def embargoed_2019(db):
    """The dataset with 2017-18 and 2018-19 public and 2019-20 frozen, to be released tomorrow."""
    build_dataset()
    schedule_release(Y2017)
    schedule_release(Y2018)
    schedule_release(Y2019, timezone.now() + datetime.timedelta(days=1))


def test_an_embargoed_year_is_404_everywhere(client, embargoed_2019):
    for url in EMBARGOED:
        assert client.get(url).status_code == 404, url


def test_an_embargoed_year_appears_in_no_list_link_title_or_switcher(client, embargoed_2019):
    for url in PUBLIC_PAGES:
        page = get_page(client, url)
        assert "2019-20" not in page.html, url
        assert "2020-21" not in page.html, url
        assert not any("bournemouth-christchurch-and-poole" in link for link in page.links), url
    # The newest public year is the default.
    assert "Figures for 2018-19" in [heading for _, heading in get_page(client, "/councils/sefton/").headings]
    assert get_page(client, "/national/").h1s() == ["Complaints about councils in 2018-19"]
    assert "Bournemouth, Christchurch and Poole" not in get_page(client, "/councils/").text


def test_the_release_opens_the_year_on_every_page(client, embargoed_2019):
    for url in PUBLIC_PAGES:  # cached while embargoed
        client.get(url)
    schedule_release(Y2019)  # brought forward to now: released
    for url in EMBARGOED:
        assert client.get(url).status_code == 200, url
    assert "/councils/sefton/2019-20/" in get_page(client, "/councils/sefton/2017-18/").links
    assert "/councils/bournemouth-christchurch-and-poole/" in get_page(client, "/councils/").links
    assert get_page(client, "/national/").h1s() == ["Complaints about councils in 2019-20"]


def test_no_year_is_public_before_its_first_release(client, db):
    schedule_release(Y2017, timezone.now() + datetime.timedelta(minutes=5))
    for url in ("/councils/sefton/", "/councils/sefton/2017-18/", "/national/2017-18/"):
        assert client.get(url).status_code == 404, url
    for url in ("/", "/councils/", "/national/", "/guide/"):
        assert "2017-18" not in get_page(client, url).html, url


def test_a_correction_changes_nothing_until_a_revision(client, released_2017_18):
    assert get_page(client, "/councils/sefton/2017-18/").rows("Decisions made")[0][-3:] == ["12", "57%", "63"]
    decide(Authority.objects.get(gss="E08000014"), D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    page_cache.clear()  # not the page cache keeping it: the published figures are frozen
    page = get_page(client, "/councils/sefton/2017-18/")
    assert page.rows("Decisions made")[0][-3:] == ["12", "57%", "63"]
    assert "Revised figures" not in page.text

    revision = revise(Y2017, "A decision about Sefton was recorded after the release.")
    page = get_page(client, "/councils/sefton/2017-18/")
    assert page.rows("Decisions made")[0][-3:] == ["13", "59%", "64"]
    assert "Revised figures" in page.text
    date = f"{timezone.localtime(revision.frozen_at).day} {timezone.localtime(revision.frozen_at):%B %Y}"
    assert f"The 2017-18 figures were revised on {date} (version 2, shown here)." in page.text
    assert "Cause: A decision about Sefton was recorded after the release." in page.text
    assert "Scale: 1 council changed." in page.text
    assert "decisions: Upheld 12 → 13" in page.text and "uphold_rate 57 → 59" in page.text
    assert "/data/2017-18/v1/" in page.links  # the version as released stays available


def test_revision_notice_on_other_councils_and_the_national_review(client, dataset):
    decide(Authority.objects.get(gss="E07000223"), D(2018, 5, 1), D(2018, 6, 1), Outcome.UPHELD)  # Adur
    revise(Y2018, "One decision was missing.")
    wirral = get_page(client, "/councils/wirral/2018-19/")
    assert "Revised figures" in wirral.text
    assert "Wirral's figures did not change in this revision." in wirral.text
    adur = get_page(client, "/councils/adur/2018-19/")
    assert "What changed for Adur" in adur.text and "Adur: " in adur.text
    national = get_page(client, "/national/2018-19/")
    assert "Revised figures" in national.text and "What changed, council by council" in national.text
    # Years that were not revised carry no notice.
    assert "Revised figures" not in get_page(client, "/councils/adur/2017-18/").text
