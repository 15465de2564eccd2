from django.urls import path

from upheld.audit import views

app_name = "audit"
urlpatterns = [
    path("export.csv", views.export_csv, name="export"),
]
