"""Releases, figures versions and letter histories move to the `releases` app (state only: the tables are
renamed here, then the `releases` app takes the models over in its first migration)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("publication", "0002_letter_history"),
        ("letters", "0004_letterfeedback"),  # so that its reference to the figures versions is renamed with them
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("release", "releases_release"),
                migrations.AlterModelTable("figuresversion", "releases_figuresversion"),
                migrations.AlterModelTable("letterhistory", "releases_letterhistory"),
            ],
        ),
    ]
