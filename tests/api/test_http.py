"""What every endpoint does alike: caching and conditional requests, CORS, the rate limit, methods and errors."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings

from tests.accounts.signing_in import sign_in, staff_user
from upheld.accounts.roles import StaffRole

EVERY_ENDPOINT = ["/", "/years", "/councils", "/councils/E08000014", "/statistics/2017-18",
                  "/statistics/2017-18/E08000014", "/national/2017-18", "/decisions", "/reports", "/docs",
                  "/openapi.json"]


@pytest.mark.parametrize("path", EVERY_ENDPOINT)
def test_an_answer_is_cacheable_with_a_strong_etag_and_304_when_unchanged(client, released_2017_18, path):
    url = f"/api/v1{path}"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=300"
    assert {"Accept-Encoding", "Origin"} <= {name.strip() for name in first["Vary"].split(",")}
    etag = first["ETag"]
    assert etag.startswith('"') and not etag.startswith('W/')
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='"something else"').status_code == 200


def test_the_etag_changes_with_the_answer(client, released_2017_18):
    sefton, wirral = (client.get(f"/api/v1/statistics/2017-18/{code}") for code in ("E08000014", "E08000015"))
    assert sefton["ETag"] != wirral["ETag"]
    assert client.get("/api/v1/statistics/2017-18/E08000015", HTTP_IF_NONE_MATCH=sefton["ETag"]).status_code == 200


@override_settings(UPHELD_API_MAX_AGE=60)
def test_the_max_age_is_a_setting_and_errors_are_not_kept(client, released_2017_18):
    assert client.get("/api/v1/years")["Cache-Control"] == "public, max-age=60"
    missing = client.get("/api/v1/statistics/2018-19")
    assert missing.status_code == 404 and missing["Cache-Control"] == "no-cache" and "ETag" not in missing


def test_a_signed_in_browser_gets_private_answers(client, released_2017_18):
    sign_in(client, staff_user("api-reader", StaffRole.CASEWORKER))
    assert client.get("/api/v1/years")["Cache-Control"] == "private, max-age=300"


def test_head_is_get_without_the_body(client, released_2017_18):
    get, head = client.get("/api/v1/years"), client.head("/api/v1/years")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and head["Content-Length"] == str(len(get.content))


def test_any_page_may_read_it_but_not_with_credentials(client, released_2017_18):
    response = client.get("/api/v1/years", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_allows_only_reading(client, released_2017_18):
    response = client.options("/api/v1/years", HTTP_ORIGIN="https://example.org",
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Access-Control-Allow-Credentials" not in response


def test_cors_is_for_the_api_only(client, released_2017_18):
    assert "Access-Control-Allow-Origin" not in client.get("/councils/", HTTP_ORIGIN="https://example.org")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_reading_methods_are_answered(client, released_2017_18, method):
    for url in ("/api/v1/years", "/api/v1/statistics/2017-18/E08000014", "/api/v1/no-such-thing"):
        response = getattr(client, method)(url)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert json.loads(response.content)["detail"].startswith(f"{method.upper()} is not allowed")


def test_options_says_what_is_allowed(client, db):
    response = client.options("/api/v1/years")
    assert response.status_code == 204 and response["Allow"] == "GET, HEAD, OPTIONS"


@override_settings(UPHELD_API_RATE="3/min")
def test_more_requests_than_the_rate_get_429_with_retry_after(client, db):
    assert [client.get("/api/v1/years").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/v1/councils")
    assert refused.status_code == 429
    assert json.loads(refused.content) == {"detail": "Too many requests."}
    assert 0 < int(refused["Retry-After"]) <= 60
    assert client.get("/api/v1/years", REMOTE_ADDR="192.0.2.7").status_code == 200  # another client


# Another process (another gunicorn worker, say) judging two requests from the same client, 127.0.0.1.
ANOTHER_WORKER = """
import django
django.setup()
from django.test import RequestFactory
from upheld.api.throttling import ClientRateThrottle
throttle = ClientRateThrottle()
print([throttle.allow_request(RequestFactory().get("/api/v1/years")) for _ in range(2)])
"""


def same_cache(cache: dict) -> dict[str, str]:
    """The environment that gives another process this one's cache: the same Redis, or the same folder."""
    if cache["BACKEND"].endswith("RedisCache"):
        return {"REDIS_URL": cache["LOCATION"]}
    return {"UPHELD_CACHE_DIR": cache["LOCATION"]}


@override_settings(UPHELD_API_RATE="4/day")
def test_the_limit_counts_the_requests_every_process_answered(client, db):
    """Counted in the shared cache (files, or Redis with REDIS_URL), not per worker: two workers would
    otherwise each allow the whole rate."""
    assert [client.get("/api/v1/years").status_code for _ in range(2)] == [200, 200]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "upheld.settings", "UPHELD_API_RATE": "4/day",
           **same_cache(settings.CACHES["default"])}
    other = subprocess.run([sys.executable, "-c", ANOTHER_WORKER], env=env, capture_output=True, text=True,
                           timeout=120)
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() == "[True, True]"  # the third and fourth
    assert client.get("/api/v1/years").status_code == 429  # the fifth, wherever it is answered


@override_settings(UPHELD_API_RATE="3/min")
def test_a_client_cannot_escape_the_limit_by_naming_another_address(client, db):
    for number in range(3):
        client.get("/api/v1/years", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert client.get("/api/v1/years", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_an_unknown_address_is_a_json_404(client, db):
    response = client.get("/api/v1/no/such/thing")
    assert response.status_code == 404
    assert json.loads(response.content) == {"detail": "Not found: see /api/v1/docs for the endpoints"}


@pytest.mark.parametrize(("query", "parameter"), [
    ("/councils?page=0", "page"), ("/councils?page_size=501", "page_size"), ("/councils?type=parish", "type"),
    ("/councils/E0800001X", "gss"), ("/statistics/201718", "year"), ("/decisions?from=31-03-2021", "from"),
    ("/decisions?to=0", "to"), ("/decisions?outcome=maybe", "outcome"), ("/decisions?q=%00", "q"),
    ("/reports/public-interest/0", "pk"),
])
def test_a_parameter_that_cannot_be_used_is_422_naming_it(client, db, query, parameter):
    response = client.get(f"/api/v1{query}")
    assert response.status_code == 422
    body = json.loads(response.content)
    assert body["detail"] == "Some parameters could not be used"
    assert [error["parameter"] for error in body["errors"]] == [parameter]
    assert all(error["message"] for error in body["errors"])


def test_a_page_after_the_last_is_404(client, released_2017_18):
    response = client.get("/api/v1/years?page=2")
    assert response.status_code == 404
    assert json.loads(response.content) == {"detail": "There is no page 2: there is 1"}


def test_pages_link_to_their_neighbours(client, released_2017_18):
    first = json.loads(client.get("/api/v1/councils?page_size=100&type=metropolitan&page_size=10").content)
    assert first["count"] == 36 and first["pages"] == 4 and first["previous"] is None
    second = json.loads(client.get(first["next"]).content)
    assert second["page"] == 2 and second["previous"].endswith("page=1")
    assert {item["gss"] for item in first["items"]}.isdisjoint(item["gss"] for item in second["items"])
    last = json.loads(client.get(first["next"].replace("page=2", "page=4")).content)
    assert len(last["items"]) == 6 and last["next"] is None


def test_a_failure_is_a_json_500_without_a_traceback(client, db, monkeypatch):
    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setattr("upheld.api.figures.published", broken)
    response = client.get("/api/v1/years")
    assert response.status_code == 500
    assert json.loads(response.content) == {"detail": "Something went wrong on our side"}
