"""Case-level records: the only source of every published figure.

The vocabularies (categories, outcomes, remedies, compliance outcomes) carry
the exact names of DESIGN §2, which are also the names accepted by imports and
printed in letters. The rules that keep the records consistent live in
`upheld.casework.rules`, shared by the admin, the imports and the generators.

Each record edited through the casework screens carries a `version`, raised
by one on every change the screens make (`upheld.casework.services`), so a
save based on an out-of-date copy is refused instead of silently overwriting
someone else's work. It has a database default so bulk inserts that do not
name it (imports, the demonstration data) still work.
"""

from django.core.exceptions import ValidationError
from django.db import models

from upheld.authorities.models import Authority
from upheld.casework import rules
from upheld.casework.vocabulary import (
    Category,
    ComplianceResult,
    Outcome,
    RecommendationKind,
    Remedy,
)


def _version() -> models.PositiveIntegerField:
    return models.PositiveIntegerField(default=1, db_default=1, editable=False,
                                       help_text="Raised by one on each change made through the casework screens")


class Case(models.Model):
    """A complaint or enquiry about one authority."""

    reference = models.CharField(max_length=20, unique=True)
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="cases")
    received = models.DateField()
    category = models.CharField(max_length=20, choices=Category.choices)
    subcategory = models.CharField(max_length=100, blank=True)
    synthetic = models.BooleanField(default=False, help_text="Generated demonstration data")
    # Personal data: only casework screens show it (to those allowed to see
    # it), nothing published or sent to councils carries it, and
    # `upheld anonymise-expired` clears it once the case is past retention.
    # Database defaults, so bulk inserts that do not name them still work.
    complainant_name = models.CharField(max_length=200, blank=True, default="", db_default="")
    complainant_email = models.EmailField(blank=True, default="", db_default="")
    complainant_phone = models.CharField(max_length=40, blank=True, default="", db_default="")
    complainant_address = models.TextField(blank=True, default="", db_default="")
    version = _version()

    PERSONAL_FIELDS = ("complainant_name", "complainant_email", "complainant_phone", "complainant_address")

    class Meta:
        ordering = ["-received", "reference"]
        indexes = [models.Index(fields=["received", "authority"], name="case_received_authority")]
        permissions = [("view_personal_data", "Can see complainants' personal data")]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        if self.authority_id and self.received:
            _raise(rules.case_problems(self.authority, self.received))


class Decision(models.Model):
    """The outcome of a case; one per case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="decision")
    decided = models.DateField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    remedy = models.CharField(max_length=30, choices=Remedy.choices, blank=True)
    version = _version()

    class Meta:
        ordering = ["-decided"]
        indexes = [models.Index(fields=["decided"], name="decision_decided")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_outcome_display()}"

    def clean(self) -> None:
        received = self.case.received if self.case_id else None
        _raise(rules.decision_problems(received, self.decided, self.outcome, self.remedy))


class Recommendation(models.Model):
    """Something the council was asked to do, with the date it was due."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recommendations")
    kind = models.CharField(max_length=10, choices=RecommendationKind.choices)
    text = models.TextField()
    due = models.DateField()
    version = _version()

    class Meta:
        ordering = ["due"]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_kind_display()} due {self.due}"


class ComplianceOutcome(models.Model):
    """Whether the council did what was recommended, recorded when its evidence is checked."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="compliance")
    recorded = models.DateField()
    outcome = models.CharField(max_length=15, choices=ComplianceResult.choices)
    # What the council sent and what was checked: the record behind the outcome.
    evidence = models.TextField(blank=True, default="", db_default="")
    version = _version()

    class Meta:
        ordering = ["-recorded"]
        indexes = [models.Index(fields=["recorded"], name="compliance_recorded")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_outcome_display()}"

    def clean(self) -> None:
        if self.case_id and self.recorded:
            decision = getattr(self.case, "decision", None)
            _raise(rules.compliance_problems(
                decision.decided if decision else None, decision.outcome if decision else None, self.recorded
            ))


def _raise(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)
