"""Councils' yearly self-assessment returns against the Code.

A return (`SelfAssessment`) is one council's for one reporting year. Its content lives in `Version`s: the
council drafts one (the only version that can change), submits it (it becomes immutable, numbered and stamped
with who and when), and may revise it (a new draft, copied from the last, submitted as the next number). A
publisher accepts one submitted version; `accepted_version` is the only part of a return that can ever be
public (`upheld.releases.visibility.public_return_versions`), and a later revision stays private until a
publisher accepts it in turn.

The council's own figures are its complaints at the two stages of the Code: received, answered within the
Code's time, extended (stage 1) and upheld. `figures_problems` is their one consistency rule, used by the
portal's forms and the import alike.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from upheld.years import ReportingYear

# The council's own figures, in the order forms, imports and downloads give them.
FIGURES = (
    ("stage1_received", "Stage 1 complaints received"),
    ("stage1_in_time", "Stage 1 answered within the Code's time"),
    ("stage1_extended", "Stage 1 extended"),
    ("stage1_upheld", "Stage 1 upheld"),
    ("stage2_received", "Stage 2 complaints received"),
    ("stage2_in_time", "Stage 2 answered within the Code's time"),
    ("stage2_upheld", "Stage 2 upheld"),
)
# Each figure that is a part of a stage's complaints received.
PART_OF = {"stage1_in_time": "stage1_received", "stage1_extended": "stage1_received",
           "stage1_upheld": "stage1_received", "stage2_in_time": "stage2_received",
           "stage2_upheld": "stage2_received"}


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"


class Answer(models.TextChoices):
    FOLLOWS = "follows", "Follows"
    PARTLY = "partly", "Partly follows"
    DOES_NOT_FOLLOW = "does not follow", "Does not follow"


class Source(models.TextChoices):
    PORTAL = "portal", "Council portal"
    IMPORT = "import", "Imported"


def figures_problems(values: dict[str, int | None], required: bool = True) -> dict[str, str]:
    """Why the council's own figures do not hold together, by field: each part no more than its stage's
    complaints received; with `required`, every figure given (a submitted version has them all)."""
    labels = dict(FIGURES)
    problems = {}
    for name, label in FIGURES:
        value = values.get(name)
        if value is None:
            if required:
                problems[name] = "give a number (0 if none)"
        elif value < 0:
            problems[name] = f"{label} cannot be negative"
    for part, whole in PART_OF.items():
        if part not in problems and values.get(part) is not None and values.get(whole) is not None \
                and values[part] > values[whole]:
            problems[part] = f"more than the {labels[whole].lower()} ({values[whole]})"
    return problems


def return_years(today: datetime.date) -> list[int]:
    """The years councils may make returns for, newest first: from the first year any edition of the Code
    applies to returns, to the last reporting year that has ended by `today`."""
    from upheld.code.editions import Edition

    first = Edition.objects.aggregate(first=models.Min("first_return_year"))["first"]
    last = ReportingYear.containing(today).start_year - 1
    return [] if first is None else list(range(last, first - 1, -1))


def default_due(year: int) -> datetime.date:
    """The default deadline: 30 September after the reporting year ends (2024-25's is 30 September 2025)."""
    return datetime.date(year + 1, 9, 30)


class SelfAssessmentQuerySet(models.QuerySet):
    def public(self):
        """Returns a publisher accepted: the rule is `upheld.releases.visibility`'s."""
        from upheld.releases import visibility

        return visibility.public_returns(self)


class VersionQuerySet(models.QuerySet):
    def public(self):
        """Each accepted return's accepted version, and nothing else (`upheld.releases.visibility`)."""
        from upheld.releases import visibility

        return visibility.public_return_versions(self)


class ProvisionAnswerQuerySet(models.QuerySet):
    def public(self):
        from upheld.releases import visibility

        return visibility.public_return_answers(self)


class ReturnDeadline(models.Model):
    """When the returns of a year are due, where staff set it; otherwise `default_due`."""

    year = models.PositiveSmallIntegerField(unique=True, help_text="Starting calendar year: 2024 means 2024-25")
    due = models.DateField()

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{ReportingYear(self.year)} returns due {self.due:%d %B %Y}"

    @classmethod
    def due_for(cls, year: int) -> datetime.date:
        stored = cls.objects.filter(year=year).values_list("due", flat=True).first()
        return stored or default_due(year)


class SelfAssessment(models.Model):
    """One council's return for one reporting year."""

    authority = models.ForeignKey("authorities.Authority", on_delete=models.PROTECT, related_name="code_returns")
    year = models.PositiveSmallIntegerField(help_text="Starting calendar year: 2024 means 2024-25")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    accepted_version = models.OneToOneField(
        "Version", on_delete=models.PROTECT, null=True, blank=True, related_name="accepted_for",
        help_text="The version a publisher accepted: the only part of a return that can be public")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "authority__name"]
        verbose_name = "self-assessment return"
        permissions = [("accept_return", "Can accept a submitted self-assessment return (it becomes public)")]
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="one_return_per_council_year")]

    def __str__(self) -> str:
        return f"{self.authority} {self.reporting_year} self-assessment"

    @property
    def reporting_year(self) -> ReportingYear:
        return ReportingYear(self.year)

    @property
    def due(self) -> datetime.date:
        return ReturnDeadline.due_for(self.year)

    def draft(self) -> Version | None:
        return self.versions.filter(submitted_at__isnull=True).first()

    def submitted_versions(self):
        return self.versions.filter(submitted_at__isnull=False).order_by("number")

    def latest_submitted(self) -> Version | None:
        return self.submitted_versions().last()


