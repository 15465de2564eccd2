"""What the import commands say when the database refuses a file's rows."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from upheld.site.busy import is_busy


@contextmanager
def database_refusals(file: str, outcome: str) -> Iterator[None]:
    """A database error inside becomes one line: what the database said, and `outcome` ("nothing
    imported"). Only when migrations are missing does it ask whether `upheld setup` has been run (not
    when the disk is full, say). A busy database is left to `upheld.cli`, which answers it for every
    command the same way."""
    try:
        yield
    except DatabaseError as error:
        if is_busy(error):
            raise
        hint = " Has `upheld setup` been run?" if _not_set_up() else ""
        raise CommandError(f"{file}: the database refused ({error}); {outcome}.{hint}") from None


def _not_set_up() -> bool:
    try:
        executor = MigrationExecutor(connection)
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:
        return False
