"""Issue 14, item 9, the edges: robots.txt, the favicon, a description of each public page, gzip for public
HTML and JSON, static files under hashed names kept a year, and Permissions-Policy on every response."""

import gzip
import re

from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.test import Client

from tests.accounts.signing_in import sign_in, staff_user
from tests.decisions.conftest import make_statement
from upheld.accounts.roles import StaffRole
from upheld.site.views import FAVICON

DEFAULT_DESCRIPTION = "Complaints about councils in England to the Ombudsman: each council's figures"


def description(page: str) -> str:
    found = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert len(found) == 1, found
    return found[0]


def test_robots_txt_keeps_crawlers_to_public_pages_and_names_the_sitemap_on_the_sites_own_address(db, settings):
    settings.UPHELD_SITE_URL = "https://complaints.example"
    response = Client(HTTP_HOST="localhost").get("/robots.txt")  # an allowed host, not the site's address
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for area in ("/admin/", "/accounts/", "/casework/", "/portal/", "/staff/", "/training/", "/audit/", "/alerts/"):
        assert f"Disallow: {area}" in lines
    assert not [line for line in lines if line.startswith("Disallow:") and line.split()[1] in
                ("/", "/councils/", "/national/", "/data/", "/decisions/", "/map/", "/scrutiny/")]
    assert "Sitemap: https://complaints.example/sitemap.xml" in lines
    assert "localhost" not in response.content.decode()


def test_the_favicon_is_served_and_every_page_names_an_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    with staticfiles_storage.open(FAVICON) as icon:
        assert response.content == icon.read() and response.content[:4] == b"\0\0\1\0"  # an ICO file
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="48x48">' in page
    svg = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)[1]
    assert client.get(svg).status_code == 200


def test_each_public_page_type_has_its_own_description(client, released_2017_18, authority):
    statement = make_statement(authority, reference="T9000001")
    pages = {
        "/": "the national review for 2017-18",
        "/councils/": "Every council in England with published complaint statistics",
        "/councils/search/?q=sefton": "Find a council",
        f"/councils/{authority.slug}/": f"{authority.name}'s complaints to the Ombudsman in 2017-18: ",
        f"/councils/{authority.slug}/2017-18/": f"{authority.name}'s complaints to the Ombudsman in 2017-18: ",
        "/national/": "Complaints about councils in England in 2017-18: ",
        "/national/2017-18/": "Complaints about councils in England in 2017-18: ",
        "/map/": "coloured by their complaint statistics for 2017-18",
        "/guide/": "How to read the council complaint statistics",
        "/data/": "Open data: the complaint statistics of every council",
        "/data/2017-18/": "Council complaint statistics 2017-18 as open data",
        "/data/dictionary/": "The data dictionary",
        "/scrutiny/": "Scrutiny for councillors",
        f"/scrutiny/{authority.slug}/2017-18/": f"For councillors scrutinising {authority.name}: its complaint figures "
                                                "for 2017-18",
        "/decisions/": "Search the Ombudsman's published decisions",
        statement.get_absolute_url(): f"decision T9000001 on a complaint about {authority.name}: ",
        "/reports/": "Public interest reports about individual councils",
        "/api/v1/docs": "The public API",
        f"/alerts/{authority.slug}/": f"publishes something new about {authority.name}",
    }
    for path, expected in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        text = description(response.content.decode())
        assert expected in text, (path, text)
        assert not text.startswith(DEFAULT_DESCRIPTION), path
    council = description(client.get(f"/councils/{authority.slug}/2017-18/").content.decode())
    assert re.fullmatch(rf"{authority.name}'s complaints to the Ombudsman in 2017-18: [\d,]+ complaints and "
                        r"enquiries received, [\d,]+ decided, [\d,]+ upheld, compared with similar councils\.", council)


def test_public_html_and_json_are_gzipped_for_clients_that_accept_it(client, released_2017_18, authority):
    for path in (f"/councils/{authority.slug}/2017-18/", "/api/v1/statistics/2017-18/E08000014", "/sitemap.xml"):
        plain = client.get(path)
        assert "Content-Encoding" not in plain and plain.status_code == 200, path
        for attempt in range(2):  # built, then kept: the same bytes
            compressed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
            assert compressed["Content-Encoding"] == "gzip", (path, attempt)
            assert "Accept-Encoding" in compressed["Vary"]
            assert gzip.decompress(compressed.content) == plain.content, path
            assert len(compressed.content) < len(plain.content)


def test_signed_in_pages_are_not_compressed(client, released_2017_18, authority):
    """BREACH: an answer that holds a secret (a session's pages, a CSRF token) is never compressed."""
    sign_in(client, staff_user("publisher", StaffRole.PUBLISHER))
    for path in ("/staff/", f"/councils/{authority.slug}/2017-18/"):
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200 and "Content-Encoding" not in response, path
    assert "Content-Encoding" not in Client().get("/accounts/login/", HTTP_ACCEPT_ENCODING="gzip")


def kept_for_years(response) -> bool:
    """WhiteNoise's answer for a hashed name: kept ten years, never asked again (`immutable`)."""
    age = re.fullmatch(r"max-age=(\d+), public, immutable", response["Cache-Control"])
    return bool(age) and int(age[1]) >= 365 * 24 * 3600


def test_static_files_have_hashed_names_kept_a_year(client, db):
    page = client.get("/").content.decode()
    stylesheet = re.search(r'<link rel="stylesheet" href="(/static/upheld/upheld\.[0-9a-f]{12}\.css)">', page)[1]
    script = re.search(r'<script type="module" src="(/static/upheld/init\.[0-9a-f]{12}\.mjs)"></script>', page)[1]
    for path in (stylesheet, script):
        response = client.get(path)
        assert response.status_code == 200 and kept_for_years(response), (path, response["Cache-Control"])
        response.close()
    # A module's imports name the hashed files too, so they are kept a year as well, and they exist.
    response = client.get(script)
    module = b"".join(response.streaming_content).decode()
    response.close()
    imported = re.search(r'from "\./(govuk-frontend\.min\.[0-9a-f]{12}\.js)"', module)[1]
    response = client.get(f"/static/upheld/{imported}")
    assert response.status_code == 200 and kept_for_years(response)
    response.close()
    assert static("publication/map.mjs") != "/static/publication/map.mjs"


def test_every_response_carries_a_permissions_policy(client, released_2017_18, authority):
    page = f"/councils/{authority.slug}/2017-18/"
    responses = [client.get(page), client.get(page),  # built, then kept by the fast path
                 client.get("/no-such-page/"), client.get("/api/v1/statistics/2017-18/E08000014"),
                 client.get(static("upheld/upheld.css")), client.get("/robots.txt")]
    for response in responses:
        policy = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
            assert f"{feature}=()" in policy
        response.close()
