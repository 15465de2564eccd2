"""Issue the letters of figures versions frozen before letters were issued with them.

Those letters were built from the texts and contacts of the moment whenever they were asked for; from now
on they are frozen as they stand today (the nearest there is to what was sent), with the training totals
staff entered for the year (years whose figures come from session records get them when next frozen).
"""

from collections import defaultdict

from django.db import migrations

TEXT_FIELDS = ("year", "sender", "subject", "body", "signatory_name", "signatory_title", "by_email", "list_copies")


def issue_earlier_letters(apps, schema_editor):
    FiguresVersion = apps.get_model("releases", "FiguresVersion")
    LetterIssue = apps.get_model("letters", "LetterIssue")
    LetterText = apps.get_model("letters", "LetterText")
    TrainingYear = apps.get_model("letters", "TrainingYear")
    Contact = apps.get_model("authorities", "Contact")
    versions = FiguresVersion.objects.filter(letter_issue__isnull=True).select_related("release")
    if not versions.exists():
        return
    contacts = defaultdict(dict)
    for authority_id, role, name in Contact.objects.values_list("authority_id", "role", "name"):
        contacts[str(authority_id)][role] = name
    for version in versions:
        year = version.release.year
        text = LetterText.objects.filter(year=year).first()
        if text is None:
            continue
        totals = TrainingYear.objects.filter(year=year).first()
        training = None if totals is None else {"sessions": totals.courses_delivered, "courses": None,
                                                "people_trained": totals.people_trained, "councils_reached": None}
        LetterIssue.objects.create(
            figures_version=version,
            text={**{name: getattr(text, name) for name in TEXT_FIELDS}, "letter_date": text.letter_date.isoformat()},
            training=training, contacts=dict(contacts))


class Migration(migrations.Migration):

    dependencies = [
        ("letters", "0006_letterissue"),
        ("authorities", "0001_initial"),
    ]

    operations = [migrations.RunPython(issue_earlier_letters, migrations.RunPython.noop)]
