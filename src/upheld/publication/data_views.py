"""The open-data pages and downloads (`/data/…`).

Every address names its year, and every download its version too
(`/data/2017-18/v1/upheld-2017-18-v1.csv`), so a static export can save each
one under its own name and a citation keeps pointing at the same numbers after
a revision. The unversioned addresses (`/data/2017-18/upheld-2017-18.csv`,
optionally `?version=N`) serve the newest version, named in the
Content-Disposition. Embargoed years are 404 throughout (`open_data.edition`).
Beside them, `/data/upheld-all-years.csv` has every released year in one tidy
file (`tidy`), and `/data/datapackage.json` describes the files (`datapackage`).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse

from upheld.authorities.models import AuthorityType
from upheld.publication import attribution, datapackage, dictionary, downloads, page_cache, tidy
from upheld.publication.filters import TableFilter
from upheld.publication.open_data import FORMATS, Edition, edition, released_editions

FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel workbook (XLSX)", "ods": "OpenDocument spreadsheet (ODS)",
                "json": "JSON"}


def download_url(edition: Edition, extension: str) -> str:
    label = edition.year.label
    return reverse("data-download-version", kwargs={
        "year": label, "version": edition.number, "label": label, "again": edition.number, "extension": extension})


def _file(content: bytes | str, extension: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=downloads.CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def index(request):
    return render(request, "publication/data/index.html", {"editions": released_editions(), "nav": "data"})


def year_page(request, year: str, version: str | None = None):
    shown = edition(year, version or request.GET.get("version"))
    versions = [Edition(shown.year, v, shown.versions) for v in reversed(shown.versions)]
    return render(request, "publication/data/year.html", {
        "edition": shown,
        "versions": [(v, [(FORMAT_NAMES[ext], download_url(v, ext)) for ext in FORMATS]) for v in versions],
        "types": AuthorityType.choices,
        "attribution": attribution.sources(),
        "nav": "data",
    })


def download(request, year: str, label: str, extension: str, version: str | None = None, again: str | None = None):
    """A whole edition in one format: `version` in the path, or `?version=N`, or the newest."""
    chosen = download_edition(year, label, version, again, request.GET.get("version"))
    try:
        content = downloads.render(chosen, extension)
    except page_cache.Busy:
        return page_cache.busy_response()
    return _file(content, extension, chosen.filename(extension))


def download_edition(year: str, label: str, version: str | None, again: str | None,
                     asked: str | None) -> Edition:
    """The edition a download's address names: `version` in its path, or `asked` (`?version=N`), or the newest;
    404 for an address that names two different years or versions."""
    if label != year or again != version:
        raise Http404("no such file")
    return edition(year, version or asked)


def table_csv(request, year: str):
    """The CSV of exactly the rows of the map's table view, filtered as it is (`upheld.publication.filters`)."""
    chosen = edition(year, request.GET.get("version"))
    try:
        table_filter = TableFilter.from_query(request.GET)
    except ValueError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    names = table_filter.columns(downloads.columns(chosen))
    pairs = table_filter.apply(zip(chosen.statistics.councils, chosen.rows, strict=True),
                               authority=lambda pair: pair[0].authority)
    content = downloads.csv_text(names, downloads.table(chosen, names, [row for _, row in pairs]))
    return _file(content, "csv", chosen.filename("csv", "-table"))


def revisions_csv(request, year: str):
    chosen = edition(year)
    return _file(downloads.revisions_csv(chosen), "csv", f"upheld-{chosen.year.label}-revisions.csv")


def tidy_csv(request):
    """Every released year's newest version in one tidy CSV."""
    try:
        content = tidy.render(released_editions())
    except page_cache.Busy:
        return page_cache.busy_response()
    return _file(content, "csv", tidy.FILENAME)


def datapackage_json(request):
    """The data package describing the tidy file and each year's CSV, with paths relative to `/data/`."""
    folder = reverse("data-index")
    content = datapackage.render(released_editions(), lambda e: download_url(e, "csv").removeprefix(folder))
    return HttpResponse(content, content_type="application/json")


def dictionary_page(request):
    return render(request, "publication/data/dictionary.html", {
        "columns": dictionary.COLUMNS, "tidy_columns": dictionary.TIDY_COLUMNS, "notes": dictionary.NOTES,
        "nav": "data"})


def dictionary_csv(request):
    return _file(downloads.dictionary_csv(), "csv", "upheld-data-dictionary.csv")
