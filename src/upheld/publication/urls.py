"""The public site's addresses. Every view shows released years only
(`upheld.releases.published.published`)."""

from django.urls import include, path  # noqa: F401  (each part of the site adds its paths below)

urlpatterns = [
    path("", include("upheld.publication.data_urls")),  # open data and /sitemap.xml
    path("", include("upheld.publication.page_urls")),  # councils, national review, guide
    path("", include("upheld.publication.map_urls")),  # the map and its data
]
