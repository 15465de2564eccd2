import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("letters", "0004_letterfeedback"),
        ("releases", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name="delivery",
                name="figures_version",
                field=models.ForeignKey(
                    blank=True, help_text="The frozen figures the letter carried; empty if they were live (no release scheduled)",
                    null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="releases.figuresversion"),
            ),
        ]),
    ]
