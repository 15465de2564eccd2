from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("publication", "0003_move_to_releases"),
        ("releases", "0001_initial"),
        ("letters", "0005_delivery_figures_version_in_releases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel("LetterHistory"),
                migrations.DeleteModel("FiguresVersion"),
                migrations.DeleteModel("Release"),
            ],
        ),
    ]
