"""Ship the 2025-26 letter text: the first with a paragraph on the council's self-assessment against the Complaint
Handling Code (received or not, when, where it is published, its own figures) and on the Code failures we found.
If staff have already written 2025-26, it is left as they wrote it; no other year is touched."""

from django.db import migrations

from upheld.letters.defaults import DEFAULT_TEXTS

YEAR = 2025


def load(apps, schema_editor):
    (defaults,) = [text for text in DEFAULT_TEXTS if text["year"] == YEAR]
    apps.get_model("letters", "LetterText").objects.get_or_create(year=YEAR, defaults=defaults)


class Migration(migrations.Migration):
    dependencies = [("letters", "0010_letterissue_code_returns")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
