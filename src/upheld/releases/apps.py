from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "upheld.releases"
    verbose_name = "Releases"

    def ready(self):
        from upheld.releases import visibility

        visibility.connect_signals()
