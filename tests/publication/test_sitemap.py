"""Embargo: before its release nothing public reveals a year, the sitemap included."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.builders import Y2017, build_sefton_2017_18
from upheld.authorities.models import Authority
from upheld.publication.sitemaps import resolves
from upheld.releases.freezing import schedule_release, statistics_for

DATA_PATHS = [
    "/data/2017-18/", "/data/2017-18/v1/", "/data/2017-18/revisions.csv", "/data/2017-18/table.csv",
    "/data/2017-18/table.csv?type=metropolitan&q=sefton",
    *(f"/data/2017-18/upheld-2017-18.{ext}" for ext in ("csv", "xlsx", "ods", "json")),
    *(f"/data/2017-18/v1/upheld-2017-18-v1.{ext}" for ext in ("csv", "xlsx", "ods", "json")),
]

# The year's pages that other parts of the site serve, where they exist.
SITE_PATHS = [path for path in ("/councils/sefton/2017-18/", "/councils/sefton/2017-18/letter.html",
                                "/councils/sefton/2017-18/letter.pdf", "/national/2017-18/", "/map/2017-18/",
                                "/map/2017-18/data.json", "/scrutiny/sefton/2017-18/",
                                "/scrutiny/sefton/2017-18/pack.pdf") if resolves(path)]
YEAR_PATHS = DATA_PATHS + SITE_PATHS


@pytest.fixture
def scheduled(db):
    build_sefton_2017_18(Authority.objects.get(gss="E08000014"))
    return schedule_release(Y2017, timezone.now() + datetime.timedelta(days=1))


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    return re.findall(r"<loc>http://testserver(.*?)</loc>", response.content.decode())


def test_nothing_reveals_a_year_before_its_release(client, scheduled):
    pages = {path: client.get(path) for path in [*locations(client), *YEAR_PATHS]}
    for path in YEAR_PATHS:
        assert pages[path].status_code == 404, path
    for path, response in pages.items():
        # No link, file name, option or table heading names the year (prose about the layouts may).
        assert not re.search(rb"""[/"'>=-]2017-18""", response.content), path
    assert "/data/" in locations(client)

    scheduled.scheduled_for = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.save()
    for path in YEAR_PATHS:
        assert client.get(path).status_code == 200, path
    assert b'href="/data/2017-18/"' in client.get("/data/").content


def test_sitemap_lists_released_years_pages_only(client, scheduled):
    before = locations(client)
    assert not [path for path in before if "2017-18" in path]
    scheduled.scheduled_for = timezone.now()
    scheduled.save()
    after = locations(client)
    assert "/data/2017-18/" in after and "/data/dictionary/" in after
    assert len(after) == len(set(after))
    expected = ["/national/2017-18/", "/councils/sefton/2017-18/"]
    for path in expected:
        assert (path in after) == resolves(path), path
    assert all(resolves(path.partition("?")[0]) for path in after)
    assert '<lastmod>' in client.get("/sitemap.xml").content.decode()


def test_sitemap_lists_the_scrutiny_hub_and_the_released_years_scrutiny_pages(client, scheduled):
    before = locations(client)
    assert "/scrutiny/" in before
    assert not [path for path in before if path.startswith("/scrutiny/") and path != "/scrutiny/"]
    scheduled.scheduled_for = timezone.now()
    scheduled.save()
    after = [path for path in locations(client) if path.startswith("/scrutiny/")]
    councils = statistics_for(Y2017).councils
    assert after == ["/scrutiny/", *(f"/scrutiny/{c.authority.slug}/2017-18/" for c in councils)]
    for path in ["/scrutiny/", "/scrutiny/sefton/2017-18/", "/scrutiny/adur/2017-18/"]:  # with cases and without
        assert path in after and client.get(path).status_code == 200, path
