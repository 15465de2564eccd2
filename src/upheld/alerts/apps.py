from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Email alerts about a council's new decisions, reports and letters (double opt-in)."""

    name = "upheld.alerts"
    verbose_name = "Email alerts"
