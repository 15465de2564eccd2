"""Decision statements, their publication log, and the Ombudsman's reports.

A statement is the anonymised published text of one decision. Whether the
public may see it is worked out from its own fields (`publication_rules`):
everything except the three-month wait is folded into `publishable` when the
statement is saved, so that a search needs one indexed column and a date
comparison, not the rules, to know what it may show.

A statement's id is its decision's day number × 2**20 plus a running number
(`StatementIds`), so that id order is decision-date order. The full-text
index returns matches in id order without sorting them, and that is what
lets a search for a word in every statement stop after the newest thousand
matches instead of ranking all of them (`upheld.decisions.search`). The id
is given once, when the statement is created, so the decision date cannot
change afterwards: a wrong one is corrected by withdrawing the statement and
recording it again.

A statement names its case by reference rather than by a foreign key to the
casework decision: the demonstration data replaces a whole scheme's cases
with one DELETE per table, which a foreign key would turn into Django
collecting every decision in memory, and a statement may be imported before
(or without) its casework. `Statement.decision` follows the reference.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone

from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Category, Remedy
from upheld.releases import visibility


class StatementOutcome(models.TextChoices):
    """The decisions a statement is published for; codes as in `casework.vocabulary.Outcome`."""

    UPHELD = "upheld", "Upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    CLOSED_AFTER_INITIAL = "closed_initial", "Closed after initial enquiries"


class Withheld(models.TextChoices):
    """Why a statement is not published, whatever else is true of it."""

    PREMATURE = "premature", "Premature complaint"
    UNDER_REVIEW = "under_review", "Decision under review"
    PERSONS_INTEREST = "persons_interest", "Not in the person's interest to publish"


# The body's sections, in order. "What I found" (an investigation) and "My
# assessment" (a complaint closed after initial enquiries) are alternatives.
SECTION_HEADINGS = (
    "The complaint",
    "The Ombudsman's role and powers",
    "How I considered this complaint",
    "What I found",
    "My assessment",
    "Agreed action",
    "Final decision",
)
_HEADING_KEYS = {heading.casefold(): heading for heading in SECTION_HEADINGS}
# Characters a statement may not hold: every control character but tab and newline.
TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def reference_slug(reference: str) -> str:
    """`22 000 114` → `22-000-114`: the statement's address."""
    return re.sub(r"[^a-z0-9]+", "-", reference.lower()).strip("-")


def heading_of(line: str) -> str | None:
    """The section heading a line of the body is, if it is one."""
    key = " ".join(line.replace("\u2019", "'").split()).rstrip(":").casefold()
    return _HEADING_KEYS.get(key)


# `publishable` too, though the indexes hold only public rows: SQLite reads
# the table for any column of the query that is not in the index.
FILTER_COLUMNS = ("authority", "category", "outcome", "remedy", "has_service_improvement", "publishable")
DAY_SHIFT = 20  # a statement's id is its decision day's number << DAY_SHIFT, plus n


class StatementId(models.BigIntegerField):
    """A 64-bit id declared INTEGER on SQLite, so that it is the table's rowid:
    rows are stored in id order and the full-text index's rowid is the id."""

    def db_type(self, connection) -> str:
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class StatementIds:
    """Allocates ids for new statements: day number << DAY_SHIFT, then the next
    free number of that day. One allocator per batch remembers each day's
    next number, so a bulk insert asks the database once (`preload`)."""

    def __init__(self) -> None:
        self.next: dict[int, int] = {}

    def preload(self) -> StatementIds:
        shift = 1 << DAY_SHIFT
        rows = (Statement.objects.annotate(day=models.F("id") / shift).values("day")
                .annotate(last=models.Max("id")).values_list("day", "last"))
        self.next = {day: last + 1 for day, last in rows}
        return self

    def __call__(self, decided: datetime.date) -> int:
        day = decided.toordinal()
        if day not in self.next:
            first = day << DAY_SHIFT
            last = (Statement.objects.filter(id__gte=first, id__lt=first + (1 << DAY_SHIFT))
                    .aggregate(last=models.Max("id"))["last"])
            self.next[day] = first if last is None else last + 1
        value = self.next[day]
        if value >> DAY_SHIFT != day:
            raise ValueError(f"more than {1 << DAY_SHIFT:,} statements decided on {decided}")
        self.next[day] = value + 1
        return value


class StatementQuerySet(models.QuerySet):
    def public(self, today: datetime.date | None = None):
        """Statements anyone may read today (the rule is `upheld.releases.visibility`'s)."""
        return visibility.public_statements(self, today)

    def awaiting_publisher(self):
        """Statements no publisher has decided on yet: not marked for publication, not withheld, not withdrawn
        (the staff home's and work dashboard's count, and the admin list's filter that shows them)."""
        return self.filter(publish=False, withheld="", withdrawn=False)


