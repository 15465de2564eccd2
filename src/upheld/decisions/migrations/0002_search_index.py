"""The full-text index of statements: FTS5 on SQLite, a GIN-indexed tsvector
on PostgreSQL (see `upheld.decisions.search_index`)."""

from django.db import migrations


def create(apps, schema_editor):
    from upheld.decisions import search_index

    search_index.create(schema_editor.connection)


def drop(apps, schema_editor):
    from upheld.decisions import search_index

    search_index.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
