"""Addresses of the email alert pages (no account needed; `/alerts/` is never in the public-page cache)."""

from django.urls import path

from upheld.alerts import views

app_name = "alerts"
urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/", views.subscribe, name="subscribe"),
    path("<slug:slug>/check-your-email/", views.check_email, name="check-email"),
]
