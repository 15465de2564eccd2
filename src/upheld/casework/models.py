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

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.db.models.lookups import In

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
    # One of the category's listed subcategories (`Subcategory`), by its listed name: the name letters, the
    # spreadsheets and the statements made from the case print.
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
    # What the complaint is about, in the caseworker's words: it may name people, so it is personal data too.
    summary = models.TextField("summary of the complaint", blank=True, default="", db_default="")
    version = _version()

    PERSONAL_FIELDS = ("summary", "complainant_name", "complainant_email", "complainant_phone", "complainant_address")

    class Meta:
        ordering = ["-received", "reference"]
        indexes = [models.Index(fields=["received", "authority"], name="case_received_authority")]
        permissions = [("view_personal_data", "Can see complainants' personal data")]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        problems = rules.case_problems(self.authority, self.received) if self.authority_id and self.received else {}
        if self.category:
            listed = Subcategory.objects.listed(self.category)
            if self.subcategory and (name := listed.get(rules.subcategory_key(self.subcategory))):
                self.subcategory = name  # as the list spells it
            problems |= rules.subcategory_problems(self.category, self.subcategory, listed)
        _raise(problems)


class SubcategoryQuerySet(models.QuerySet):
    def listed(self, category: str | None = None) -> dict:
        """The listed names by `rules.subcategory_key`: of `category`, or of every category by (category, key)."""
        if category is not None:
            return {rules.subcategory_key(name): name
                    for name in self.filter(category=category).values_list("name", flat=True)}
        return {(code, rules.subcategory_key(name)): name for code, name in self.values_list("category", "name")}


class Subcategory(models.Model):
    """A subcategory a case of its category may be filed under: the list staff keep (in the admin), which the
    casework screens offer and the imports hold spellings to, so that "school transport" and "School transport"
    are one subcategory. Names are unique within a category whatever their capitals and spaces."""

    category = models.CharField(max_length=20, choices=Category.choices)
    name = models.CharField(max_length=100)

    objects = SubcategoryQuerySet.as_manager()

    class Meta:
        ordering = ["category", "name"]
        verbose_name_plural = "subcategories"
        constraints = [models.UniqueConstraint(models.F("category"), Lower("name"), name="subcategory_unique_name")]

    def __str__(self) -> str:
        return f"{self.get_category_display()} > {self.name}"

    def clean(self) -> None:
        self.name = " ".join(self.name.split())
        if self.category and Subcategory.objects.exclude(pk=self.pk).filter(
                category=self.category, name__iexact=self.name).exists():
            raise ValidationError({"name": f"{self.get_category_display()} already has this subcategory"})


class Decision(models.Model):
    """The outcome of a case; one per case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="decision")
    decided = models.DateField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    remedy = models.CharField(max_length=30, choices=Remedy.choices, blank=True)
    version = _version()

    class Meta:
        ordering = ["-decided"]
        # `case, decided`: a council's decisions of a year, found from its cases without reading a decision's row
        # (`RecommendationQuerySet.of_decisions`).
        indexes = [models.Index(fields=["decided"], name="decision_decided"),
                   models.Index(fields=["case", "decided"], name="decision_case_decided")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_outcome_display()}"

    def clean(self) -> None:
        received = self.case.received if self.case_id else None
        first_due = self.case.recommendations.aggregate(first=models.Min("due"))["first"] if self.case_id else None
        _raise(rules.decision_problems(received, self.decided, self.outcome, self.remedy, first_due))
        if self.decided is not None and (self.pk is not None or getattr(self, "code_failures_to_record", None)):
            # The Code's findings stand on the decision's date and outcome (the app builds on casework: imported here).
            from upheld.code.findings import recorded_failures_problems

            _raise(recorded_failures_problems(self))


# A publisher's review stands for the text it was about: once the text is not that text, by whatever path
# it was written (a screen, the admin, an import, a bulk update), the review no longer applies.
_REVIEW_APPLIES = models.Q(kind=RecommendationKind.SERVICE_IMPROVEMENT, reviewed_at__isnull=False,
                           reviewed_text=models.F("text"))


class _FoundFirst(In):
    """`lhs IN (subquery)` with the subquery run first, on its own. PostgreSQL folds a plain `IN (SELECT ...)`
    into a join and orders the joins by its estimates; `= ANY(ARRAY(SELECT ...))` it runs once, before the
    query, and reaches the query's rows through `lhs`'s index."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


