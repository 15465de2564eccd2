from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "upheld.imports"
    verbose_name = "Imports"
