from django.apps import AppConfig


class AuthoritiesConfig(AppConfig):
    name = "upheld.authorities"
    verbose_name = "Councils register"