class Statement(models.Model):
    """The short fields come first and the texts last: SQLite stores a row's
    columns in this order, and a search that checks a filter on thousands of
    rows then reads only the start of each, not its few kilobytes of text."""

    id = StatementId(primary_key=True, editable=False)
    reference = models.CharField(max_length=20, unique=True, help_text="The case reference, e.g. 22 000 114")
    slug = models.SlugField(max_length=30, unique=True, editable=False)
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="statements")
    category = models.CharField(max_length=20, choices=Category.choices)
    subcategory = models.CharField(max_length=100, blank=True)
    outcome = models.CharField(max_length=20, choices=StatementOutcome.choices)
    remedy = models.CharField(max_length=30, choices=Remedy.choices, blank=True,
                              help_text="Upheld decisions: how the injustice was put right")
    decided = models.DateField("decision date")
    has_service_improvement = models.BooleanField(default=False, editable=False)
    publishable = models.BooleanField(default=False, editable=False,
                                      help_text="Every rule but the three-month wait is met")
    # Not published until someone allowed to publish says so (`publication_rules.PUBLISH`).
    publish = models.BooleanField(default=False, help_text="Publish once the rules allow")
    withheld = models.CharField(max_length=20, choices=Withheld.choices, blank=True)
    withdrawn = models.BooleanField(default=False, editable=False)
    synthetic = models.BooleanField(default=False, help_text="Generated demonstration data")
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)
    guard_released_for = models.CharField(max_length=64, blank=True, editable=False)
    search_facets = models.CharField(max_length=200, blank=True, editable=False,
                                     help_text="The filters' values as words for the SQLite full-text index")

    summary = models.TextField(help_text="One paragraph: what the complaint was about, fault, injustice, remedy")
    body = models.TextField(help_text="The sections, each after its heading on a line of its own")
    remedies = models.TextField(blank=True, help_text="Personal remedies agreed, one a line")
    service_improvements = models.TextField(blank=True, help_text="Service improvements agreed, one a line")
    withheld_reason = models.TextField(blank=True)
    guard_findings = models.JSONField(default=list, blank=True, editable=False,
                                      help_text="What the anonymisation check found in the text")
    guard_release_reason = models.TextField(blank=True, editable=False)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-decided", "-id"]
        # The public statements newest first, with every filter's column: a
        # search's filters and counts are answered from an index alone.
        indexes = [
            models.Index(fields=["-decided", "-id", *FILTER_COLUMNS], name="statement_public",
                         condition=models.Q(publishable=True)),
            models.Index(fields=["authority", "-decided", "-id", *FILTER_COLUMNS[1:]], name="statement_council",
                         condition=models.Q(publishable=True)),
            # The subcategories the search offers (`search.subcategories`), read in order from this index alone.
            models.Index(fields=["category", "subcategory", "decided", "publishable"],
                         name="statement_subcategories", condition=models.Q(publishable=True)),
        ]
        # Publishing is given apart from changing: caseworkers draft, publishers publish.
        permissions = [("publish_statement", "Can publish, withdraw, withhold and release statements")]

    def __str__(self) -> str:
        return f"{self.reference} ({self.authority.short_name})"

    def save(self, *args, **kwargs) -> None:
        """Every save re-derives the slug, the guard's findings and `publishable`."""
        from upheld.decisions import publication_rules

        for name, value in publication_rules.derived(self.__dict__).items():
            setattr(self, name, value)
        if self.id is None:
            self.id = StatementIds()(self.decided)
        elif self.id >> DAY_SHIFT != self.decided.toordinal():
            raise ValueError(f"{self.reference}: a statement's decision date cannot change once it is recorded "
                             "(its id, and so its place in every search, follows from it); withdraw it and "
                             "record the corrected one")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *publication_rules.DERIVED_FIELDS, "updated"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("decisions:statement", args=[self.slug])

    @property
    def decision(self):
        """The casework decision of the same reference, if the system holds it."""
        from upheld.casework.models import Decision

        return Decision.objects.filter(case__reference=self.reference).select_related("case").first()

    def clean(self) -> None:
        from upheld.decisions import publication_rules

        problems = publication_rules.field_problems(
            outcome=self.outcome, remedy=self.remedy, withheld=self.withheld, withheld_reason=self.withheld_reason,
            texts={name: getattr(self, name) for name in publication_rules.TEXT_FIELDS})
        if problems:
            raise ValidationError(problems)

    @property
    def findings_heading(self) -> str:
        return "My assessment" if self.outcome == StatementOutcome.CLOSED_AFTER_INITIAL else "What I found"

    def sections(self) -> list[tuple[str, list[str]]]:
        """The body as (heading, paragraphs); text before the first heading has an empty heading."""
        sections: list[tuple[str, list[str]]] = []
        for line in self.body.splitlines():
            heading = heading_of(line)
            if heading:
                sections.append((heading, []))
            elif line.strip():
                if not sections:
                    sections.append(("", []))
                sections[-1][1].append(line.strip())
        return sections

    def remedy_lines(self) -> list[str]:
        return [line.strip() for line in self.remedies.splitlines() if line.strip()]

    def improvement_lines(self) -> list[str]:
        return [line.strip() for line in self.service_improvements.splitlines() if line.strip()]

    @property
    def guard_released(self) -> bool:
        from upheld.decisions.guard import fingerprint

        return bool(self.guard_findings) and self.guard_released_for == fingerprint(self.guard_findings)


