from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    """The scrutiny hub for councillors: one page and one pack per council."""

    name = "upheld.scrutiny"
    verbose_name = "Scrutiny"
