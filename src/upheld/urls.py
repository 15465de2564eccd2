from django.contrib import admin
from django.urls import include, path

from upheld.site import views

# The site's error pages, and the busy answer for a busy database met outside a view (upheld.site.errors);
# 404 is Django's handler with the site's 404.html.
handler400 = "upheld.site.errors.bad_request"
handler403 = "upheld.site.errors.permission_denied"
handler500 = "upheld.site.errors.server_error"
admin.site.site_header = "upheld staff"
admin.site.site_title = "upheld staff"

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/", include("upheld.accounts.urls")),
    path("audit/", include("upheld.audit.urls")),
    path("casework/", include("upheld.casework.urls")),
    path("portal/", include("upheld.portal.urls")),
    path("scrutiny/", include("upheld.scrutiny.urls")),
    path("alerts/", include("upheld.alerts.urls")),
    path("api/v1/", include("upheld.api.urls")),
    path("staff/", include("upheld.staff.urls")),  # the staff home and the work dashboard
    path("", include("upheld.training.urls")),  # /training/ and the councils compared, /staff/councils/
    path("", include("upheld.decisions.urls")),  # /decisions/ and /reports/
    path("", include("upheld.publication.urls")),
]
