"""Addresses of the open data and the sitemap (included by `upheld.publication.urls`)."""

from django.urls import path, re_path

from upheld.publication import data_views, datapackage, sitemaps, tidy

YEAR = r"(?P<year>\d{4}-\d{2})"
FILE = r"upheld-(?P<label>\d{4}-\d{2})"
EXTENSION = r"\.(?P<extension>csv|xlsx|ods|json)"

urlpatterns = [
    path("data/", data_views.index, name="data-index"),
    path("data/dictionary/", data_views.dictionary_page, name="data-dictionary"),
    path("data/dictionary.csv", data_views.dictionary_csv, name="data-dictionary-csv"),
    path(f"data/{tidy.FILENAME}", data_views.tidy_csv, name="data-tidy"),
    path(f"data/{datapackage.FILENAME}", data_views.datapackage_json, name="data-package"),
    re_path(rf"^data/{YEAR}/$", data_views.year_page, name="data-year"),
    re_path(rf"^data/{YEAR}/v(?P<version>\d+)/$", data_views.year_page, name="data-year-version"),
    re_path(rf"^data/{YEAR}/{FILE}{EXTENSION}$", data_views.download, name="data-download"),
    re_path(rf"^data/{YEAR}/v(?P<version>\d+)/{FILE}-v(?P<again>\d+){EXTENSION}$", data_views.download,
            name="data-download-version"),
    re_path(rf"^data/{YEAR}/table\.csv$", data_views.table_csv, name="data-table"),
    re_path(rf"^data/{YEAR}/revisions\.csv$", data_views.revisions_csv, name="data-revisions"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
]
