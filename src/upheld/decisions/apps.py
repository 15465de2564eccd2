from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DecisionsConfig(AppConfig):
    name = "upheld.decisions"
    verbose_name = "Decisions and reports"

    def ready(self) -> None:
        post_migrate.connect(_ensure_search_index, sender=self)


def _ensure_search_index(sender, using, **kwargs) -> None:
    """A migration that rebuilt the statements table on SQLite dropped the index's triggers."""
    from django.db import connections

    from upheld.decisions import search_index

    search_index.ensure(connections[using])
