"""Council pages: the A–Z list, a council's figures for a year, and its letters of every year.

Views stay thin: what is public comes from `upheld.releases` (`published`, `LetterIssue.objects.public`),
the figures from the published versions' statistics (thawed once per process), and each rendered page is
kept in the one cache of public material (`page_cache`), so a repeated page costs a cache read.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from itertools import groupby

from django.apps import apps
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from upheld.authorities.models import Authority, AuthorityType
from upheld.demo.marking import is_demonstration
from upheld.letters.content import Letter
from upheld.letters.html import render_html
from upheld.letters.issue import issued_letter
from upheld.letters.models import LetterIssue
from upheld.letters.pdf import render_pdf
from upheld.letters.reports import overview_table
from upheld.publication import code_sections, comparisons, council_figures, revisions, service_improvements
from upheld.publication.caveats import caveat
from upheld.publication.page_cache import WHOLE_KEY_TIMEOUT, Entry, cached_page, kept, letter_key, per_state
from upheld.releases.models import LetterHistory
from upheld.releases.published import PublishedYears, published


def council_list(request):
    """Every council with published figures, A–Z by the name people use ("Bristol", not "City of Bristol"),
    with a link to each letter, optionally of one type (a plain GET form: no script)."""
    public = published()
    kind = request.GET.get("type", "")
    if kind not in AuthorityType.values:
        kind = ""
    return cached_page(request, "councils", lambda: _council_list(request, public, kind))


def _council_list(request, public: PublishedYears, kind: str) -> HttpResponse:
    councils = [(authority, year) for authority, year in public.councils if not kind or authority.type == kind]
    by_letter = [(letter, list(group)) for letter, group in
                 groupby(councils, key=lambda pair: pair[0].known_as[:1].upper())]
    return render(request, "publication/council_list.html", {
        "nav": "councils", "by_letter": by_letter, "count": len(councils), "types": AuthorityType.choices,
        "kind": kind, "kind_label": AuthorityType(kind).label if kind else "", "latest": public.latest,
    })


def council_page(request, slug: str, year: str | None = None):
    """A council's figures for `year` (by default the newest published year it appears in)."""
    public = published()
    return cached_page(request, "council", lambda: _council_page(request, public, slug, year))


def _council_page(request, public: PublishedYears, slug: str, label: str | None) -> HttpResponse:
    authority = _authorities().get(slug)
    if authority is None:
        raise Http404("no such council")
    council_years = public.council_years(authority.gss)
    if not council_years:
        raise Http404("no published figures for this council")
    year = public.year(label) if label else next(iter(council_years))
    if year not in council_years:
        raise Http404("the council has no figures for that year")
    council, statistics = council_years[year], public.statistics(year)
    from_letters = LetterHistory.objects.years_of(authority) if authority.has_letter_history else {}
    tables_layout = council_figures.uses_tables(year)
    previous = council_figures.previous_year(year, council_years)
    letter_versions = _letter_versions()
    with_pages = {authority.gss for authority, _ in public.councils}
    crumbs = [("Councils", reverse("councils"))]
    if label:
        crumbs.append((authority.short_name, reverse("council", kwargs={"slug": slug})))
    return render(request, "publication/council.html", {
        "nav": "councils",
        "crumbs": crumbs,
        "here": label or authority.short_name,
        "authority": authority,
        "council": council,
        "year": year,
        "is_latest": year == next(iter(council_years)),
        "years": list(council_years),
        "group": authority.get_type_display(),
        "pooled": council_figures.pooled(authority.get_type_display()),
        "tables_layout": tables_layout,
        "tables": council_figures.tables(statistics, council) if tables_layout else [],
        "uphold": council_figures.uphold(statistics, council, previous) if tables_layout else None,
        "measures": [] if tables_layout else council_figures.measures(statistics, council, previous),
        "overview": None if tables_layout else overview_table(council),
        "trend": council_figures.trend(council_years, public.statistics, from_letters),
        "caveat": caveat(year),
        "revision": revisions.notice(public.versions[year], authority),
        "letters": [y for y in council_years if public.versions[y].id in letter_versions],
        "improvements": service_improvements.agreed(authority, year),
        "successors": [(a, a.gss in with_pages) for a in authority.replaced_by.all()],
        "predecessors": [(a, a.gss in with_pages) for a in authority.predecessors.all()],
        "decisions": decisions_section(authority),
        "comparisons": comparisons.comparisons(statistics, council),
        "code": code_sections.code_section(statistics, council),
        "withheld": code_sections.WITHHELD,
    })