class EventAction(models.TextChoices):
    IMPORTED = "imported", "Imported"
    GENERATED = "generated", "Generated (demonstration)"
    EDITED = "edited", "Edited"
    FLAGGED = "flagged", "Possible personal data found"
    RELEASED = "released", "Released despite the anonymisation check"
    WITHHELD = "withheld", "Withheld"
    UNWITHHELD = "unwithheld", "No longer withheld"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REINSTATED = "reinstated", "Reinstated"
    MARKED = "marked", "Marked for publication"
    UNMARKED = "unmarked", "No longer marked for publication"


class StatementEvent(models.Model):
    """Who did what to a statement's publication, when and why. Rows are only
    ever added: a correction is a new event, not an edit of an old one."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_name = models.CharField(max_length=150, help_text="The user's name at the time, or the command")
    action = models.CharField(max_length=12, choices=EventAction.choices)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["statement", "at", "id"]

    def __str__(self) -> str:
        return f"{self.statement.reference}: {self.get_action_display()} by {self.actor_name}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("statement events are never changed once recorded")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("statement events are never deleted")


# Reports ---------------------------------------------------------------------


def report_files() -> FileSystemStorage:
    """Uploaded reports live under the var directory, beside the database, and
    are served by the report's own view, not as public media."""
    return FileSystemStorage(location=settings.VAR_DIR / "media")


class ResponseOutcome(models.TextChoices):
    SATISFIED = "satisfied", "Ombudsman satisfied"
    FURTHER_REPORT = "further_report", "Further report issued"


class PublicInterestReportQuerySet(models.QuerySet):
    def public(self, today: datetime.date | None = None, since: datetime.date | None = None):
        """Reports issued by today (and after `since`): the public's (the rule is `upheld.releases.visibility`'s)."""
        return visibility.issued_reports(self, today, since)


class PublicInterestReport(models.Model):
    """A formal report about a council (Local Government Act 1974 s.30), and
    the council's duty under s.31 to consider it and reply within three months."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="public_interest_reports")
    reference = models.CharField(max_length=20, blank=True, help_text="The case reference the report is about")
    issued = models.DateField(help_text="Date the report was issued to the council")
    title = models.CharField(max_length=200)
    summary = models.TextField()
    pdf = models.FileField(upload_to="reports/public-interest/", storage=report_files, blank=True,
                           help_text="The report as published")
    notice_given = models.DateField(null=True, blank=True, help_text="Date the council gave public notice")
    response_received = models.DateField(null=True, blank=True, help_text="Date the council's s.31 reply arrived")
    response_text = models.TextField(blank=True, help_text="The council's reply: what it has done or will do "
                                     "(submitted in the council portal, shown on the report's page)")
    response_outcome = models.CharField(max_length=20, choices=ResponseOutcome.choices, blank=True)
    outcome_date = models.DateField(null=True, blank=True,
                                    help_text="Date of the letter of satisfaction or of the further report")
    follows = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="further_reports",
                                help_text="The earlier report a further report follows")
    last_reminder = models.DateField(null=True, blank=True, editable=False)
    synthetic = models.BooleanField(default=False)

    objects = PublicInterestReportQuerySet.as_manager()

    class Meta:
        ordering = ["-issued", "-id"]
        indexes = [models.Index(fields=["authority", "-issued"], name="pir_council_issued")]

    def __str__(self) -> str:
        return f"{self.authority.short_name}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:report", args=[self.pk])

    @property
    def duty(self):
        from upheld.decisions.reports import duty_of

        return duty_of(self)

    def clean(self) -> None:
        from upheld.decisions.reports import report_problems

        problems = report_problems(self)
        if problems:
            raise ValidationError(problems)


class FocusReportQuerySet(models.QuerySet):
    def public(self, today: datetime.date | None = None):
        """Focus reports published by today (the rule is `upheld.releases.visibility`'s)."""
        return visibility.published_focus_reports(self, today)


class FocusReport(models.Model):
    """A thematic report drawing lessons from many complaints, with the
    questions councillors can ask to scrutinise their own council."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    published = models.DateField()
    summary = models.TextField()
    body = models.TextField(blank=True, help_text="Paragraphs separated by blank lines")
    synthetic = models.BooleanField(default=False)

    objects = FocusReportQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:focus_report", args=[self.slug])

    def paragraphs(self) -> list[str]:
        return [" ".join(part.split()) for part in re.split(r"\n\s*\n", self.body) if part.strip()]

    def category_labels(self) -> list[str]:
        return [Category(topic.category).label for topic in self.topics.all()]


class FocusReportTopic(models.Model):
    """A category of complaint a focus report is about."""

    report = models.ForeignKey(FocusReport, on_delete=models.CASCADE, related_name="topics")
    category = models.CharField(max_length=20, choices=Category.choices)

    class Meta:
        ordering = ["report", "category"]
        constraints = [models.UniqueConstraint(fields=["report", "category"], name="one_topic_per_category")]

    def __str__(self) -> str:
        return self.get_category_display()


class ScrutinyQuestion(models.Model):
    report = models.ForeignKey(FocusReport, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()

    class Meta:
        ordering = ["report", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]
