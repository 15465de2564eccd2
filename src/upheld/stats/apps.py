from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "upheld.stats"
    verbose_name = "Statistics"
