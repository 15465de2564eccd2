"""The scrutiny hub for councillors: choose a council, its page for a released year, and the page as a PDF pack.
A year that is not released is a 404 on each, as on the council pages (`upheld.releases.published`)."""

from django.urls import path, re_path

from upheld.publication.page_urls import SLUG, YEAR
from upheld.scrutiny import views

app_name = "scrutiny"
urlpatterns = [
    path("", views.hub, name="hub"),
    re_path(rf"^{SLUG}/$", views.council_page, name="council"),
    re_path(rf"^{SLUG}/{YEAR}/$", views.council_page, name="council-year"),
    re_path(rf"^{SLUG}/{YEAR}/pack\.pdf$", views.pack_pdf, name="pack"),
]
