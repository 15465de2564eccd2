"""The search finds and filters by subcategory: the full-text index takes the
subcategory as a column (SQLite) or in the tsvector (PostgreSQL), and every
statement's `search_facets` gains its subcategory's word. The index is dropped,
the facets rewritten (with no index to keep in step, row by row), and the index
made again from the statements. Going back leaves both as they are: the older
code searches them alike (it names its columns, and ignores a facet it does not ask for). An index
holds the public statements' subcategories in order, for the list the search offers."""

from django.db import migrations, models

BATCH = 5_000


def forwards(apps, schema_editor):
    from upheld.decisions import publication_rules, search_index

    statement = apps.get_model("decisions", "Statement")
    search_index.drop(schema_editor.connection)
    fields = ("id", "publishable", "authority_id", "category", "subcategory", "outcome", "remedy",
              "has_service_improvement")
    rows = statement.objects.order_by("id").values(*fields)
    changed = [statement(id=row["id"], search_facets=publication_rules.search_facets(row)) for row in rows.iterator()]
    statement.objects.bulk_update(changed, ["search_facets"], batch_size=BATCH)
    search_index.create(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0004_publish_permission")]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(condition=models.Q(("publishable", True)),
                               fields=["category", "subcategory", "decided", "publishable"],
                               name="statement_subcategories"),
        ),
    ]
