"""Complaint Handling Code self-assessment returns: each council's, as a publisher accepted it.

Only accepted versions are public (`upheld.releases.visibility.public_returns`, `public_return_versions`,
`public_return_answers`, asked through the querysets' `public()`): a return a council has drafted or submitted
but no publisher has accepted is a 404 like a return never sent, and a revision not yet accepted leaves the
accepted version in place. The rates are `upheld.stats.code_returns`'s; the own stage 2 per 10,000 beside the
Ombudsman's per 10,000 needs the year's released figures (population and complaints received), so it is null
until the year is released, and then it is the number the statistics endpoint and the open data give.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from ninja import Router

from upheld.api import schemas
from upheld.api.councils import GSS
from upheld.api.figures import ERRORS, YEAR
from upheld.api.paging import page_query, paginate
from upheld.authorities.models import Authority
from upheld.code.returns import ProvisionAnswer, SelfAssessment
from upheld.releases.published import published
from upheld.stats.code_returns import OWN_FIGURES, ReturnFigures, public_year_code, returns_json
from upheld.years import ReportingYear

router = Router(tags=["Complaint Handling Code returns"])
PAGE, PAGE_SIZE = page_query(100)


def year_of(label: str) -> ReportingYear:
    try:
        return ReportingYear.parse(label)
    except ValueError:
        raise Http404("not a reporting year") from None


@router.get("/returns/{year}", response={200: schemas.page_of("ReturnPage", schemas.CodeReturn), **ERRORS},
            summary="Every accepted self-assessment return of a year, by council name", url_name="returns")
def returns(request, year: str = YEAR, page: int = PAGE, page_size: int = PAGE_SIZE):
    found = list(_accepted(year_of(year)))
    listing = paginate(request, found, page, page_size)
    listing["items"] = _records(request, listing["items"])
    return listing


@router.get("/returns/{year}/{gss}", response={200: schemas.CodeReturn, **ERRORS},
            summary="One council's accepted self-assessment return", url_name="return")
def council_return(request, year: str = YEAR, gss: str = GSS):
    reporting_year = year_of(year)
    authority = Authority.objects.by_code(gss).first()
    found = list(_accepted(reporting_year).filter(authority=authority)) if authority else []
    if not found:
        raise Http404(f"There is no published self-assessment return for {gss} for {reporting_year.label}")
    return _records(request, found)[0]


def _accepted(year: ReportingYear):
    return (SelfAssessment.objects.public().filter(year=year.start_year)
            .select_related("authority", "accepted_version").order_by("authority__name"))


def _records(request, assessments: list[SelfAssessment]) -> list[dict]:
    """The returns' accepted versions, with their answers (one query) and, where the year is released, the
    figures that go beside the Ombudsman's."""
    if not assessments:
        return []
    year = assessments[0].reporting_year
    public = published()
    released = year in public.versions
    pooled = public_year_code(public.statistics(year)).returns.councils if released else {}
    answers: dict[int, list[dict]] = {}
    for answer in (ProvisionAnswer.objects.public()
                   .filter(version__in=[a.accepted_version for a in assessments])
                   .select_related("provision").order_by("version", "provision__section", "provision__item")):
        provision = answer.provision
        answers.setdefault(answer.version_id, []).append({
            "provision": provision.number, "title": provision.title, "section": provision.section_title,
            "answer": answer.answer, "explanation": answer.explanation, "evidence_url": answer.evidence_url or None})
    absolute = request.build_absolute_uri
    records = []
    for assessment in assessments:
        version, gss = assessment.accepted_version, assessment.authority.gss
        own = version.figures()
        figures = pooled.get(gss) or ReturnFigures(**{name: own[name] or 0 for name in OWN_FIGURES})
        key = {"year": year.label, "gss": gss}
        records.append({
            "council": {"gss": gss, "name": assessment.authority.name}, "year": year.label,
            "version": version.number, "submitted": version.submitted_at, "accepted": assessment.accepted_at,
            "report_url": version.report_url or None, "own": own, **returns_json(figures),
            "answers": answers.get(version.id, []),
            "links": {"self": absolute(reverse("api:return", kwargs=key)),
                      "statistics": absolute(reverse("api:council_statistics", kwargs=key))
                      if released and gss in public.statistics(year).by_gss else None},
        })
    return records
