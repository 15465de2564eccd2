from django.urls import path

from upheld.casework import improvement_screens, views

app_name = "casework"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/", views.intake, name="intake"),
    path("<int:pk>/", views.case_page, name="case"),
    path("<int:pk>/edit/", views.edit_case, name="edit"),
    path("<int:pk>/decision/", views.decision, name="decision"),
    path("<int:pk>/recommendations/new/", views.add_recommendation, name="add_recommendation"),
    path("<int:pk>/recommendations/<int:recommendation>/", views.edit_recommendation, name="edit_recommendation"),
    path("<int:pk>/compliance/", views.compliance, name="compliance"),
    path("service-improvements/", improvement_screens.queue, name="service_improvements"),
    path("service-improvements/<int:recommendation>/", improvement_screens.review, name="review_improvement"),
]
