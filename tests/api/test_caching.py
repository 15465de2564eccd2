"""The API's answers are kept per public state, like the pages: a repeat request is answered from the cache
(by the fast path, or by the endpoint for a signed-in browser) without building the answer, byte for byte the
answer first built, with its ETag; a release or a revision is a new state, so new figures at once; an
embargoed year is never kept; each host, and each way of asking that changes the answer, is its own entry."""

import datetime
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.builders import Y2017, D, decide
from tests.publication.site_data import Y2018, build_dataset
from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Outcome
from upheld.publication import page_cache
from upheld.releases.freezing import revise, schedule_release

SEFTON = "/api/v1/statistics/2017-18/E08000014"


@pytest.fixture
def browser():
    """A browser that sends a session cookie: past the fast path, to the endpoint's own cache."""
    browser = Client()
    browser.cookies["sessionid"] = "x"
    return browser


def answered_from_cache(client, url: str, **headers):
    """The response to `url`, which must be built from nothing but the kept answer: no query but the
    public state's (read once a request inside a test's transaction) and the session's, if one is sent."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    building = [query["sql"] for query in queries
                if "releases_publicstate" not in query["sql"] and "django_session" not in query["sql"]]
    assert building == [], building
    return response


@pytest.mark.parametrize("path", ["/", "/years", "/councils", "/councils/E08000014", "/statistics/2017-18",
                                  "/statistics/2017-18/E08000014", "/national/2017-18", "/decisions", "/reports",
                                  "/docs", "/openapi.json"])
def test_a_second_request_is_answered_from_the_cache_byte_for_byte(client, browser, released_2017_18, path):
    url = f"/api/v1{path}"
    built = client.get(url)
    assert built.status_code == 200
    for asking in (client, browser):  # the fast path's whole response, then the endpoint's kept body
        kept = answered_from_cache(asking, url)
        assert kept.status_code == 200
        assert (kept.content, kept["ETag"], kept["Content-Type"]) == (built.content, built["ETag"],
                                                                      built["Content-Type"])
    page_cache.clear()
    assert client.get(url).content == built.content  # built again, the same bytes


def test_if_none_match_is_answered_304_from_the_kept_tag(client, browser, released_2017_18):
    etag = client.get(SEFTON)["ETag"]
    for asking in (client, browser):
        not_modified = answered_from_cache(asking, SEFTON, HTTP_IF_NONE_MATCH=etag)
        assert not_modified.status_code == 304 and not_modified.content == b"" and not_modified["ETag"] == etag
        assert answered_from_cache(asking, SEFTON, HTTP_IF_NONE_MATCH='"another"').status_code == 200


def test_a_signed_in_browser_gets_private_answers_though_the_answer_is_kept(client, browser, released_2017_18):
    assert client.get("/api/v1/years")["Cache-Control"] == "public, max-age=300"
    assert browser.get("/api/v1/years")["Cache-Control"] == "private, max-age=300"
    assert client.get("/api/v1/years")["Cache-Control"] == "public, max-age=300"


def test_a_revision_is_answered_at_once(client, released_2017_18):
    sefton = Authority.objects.get(gss="E08000014")
    before = json.loads(client.get(SEFTON).content)
    decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    assert json.loads(client.get(SEFTON).content) == before  # frozen: the same answer, kept
    revise(Y2017, "A decision recorded late")
    after = json.loads(client.get(SEFTON).content)
    assert after["decisions"]["Total"] == before["decisions"]["Total"] + 1
    years = json.loads(client.get("/api/v1/years").content)
    assert [notice["cause"] for notice in years["items"][0]["revisions"]] == ["A decision recorded late"]


@pytest.fixture
def embargoed(db):
    """2017-18 released; 2018-19 frozen and released in an hour."""
    build_dataset()
    schedule_release(Y2017, timezone.now() - datetime.timedelta(days=1))
    return schedule_release(Y2018, timezone.now() + datetime.timedelta(hours=1))


def test_an_embargoed_year_is_never_kept_and_appears_at_its_release(client, browser, embargoed, monkeypatch):
    urls = ["/api/v1/statistics/2018-19/E08000014", "/api/v1/statistics/2018-19", "/api/v1/national/2018-19"]
    for _ in range(2):
        for asking in (client, browser):
            assert [asking.get(url).status_code for url in urls] == [404, 404, 404]
    years = client.get("/api/v1/years")
    kept = [content for content, _ in page_cache.local._entries.values()]
    assert kept and not any(b"2018-19" in content for content, _ in kept)

    released_at = embargoed.scheduled_for + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: released_at)  # the clock passes the release: nothing is saved
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    assert json.loads(client.get(urls[0]).content)["year"] == "2018-19"
    assert client.get("/api/v1/years").content != years.content


def test_parameters_written_another_way_are_the_same_answer(client, released_2017_18):
    built = client.get("/api/v1/councils?name=sef%74on&page_size=5")
    kept = answered_from_cache(client, "/api/v1/councils?name=sefton&page_size=%35")
    assert kept.content == built.content and json.loads(kept.content)["count"] == 1


def test_parameters_in_another_order_are_their_own_answer(client, released_2017_18):
    """The page links give the parameters back in the client's order, so the order is part of the answer."""
    first = json.loads(client.get("/api/v1/councils?type=metropolitan&page_size=10").content)
    second = json.loads(client.get("/api/v1/councils?page_size=10&type=metropolitan").content)
    assert first["next"].endswith("?type=metropolitan&page_size=10&page=2")
    assert second["next"].endswith("?page_size=10&type=metropolitan&page=2")


def test_what_is_accepted_does_not_change_the_answer(client, released_2017_18):
    built = client.get(SEFTON)
    for accept in ("text/html", "application/xml", "*/*"):
        assert answered_from_cache(client, SEFTON, HTTP_ACCEPT=accept).content == built.content


def test_each_host_gets_its_own_links(client, released_2017_18):
    other = "127.0.0.1:6666"  # allowed (the loopback names are), on another port
    for _ in range(2):
        assert json.loads(client.get("/api/v1/", HTTP_HOST=other).content)["years"] == f"http://{other}/api/v1/years"
        assert json.loads(client.get("/api/v1/").content)["years"] == "http://testserver/api/v1/years"
    assert client.get("/api/v1/", HTTP_HOST="attacker.example").status_code == 400


def test_a_kept_answer_carries_cors_headers_for_any_origin(client, released_2017_18):
    client.get("/api/v1/years")
    response = answered_from_cache(client, "/api/v1/years", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/years")


def test_head_of_a_kept_answer_has_no_body(client, browser, released_2017_18):
    get = client.get("/api/v1/years")
    for asking in (client, browser):
        head = asking.head("/api/v1/years")
        assert head.status_code == 200 and head.content == b""
        assert head["ETag"] == get["ETag"] and head["Content-Length"] == str(len(get.content))
    assert client.get("/api/v1/years").content == get.content  # a HEAD's empty answer is never kept
