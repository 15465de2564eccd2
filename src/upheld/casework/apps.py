from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "upheld.casework"
    verbose_name = "Casework"
