"""Released years and their figures: each council's, and the nation's.

Only what the public pages show: the newest version of each released year (`published()`), its
frozen counts turned into rates by `upheld.stats`. A council's object is `council_json` of those
figures with its Complaint Handling Code object (`upheld.stats.code_returns.council_records`: its own
figures from its accepted return only), the same object `upheld stats --json` prints and the open-data JSON
holds; the national
figures are the national review's (`upheld.publication.national_figures`). A year under embargo is
a 404 like a year that never was.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from ninja import Path, Router

from upheld.api import schemas
from upheld.api.councils import GSS
from upheld.api.paging import page_query, paginate
from upheld.authorities.models import Authority
from upheld.publication import national_figures
from upheld.publication.data_views import download_url
from upheld.publication.open_data import Edition
from upheld.releases.models import FiguresVersion
from upheld.releases.published import published
from upheld.stats.annual import figures_json, rates_json
from upheld.stats.code_returns import council_records
from upheld.years import ReportingYear

router = Router(tags=["Figures"])
YEAR = Path(..., pattern=r"^\d{4}-\d{2}$", description="Reporting year, e.g. 2017-18", examples=["2017-18"])
PAGE, PAGE_SIZE = page_query(100)
ERRORS = {404: schemas.Error, 422: schemas.Error, 429: schemas.Error}


@router.get("/years", response={200: schemas.page_of("YearPage", schemas.Year), **ERRORS},
            summary="Released years, newest first", url_name="years")
def years(request, page: int = PAGE, page_size: int = PAGE_SIZE):
    public = published()
    return paginate(request, public.years, page, page_size,
                    present=lambda year: _year(request, year, public.versions[year]))


def _year(request, year: ReportingYear, version: FiguresVersion) -> dict:
    versions = list(FiguresVersion.objects.filter(release_id=version.release_id, version__lte=version.version)
                    .defer("counts").order_by("version"))
    for each in versions:
        each.release = version.release
    edition = Edition(year, version, versions)
    absolute, label = request.build_absolute_uri, year.label
    return {
        "year": label, "released": version.release.scheduled_for, "version": version.version,
        "revisions": [notice.as_json() for notice in edition.revisions],
        "links": {"statistics": absolute(reverse("api:statistics", kwargs={"year": label})),
                  "national": absolute(reverse("api:national", kwargs={"year": label})),
                  "returns": absolute(reverse("api:returns", kwargs={"year": label})),
                  "open_data": absolute(download_url(edition, "json"))},
    }


@router.get("/statistics/{year}", response={200: schemas.page_of("StatisticsPage", schemas.CouncilStatistics),
                                            **ERRORS},
            summary="Every council's figures for a year, by name", url_name="statistics", by_alias=True)
def statistics(request, year: str = YEAR, page: int = PAGE, page_size: int = PAGE_SIZE):
    public = published()
    figures = public.statistics(public.year(year))
    listing = paginate(request, figures.councils, page, page_size)
    listing["items"] = council_records(figures, listing["items"])
    return listing


@router.get("/statistics/{year}/{gss}", response={200: schemas.CouncilStatistics, **ERRORS},
            summary="One council's figures for a year", url_name="council_statistics", by_alias=True)
def council_statistics(request, year: str = YEAR, gss: str = GSS):
    public = published()
    figures = public.statistics(public.year(year))
    authority = Authority.objects.by_code(gss).first()
    council = figures.by_gss.get(authority.gss) if authority else None
    if council is None:
        raise Http404(f"No council with the code {gss} has figures for {figures.year.label}")
    return council_records(figures, [council])[0]


@router.get("/national/{year}", response={200: schemas.NationalFigures, **ERRORS},
            summary="The national figures of a year", url_name="national", by_alias=True)
def national(request, year: str = YEAR):
    public = published()
    figures = public.statistics(public.year(year))
    return {
        "year": figures.year.label,
        "councils": len(figures.councils),
        "received_shares": [{"category": share.name, "received": share.count, "percent": share.share.percent}
                            for share in national_figures.by_category(figures)],
        **figures_json(figures.national),
        "by_type": [_group(group) for group in national_figures.by_type(figures)],
        "by_region": [_group(group) for group in national_figures.by_region(figures)],
    }


def _group(group: national_figures.Group) -> dict:
    return {"name": group.name, "councils": group.councils, **rates_json(group.figures)}
