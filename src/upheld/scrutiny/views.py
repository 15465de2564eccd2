"""The scrutiny pages: thin views over `content.scrutiny_for` (the figures as published) and `pack` (its PDF).

Like the council pages, each response is kept in the one cache of public material (`page_cache`), under a key
that carries the host (the pack links to this site) and the public state, which includes the day: a public
interest report's response status changes with it."""

from __future__ import annotations

from itertools import groupby

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from upheld.authorities.models import AuthorityType
from upheld.publication import code_sections
from upheld.publication.page_cache import cached_page, kept, request_key
from upheld.releases.published import PublishedYears, published
from upheld.scrutiny import pack
from upheld.scrutiny.content import scrutiny_for
from upheld.scrutiny.guidance import HOW_TO_USE, NOT_APPLICABLE_NOTE, POOLED_NOTE


@require_safe
def hub(request):
    """Choose a council (a plain GET form: no script) or pick it from the lists by type."""
    public = published()
    chosen = request.GET.get("council")
    if chosen is None:
        return cached_page(request, "scrutiny-hub", lambda: _hub(request, public, None))
    if chosen in {authority.slug for authority, _ in public.councils}:
        return redirect("scrutiny:council", slug=chosen)
    return _hub(request, public, "Choose your council from the list" if not chosen.strip()
                else "Choose a council from the list: there are no published figures for the council you gave")


def _hub(request, public: PublishedYears, error: str | None) -> HttpResponse:
    order = {value: n for n, value in enumerate(AuthorityType.values)}
    councils = sorted(public.councils, key=lambda pair: (order[pair[0].type], pair[0].short_name.casefold()))
    by_type = [(AuthorityType(kind).label, [authority for authority, _ in group])
               for kind, group in groupby(councils, key=lambda pair: pair[0].type)]
    return render(request, "scrutiny/hub.html", {
        "by_type": by_type, "error": error, "how_to_use": HOW_TO_USE, "latest": public.latest,
    })


@require_safe
def council_page(request, slug: str, year: str | None = None):
    public, today = published(), timezone.localdate()
    return cached_page(request, "scrutiny", lambda: _council_page(request, public, slug, year, today))


def _council_page(request, public: PublishedYears, slug: str, label: str | None, today) -> HttpResponse:
    scrutiny = scrutiny_for(public, slug, label, today)
    crumbs = [("Scrutiny", reverse("scrutiny:hub"))]
    return render(request, "scrutiny/council.html", {
        "s": scrutiny, "crumbs": crumbs, "here": f"{scrutiny.authority.short_name} {scrutiny.year.label}",
        "how_to_use": HOW_TO_USE, "not_applicable": NOT_APPLICABLE_NOTE,
        "pooled": POOLED_NOTE.format(group=scrutiny.group),
        # For the Complaint Handling Code section the council page shares.
        "authority": scrutiny.authority, "code": scrutiny.code, "withheld": code_sections.WITHHELD,
        # For the year switcher of the council pages.
        "year": scrutiny.year, "years": scrutiny.years,
    })


@require_safe
def pack_pdf(request, slug: str, year: str):
    """The pack of a released year, typeset once per host and public state (which includes the day), with links
    to this site."""
    public, today = published(), timezone.localdate()
    site = request.build_absolute_uri("/")[:-1]

    def build():
        scrutiny = scrutiny_for(public, slug, year, today)
        return pack.render_pack(scrutiny, site), pack.filename(scrutiny)

    content, filename = kept(request_key(request, "scrutiny-pack"), build)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
