"""The council's self-assessment returns against the Complaint Handling Code, in the portal.

Both council roles read their council's returns; only the link officer drafts, revises and submits them.
The council is always `request.council` and the year comes from the address, checked against the years
returns are made for, so no address reaches another council's return. A publisher accepts a submitted
version in the admin (`upheld.code.admin`), which is what makes it public.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from upheld.accounts.models import CouncilRole
from upheld.accounts.roles import council_user_required, is_council_role
from upheld.code import lifecycle
from upheld.code.editions import Edition
from upheld.code.returns import FIGURES, ReturnDeadline, SelfAssessment, return_years
from upheld.portal.return_forms import AnswersForm, FiguresForm, SubmitForm
from upheld.years import ReportingYear


def _year(label: str) -> ReportingYear:
    """The year written `label`, if councils make returns for it; 404 otherwise."""
    try:
        year = ReportingYear.parse(label)
    except ValueError:
        raise Http404("not a reporting year") from None
    if year.start_year not in return_years(timezone.localdate()):
        raise Http404("no returns are made for that year")
    return year


def _crumbs(year: ReportingYear | None = None) -> list[tuple[str, str]]:
    crumbs = [("Your council", reverse("portal:home")), ("Complaint Handling Code returns", reverse("portal:returns"))]
    if year is not None:
        crumbs.append((year.label, reverse("portal:return", args=[year.label])))
    return crumbs


def _existing(council, year: ReportingYear) -> SelfAssessment | None:
    return SelfAssessment.objects.filter(authority=council, year=year.start_year).first()


@require_GET
@never_cache
@council_user_required
def returns(request):
    council = request.council
    stored = {assessment.year: assessment for assessment in SelfAssessment.objects.filter(authority=council)}
    years = [(ReportingYear(year), stored.get(year), ReturnDeadline.due_for(year))
             for year in return_years(timezone.localdate())]
    return render(request, "portal/returns.html", {
        "nav": "portal", "council": council, "years": years,
        "crumbs": [("Your council", reverse("portal:home"))], "here": "Complaint Handling Code returns",
    })


@require_GET
@never_cache
@council_user_required
def return_detail(request, year: str):
    council, shown = request.council, _year(year)
    assessment = _existing(council, shown)
    draft = assessment.draft() if assessment else None
    versions = list(assessment.submitted_versions().prefetch_related("answers__provision")) if assessment else []
    return render(request, "portal/return.html", {
        "nav": "portal", "council": council, "shown": shown, "assessment": assessment, "draft": draft,
        "versions": [(version, [(label, getattr(version, name)) for name, label in FIGURES])
                     for version in reversed(versions)],
        "due": ReturnDeadline.due_for(shown.start_year),
        "problems": _named(lifecycle.submission_problems(draft)) if draft else {},
        "may_edit": is_council_role(request.user, CouncilRole.LINK_OFFICER), "submit_form": SubmitForm(),
        "crumbs": _crumbs(), "here": shown.label,
    })


def _named(problems: dict[str, str]) -> dict[str, str]:
    """What a draft lacks, keyed as the council reads it: a figure by its label, a provision by its number."""
    labels = dict(FIGURES)
    return {labels.get(field, f"Provision {field}" if field[:1].isdigit() else field): message
            for field, message in problems.items()}


def _working(assessment: SelfAssessment | None):
    """What the forms start from: the draft, else the latest submitted version (a revision starts from it)."""
    if assessment is None:
        return None
    return assessment.draft() or assessment.latest_submitted()


@require_http_methods(["GET", "POST"])
@never_cache
@council_user_required(CouncilRole.LINK_OFFICER)
def return_figures(request, year: str):
    council, shown = request.council, _year(year)
    working = _working(_existing(council, shown))
    form = FiguresForm(request.POST if request.method == "POST" else None,
                       initial={**{name: getattr(working, name) for name, _ in FIGURES},
                                "report_url": working.report_url} if working else None)
    if request.method == "POST" and form.is_valid():
        lifecycle.save_draft(lifecycle.return_for(council, shown.start_year), request.user,
                             figures=form.cleaned_data, request=request)
        messages.success(request, "The figures are saved in the draft. Submit the return when it is complete.")
        return redirect("portal:return", year=shown.label)
    return render(request, "portal/return_figures.html", {
        "nav": "portal", "council": council, "shown": shown, "form": form,
        "crumbs": _crumbs(shown), "here": "Figures",
    })


@require_http_methods(["GET", "POST"])
@never_cache
@council_user_required(CouncilRole.LINK_OFFICER)
def return_answers(request, year: str):
    council, shown = request.council, _year(year)
    edition = Edition.objects.for_return_year(shown.start_year)
    if edition is None:
        raise Http404("no edition of the Code applies to that year")
    working = _working(_existing(council, shown))
    form = AnswersForm(edition.provisions.all(), request.POST if request.method == "POST" else None,
                       initial=AnswersForm.initial_from(working))
    if request.method == "POST" and form.is_valid():
        lifecycle.save_draft(lifecycle.return_for(council, shown.start_year), request.user,
                             answers=form.answers(), request=request)
        messages.success(request, "The answers are saved in the draft. Submit the return when it is complete.")
        return redirect("portal:return", year=shown.label)
    return render(request, "portal/return_answers.html", {
        "nav": "portal", "council": council, "shown": shown, "form": form, "edition": edition,
        "crumbs": _crumbs(shown), "here": "Answers",
    })


@require_POST
@never_cache
@council_user_required(CouncilRole.LINK_OFFICER)
def return_submit(request, year: str):
    council, shown = request.council, _year(year)
    assessment = _existing(council, shown)
    draft = assessment.draft() if assessment else None
    if draft is None:
        messages.error(request, "There is no draft to submit: change the figures or answers first.")
        return redirect("portal:return", year=shown.label)
    try:
        version = lifecycle.submit(draft, request.user, request=request)
    except lifecycle.ReturnError:
        messages.error(request, "The return is not complete: see what is missing below.")
    else:
        messages.success(request, f"Version {version.number} of the {shown.label} return has been submitted. "
                                  "It will be published once the Ombudsman accepts it.")
    return redirect("portal:return", year=shown.label)
