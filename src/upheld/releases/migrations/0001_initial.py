"""Takes over the models that the publication app created (its migration 0003 renamed their tables)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("authorities", "0001_initial"),
        ("publication", "0003_move_to_releases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Release',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('year', models.PositiveSmallIntegerField(help_text='Starting calendar year: 2017 means 2017-18', unique=True)),
                    ('scheduled_for', models.DateTimeField(help_text="When the year's figures become public")),
                ],
                options={
                    'ordering': ['-year'],
                },
            ),
            migrations.CreateModel(
                name='FiguresVersion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('version', models.PositiveSmallIntegerField()),
                    ('frozen_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('counts', models.JSONField(help_text='Per-council counts and populations: every published figure derives from them')),
                    ('cause', models.TextField(blank=True, help_text='Why the figures were revised')),
                    ('scale', models.TextField(blank=True, help_text='What the revision changed, council by council')),
                    ('release', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='releases.release')),
                ],
                options={
                    'ordering': ['release', 'version'],
                    'constraints': [models.UniqueConstraint(fields=('release', 'version'), name='one_number_per_version')],
                },
            ),
            migrations.CreateModel(
                name='LetterHistory',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('year', models.PositiveSmallIntegerField(help_text='Starting calendar year: 2017 means 2017-18')),
                    ('figures', models.JSONField(help_text="The letter's counts by category, outcome and remedy")),
                    ('source_name', models.CharField(help_text='The name of the file the figures were read from', max_length=255)),
                    ('sha256', models.CharField(help_text='Of the file the figures were read from', max_length=64, verbose_name='SHA-256')),
                    ('imported_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('authority', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='letter_history', to='authorities.authority')),
                ],
                options={
                    'verbose_name_plural': 'letter histories',
                    'ordering': ['authority', 'year'],
                    'constraints': [models.UniqueConstraint(fields=('authority', 'year'), name='one_letter_history_per_year')],
                },
            ),
        ]),
    ]
