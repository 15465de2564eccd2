"""The map page and its data, for released years only.

The page is a plain GET form and a table without JavaScript; `map.mjs`
draws the maps from `data.json` and keeps the table in step with them. Both
take the same query parameters (`measure`, `type`, `q`, `view`), and the
table's filter is `TableFilter`, the one the open data's table CSV uses.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse

from upheld.authorities.models import AuthorityType
from upheld.publication.filters import TableFilter
from upheld.publication.map import DEFAULT_MEASURE, MEASURES, MEASURES_BY_KEY, TIERS, map_data
from upheld.publication.page_cache import WHOLE_KEY_TIMEOUT, kept, material_key
from upheld.releases.freezing import version_statistics
from upheld.releases.models import FiguresVersion
from upheld.releases.published import published
from upheld.stats.measures import MINIMUM_BASE

VIEWS = {"hex": "Hexagons: every council the same size", "boundary": "Boundaries: council areas as they are"}
PARAMETERS = ("measure", "type", "q", "view")


def data_json(version: FiguresVersion) -> bytes:
    """A version never changes, so its map data is made once, as JSON, and kept under the version's identity
    in the one cache of public material (`page_cache`)."""
    def build():
        data = map_data(version_statistics(version), version.version)
        return json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":"), ensure_ascii=False).encode(), None

    return kept(material_key("map-data", version.id, version.frozen_at), build, WHOLE_KEY_TIMEOUT)[0]


def map_data_json(request, year: str):
    public = published()
    version = public.versions[public.year(year)]
    return HttpResponse(data_json(version), content_type="application/json")


def map_page(request, year: str | None = None):
    public = published()
    if request.GET.get("year"):  # the year switcher without JavaScript
        chosen = public.year(request.GET["year"])
        rest = urlencode([(key, request.GET[key]) for key in PARAMETERS if request.GET.get(key)])
        return redirect(reverse("map-year", kwargs={"year": chosen.label}) + (f"?{rest}" if rest else ""))
    if year is None and public.latest is None:
        return render(request, "publication/map.html", {"nav": "map", "years": []})
    reporting_year = public.year(year) if year else public.latest
    try:
        table_filter = TableFilter.from_query(request.GET)
    except ValueError as problem:
        return HttpResponseBadRequest(str(problem), content_type="text/plain")
    measure = MEASURES_BY_KEY.get(request.GET.get("measure", ""), MEASURES_BY_KEY[DEFAULT_MEASURE])
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "hex"
    version = public.versions[reporting_year]
    data = json.loads(data_json(version))
    matching = {c.authority.gss for c in table_filter.apply(public.statistics(reporting_year).councils)}
    rows = [{**council, "figure": council["figures"][measure.key]}
            for council in data["councils"] if council["gss"] in matching]
    query = table_filter.query_string()
    return render(request, "publication/map.html", {
        "nav": "map",
        "year": reporting_year,
        "years": public.years,
        "version": version,
        "measures": MEASURES,
        "measure": measure,
        "minimum_base": MINIMUM_BASE,
        "types": AuthorityType.choices,
        "filter": table_filter,
        "views": VIEWS,
        "view": view,
        "tiers": TIERS,
        "rows": rows,
        "data_url": reverse("map-data", kwargs={"year": reporting_year.label}),
        "table_csv_url": reverse("data-table", kwargs={"year": reporting_year.label}) + (f"?{query}" if query else ""),
    })
