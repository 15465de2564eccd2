"""Addresses of the council pages, the national annual review and the guide (included by
`upheld.publication.urls`). Years are written as in the reports (`2017-18`); a year that is not
released is a 404 on every one of them (`upheld.releases.published`)."""

from django.urls import path, re_path

from upheld.publication import council_pages, finder, guide, national_review

YEAR = r"(?P<year>\d{4}-\d{2})"
SLUG = r"(?P<slug>[-a-z0-9]+)"

urlpatterns = [
    path("councils/", council_pages.council_list, name="councils"),
    path("councils/search/", finder.search_page, name="council-search"),
    path("councils/find.json", finder.finder_data, name="council-finder"),
    re_path(rf"^councils/{SLUG}/$", council_pages.council_page, name="council"),
    re_path(rf"^councils/{SLUG}/{YEAR}/$", council_pages.council_page, name="council-year"),
    re_path(rf"^councils/{SLUG}/{YEAR}/letter\.(?P<extension>html|pdf)$", council_pages.council_letter,
            name="council-letter"),
    path("national/", national_review.national_page, name="national"),
    re_path(rf"^national/{YEAR}/$", national_review.national_page, name="national-year"),
    path("guide/", guide.guide_page, name="guide"),
]
