from django.apps import AppConfig


class CodeConfig(AppConfig):
    """The Complaint Handling Code: its editions and provisions, councils' self-assessment returns against it,
    and the Ombudsman's findings that a council did not follow it."""

    name = "upheld.code"
    label = "code"
    verbose_name = "Complaint Handling Code"
