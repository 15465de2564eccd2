"""The letter text shipped for every year from 2014-15, for staff to edit.

Each year's text follows the shape of the letters of its time: to 2017-18 a
letter about volumes and the uphold rate, from 2018-19 one about the three
measures against similar authorities, and caveats where a year does not
compare with the others (2020-21, 2022-23); from 2025-26 a paragraph on the council's self-assessment
against the Complaint Handling Code and the Code failures we found. Paragraphs shared by several years
are written once below. Only the 2017-18 signatory is known from the
reference letter; for other years the letter is signed with the title until
staff enter a name. Loaded by a data migration, which never overwrites a year
staff have already written.
"""

import datetime

OMBUDSMAN = "Local Government Ombudsman"
OMBUDSMAN_SOCIAL_CARE = "Local Government and Social Care Ombudsman"  # the name from June 2017
CHAIR = "Chair, Commission for Local Administration in England"

INTRODUCTION = """\
This letter sets out the complaints and enquiries about {{ council }} that we received, and the decisions we made \
on them, in the year from {{ period }}. The figures are in the tables that follow the letter. We hope they help you \
and your councillors to judge how well complaints are being resolved locally."""

VOLUMES = """\
## Complaint statistics

The number of complaints about a council says little on its own about how well it serves people. Many complaints can \
mean that residents know how to raise a concern and expect to be heard; few can mean that people see no point in \
complaining. We suggest treating the figures as a prompt for questions rather than as a verdict."""

UPHELD_VOLUMES = """\
The figure that says most is how often we find fault when we investigate. \
{% if detailed_investigations %}This year we upheld {{ upheld }} of the {{ detailed_investigations }} complaints \
about {{ council }} that we investigated in detail ({{ uphold_rate }}).{% else %}This year we completed no \
detailed investigations about {{ council }}.{% endif %}"""

REMEDIED = """\
We also show how many upheld complaints the council had already put right in a way we were satisfied with before \
we became involved ({{ remedied_by_authority }} this year). A council that remedies complaints well itself \
saves residents the need to come to us."""

OUR_RECORDS = """\
These figures come from our own records and may not match the council's. For example, we count enquiries that we \
directed back to the council, and some of those people may never have made a complaint to you.

We publish the figures for every council, with a review of complaints about local government in England, so that \
residents and councillors can use them to scrutinise local services."""

MEASURES = """\
## Complaint statistics

This letter reports {{ measure_count }} measures for your council, each beside the average for councils of the \
same kind ({{ similar_authorities }}): {{ measures }}. Together they say more about how a council responds when \
things go wrong than the number of complaints does.

{% if detailed_investigations %}We upheld {{ upheld }} of the {{ detailed_investigations }} complaints about \
{{ council }} that we investigated in detail ({{ uphold_rate }}; similar authorities {{ similar_uphold_rate }}). \
{% endif %}{% if compliance_outcomes %}We recorded whether the council had done what we recommended \
{{ compliance_outcomes }} times; it had in {{ compliance_rate }} of them. {% endif %}{% if upheld %}Of the \
{{ upheld }} complaints we upheld, the council had already put things right before they reached us in \
{{ satisfactory_remedy_rate }} (similar authorities {{ similar_satisfactory_remedy_rate }}).{% endif %}"""

SCRUTINY = """\
## Supporting local scrutiny

Councillors have a central part in holding their council to account for how it responds to complaints. Our website \
has a section for them with each council's figures, our published decisions, public interest reports, focus \
reports on recurring problems and questions that scrutiny committees may wish to ask. Please draw it to the \
attention of your members and your scrutiny committees."""

LEARNING = """\
## Learning from complaints

An investigation can improve a service for many more people than the one who complained. We publish reports and \
guidance drawn from our cases so that councils can learn from problems found elsewhere. The councils that gain most \
treat a complaint as information: they work with us to put things right for the person, then change how they work \
so that the same fault does not happen again."""

TRAINING = """\
## Complaint handling training

We offer training in good complaint handling to councils and to independent care providers. \
{% if courses_delivered %}In {{ year }} we delivered {{ courses_delivered }} courses{% if people_trained %}, \
training {{ people_trained }} people{% endif %}. {% endif %}We also support a network of link officers in \
councils, who share good practice in handling complaints with each other and with us."""

NEW_FORMAT_COMING = """\
## Changes to these letters

From next year these letters will look beyond the number of complaints to what our investigations achieve: how \
often councils put things right, whether they carry out what we recommend, and the improvements to services they \
agree to make. We will also publish an interactive map of council performance, and we will ask councils what they \
would like future letters to contain."""

MEASURES_NEW = """\
## A new format

This is the first letter in our new format. It reports whether councils carried out our recommendations, which we \
publish for the first time this year, and the improvements to services that councils agreed to make, which appear \
on our interactive map of council performance."""

COVID = """\
## The effect of the pandemic

In spring 2020 we stopped accepting new complaints for three months so that councils could concentrate on the \
response to Covid-19. Fewer complaints reached us in {{ year }} as a result, and the figures for this year should \
not be compared with other years."""

NEW_APPROACH = """\
## A change in how we investigate

During {{ year }} we changed how we decide which complaints to investigate in detail, concentrating on those where \
an investigation can achieve most. Uphold rates are higher as a result and should not be compared with the years \
before 2022-23."""

OVERVIEW = """\
Of the {{ decisions }} complaints and enquiries about {{ council }} that we dealt with, {{ not_for_us }} were not \
for us to consider yet or at all, {{ assessed_and_closed }} were assessed and closed, and \
{{ detailed_investigations }} were investigated in detail."""

