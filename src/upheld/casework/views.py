"""The staff casework screens: caseload, intake, the case page and its edit forms.

Who may do what is the roles' permissions (`upheld.accounts.roles.PERMISSIONS`):
any staff role holding `casework.view_case` sees cases, and each form needs
the add or change permission of what it writes. Only holders of
`casework.view_personal_data` (caseworkers) see a complainant's details, and
each showing of them is recorded in the audit trail. The workflow is in
`upheld.casework.services`.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from upheld.accounts.roles import staff_required
from upheld.audit.record import record_view
from upheld.casework import services
from upheld.casework.compliance import ComplianceStatus
from upheld.casework.forms import (
    CaseForm,
    CaseloadFilterForm,
    ComplianceForm,
    DecisionForm,
    IntakeForm,
    RecommendationForm,
)
from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation
from upheld.casework.vocabulary import Outcome

PERSONAL_DATA = "casework.view_personal_data"
PER_PAGE = 25
GET_POST = require_http_methods(["GET", "POST"])


def permitted(*perms: str):
    """Signed-in staff (second factor given, no council tie) holding every one of `perms`."""
    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            _require(request, *perms)
            return view(request, *args, **kwargs)
        return staff_required(checked)
    return decorator


def _require(request, *perms: str) -> None:
    if not request.user.has_perms(perms):
        raise PermissionDenied


def _show_personal_data(request, case: Case) -> bool:
    """Whether this user sees the complainant's details; if so, the showing is recorded."""
    if not request.user.has_perm(PERSONAL_DATA):
        return False
    if shown := [name for name in Case.PERSONAL_FIELDS if getattr(case, name)]:
        record_view(request, case, fields=shown)
    return True


# The caseload and a case ---------------------------------------------------------------------------------

@permitted("casework.view_case")
@require_GET
def caseload(request):
    today = timezone.localdate()
    form = CaseloadFilterForm(request.GET)
    cases, counts = services.caseload(form.filters(), today)
    paginator = Paginator(cases, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "casework/caseload.html", {
        "nav": "casework", "form": form, "page": page, "rows": services.rows(page, today),
        "pages": list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        "query": query.urlencode(),
        "counts": [(status, counts[status.value], _with(query, status=status.value))
                   for status in ComplianceStatus],
        "filtered": bool(query),
    })


def _with(query, **values) -> str:
    changed = query.copy()
    for name, value in values.items():
        changed[name] = value
    return changed.urlencode()


@permitted("casework.view_case")
@require_GET
def case_page(request, pk: int):
    recommendations = Recommendation.objects.with_review_state().order_by("due", "pk")
    case = get_object_or_404(Case.objects.select_related("authority", "decision", "compliance")
                             .prefetch_related(Prefetch("recommendations", recommendations)), pk=pk)
    decision = getattr(case, "decision", None)
    return render(request, "casework/case.html", {
        "nav": "casework", "case": case, "crumbs": _crumbs(),
        "decision": decision, "compliance": getattr(case, "compliance", None),
        "code_failures": [failure.provision for failure in decision.code_failures.select_related("provision")]
        if decision else [],
        "status": services.case_status(case, timezone.localdate()),
        "personal_data": _show_personal_data(request, case),
        "history": services.history(case),
        "upheld": getattr(getattr(case, "decision", None), "outcome", None) == Outcome.UPHELD,
    })


# Intake and changes ----------------------------------------------------------------------------------------

@permitted("casework.add_case")
@GET_POST
def intake(request):
    form = IntakeForm(request.POST or None, personal_data=request.user.has_perm(PERSONAL_DATA))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(form.instance)
        except services.ReferenceTaken:
            form.add_error("reference", "A case with this reference already exists")
        else:
            messages.success(request, f"Case {case.reference} recorded")
            return redirect("casework:case", pk=case.pk)
    return _form_page(request, form, None, "Record a complaint or enquiry", "Record the case")


@permitted("casework.view_case", "casework.change_case")
@GET_POST
def edit_case(request, pk: int):
    case = get_object_or_404(Case.objects.select_related("authority"), pk=pk)
    personal = request.user.has_perm(PERSONAL_DATA)
    form = CaseForm(request.POST or None, instance=case, personal_data=personal)
    if request.method == "GET":
        _show_personal_data(request, case)
    return _save(request, form, case, f"Change case {case.reference}", "Case details saved")


@permitted("casework.view_case")
@GET_POST
def decision(request, pk: int):
    case = get_object_or_404(Case.objects.select_related("authority", "decision"), pk=pk)
    existing = getattr(case, "decision", None)
    _require(request, "casework.change_decision" if existing else "casework.add_decision")
    form = DecisionForm(request.POST or None, instance=existing or Decision(case=case))
    heading = "Change the decision" if existing else "Record the decision"
    return _save(request, form, case, heading, "Decision saved")


@permitted("casework.view_case", "casework.add_recommendation")
@GET_POST
def add_recommendation(request, pk: int):
    case = get_object_or_404(Case.objects.select_related("authority"), pk=pk)
    form = RecommendationForm(request.POST or None, instance=Recommendation(case=case))
    return _save(request, form, case, "Add a recommendation", "Recommendation added")


@permitted("casework.view_case", "casework.change_recommendation")
@GET_POST
def edit_recommendation(request, pk: int, recommendation: int):
    case = get_object_or_404(Case.objects.select_related("authority"), pk=pk)
    found = get_object_or_404(Recommendation, pk=recommendation, case=case)
    form = RecommendationForm(request.POST or None, instance=found)
    return _save(request, form, case, "Change a recommendation", "Recommendation saved")


@permitted("casework.view_case")
@GET_POST
def compliance(request, pk: int):
    case = get_object_or_404(Case.objects.select_related("authority", "decision", "compliance"), pk=pk)
    existing = getattr(case, "compliance", None)
    _require(request, "casework.change_complianceoutcome" if existing else "casework.add_complianceoutcome")
    form = ComplianceForm(request.POST or None, instance=existing or ComplianceOutcome(case=case))
    return _save(request, form, case, "Record compliance", "Compliance saved")


def _save(request, form, case: Case, heading: str, done: str):
    """Save a valid form unless its record changed since it was loaded. If it did, the form is opened again on
    the record as saved now, with the user's changes kept and marked, and the other person's listed."""
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_versioned(form.instance, form.cleaned_data["version"], form.saved_fields(),
                                    then=form.save_related)
        except services.Conflict as refused:
            conflict = refused
            form = form.reopened_on(refused.current)
            if isinstance(refused.current, Case):  # its details as saved now are shown again
                _show_personal_data(request, refused.current)
        else:
            messages.success(request, done)
            return redirect("casework:case", pk=case.pk)
    return _form_page(request, form, case, heading, "Save", conflict)


def _form_page(request, form, case: Case | None, heading: str, button: str, conflict=None):
    back = reverse("casework:case", args=[case.pk]) if case else reverse("casework:caseload")
    return render(request, "casework/form.html", {
        "nav": "casework", "form": form, "case": case, "heading": heading, "button": button,
        "back": back, "conflict": conflict, "crumbs": _crumbs(case),
    }, status=409 if conflict else 200)


def _crumbs(case: Case | None = None) -> list[tuple[str, str]]:
    crumbs = [("Caseload", reverse("casework:caseload"))]
    if case is not None:
        crumbs.append((f"Case {case.reference}", reverse("casework:case", args=[case.pk])))
    return crumbs