class Version(models.Model):
    """One version of a return: a draft until submitted, then never changed (`save` refuses)."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(help_text="1 for the first submission, 2 for the first revision…")
    stage1_received = models.PositiveIntegerField(null=True, blank=True)
    stage1_in_time = models.PositiveIntegerField(null=True, blank=True)
    stage1_extended = models.PositiveIntegerField(null=True, blank=True)
    stage1_upheld = models.PositiveIntegerField(null=True, blank=True)
    stage2_received = models.PositiveIntegerField(null=True, blank=True)
    stage2_in_time = models.PositiveIntegerField(null=True, blank=True)
    stage2_upheld = models.PositiveIntegerField(null=True, blank=True)
    report_url = models.URLField("annual complaints report", blank=True,
                                 help_text="The council's annual complaints performance and service improvement "
                                           "report")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PORTAL)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="one_return_version_per_number"),
            models.UniqueConstraint(fields=["assessment"], condition=models.Q(submitted_at__isnull=True),
                                    name="one_draft_per_return"),
        ]

    def __str__(self) -> str:
        state = "draft" if self.submitted_at is None else f"version {self.number}"
        return f"{self.assessment}, {state}"

    def save(self, *args, **kwargs):
        if self.pk is not None and Version.objects.filter(pk=self.pk, submitted_at__isnull=False).exists():
            raise ValueError(f"{self} was submitted and cannot change: revise the return instead")
        super().save(*args, **kwargs)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def figures(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name, _ in FIGURES}

    def clean(self) -> None:
        if problems := figures_problems(self.figures(), required=False):
            raise ValidationError(problems)


class ProvisionAnswer(models.Model):
    """A version's answer for one provision: whether the council follows it, why, and where the evidence is."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="answers")
    provision = models.ForeignKey("code.Provision", on_delete=models.PROTECT, related_name="answers")
    answer = models.CharField(max_length=20, choices=Answer.choices)
    explanation = models.TextField(blank=True)
    evidence_url = models.URLField("evidence", blank=True)

    objects = ProvisionAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["version", "provision"]
        constraints = [models.UniqueConstraint(fields=["version", "provision"], name="one_answer_per_provision")]

    def __str__(self) -> str:
        return f"{self.provision.number}: {self.get_answer_display()}"

    def save(self, *args, **kwargs):
        if Version.objects.filter(pk=self.version_id, submitted_at__isnull=False).exists():
            raise ValueError(f"{self.version} was submitted and cannot change: revise the return instead")
        super().save(*args, **kwargs)


def answer_problems(answer: str, explanation: str) -> dict[str, str]:
    """An answer other than "follows" says why."""
    if answer not in Answer.values:
        return {"answer": f"{answer!r} is not one of: {', '.join(Answer.values)}"}
    if answer != Answer.FOLLOWS and not explanation.strip():
        return {"explanation": "explain in what way the council does not (fully) follow the provision"}
    return {}
