"""The interpretation guide: what the published figures mean and how to read them fairly."""

from django.shortcuts import render

from upheld.publication.caveats import CAVEATS
from upheld.publication.council_figures import pooled
from upheld.publication.page_cache import cached_page
from upheld.releases.published import published
from upheld.stats import registry
from upheld.stats.measures import MINIMUM_BASE
from upheld.stats.wording import NO_INTERVAL, TOO_FEW
from upheld.years import ReportingYear


def guide_page(request):
    public = published()
    return cached_page(request, "guide", lambda: render(request, "publication/guide.html", {
        "nav": "guide",
        "latest": public.latest,
        "pooled_example": pooled("Metropolitan Boroughs"),
        "measures": registry.BY_KEY,
        "minimum_base": MINIMUM_BASE,
        "no_interval": NO_INTERVAL,
        "too_few": TOO_FEW,
        "caveats": [(ReportingYear(year), text) for year, text in sorted(CAVEATS.items())
                    if ReportingYear(year) in public.versions],
    }))
