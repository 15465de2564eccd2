from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Where staff start: the staff home after sign-in and the work dashboard of what needs doing."""

    name = "upheld.staff"
    verbose_name = "Staff home"
