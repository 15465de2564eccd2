"""Ship a letter text for every year from 2014-15 and the 2017-18 training figures."""

from django.db import migrations

from upheld.letters.defaults import load_defaults


def load(apps, schema_editor):
    load_defaults(apps.get_model("letters", "LetterText"), apps.get_model("letters", "TrainingYear"))


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
