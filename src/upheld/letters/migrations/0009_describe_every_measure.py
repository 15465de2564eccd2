"""The shipped "Complaint statistics" paragraphs of 2018-19 on named three measures, described two in figures and
never gave the satisfactory remedy; the statistics page gives four. Where a year's text still holds them as
shipped, they become the paragraphs that describe every measure of the page (`defaults.MEASURES`); a text staff
have rewritten is left as they wrote it. Letters already issued keep the text frozen with them."""

from django.db import migrations

from upheld.letters.defaults import MEASURES

SHIPPED = """\
## Complaint statistics

This letter reports three measures for your council, each beside the average for councils of the same kind \
({{ similar_authorities }}): how often we upheld the complaints we investigated in detail, how often the council \
carried out our recommendations, and how often it had already offered a satisfactory remedy before the complaint \
reached us. Together they say more about how a council responds when things go wrong than the number of \
complaints does.

{% if detailed_investigations %}We upheld {{ upheld }} of the {{ detailed_investigations }} complaints about \
{{ council }} that we investigated in detail ({{ uphold_rate }}; similar authorities {{ similar_uphold_rate }}). \
{% endif %}{% if compliance_outcomes %}We recorded whether the council had done what we recommended \
{{ compliance_outcomes }} times; it had in {{ compliance_rate }} of them.{% endif %}"""


def describe_every_measure(apps, schema_editor):
    texts = apps.get_model("letters", "LetterText")
    for text in texts.objects.filter(body__contains=SHIPPED):
        text.body = text.body.replace(SHIPPED, MEASURES)
        text.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("letters", "0008_delivery_accepted")]

    operations = [migrations.RunPython(describe_every_measure, migrations.RunPython.noop)]
