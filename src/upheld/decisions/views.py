"""Public pages: the decision search, a statement, public interest and focus reports.

Every page shows published statements only: a statement that is not public
(too recent, withheld, withdrawn, held by the anonymisation check) is "not
found", whoever asks. Staff preview statements in the admin.
"""

from __future__ import annotations

import csv
from collections.abc import Callable

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Category
from upheld.csv_output import Echo, safe_cell
from upheld.decisions import search as searching
from upheld.decisions.models import FocusReport, PublicInterestReport, Statement, StatementOutcome
from upheld.decisions.reports import REPORT_YEARS, RESPONSE_STAGES, ReportFilters, duty_of
from upheld.publication import page_cache
from upheld.releases.visibility import add_months
from upheld.stats.wording import remedy_name

REPORTS_PER_PAGE = 20
CSV_COLUMNS = ("reference", "council", "council_gss", "decided", "category", "subcategory", "outcome", "remedy",
               "service_improvement", "summary", "url")


@require_GET
def search_page(request):
    offered = searching.subcategories()
    params, errors = searching.SearchParams.from_query(request.GET, offered)
    results = searching.search(params)
    return render(request, "decisions/search.html", {
        "nav": "decisions",
        "params": params,
        "results": results,
        "errors": errors,
        "councils": Authority.objects.order_by("short_name").values_list("slug", "short_name"),
        "categories": Category.choices,
        "subcategories": [(Category(code).label, [(name, name) for name in names])
                          for code, names in offered],
        "outcomes": StatementOutcome.choices,
        "remedies": [(key, remedy_name(searching.REMEDIES[key])) for key in ("satisfactory", "ombudsman", "none")],
        "pagination": page_links(results.page, results.pages, lambda number: params.query_string(page=number)),
        "csv_query": params.query_string(page=1),
        "order_links": [(order, label, params.query_string(order=order, page=1)) for order, label in
                        (("relevance", "Best match"), ("date", "Newest"))],
    })


def page_links(page: int, pages: int, query: Callable[[int], str]) -> dict:
    """The GOV.UK pagination component's items: first, last, and the pages around this one, each linked by its
    query string (`query(number)`, which keeps the search's or the list's filters)."""
    numbers = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    items, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "current": number == page, "query": query(number)})
        previous = number
    return {
        "items": items if pages > 1 else [],
        "previous": query(page - 1) if page > 1 else None,
        "next": query(page + 1) if page < pages else None,
    }


@require_GET
def search_csv(request):
    """The results of the same search (every page of them) as CSV.

    Every statement's row takes seconds to write, so the file is kept in the one cache of public material
    (`page_cache`, per host, query and public state) and built once: a request that asks while another is
    building it is told to come back in a few seconds, rather than holding a second worker to build it again.
    """
    params, _ = searching.SearchParams.from_query(request.GET)
    base_url = request.build_absolute_uri("/")[:-1]

    def build():
        writer = csv.writer(Echo())
        rows = [writer.writerow(CSV_COLUMNS)]
        for statement in searching.matching_statements(params):
            rows.append(writer.writerow([safe_cell(value) for value in (
                statement.reference, statement.authority.name, statement.authority.gss, statement.decided.isoformat(),
                statement.get_category_display(), statement.subcategory, statement.get_outcome_display(),
                statement.get_remedy_display(), "yes" if statement.has_service_improvement else "no",
                statement.summary, base_url + statement.get_absolute_url())]))
        return "".join(rows).encode(), f"decisions-{timezone.localdate():%Y-%m-%d}.csv"

    try:
        content, filename = page_cache.built_once(page_cache.request_key(request, "decisions-csv"), build,
                                                  page_cache.WHOLE_KEY_TIMEOUT)
    except page_cache.Busy:
        return page_cache.busy_response()
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def statement_page(request, slug: str):
    statement = Statement.objects.public().select_related("authority").filter(slug=slug).first()
    if statement is None:
        raise Http404("No published decision has that reference")
    return render(request, "decisions/statement.html", {
        "nav": "decisions",
        "statement": statement,
        "crumbs": [("Decisions", reverse("decisions:search"))],
        "council_search": searching.SearchParams(council=statement.authority).query_string(),
    })


@require_GET
def reports_page(request):
    """Focus reports, then the public interest reports of the last `REPORT_YEARS` years, a page at a time,
    narrowed by council, year of issue and the stage of the council's response (`ReportFilters`)."""
    today = timezone.localdate()
    since = add_months(today, -12 * REPORT_YEARS)
    public = PublicInterestReport.objects.public(today, since)
    years = [day.year for day in public.dates("issued", "year", order="DESC")]
    filters, errors = ReportFilters.from_query(request.GET, years)
    page = Paginator(filters.apply(public, today), REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    by_year: dict[int, list] = {}
    for report, duty in page:
        by_year.setdefault(report.issued.year, []).append((report, duty))
    return render(request, "decisions/reports.html", {
        "nav": "reports",
        "by_year": list(by_year.items()),
        "page": page,
        "filters": filters,
        "errors": errors,
        "councils": public.values_list("authority__slug", "authority__short_name").distinct()
                          .order_by("authority__short_name"),
        "years": [(year, year) for year in years],
        "stages": list(RESPONSE_STAGES.items()),
        "pagination": page_links(page.number, page.paginator.num_pages, filters.query_string),
        "focus_reports": FocusReport.objects.public(today).prefetch_related("topics").order_by("-published"),
        "since": since,
    })


@require_GET
def report_page(request, pk: int):
    public = PublicInterestReport.objects.public()
    report = get_object_or_404(public.select_related("authority", "follows"), pk=pk)
    return render(request, "decisions/report.html", {
        "nav": "reports", "report": report, "duty": duty_of(report), "crumbs": _reports_crumbs(),
        "further": public.filter(follows=report).order_by("issued"),
    })


@require_GET
def report_pdf(request, pk: int):
    report = get_object_or_404(PublicInterestReport.objects.public(), pk=pk)
    if report.pdf:
        return FileResponse(report.pdf.open("rb"), content_type="application/pdf",
                            filename=f"public-interest-report-{report.pk}.pdf")
    if not report.synthetic:
        raise Http404("No PDF has been uploaded for this report")
    from upheld.decisions.report_pdf import render_report_pdf

    response = HttpResponse(render_report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="public-interest-report-{report.pk}.pdf"'
    return response


@require_GET
def focus_report_page(request, slug: str):
    report = get_object_or_404(FocusReport.objects.public().prefetch_related("questions", "topics"), slug=slug)
    return render(request, "decisions/focus_report.html", {"nav": "reports", "report": report,
                                                           "crumbs": _reports_crumbs()})


def _reports_crumbs() -> list[tuple[str, str]]:  # noqa: N802  a constant, but reverse() needs the URLs loaded
    return [("Reports", reverse("decisions:reports"))]
