from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control

from upheld.authorities.models import Authority
from upheld.casework.models import Case
from upheld.releases.published import published


def home(request):
    return render(request, "site/home.html", {
        "councils": Authority.objects.count(),
        "cases": Case.objects.count(),
        "latest": published().latest,  # the newest released year: never one under embargo
    })


# Areas for signed-in users, forms that answer one reader, and the API (for programs, rate-limited):
# nothing there for a search engine. Everything else is public and listed in the sitemap.
NOT_CRAWLED = ("/admin/", "/accounts/", "/audit/", "/casework/", "/portal/", "/staff/", "/training/", "/alerts/",
               "/api/")
FAVICON = "site/favicon.ico"


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Where crawlers may go. The sitemap's address is the site's own (`UPHELD_SITE_URL`), never one made
    from the Host header a request claims."""
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in NOT_CRAWLED), "",
             f"Sitemap: {settings.UPHELD_SITE_URL}{reverse('sitemap')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, where browsers and feed readers look without being told; pages name the SVG icon too."""
    with staticfiles_storage.open(FAVICON) as icon:
        return HttpResponse(icon.read(), content_type="image/x-icon")
