"""`/sitemap.xml`: the public pages of released years, for search engines.

It lists only what is public now, so an embargoed year never shows in it.
Pages that other parts of the site add (council pages, the national review,
the map, the guide, the scrutiny hub) are listed by their addresses when those addresses
resolve, so the sitemap grows with the site without naming its views. The
static export (`upheld.publication.export`) starts its crawl from the same
list, so a page the sitemap lists is a page the export writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.urls import Resolver404, resolve, reverse

from upheld.publication.open_data import released_editions
from upheld.publication.page_cache import cached_page

# Pages not tied to one year, listed when they exist.
SITE_PAGES = ("/", "/national/", "/councils/", "/map/", "/guide/", "/scrutiny/")
# A released year's pages, listed when they exist: `{year}` is the label, e.g. 2017-18.
YEAR_PAGES = ("/national/{year}/", "/map/{year}/")
COUNCIL_PAGES = ("/councils/{slug}/", "/councils/{slug}/{year}/", "/scrutiny/{slug}/{year}/")


@dataclass(frozen=True)
class Entry:
    path: str
    lastmod: str | None = None  # ISO date the page's figures last changed


def resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def entries() -> list[Entry]:
    """Every public page of the released years, each once, in a stable order."""
    found: dict[str, Entry] = {}

    def add(path: str, lastmod: str | None = None) -> None:
        if path not in found and resolves(path):
            found[path] = Entry(path, lastmod)

    for path in SITE_PAGES:
        add(path)
    add(reverse("data-index"))
    add(reverse("data-dictionary"))
    for edition in released_editions():
        label, changed = edition.year.label, edition.notices[-1].date
        add(reverse("data-year", kwargs={"year": label}), changed)
        for version in edition.versions[:-1]:
            add(reverse("data-year-version", kwargs={"year": label, "version": version.version}))
        for pattern in YEAR_PAGES:
            add(pattern.format(year=label), changed)
        for council in edition.statistics.councils:
            for pattern in COUNCIL_PAGES:
                add(pattern.format(slug=council.authority.slug, year=label), changed)
    return list(found.values())


def sitemap(request):
    """The sitemap of the host asked, kept per host and public state (`page_cache`): its links are absolute."""
    return cached_page(request, "sitemap", lambda: _sitemap(request))


def _sitemap(request) -> HttpResponse:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for entry in entries():
        lastmod = f"<lastmod>{entry.lastmod}</lastmod>" if entry.lastmod else ""
        lines.append(f"<url><loc>{escape(request.build_absolute_uri(entry.path))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return HttpResponse("\n".join(lines) + "\n", content_type="application/xml; charset=utf-8")
