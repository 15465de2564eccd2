"""The publisher's screens for service improvements: the queue, and one improvement to approve or refuse.

Only holders of `casework.approve_service_improvement` (the publisher role) open them; caseworkers write
the text on the case's screens and never approve it. The rules and the recording are in
`upheld.casework.improvements`; what the guard found is marked in the text, so the publisher sees where.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from upheld.casework import improvements
from upheld.casework.forms import GovukForm
from upheld.casework.models import Recommendation
from upheld.casework.views import GET_POST, PER_PAGE, permitted
from upheld.casework.vocabulary import RecommendationKind
from upheld.decisions import guard
from upheld.decisions.publication_rules import earliest_publication
from upheld.decisions.search import START, STOP, marked_html

APPROVE = "casework.approve_service_improvement"
# The queue's lists: (label, the queryset method that decides who is in it).
LISTS = {
    "waiting": ("Waiting for approval", "awaiting_review"),
    "refused": ("Refused", "refused_improvements"),
    "approved": ("Approved", "approved_improvements"),
}


class ReviewForm(GovukForm, forms.Form):
    """Approve or refuse (the button pressed), for the text the page showed (`shown`, its digest)."""

    shown = forms.CharField(widget=forms.HiddenInput, max_length=64)
    decision = forms.ChoiceField(choices=[("approve", "Approve for publication"), ("refuse", "Refuse")],
                                 widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Reason", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to refuse (it is shown to caseworkers), or to approve despite possible personal data "
                  "(say why it is not personal data)")


def marked(text: str, findings: list[dict]) -> SafeString:
    """The text as a paragraph of HTML with each piece the guard found in a `<mark>`, as the decision search
    marks the words found (`search.marked_html`)."""
    if pieces := sorted({finding["text"] for finding in findings}, key=len, reverse=True):
        text = re.sub("|".join(re.escape(piece) for piece in pieces), lambda found: f"{START}{found[0]}{STOP}", text)
    return format_html('<p class="govuk-body">{}</p>', linebreaksbr(marked_html(text)))


def _describe(findings: list[dict]) -> SafeString:
    return format_html_join("", "<li>{}</li>", ((guard.describe([finding]),) for finding in findings))


@permitted(APPROVE)
@require_GET
def queue(request):
    """The service improvements waiting for approval (or the refused, or the approved), oldest decision first."""
    shown = request.GET.get("show") if request.GET.get("show") in LISTS else "waiting"
    found = getattr(Recommendation.objects.with_review_state(), LISTS[shown][1])().select_related(
        "case__authority", "case__decision")
    page = Paginator(found.order_by("case__decision__decided", "pk"), PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for item in page:
        findings = item.guard_findings
        rows.append({"item": item, "findings": findings, "text": marked(item.text, findings),
                     "described": _describe(findings), "shown": improvements.digest(item.text)})
    return render(request, "casework/improvements.html", {
        "nav": "casework", "crumbs": [("Caseload", reverse("casework:caseload"))], "page": page, "rows": rows,
        "lists": [(name, label, name == shown, getattr(Recommendation.objects, method)().count())
                  for name, (label, method) in LISTS.items()],
        "shown": shown, "label": LISTS[shown][0],
    })


@permitted(APPROVE)
@GET_POST
def review(request, recommendation: int):
    """One service improvement, its guard findings and its review; approve or refuse it."""
    item = get_object_or_404(Recommendation.objects.with_review_state().select_related("case__authority",
                                                                                          "case__decision"),
                             pk=recommendation, kind=RecommendationKind.SERVICE_IMPROVEMENT)
    form = ReviewForm(request.POST or None, initial={"shown": improvements.digest(item.text)})
    if request.method == "POST" and form.is_valid():
        decide = improvements.approve if form.cleaned_data["decision"] == "approve" else improvements.refuse
        try:
            decide(item, request.user, form.cleaned_data["shown"], form.cleaned_data["reason"])
        except improvements.ReviewRefused as refused:
            form.add_error("reason", str(refused))
            form.data = form.data.copy()
            form.data["shown"] = improvements.digest(item.text)  # the text this page shows now
        else:
            verb = "approved for publication" if form.cleaned_data["decision"] == "approve" else "refused"
            messages.success(request, f"Service improvement on case {item.case.reference} {verb}")
            return redirect("casework:service_improvements")
    findings = item.guard_findings
    decision = getattr(item.case, "decision", None)
    return render(request, "casework/improvement.html", {
        "nav": "casework", "item": item, "form": form, "findings": findings, "described": _describe(findings),
        "text": marked(item.text, findings),
        "earliest": earliest_publication(decision.decided) if decision else None,
        "crumbs": [("Caseload", reverse("casework:caseload")),
                   ("Service improvements", reverse("casework:service_improvements"))],
    })