class RecommendationQuerySet(models.QuerySet):
    """Which service improvements the public may read, and where each stands in a publisher's review:
    the only place that reads the review's fields to decide either (`upheld.casework.improvements`)."""

    def public_service_improvements(self, today: datetime.date | None = None):
        """The service improvements anyone may read on `today` (the rule is `upheld.releases.visibility`'s).
        Which years' pages list them is the pages' affair: only released years have pages."""
        from upheld.releases import visibility

        return visibility.public_service_improvements(self, today)

    def of_decisions(self, decisions):
        """Those of the cases `decisions` (a `Decision` queryset) decided, found from those decisions.

        Why not a join: PostgreSQL cannot estimate the review's condition (`reviewed_text = text` compares
        two columns; it expects a few rows where a quarter of all recommendations may be approved), so joined to
        a council's decisions it starts from the approved improvements of every council and year, and looks
        each one's case up (230 ms of a council's page at ten times the national casework). The
        decisions are found first instead (from the council's cases, `decision_case_decided`), and their
        recommendations through `case`'s index."""
        return self.filter(_FoundFirst(models.F("case"), decisions.order_by().values("case")))

    def awaiting_review(self):
        """Service improvements never reviewed, or changed since their review."""
        return self.filter(kind=RecommendationKind.SERVICE_IMPROVEMENT).exclude(_REVIEW_APPLIES)

    def approved_improvements(self):
        """Approved as they stand (public once their decision is old enough)."""
        return self.filter(_REVIEW_APPLIES, approved=True)

    def refused_improvements(self):
        """Refused as they stand: they wait for their text to change."""
        return self.filter(_REVIEW_APPLIES, approved=False)

    def with_review_state(self):
        """Each annotated with `review_applies`: whether its last review was about the text as it stands."""
        return self.annotate(review_applies=models.ExpressionWrapper(_REVIEW_APPLIES,
                                                                     output_field=models.BooleanField()))


class Recommendation(models.Model):
    """Something the council was asked to do, with the date it was due.

    A service improvement is also published, on the council's pages, once a publisher has approved its
    text (`upheld.casework.improvements`): the review fields record that decision and the exact text it
    was about, so an edit of the text, by any path, puts it back in the publisher's queue.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recommendations")
    kind = models.CharField(max_length=10, choices=RecommendationKind.choices)
    text = models.TextField()
    due = models.DateField()
    version = _version()
    # A publisher's review of a service improvement. Database defaults, so bulk inserts that do not name them
    # (the demonstration data) write unreviewed rows.
    reviewed_text = models.TextField(blank=True, default="", db_default="", editable=False,
                                     help_text="The text the publisher approved or refused")
    approved = models.BooleanField("approved for publication", default=False, db_default=False, editable=False)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewer_name = models.CharField(max_length=150, blank=True, default="", db_default="", editable=False,
                                     help_text="The publisher's name at the time, or the step that approved it")
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_reason = models.TextField(blank=True, default="", db_default="", editable=False,
                                     help_text="Why it was refused, or published despite the anonymisation check")

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["due"]
        permissions = [("approve_service_improvement", "Can approve service improvements for publication")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_kind_display()} due {self.due}"

    @property
    def guard_findings(self) -> list[dict]:
        """What the anonymisation guard finds in the text now (as a statement's `guard_findings`)."""
        from upheld.decisions import guard

        return [finding.as_json() for finding in guard.check_text(self.text, "text")]

    def clean(self) -> None:
        decision = getattr(self.case, "decision", None) if self.case_id else None
        _raise(rules.due_problems(decision.decided if decision else None, self.due))


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
