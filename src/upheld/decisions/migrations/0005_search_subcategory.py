"""The search finds and filters by subcategory: the full-text index takes the
subcategory as a column (SQLite) or in the tsvector (PostgreSQL), and every
statement's `search_facets` gains its subcategory's word. The index is dropped,
the facets rewritten (with no index to keep in step, row by row), and the index
made again from the statements. Going back leaves both as they are: the older
code searches them alike (it names its columns, and ignores a facet it does
not ask for). An index holds the public statements' subcategories in order,
for the list the search offers."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    from upheld.decisions import publication_rules, search_index

    statement = apps.get_model("decisions", "Statement")
    connection = schema_editor.connection
    search_index.drop(connection)
    fields = ("id", "publishable", "authority_id", "category", "subcategory", "outcome", "remedy",
              "has_service_improvement")
    rows = statement.objects.order_by("id").values(*fields)
    facets = [(publication_rules.search_facets(row), row["id"]) for row in rows.iterator()]
    with connection.cursor() as cursor:
        cursor.executemany("UPDATE decisions_statement SET search_facets = %s WHERE id = %s", facets)
    search_index.create(connection)


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
