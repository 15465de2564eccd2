"""What staff write and enter for each reporting year's letters.

The figures in a letter come from the statistics; everything else (the date,
the subject, the text around the figures, who signs it) is the year's
`LetterText`, edited in the admin. The training programme's figures come
from its session records (`upheld.training`), or, for the years before those
were kept, from the totals staff entered in `TrainingYear`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from upheld.letters import merge
from upheld.years import ReportingYear

FIRST_YEAR = 2013  # the scheme's records start on 1 April 2013
FEEDBACK_MAX_LENGTH = 5000

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
    """The training programme's totals for one reporting year, entered by staff.

    Used only for a year with no delivered session recorded in the training
    programme (`upheld.training.models.TrainingSession`): once a year has one,
    its letters print the programme's own figures and this row is ignored
    (`upheld.training.figures.year_figures`).
    """

    year = models.PositiveSmallIntegerField(unique=True, help_text="Starting calendar year: 2017 means 2017-18")
    courses_delivered = models.PositiveIntegerField()
    people_trained = models.PositiveIntegerField()

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"Training {ReportingYear(self.year).label}: {self.courses_delivered} courses"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending, or in doubt if no run is sending now"
    SENT = "sent", "Sent"
    REFUSED = "refused", "Refused by the mail server (sent again on the next run)"


class Delivery(models.Model):
    """One council's letter for one year by email: at most one row, and so at most one letter, each.

    The row is claimed (state "sending") and committed before the mail server
    is spoken to, and marked "sent" once it has accepted the message. A row
    left in "sending" by a run that stopped is in doubt: the server may or may
    not have the message, so it is sent again only when an operator says so
    (see docs/letters.md). It is "sent" only once the server took it for the
    chief executive; taken for the copies alone, it is "refused".
    """

    authority = models.ForeignKey("authorities.Authority", on_delete=models.PROTECT, related_name="deliveries")
    year = models.PositiveSmallIntegerField(help_text="Starting calendar year: 2017 means 2017-18")
    state = models.CharField(max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    message_id = models.CharField("Message-ID", max_length=200, blank=True,
                                  help_text="Deterministic, so a resent letter carries the same Message-ID")
    to = models.EmailField(blank=True, help_text="The chief executive's address when the letter was sent")
    cc = models.JSONField(default=list, blank=True, help_text="The copy list's addresses when it was sent")
    accepted = models.JSONField(default=list, blank=True, help_text="The addresses the mail server took the letter "
                                "for, over every attempt: a letter sent again goes to none of them but the chief "
                                "executive")
    figures_version = models.ForeignKey(
        "releases.FiguresVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The frozen figures the letter carried; empty if they were live (no release scheduled)")
    figures_frozen_at = models.DateTimeField(
        null=True, blank=True, help_text="When those figures were frozen (kept if the version is replaced)")
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="When the last attempt began")
    sent_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="The mail server's refusal, or how an in-doubt letter was settled")

    class Meta:
        ordering = ["year", "authority"]
        verbose_name_plural = "deliveries"
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="one_delivery_per_council_year")]

    def __str__(self) -> str:
        return f"{self.authority} {ReportingYear(self.year).label}: {self.get_state_display()}"


class FeedbackTopic(models.TextChoices):
    FORMAT = "format", "The letter's format"
    CONTENT = "content", "The letter's content"
    FIGURES = "figures", "The figures and tables"
    OTHER = "other", "Something else"


class LetterFeedback(models.Model):
    """A council's comment on its annual review letter: the consultation on the letters' format and content.

    Written by a council user in the portal and read by publishers (`/portal/feedback/`). The user is
    kept (emptied if the account is deleted) so a comment can be followed up; the council stays.
    """

    authority = models.ForeignKey("authorities.Authority", on_delete=models.PROTECT, related_name="letter_feedback")
    year = models.PositiveSmallIntegerField(help_text="Starting calendar year of the letter: 2017 means 2017-18")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    submitted = models.DateTimeField(default=timezone.now)
    about = models.CharField(max_length=10, choices=FeedbackTopic.choices)
    text = models.TextField(max_length=FEEDBACK_MAX_LENGTH)
    usefulness = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="How useful the council found the letter, from 1 (not at all) to 5 (very); empty if not given")

    class Meta:
        ordering = ["-submitted", "-id"]
        verbose_name_plural = "letter feedback"
        indexes = [models.Index(fields=["year", "authority"], name="feedback_year_council")]

    def __str__(self) -> str:
        return f"{self.authority} {ReportingYear(self.year).label}: feedback on {self.get_about_display().lower()}"


class LetterIssueQuerySet(models.QuerySet):
    def public(self, now=None):
        """The letters of the figures versions the public may see (the rule is `upheld.releases.visibility`'s)."""
        from upheld.releases import visibility

        return visibility.public_letters(self, now)


class LetterIssue(models.Model):
    """The year's letters as the councils were sent them: everything but the figures, frozen with a figures
    version (`upheld.letters.issue`).

    Scheduling a release freezes the letter text, the training paragraph's figures, every council's addressee
    and copy list and the year's published self-assessment returns beside the figures, so the letter a chief
    executive receives under embargo and the one the public reads after the release are the same letter,
    whatever is edited or accepted afterwards. A
    revision issues the same letters again with the corrected figures and a note saying so.
    """

    figures_version = models.OneToOneField("releases.FiguresVersion", on_delete=models.CASCADE,
                                           related_name="letter_issue")
    text = models.JSONField(help_text="The year's letter text as it was when the letters were issued")
    training = models.JSONField(null=True, blank=True, help_text="The training programme's figures for the year")
    contacts = models.JSONField(help_text="Each council's addressee and copy list: role → name, by council id")
    code_returns = models.JSONField(
        default=dict, blank=True,
        help_text="The year's Complaint Handling Code returns published when the letters were issued (received, "
                  "report link, own figures), by council id: the letters say what was published then")

    objects = LetterIssueQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Letters issued with the {self.figures_version}"
