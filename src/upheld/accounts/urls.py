from django.urls import path

from upheld.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.start, name="start"),
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("two-factor/", views.verify, name="verify"),
    path("two-factor/set-up/", views.enrol, name="enrol"),
    path("password/", views.change_password, name="password"),
    path("password/reset/", views.reset_request, name="reset"),
    path("password/reset/sent/", views.reset_sent, name="reset-sent"),
    path("password/reset/<uidb64>/<token>/", views.reset_confirm, name="reset-confirm"),
    path("password/reset/done/", views.reset_done, name="reset-done"),
]
