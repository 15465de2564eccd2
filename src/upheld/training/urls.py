"""Staff screens: the training programme and link officers under /training/, the councils compared at
/staff/councils/ (the staff home and work dashboard beside it are `upheld.staff`'s)."""

from django.urls import path

from upheld.training import views

app_name = "training"
urlpatterns = [
    path("training/", views.programme, name="programme"),
    path("training/sessions/<int:pk>/", views.session, name="session"),
    path("training/link-officers/", views.link_officers, name="link-officers"),
    path("training/link-officers.csv", views.link_officers_csv, name="link-officers-csv"),
    path("training/seminars/", views.seminars, name="seminars"),
    path("training/seminars/<int:pk>/", views.seminar, name="seminar"),
    path("staff/councils/", views.councils, name="councils"),
]
