"""Who may open the public site (the matrix: `tests/accounts/test_url_matrix.py`).

Every page is public and the same for everyone, signed in or not; a year under embargo (scheduled, not
yet released) is "not found" on every page that takes a year, whoever asks, council users and staff
included: they see embargoed figures in their own screens, never on the public site.
"""

import datetime

from django.utils import timezone

from tests.access import EVERYONE, NOBODY, Access
from upheld.releases.freezing import schedule_release
from upheld.years import ReportingYear

RELEASED = "2017-18"


def embargoed(world) -> str:
    """2018-19, scheduled for release in a month: its figures are frozen but not public."""
    year = ReportingYear(2018)
    schedule_release(year, timezone.now() + datetime.timedelta(days=30))
    return year.label


def council(world, year: str | None = None, **more) -> dict:
    return {"slug": world.council_a.slug, **({"year": year} if year else {}), **more}


def download(year: str, extension: str = "csv", version: str | None = None) -> dict:
    versioned = {"version": version, "again": version} if version else {}
    return {"year": year, "label": year, "extension": extension, **versioned}


def _year_pages(allowed, year):
    """One entry per page that takes a year, for `year(world)`."""
    return [
        Access("council-year", allowed, kwargs=lambda world: council(world, year(world))),
        Access("council-letter", allowed, kwargs=lambda world: council(world, year(world), extension="html")),
        Access("national-year", allowed, kwargs=lambda world: {"year": year(world)}),
        Access("map-year", allowed, kwargs=lambda world: {"year": year(world)}),
        Access("map-data", allowed, kwargs=lambda world: {"year": year(world)}),
        Access("data-year", allowed, kwargs=lambda world: {"year": year(world)}),
        Access("data-year-version", allowed, kwargs=lambda world: {"year": year(world), "version": "1"}),
        Access("data-download", allowed, kwargs=lambda world: download(year(world))),
        Access("data-download-version", allowed, kwargs=lambda world: download(year(world), "json", "1")),
        Access("data-table", allowed, kwargs=lambda world: {"year": year(world)}),
        Access("data-revisions", allowed, kwargs=lambda world: {"year": year(world)}),
    ]


ACCESS = [
    Access("councils", EVERYONE),
    Access("council-search", EVERYONE, query="q=sefton"),
    Access("council-search", EVERYONE, query="q=L20"),
    Access("council-finder", EVERYONE),
    Access("council", EVERYONE, kwargs=council),
    Access("council", NOBODY, kwargs=lambda world: {"slug": "no-such-council"}),
    Access("council-letter", EVERYONE, kwargs=lambda world: council(world, RELEASED, extension="pdf")),
    Access("national", EVERYONE),
    Access("map", EVERYONE),
    Access("guide", EVERYONE),
    Access("data-index", EVERYONE),
    Access("data-dictionary", EVERYONE),
    Access("data-dictionary-csv", EVERYONE),
    Access("data-tidy", EVERYONE),
    Access("data-package", EVERYONE),
    Access("sitemap", EVERYONE),
    *_year_pages(EVERYONE, lambda world: RELEASED),
    *_year_pages(NOBODY, embargoed),
]
