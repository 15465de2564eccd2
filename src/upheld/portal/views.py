"""The council portal's pages. Each is for a signed-in council user and shows only that user's council
(`request.council`, set by `council_user_required`): no council is ever taken from the address or a
form, and every object named in the address is looked up within the council, so another council's gives
404. Nothing here is cached by a browser or shared cache (`never_cache`): it is embargoed or private.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from upheld.accounts.roles import StaffRole, council_user_required, staff_required
from upheld.decisions.reports import duty_of
from upheld.letters.pdf import render_pdf
from upheld.letters.spreadsheets import SHEETS, title
from upheld.portal import feedback, letters, recommendations, responses
from upheld.portal.forms import FeedbackForm, ResponseForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _crumbs(*more: tuple[str, str]) -> list[tuple[str, str]]:
    return [("Your council", reverse("portal:home")), *more]


@require_GET
@never_cache
@council_user_required
def home(request):
    council, today = request.council, timezone.localdate()
    cases = recommendations.cases_due(council, today)
    return render(request, "portal/home.html", {
        "nav": "portal", "council": council,
        "letters": letters.letter_years(council),
        "due": recommendations.counts(cases),
        "reports": [(report, duty_of(report, today), responses.may_respond(report))
                    for report in responses.councils_reports(council).order_by("-issued", "-id")],
    })


@require_GET
@never_cache
@council_user_required
def letter(request, year: str):
    council = request.council
    shown = letters.letter_year(council, year)
    built = letters.council_letter(council, shown)
    letters.record_letter_view(request, council, shown, "html")
    return render(request, "portal/letter.html", {
        "nav": "portal", "council": council, "shown": shown, "letter": built,
        "spreadsheets": [(kind, title(kind)) for kind in SHEETS],
        "crumbs": _crumbs(), "here": f"{shown.label} letter",
    })


@require_GET
@never_cache
@council_user_required
def letter_pdf(request, year: str):
    council = request.council
    shown = letters.letter_year(council, year)
    built = letters.council_letter(council, shown)
    content = render_pdf(built)
    letters.record_letter_view(request, council, shown, "pdf")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{built.filename("pdf")}"'
    return response


@require_GET
@never_cache
@council_user_required
def case_spreadsheet(request, year: str, kind: str):
    council = request.council
    content, name = letters.spreadsheet(request, council, letters.letter_year(council, year), kind)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@never_cache
@council_user_required
def recommendations_due(request):
    council, today = request.council, timezone.localdate()
    return render(request, "portal/recommendations.html", {
        "nav": "portal", "council": council, "today": today,
        "cases": recommendations.cases_due(council, today),
        "crumbs": _crumbs(), "here": "Recommendations",
    })


@require_http_methods(["GET", "POST"])
@never_cache
@council_user_required
def letter_feedback(request, year: str):
    council = request.council
    shown = letters.letter_year(council, year)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        feedback.submit(request, council, shown.year, form.save(commit=False))
        messages.success(request, f"Thank you: your feedback on the {shown.label} letter has been sent.")
        return redirect("portal:home")
    return render(request, "portal/feedback_form.html", {
        "nav": "portal", "council": council, "shown": shown, "form": form,
        "crumbs": _crumbs((f"{shown.label} letter", reverse("portal:letter", args=[shown.label]))),
        "here": "Feedback",
    })


@require_http_methods(["GET", "POST"])
@never_cache
@council_user_required
def report_response(request, pk: int):
    council = request.council
    report = responses.report_of(council, pk)
    form = ResponseForm(request.POST if request.method == "POST" else None) if responses.may_respond(report) else None
    if request.method == "POST":
        if form is None:  # already answered: the page shows the response
            return redirect("portal:respond", pk=pk)
        if form.is_valid():
            if responses.respond(request, council, pk, form.cleaned_data["response_text"]):
                messages.success(request, "The council's response has been recorded and is now shown on the "
                                          "report's public page.")
            return redirect("portal:respond", pk=pk)
    return render(request, "portal/respond.html", {
        "nav": "portal", "council": council, "report": report, "duty": duty_of(report),
        "form": form, "crumbs": _crumbs(), "here": "Respond to a report",
    })


@require_GET
@never_cache
@staff_required(StaffRole.PUBLISHER)
def feedback_summary(request):
    return render(request, "portal/feedback_summary.html", {"years": feedback.summary()})