@per_state
def _authorities() -> dict[str, Authority]:
    """Every council by slug, with its successors and predecessors, and whether it has years from published
    letters (so most pages need no query for them): the same for every council page of a public state."""
    return {authority.slug: authority for authority in Authority.objects.prefetch_related(
        "replaced_by", "predecessors").annotate(
        has_letter_history=Exists(LetterHistory.objects.filter(authority=OuterRef("pk"))))}


@per_state
def _letter_versions() -> set[int]:
    """The figures versions with public letters."""
    return set(LetterIssue.objects.public().values_list("figures_version_id", flat=True))


def decisions_section(authority: Authority) -> dict | None:
    """Links into the council's published decisions and its public interest reports, once the decisions
    archive exists; without it the page has no such section at all (no placeholder)."""
    if not apps.is_installed("upheld.decisions"):
        return None
    from upheld.decisions.models import PublicInterestReport
    from upheld.decisions.urls import council_links

    return {"links": council_links(authority),
            "reports": list(PublicInterestReport.objects.public().filter(authority=authority)
                            .only("id", "title", "issued"))}


# Letters -------------------------------------------------------------------------------------------------------

def council_letter(request, slug: str, year: str, extension: str):
    """The letter as issued with the published figures, as HTML or PDF, rendered once per version and kept."""
    key, letter = public_letter(published(), slug, year, extension)
    content, filename = kept(key, lambda: letter_entry(letter(), extension), WHOLE_KEY_TIMEOUT)
    if extension == "pdf":
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response
    response = HttpResponse(content, content_type="text/html; charset=utf-8")
    response._csp_update = {"style-src": ["'self'", *_style_hashes(content)]}  # noqa: SLF001 - django-csp's hook
    return response


def public_letter(public: PublishedYears, slug: str, year: str, extension: str) -> tuple[str, Callable[[], Letter]]:
    """The key a published letter is kept under (in `extension`), and how to build the letter (Http404 if there
    is none). The static export asks here for the PDFs, to typeset them outside its forked workers."""
    version = public.versions[public.year(year)]
    authority = get_object_or_404(Authority, slug=slug)
    demonstration = is_demonstration()

    def letter() -> Letter:
        issue = LetterIssue.objects.public().filter(figures_version=version).first()
        council = public.statistics(version.release.reporting_year).by_gss.get(authority.gss)
        if issue is None or council is None:
            raise Http404("no letter to the council for that year")
        return issued_letter(issue, council, demonstration=demonstration)

    return letter_key(version, authority.gss, extension, demonstration), letter


def letter_entry(letter: Letter, extension: str) -> Entry:
    """What is kept of a letter: its content (typeset when a PDF) and its file name."""
    content = render_pdf(letter) if extension == "pdf" else render_html(letter).encode()
    return content, letter.filename(extension)


_STYLE = re.compile(rb"<style>(.*?)</style>", re.DOTALL)


def _style_hashes(page: bytes) -> list[str]:
    """CSP hashes of the letter's own `<style>` block: a letter is a self-contained document (it is also
    written to files), and allowing exactly its styles keeps inline styles forbidden everywhere else."""
    return [f"'sha256-{base64.b64encode(hashlib.sha256(block).digest()).decode()}'" for block in _STYLE.findall(page)]
