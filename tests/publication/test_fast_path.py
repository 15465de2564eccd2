"""The public-page fast path: shared answers only for what is safe to share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from upheld.publication.page_cache import store


def test_repeat_anonymous_request_is_served_whole_from_memory(client, released_2017_18):
    store.clear()
    first = client.get("/councils/sefton/2017-18/")
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/councils/sefton/2017-18/")
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Frame-Options"] == "DENY"
    assert len(queries) <= 1  # the published state only (held for a second outside transactions)


def test_signed_in_and_private_requests_are_never_stored(client, admin_client, released_2017_18):
    store.clear()
    admin_client.get("/councils/sefton/2017-18/")
    admin_client.get("/admin/")
    client.get("/accounts/login/")
    whole_responses = [key for key, (_, extra, _) in store._entries.items() if isinstance(extra, list)]
    assert whole_responses == []  # (the council view's own cache of its page body is shared by design)


def test_a_release_changes_what_is_served(client, released_2017_18):
    from tests.builders import D, decide
    from upheld.authorities.models import Authority
    from upheld.casework.vocabulary import Outcome
    from upheld.releases.freezing import revise

    store.clear()
    assert b"57%" in client.get("/councils/sefton/2017-18/").content
    decide(Authority.objects.get(gss="E08000014"), D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    assert b"57%" in client.get("/councils/sefton/2017-18/").content  # frozen: unchanged
    revise(released_2017_18.reporting_year, "A decision recorded late")
    page = client.get("/councils/sefton/2017-18/").content
    assert b"59%" in page and b"A decision recorded late" in page
