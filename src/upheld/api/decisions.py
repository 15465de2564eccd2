"""Decision statements and reports, published ones only, as the decisions archive shows them.

The search is the archive's own (`upheld.decisions.search`): the same words, filters, order and
pages of ten, over `Statement.objects.public()` only. A statement not public (too recent, withheld,
withdrawn, held by the anonymisation check) is a 404, as is a public interest report or a focus
report dated after today. Nothing here comes from a case record: statements are anonymised texts.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Path, Query, Router
from pydantic import BeforeValidator

from upheld.api import schemas
from upheld.api.paging import check_page, page_links, page_query, paginate
from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Category
from upheld.decisions import models, search
from upheld.decisions.reports import duty_of

router = Router(tags=["Decisions and reports"])
ERRORS = {404: schemas.Error, 422: schemas.Error, 429: schemas.Error}
TEXT = r"^[^\x00-\x1f\x7f]*$"  # no control characters (PostgreSQL refuses NUL in a query)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso(value):
    """Only 2021-03-31: pydantic would also take a number of seconds since 1970 for a date."""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("a date is written 2021-03-31")
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso)]
COUNCIL = Query(None, pattern=r"^[A-Za-z][0-9]{8}$", description="GSS code of the council, current or former")
WORDS = Query("", max_length=200, pattern=TEXT,
              description='Words that must all appear; "a phrase"; -word to leave out')
# What a decision found may be filtered on over released years only (`upheld.releases.visibility`).
RELEASED_ONLY = " (covers decisions up to the end of the newest year whose figures are published)"
CATEGORY = Query(None)
SUBCATEGORY = Query(None, max_length=100, pattern=TEXT,
                    description='A subcategory, in any case ("school transport"), as the statements name it')
OUTCOME = Query(None, description="The decision's outcome" + RELEASED_ONLY)
REMEDY = Query(None, description="The remedy of an upheld decision" + RELEASED_ONLY)
IMPROVEMENT = Query(False, description="Only decisions with a service improvement" + RELEASED_ONLY)
FROM = Query(None, alias="from", description="Decided on or after")
TO = Query(None, alias="to", description="Decided on or before")
ORDER = Query(None, description="With words: best match first (relevance, the default) or newest (date)")
PAGE, _ = page_query(search.PER_PAGE)
KIND = Query(None)
REPORTS_PAGE, REPORTS_PAGE_SIZE = page_query(20)


def _council(code: str | None) -> Authority | None:
    if not code:
        return None
    authority = Authority.objects.by_code(code).first()
    if authority is None:
        raise Http404(f"No council has the code {code}")
    return authority


@router.get("/decisions", response={200: schemas.page_of("DecisionPage", schemas.DecisionSummary,
                                                         more=(bool, ...), notices=(list[str], ...)), **ERRORS},
            summary="Search the published decision statements", url_name="decisions")
def decisions(request, q: str = WORDS, council: str | None = COUNCIL, category: Category | None = CATEGORY,
              subcategory: str | None = SUBCATEGORY, outcome: models.StatementOutcome | None = OUTCOME,
              remedy: Literal[tuple(search.REMEDIES)] | None = REMEDY,
              service_improvement: bool = IMPROVEMENT, decided_from: IsoDate | None = FROM,
              decided_to: IsoDate | None = TO, order: Literal[search.ORDERS] | None = ORDER, page: int = PAGE):
    params = search.SearchParams(
        text=" ".join(q.split()), council=_council(council), category=category or "",
        subcategory=" ".join((subcategory or "").split()), outcome=outcome or "",
        remedy=remedy or "", improvement=service_improvement, date_from=decided_from, date_to=decided_to,
        order=order or "", page=page)
    results = search.search(params)
    check_page(page, results.pages)
    return {"count": results.total, "more": results.more, "notices": results.notices, "page": results.page,
            "pages": results.pages, "page_size": search.PER_PAGE, **page_links(request, results.page, results.pages),
            "items": [_summary(request, hit.statement) for hit in results.hits]}


@router.get("/decisions/{slug}", response={200: schemas.Decision, **ERRORS},
            summary="One published decision statement", url_name="decision")
def decision(request, slug: str = Path(..., pattern=r"^[-a-z0-9]{1,30}$", examples=["22-000-114"])):
    statement = models.Statement.objects.public().select_related("authority").filter(slug=slug).first()
    if statement is None:
        raise Http404("No published decision has that reference")
    return {**_summary(request, statement),
            "sections": [{"heading": heading, "paragraphs": paragraphs}
                         for heading, paragraphs in statement.sections()],
            "remedies": statement.remedy_lines(), "service_improvements": statement.improvement_lines()}


def _summary(request, statement: models.Statement) -> dict:
    absolute = request.build_absolute_uri
    return {
        "reference": statement.reference, "slug": statement.slug,
        "council": {"gss": statement.authority.gss, "name": statement.authority.name},
        "decided": statement.decided, "category": statement.get_category_display(),
        "subcategory": statement.subcategory, "outcome": statement.get_outcome_display(),
        "remedy": statement.get_remedy_display() or None, "service_improvement": statement.has_service_improvement,
        "summary": statement.summary,
        "links": {"self": absolute(reverse("api:decision", kwargs={"slug": statement.slug})),
                  "page": absolute(statement.get_absolute_url())},
    }


@router.get("/reports", response={200: schemas.page_of("ReportPage", schemas.ReportSummary), **ERRORS},
            summary="Public interest reports and focus reports, newest first", url_name="reports")
def reports(request, kind: Literal["public interest", "focus"] | None = KIND,
            council: str | None = COUNCIL, page: int = REPORTS_PAGE, page_size: int = REPORTS_PAGE_SIZE):
    today = timezone.localdate()
    authority = _council(council)
    found = []
    if kind in (None, "public interest"):
        public_interest = models.PublicInterestReport.objects.public(today).select_related("authority")
        if authority:
            public_interest = public_interest.filter(authority=authority)
        found += [_public_interest_summary(request, report) for report in public_interest]
    if kind in (None, "focus") and authority is None:  # focus reports are about no one council
        found += [_focus_summary(request, report) for report in
                  models.FocusReport.objects.public(today).prefetch_related("topics")]
    found.sort(key=lambda report: (report["date"], report["title"]), reverse=True)
    return paginate(request, found, page, page_size)


def _public_interest_summary(request, report: models.PublicInterestReport) -> dict:
    return {"kind": "public interest", "title": report.title, "date": report.issued,
            "council": {"gss": report.authority.gss, "name": report.authority.name}, "categories": [],
            "summary": report.summary,
            "links": {"self": request.build_absolute_uri(reverse("api:public_interest_report",
                                                                 kwargs={"pk": report.pk})),
                      "page": request.build_absolute_uri(report.get_absolute_url())}}


def _focus_summary(request, report: models.FocusReport) -> dict:
    return {"kind": "focus", "title": report.title, "date": report.published, "council": None,
            "categories": report.category_labels(), "summary": report.summary,
            "links": {"self": None, "page": request.build_absolute_uri(report.get_absolute_url())}}


@router.get("/reports/public-interest/{pk}", response={200: schemas.PublicInterestReport, **ERRORS},
            summary="One public interest report and where the council's duty to respond stands",
            url_name="public_interest_report")
def public_interest_report(request, pk: int = Path(..., ge=1, le=2**63 - 1, examples=[1])):
    public = models.PublicInterestReport.objects.public()
    report = public.select_related("authority").filter(pk=pk).first()
    if report is None:
        raise Http404("No published public interest report has that number")
    duty = duty_of(report)
    absolute = request.build_absolute_uri
    return {
        "id": report.pk, "title": report.title,
        "council": {"gss": report.authority.gss, "name": report.authority.name},
        "issued": report.issued, "summary": report.summary,
        "notice_due": duty.notice_due, "notice_given": duty.notice_given, "response_due": duty.response_due,
        "response_received": duty.response_received, "outcome": duty.status, "outcome_date": report.outcome_date,
        "follows": report.follows_id,
        "further_reports": list(public.filter(follows=report).order_by("issued").values_list("pk", flat=True)),
        "links": {"self": absolute(reverse("api:public_interest_report", kwargs={"pk": report.pk})),
                  "page": absolute(report.get_absolute_url()),
                  "pdf": absolute(reverse("decisions:report_pdf", kwargs={"pk": report.pk}))
                  if report.pdf or report.synthetic else None},
    }
