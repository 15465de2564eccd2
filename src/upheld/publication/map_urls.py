"""Addresses of the map (included by `upheld.publication.urls`): the page, by year, and each year's data.
A year that is not released is a 404 on all of them (`upheld.releases.published`)."""

from django.urls import path, re_path

from upheld.publication import map_views

YEAR = r"(?P<year>\d{4}-\d{2})"

urlpatterns = [
    path("map/", map_views.map_page, name="map"),
    re_path(rf"^map/{YEAR}/$", map_views.map_page, name="map-year"),
    re_path(rf"^map/{YEAR}/data\.json$", map_views.map_data_json, name="map-data"),
]