CODE = """\
## The Complaint Handling Code

The Complaint Handling Code asks each council to publish an annual report on its complaints and on the \
improvements to services that came from them, including this letter. We will apply the Code in our own casework \
from 1 April 2026, and we encourage councils to prepare now."""


CODE_RETURN = """\
## The Complaint Handling Code

Each year councils assess themselves against the Complaint Handling Code and publish a report on their \
complaints and on the improvements to services that came from them. Your councillors should receive that report \
together with this letter. {% if return_received %}We received {{ council }}'s self-assessment for {{ year }} on \
{{ return_received }}; it is published with the council's own complaint figures at {{ return_url }}.\
{% if report_url %} The council's annual complaints report is at {{ report_url }}.{% endif %}{% else %}When this \
letter was issued we had not published a self-assessment from {{ council }} for {{ year }}.{% if return_due %} \
Self-assessments for the year are due by {{ return_due }}; we publish each one we accept at \
{{ return_url }}.{% endif %}{% endif %}

{% if return_received %}By its own figures the council answered {{ stage1_in_time_rate }} of its \
{{ stage1_received }} stage 1 complaints and {{ stage2_in_time_rate }} of its {{ stage2_received }} stage 2 \
complaints within the Code's time (similar authorities {{ similar_stage1_in_time_rate }} and \
{{ similar_stage2_in_time_rate }}). It received {{ own_stage2_per_10k }} stage 2 complaints for every 10,000 \
residents (similar authorities {{ similar_own_stage2_per_10k }}); {{ received_per_10k }} for every 10,000 \
residents reached us.{% endif %}

{% if code_failures %}In {{ code_failures }} of the {{ upheld }} complaints we upheld ({{ code_failure_share }}) we \
found that the council had not followed the Code: {{ code_failures_by_provision }}.{% endif %}"""


def _body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def _text(year, letter_date, body, sender=OMBUDSMAN_SOCIAL_CARE, signatory_name=""):
    return {
        "year": year, "letter_date": letter_date, "sender": sender, "body": body,
        "subject": f"Annual review letter {letter_date.year}",
        "signatory_name": signatory_name, "signatory_title": f"{sender}\n{CHAIR}",
        "by_email": True, "list_copies": True,
    }


D = datetime.date
DEFAULT_TEXTS = [
    _text(2014, D(2015, 7, 15), _body(INTRODUCTION, VOLUMES, UPHELD_VOLUMES, OUR_RECORDS, SCRUTINY, TRAINING),
          sender=OMBUDSMAN),
    _text(2015, D(2016, 7, 20), _body(INTRODUCTION, VOLUMES, UPHELD_VOLUMES, REMEDIED, OUR_RECORDS, SCRUTINY,
                                      LEARNING, TRAINING), sender=OMBUDSMAN),
    _text(2016, D(2017, 7, 19), _body(INTRODUCTION, VOLUMES, UPHELD_VOLUMES, REMEDIED, OUR_RECORDS, SCRUTINY,
                                      LEARNING, TRAINING)),
    _text(2017, D(2018, 7, 18), _body(INTRODUCTION, VOLUMES, UPHELD_VOLUMES, REMEDIED, OUR_RECORDS,
                                      NEW_FORMAT_COMING, SCRUTINY, LEARNING, TRAINING), signatory_name="Michael King"),
    _text(2018, D(2019, 7, 24), _body(INTRODUCTION, MEASURES, MEASURES_NEW, OUR_RECORDS, SCRUTINY, LEARNING,
                                      TRAINING)),
    _text(2019, D(2020, 7, 22), _body(INTRODUCTION, MEASURES, OUR_RECORDS, SCRUTINY, LEARNING, TRAINING)),
    _text(2020, D(2021, 7, 21), _body(INTRODUCTION, COVID, MEASURES, OUR_RECORDS, SCRUTINY, LEARNING, TRAINING)),
    _text(2021, D(2022, 7, 20), _body(INTRODUCTION, MEASURES, OUR_RECORDS, SCRUTINY, LEARNING, TRAINING)),
    _text(2022, D(2023, 7, 19), _body(INTRODUCTION, NEW_APPROACH, MEASURES, OUR_RECORDS, SCRUTINY, LEARNING,
                                      TRAINING)),
    _text(2023, D(2024, 7, 17), _body(INTRODUCTION, MEASURES, OUR_RECORDS, CODE, SCRUTINY, LEARNING, TRAINING)),
    _text(2024, D(2025, 5, 21), _body(INTRODUCTION, OVERVIEW, MEASURES, OUR_RECORDS, CODE, SCRUTINY, LEARNING,
                                      TRAINING)),
    _text(2025, D(2026, 7, 22), _body(INTRODUCTION, OVERVIEW, MEASURES, OUR_RECORDS, CODE_RETURN, SCRUTINY, LEARNING,
                                      TRAINING)),
]

DEFAULT_TRAINING = [{"year": 2017, "courses_delivered": 58, "people_trained": 800}]


def load_defaults(letter_text_model, training_year_model) -> None:
    """Create the years that have no text or training figures yet; never change one that exists."""
    for defaults in DEFAULT_TEXTS:
        letter_text_model.objects.get_or_create(year=defaults["year"], defaults=defaults)
    for defaults in DEFAULT_TRAINING:
        training_year_model.objects.get_or_create(year=defaults["year"], defaults=defaults)
