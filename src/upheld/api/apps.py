from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public, read-only JSON API at /api/v1/: released figures only."""

    name = "upheld.api"
    verbose_name = "Public API"
