import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from upheld.casework.improvements import DEMO_REVIEWER, approve_demonstration


def approve_demonstration_data(apps, schema_editor):
    """Existing service improvements wait for a publisher, but the demonstration data's are approved by the
    "demo" step when the guard passes their text, as newly generated ones are, and that is recorded."""
    approved = approve_demonstration(apps.get_model("casework", "Recommendation").objects)
    if approved:
        apps.get_model("audit", "AuditEvent").objects.create(
            actor_name=DEMO_REVIEWER, action="change", object_type="casework.recommendation",
            object_repr=f"{approved:,} demonstration service improvements approved for publication",
            after={"approved": True, "reviewer_name": DEMO_REVIEWER, "count": approved},
            source="migration casework 0004")


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0003_versions_and_evidence'),
        ('audit', '0002_append_only_triggers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='recommendation',
            options={'ordering': ['due'], 'permissions': [('approve_service_improvement', 'Can approve service improvements for publication')]},
        ),
        migrations.AddField(
            model_name='recommendation',
            name='approved',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='approved for publication'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='review_reason',
            field=models.TextField(blank=True, db_default='', default='', editable=False, help_text='Why it was refused, or published despite the anonymisation check'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='reviewed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='reviewed_text',
            field=models.TextField(blank=True, db_default='', default='', editable=False, help_text='The text the publisher approved or refused'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='reviewer_name',
            field=models.CharField(blank=True, db_default='', default='', editable=False, help_text="The publisher's name at the time, or the step that approved it", max_length=150),
        ),
        migrations.RunPython(approve_demonstration_data, migrations.RunPython.noop),
    ]
