from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "upheld.audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from upheld.audit import sign_in_events, tracking

        tracking.connect()
        sign_in_events.connect()
