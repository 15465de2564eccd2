"""What staff write and enter for each reporting year's letters.

The figures in a letter come from the statistics; everything else (the date,
the subject, the text around the figures, who signs it) is the year's
`LetterText`, edited in the admin. The training programme's figures are
entered by staff too, in `TrainingYear`, because they are not casework.
"""

from django.core.exceptions import ValidationError
from django.db import models

from upheld.letters import merge
from upheld.years import ReportingYear

FIRST_YEAR = 2013  # the scheme's records start on 1 April 2013

class LetterText(models.Model):
    year = models.PositiveSmallIntegerField(
        unique=True, help_text="Starting calendar year: 2017 means the letters on 2017-18"
    )
    letter_date = models.DateField(help_text="The date printed on the letters; also the PDF's creation date")
    sender = models.CharField(
        max_length=120, help_text="The scheme's name at the head of the letter, as it was that year"
    )
    subject = models.CharField(max_length=200, help_text="May use merge fields, e.g. Annual review letter 2018")
    body = models.TextField(
        help_text="Paragraphs separated by blank lines; a paragraph starting with '## ' is a heading. "
        "Merge fields (listed on this page) in Django template syntax, e.g. {% if courses_delivered %}…{% endif %}"
    )
    signatory_name = models.CharField(max_length=120, blank=True, help_text="Leave empty to sign with the title only")
    signatory_title = models.TextField(help_text="One line per line of the signature")
    by_email = models.BooleanField("by email", default=True, help_text='Print "By email" above the address')
    list_copies = models.BooleanField(
        default=True,
        help_text="List the link officer, leader, scrutiny chair and monitoring officer to whom the letter is copied",
    )

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"Letter text {self.reporting_year.label}"

    @property
    def reporting_year(self) -> ReportingYear:
        return ReportingYear(self.year)

    def clean(self) -> None:
        errors = {name: found for name in ("subject", "body") if (found := merge.problems(getattr(self, name)))}
        if self.year is not None and self.year < FIRST_YEAR:
            errors["year"] = [f"the scheme's records start in {ReportingYear(FIRST_YEAR).label}"]
        if errors:
            raise ValidationError(errors)


class TrainingYear(models.Model):
    """The complaint-handling training programme's figures for one reporting year."""

    year = models.PositiveSmallIntegerField(unique=True, help_text="Starting calendar year: 2017 means 2017-18")
    courses_delivered = models.PositiveIntegerField()
    people_trained = models.PositiveIntegerField()

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"Training {ReportingYear(self.year).label}: {self.courses_delivered} courses"
