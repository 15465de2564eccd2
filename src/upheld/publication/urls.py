"""The public site's addresses. Every view shows released years only
(`upheld.publication.snapshots.published_years` / `published_version`)."""

from django.urls import path  # noqa: F401  (each part of the site adds its paths below)

urlpatterns = [
]
