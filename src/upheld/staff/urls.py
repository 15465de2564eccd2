"""The staff home (/staff/) and the work dashboard (/staff/work/); the councils compared, the dashboard's
second view, is the training screens' (/staff/councils/)."""

from django.urls import path

from upheld.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("work/", views.work_dashboard, name="work"),
]
