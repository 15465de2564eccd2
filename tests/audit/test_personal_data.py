"""Complainants' details stay in casework: never in statistics, letters, spreadsheets or public pages.

Distinctive personal data is put on every Sefton case of the reference year,
then everything the system publishes or sends is generated and searched for it.
"""

import io
import re
import zipfile
from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import Resolver404, resolve

from tests.builders import Y2017, build_sefton_2017_18
from tests.pdf_text import pdf_text
from upheld.authorities.models import Authority
from upheld.casework.models import Case
from upheld.releases.freezing import schedule_release

SEFTON = "E08000014"
PERSONAL = {"complainant_name": "Zebedee Quux", "complainant_email": "zq@example.org",
            "complainant_phone": "0151 496 0999", "complainant_address": "7 Xylophone Crescent, Bootle"}
NEEDLES = ["zebedee", "quux", "zq@example.org", "496 0999", "xylophone"]
PRIVATE_PREFIXES = ("/admin/", "/accounts/", "/audit/", "/static/")
MAX_PAGES = 1500
OTHER_COUNCILS_PER_ROUTE = 3


@pytest.fixture
def personal_sefton(db):
    sefton = Authority.objects.get(gss=SEFTON)
    build_sefton_2017_18(sefton)
    assert Case.objects.filter(authority=sefton).update(**PERSONAL) > 60
    schedule_release(Y2017)
    cache.clear()
    yield sefton
    cache.clear()


def leaks(data: bytes, where: str, needles: list[str] = NEEDLES) -> list[str]:
    """Which needles appear in `data`, looking inside zip containers (XLSX, ODS) and PDFs."""
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [leak for name in archive.namelist()
                    for leak in leaks(archive.read(name), f"{where}:{name}", needles)]
    if data[:5] == b"%PDF-":
        data = pdf_text(data).encode()
    text = data.decode("utf-8", errors="replace").lower()
    return [f"{where}: {needle}" for needle in needles if needle in text]


def test_statistics_carry_no_personal_data(personal_sefton):
    for options in (["--json"], ["--format", "csv"], []):
        out = io.StringIO()
        call_command("stats", "--year", "2017-18", *options, stdout=out)
        assert "Sefton" in out.getvalue()
        assert leaks(out.getvalue().encode(), f"stats {options}") == []


@pytest.mark.parametrize("form", ["html", "pdf"])
def test_letters_and_spreadsheets_carry_no_personal_data(personal_sefton, tmp_path, form):
    call_command("letters", "--year", "2017-18", "--authority", SEFTON, "--format", form, "--out", str(tmp_path),
                 "--no-progress", stdout=io.StringIO())
    files = sorted(path for path in tmp_path.rglob("*") if path.is_file())
    assert any(path.suffix == f".{form}" for path in files)
    assert sum(path.suffix == ".xlsx" for path in files) == 3
    assert [leak for path in files for leak in leaks(path.read_bytes(), path.name)] == []
    # The search does find what is there, inside a spreadsheet too.
    reference = Case.objects.filter(authority=personal_sefton, received__year=2017).first().reference.lower()
    assert any(leaks(path.read_bytes(), path.name, [reference]) for path in files if path.suffix == ".xlsx")


def test_no_public_page_or_download_carries_personal_data(client, personal_sefton):
    """Every page reachable from the home page and the sitemap: all of Sefton's, and of every other
    council's a few for each kind of page (the same views, so the same code, as Sefton's)."""
    seen, queue, found, per_route = set(), deque(["/", "/sitemap.xml"]), [], Counter()
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        route = _route(url)
        if "sefton" not in url and route is not None:
            per_route[route] += 1
            if per_route[route] > OTHER_COUNCILS_PER_ROUTE:
                continue
        response = client.get(url)
        if response.status_code != 200:
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        found += leaks(body, url)
        if response["Content-Type"].startswith(("text/html", "application/xml", "text/xml")):
            queue.extend(_links(url, body.decode("utf-8", errors="replace")) - seen)
    assert found == []
    assert {"/", "/sitemap.xml"} <= seen


def _route(url: str) -> str | None:
    """The URL pattern a path resolves to, when it takes parameters (as council pages do)."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.route if (match.args or match.kwargs) else None


def _links(base: str, page: str) -> set[str]:
    """Same-site addresses linked from a page (href, src, sitemap <loc>), without fragments."""
    links = set()
    for raw in re.findall(r'(?:href|src)="([^"#]+)|<loc>([^<]+)</loc>', page):
        target = urlsplit(urljoin(f"http://testserver{base}", (raw[0] or raw[1]).replace("&amp;", "&")))
        if target.netloc == "testserver" and not target.path.startswith(PRIVATE_PREFIXES):
            links.add(target.path + (f"?{target.query}" if target.query else ""))
    return links
