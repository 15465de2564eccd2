from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "upheld.publication"
    verbose_name = "Publication"

    def ready(self) -> None:
        from upheld.publication import service_improvements  # noqa: F401 - connects its signals
