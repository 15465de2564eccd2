"""The public-page fast path and the one cache of public material: shared answers only for what is safe to
share, each host its own, and a host not allowed refused before anything is looked up."""

import gzip
import io
import re

import pikepdf
from django.db import connection
from django.test.utils import CaptureQueriesContext

from upheld.publication import page_cache

OTHER_HOST = "127.0.0.1:6666"  # allowed (the loopback names are), on another port


def test_repeat_anonymous_request_is_served_whole_from_memory(client, released_2017_18):
    first = client.get("/councils/sefton/2017-18/")
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/councils/sefton/2017-18/")
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Frame-Options"] == "DENY"
    assert len(queries) <= 2  # the public state only (held for a second outside transactions)


def test_another_process_is_served_from_the_shared_cache(client, released_2017_18):
    first = client.get("/councils/sefton/2017-18/")
    page_cache.local.clear()  # as a worker that has not seen the page yet
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/councils/sefton/2017-18/")
    assert again.content == first.content and len(queries) <= 2


def test_signed_in_and_private_requests_are_never_stored(client, admin_client, released_2017_18):
    admin_client.get("/councils/sefton/2017-18/")
    admin_client.get("/admin/")
    client.get("/accounts/login/")
    whole_responses = [key for key, (_, extra) in page_cache.local._entries.items() if isinstance(extra, list)]
    assert whole_responses == []  # (the council view's own cache of its page body is shared by design)


def test_a_release_changes_what_is_served(client, released_2017_18):
    from tests.builders import D, decide
    from upheld.authorities.models import Authority
    from upheld.casework.vocabulary import Outcome
    from upheld.releases.freezing import revise

    assert b"57%" in client.get("/councils/sefton/2017-18/").content
    decide(Authority.objects.get(gss="E08000014"), D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    assert b"57%" in client.get("/councils/sefton/2017-18/").content  # frozen: unchanged
    revise(released_2017_18.reporting_year, "A decision recorded late")
    page = client.get("/councils/sefton/2017-18/").content
    assert b"59%" in page and b"A decision recorded late" in page


def sitemap_hosts(response) -> set[str]:
    return set(re.findall(r"<loc>http://([^/]+)/", response.content.decode()))


def test_each_host_gets_its_own_sitemap(client, released_2017_18):
    for _ in range(3):  # the other host asks repeatedly, as the finding's curl did
        assert sitemap_hosts(client.get("/sitemap.xml", HTTP_HOST=OTHER_HOST)) == {OTHER_HOST}
    assert sitemap_hosts(client.get("/sitemap.xml")) == {"testserver"}
    signed_in = client.get("/sitemap.xml", HTTP_COOKIE="sessionid=x")  # past the fast path: the view's cache
    assert sitemap_hosts(signed_in) == {"testserver"}


def link_hosts(pdf: bytes) -> set[str]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return {re.match(r"http://([^/]+)/", str(annotation.A.URI))[1]
                for page in document.pages for annotation in page.get("/Annots", []) if "/URI" in annotation.A}


def test_each_host_gets_its_own_scrutiny_pack(client, released_2017_18):
    pack = "/scrutiny/sefton/2017-18/pack.pdf"
    client.get(pack, HTTP_HOST=OTHER_HOST)
    assert link_hosts(client.get(pack, HTTP_HOST=OTHER_HOST).content) == {OTHER_HOST}
    assert link_hosts(client.get(pack).content) == {"testserver"}
    assert link_hosts(client.get(pack, HTTP_COOKIE="sessionid=x").content) == {"testserver"}


def test_a_host_not_allowed_is_refused_even_for_a_kept_page(client, released_2017_18):
    for path in ("/councils/sefton/2017-18/", "/sitemap.xml"):
        assert client.get(path).status_code == 200
        assert client.get(path).status_code == 200  # kept now
        assert client.get(path, HTTP_HOST="attacker.example").status_code == 400, path
        assert client.get(path, HTTP_HOST="attacker.example", HTTP_COOKIE="sessionid=x").status_code == 400, path


def test_an_open_data_file_is_built_once_however_many_ask_at_once(client, released_2017_18, monkeypatch):
    from upheld.publication import downloads

    path, meanwhile, building = "/data/2017-18/upheld-2017-18.ods", [], downloads._render

    def slow_to_build(edition, extension):
        meanwhile.append(client.get(path, HTTP_COOKIE="sessionid=x"))  # another request, during the build
        return building(edition, extension)

    monkeypatch.setattr(downloads, "_render", slow_to_build)
    built = client.get(path)
    assert built.status_code == 200 and built["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert [(response.status_code, response["Retry-After"]) for response in meanwhile] == [(503, "5")]
    assert client.get(path, HTTP_COOKIE="sessionid=x").content == built.content and len(meanwhile) == 1


def test_a_page_is_rendered_once_whatever_encodings_clients_accept(client, released_2017_18):
    first = client.get("/councils/sefton/2017-18/", HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/councils/sefton/2017-18/", HTTP_ACCEPT_ENCODING="identity")
    assert first["Content-Encoding"] == "gzip" and gzip.decompress(first.content) == again.content
    rendering = [query for query in queries if "authorities_authority" in query["sql"]]
    assert rendering == []  # the view's kept body, not rendered again (the queries are the public state's)


def test_a_compressed_answer_goes_only_to_clients_that_accept_it(client, released_2017_18):
    compressed = client.get("/map/2017-18/data.json", HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert client.get("/map/2017-18/data.json", HTTP_ACCEPT_ENCODING="br, gzip")["Content-Encoding"] == "gzip"
    plain = client.get("/map/2017-18/data.json", HTTP_ACCEPT_ENCODING="identity")
    assert "Content-Encoding" not in plain and plain.content.startswith(b"{")
