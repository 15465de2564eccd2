"""Addresses of decisions and reports, with links the council pages can build (`council_links`)."""

from django.urls import path
from django.utils.http import urlencode

from upheld.decisions import views

app_name = "decisions"

urlpatterns = [
    path("decisions/", views.search_page, name="search"),
    path("decisions/results.csv", views.search_csv, name="search_csv"),
    path("decisions/<slug:slug>/", views.statement_page, name="statement"),
    path("reports/", views.reports_page, name="reports"),
    path("reports/public-interest/<int:pk>/", views.report_page, name="report"),
    path("reports/public-interest/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("reports/focus/<slug:slug>/", views.focus_report_page, name="focus_report"),
]


def council_links(authority) -> dict[str, str]:
    """The council page's links into the decision search: all, upheld, and
    upheld where the council had already put things right."""
    base = "/decisions/?"
    return {
        "decisions": base + urlencode({"council": authority.slug}),
        "upheld": base + urlencode({"council": authority.slug, "outcome": "upheld"}),
        "satisfactory_remedy": base + urlencode({"council": authority.slug, "outcome": "upheld",
                                                 "remedy": "satisfactory"}),
    }
