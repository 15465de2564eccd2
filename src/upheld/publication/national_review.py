"""The national annual review: one page per published year (`/national/` is the newest)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from upheld.publication import code_sections, council_figures, national_figures, revisions
from upheld.publication.caveats import caveat
from upheld.publication.charts import MARKERS
from upheld.publication.page_cache import cached_page
from upheld.releases.published import PublishedYears, published
from upheld.training.figures import year_figures


def national_page(request, year: str | None = None):
    public = published()
    return cached_page(request, "national", lambda: _national_page(request, public, year))


def _national_page(request, public: PublishedYears, label: str | None) -> HttpResponse:
    if label is None and public.latest is None:
        return render(request, "publication/national_none.html", {"nav": "national"})
    year = public.year(label) if label else public.latest
    statistics = public.statistics(year)
    series_rows, series_chart = national_figures.series(public.years, public.statistics)
    return render(request, "publication/national.html", {
        "nav": "national",
        "crumbs": [("National review", reverse("national"))] if label else [],
        "here": label or "National review",
        "markers": MARKERS,
        "year": year,
        "is_latest": year == public.latest,
        "years": public.years,
        "national": statistics.national,
        "councils": len(statistics.councils),
        "rates": national_figures.rates(statistics, council_figures.previous_year(
            year, {row.year: row.figures for row in series_rows})),
        "by_category": national_figures.by_category(statistics),
        "by_type": national_figures.by_type(statistics),
        "by_region": national_figures.by_region(statistics),
        "series": series_rows,
        "series_chart": series_chart,
        "funnel": national_figures.funnel(statistics),
        "caveat": caveat(year),
        "caveats": [(y, caveat(y)) for y in sorted(public.years) if caveat(y)],
        "revision": revisions.notice(public.versions[year]),
        "training": year_figures(year),
        "code": code_sections.national_code(statistics),
    })
