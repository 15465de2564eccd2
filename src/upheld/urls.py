from django.contrib import admin
from django.urls import include, path

from upheld.site import views

admin.site.site_header = "upheld staff"
admin.site.site_title = "upheld staff"

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("upheld.accounts.urls")),
    path("audit/", include("upheld.audit.urls")),
    path("", include("upheld.decisions.urls")),  # /decisions/ and /reports/
    path("", include("upheld.publication.urls")),
]
