"""The council portal (for council users) and the publishers' summary of councils' feedback on the letters."""

from django.urls import path, re_path

from upheld.portal import returns, views

YEAR = r"(?P<year>\d{4}-\d{2})"

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    re_path(rf"^letters/{YEAR}/$", views.letter, name="letter"),
    re_path(rf"^letters/{YEAR}/letter\.pdf$", views.letter_pdf, name="letter-pdf"),
    re_path(rf"^letters/{YEAR}/cases-(?P<kind>[a-z]+)\.xlsx$", views.case_spreadsheet, name="spreadsheet"),
    re_path(rf"^letters/{YEAR}/feedback/$", views.letter_feedback, name="feedback"),
    path("recommendations/", views.recommendations_due, name="recommendations"),
    path("reports/<int:pk>/respond/", views.report_response, name="respond"),
    path("feedback/", views.feedback_summary, name="feedback-summary"),
    path("returns/", returns.returns, name="returns"),
    re_path(rf"^returns/{YEAR}/$", returns.return_detail, name="return"),
    re_path(rf"^returns/{YEAR}/figures/$", returns.return_figures, name="return-figures"),
    re_path(rf"^returns/{YEAR}/answers/$", returns.return_answers, name="return-answers"),
    re_path(rf"^returns/{YEAR}/submit/$", returns.return_submit, name="return-submit"),
]
