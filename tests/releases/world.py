"""The leak test's world: a small scheme with a marker in every free-text field of every row it plants.

Three councils are kept (the rest of the register is deleted, in the test's transaction, so that a year
has a handful of pages rather than hundreds): Sefton, whose rows carry the markers and the figures;
Knowsley, whose link officer is the signed-in visitor who must see nothing of Sefton's; and an
abolished council (the alerts' address matrix needs one).

Sefton's 2017-18 is released (yesterday) with 1,204 complaints received (`RELEASED_RECEIVED`: the
figure the sanity check must find), and its 2018-19 is scheduled for release in thirty days with
4,817 complaints received, 4,793 of them about housing (`EMBARGOED_FIGURES`): numbers nothing else in
the world comes near, so finding one means the embargo leaked.

Rows that are public carry markers that must be found (the sanity check that the search works); rows
that are not public, and every personal field of any row, carry markers that must be found nowhere:

- statements: published by a publisher, the same to be withdrawn between the two rounds, one created
  with "publish" by a caseworker (not yet approved by a publisher), under review, withdrawn, too recent,
  held by the anonymisation guard, not marked for publication, released despite the guard (its reason
  is not public);
- public interest reports: issued (public), issued in the future, a further report issued in the future;
- focus reports: published, and published in the future, each with a scrutiny question;
- casework: a complainant's case with every personal field, a personal remedy, a service improvement
  whose text holds a full name, street address, postcode, email, phone and date of birth (not approved
  for publication), a compliance outcome's evidence; the same in the embargoed year;
- contacts, link officers, training, letter feedback, deliveries, alert subscriptions and digests,
  staff and council users, the audit trail, the embargoed year's letter text and figures version;
- the Complaint Handling Code (an edition and a provision, public by nature like the register, so unmarked),
  and Sefton's return for the released year with a version a publisher accepted (its report link and its
  answer's explanation and evidence are public: the council's and scrutiny pages, the open data and the API
  give them), a revision submitted but not accepted, and a draft: their markers and their figures
  (`REVISION_FIGURES`, `DRAFT_FIGURES`, checked like the embargoed figures) must appear nowhere, in no
  download, API answer or alert; the reader, another council's user, must not see them in the portal either.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from tests.access import World
from tests.accounts.signing_in import STRONG_PASSWORD, council_user
from tests.builders import approved_improvement
from tests.releases.markers import Markers
from tests.releases.staff_screens import submit
from upheld.accounts.models import CouncilMembership, CouncilRole
from upheld.accounts.roles import StaffRole, ensure_roles
from upheld.alerts.models import Digest, Subscription
from upheld.audit.models import Action, AuditEvent
from upheld.authorities.models import Authority, Contact, ContactRole
from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation, Subcategory
from upheld.casework.vocabulary import Category, ComplianceResult, Outcome, RecommendationKind, Remedy
from upheld.code.editions import Edition, Provision
from upheld.code.reminders import Reminder
from upheld.code.returns import FIGURES, ProvisionAnswer, SelfAssessment, Version
from upheld.decisions import publication_rules
from upheld.decisions.models import (
    EventAction,
    FocusReport,
    FocusReportTopic,
    PublicInterestReport,
    ScrutinyQuestion,
    Statement,
    StatementEvent,
    Withheld,
)
from upheld.letters.defaults import load_defaults
from upheld.letters.models import Delivery, LetterFeedback, LetterText, TrainingYear
from upheld.releases.freezing import schedule_release
from upheld.releases.models import FiguresVersion, LetterHistory
from upheld.training.models import (
    Attendance,
    Course,
    LinkOfficer,
    Seminar,
    SeminarAttendance,
    TrainingSession,
)
from upheld.years import ReportingYear

SEFTON, KNOWSLEY, CHRISTCHURCH = "E08000014", "E08000011", "E07000048"
OWN_FIGURES = [name for name, _ in FIGURES]
RELEASED, EMBARGOED = ReportingYear(2017), ReportingYear(2018)
RELEASED_RECEIVED = 1204
EMBARGOED_RECEIVED, EMBARGOED_HOUSING = 4817, 4793
# Sefton's return for the released year: own figures (stage 1 received, in time, extended, upheld; stage 2
# received, in time, upheld) of the accepted version, and of the versions no publisher accepted, which must
# appear nowhere.
ACCEPTED_RETURN_FIGURES = (913, 801, 57, 244, 97, 71, 23)
REVISION_FIGURES, DRAFT_FIGURES = (6173, 5947, 2861, 3719, 5389, 5281, 2593), (8461, 7829, 1957, 4673, 7351, 6917, 3187)
EMBARGOED_FIGURES = {EMBARGOED_RECEIVED: "Sefton's complaints received in the embargoed year",
                     EMBARGOED_HOUSING: "Sefton's complaints about housing received in the embargoed year",
                     **{number: f"a figure of Sefton's return {what}" for numbers, what in (
                         (REVISION_FIGURES, "revision no publisher accepted"), (DRAFT_FIGURES, "draft"))
                        for number in numbers}}
# Statements: the rows that are public, and those that must never be.
PUBLISHED, TO_WITHDRAW, RELEASED_DESPITE_GUARD = ("published statement", "statement withdrawn between the rounds",
                                                  "statement released despite the guard")
BY_CASEWORKER = "statement created with publish by a caseworker"
SEARCH_WORD = "repairs"
STATEMENT_TEXT = ("{token} The Council delayed repairs to the home of Mrs X for a year.\n"
                  "What I found\nThe Council took too long.\nFinal decision\nI have completed my investigation.")
PERSONAL_DETAILS = ("Jane Smith, 12 Acacia Avenue, Bootle L20 3NJ, jane.smith@example.org, 07700 900123, "
                    "born 3 March 1961, asked that the Council review how it answers letters.")


@dataclass
class LeakWorld:
    markers: Markers
    sefton: Authority
    knowsley: Authority
    abolished: Authority
    reader: Any  # Knowsley's link officer: the signed-in visitor of another council
    publisher: Any
    statements: dict[str, Statement] = field(default_factory=dict)  # by row
    reports: dict[str, PublicInterestReport] = field(default_factory=dict)
    focus_reports: dict[str, FocusReport] = field(default_factory=dict)
    access: World | None = None  # what the address matrix's entries are given

    @property
    def councils(self) -> list[Authority]:
        return [self.sefton, self.knowsley, self.abolished]


def build() -> LeakWorld:
    markers = Markers()
    kept = [SEFTON, KNOWSLEY, CHRISTCHURCH]
    Authority.objects.exclude(gss__in=kept).delete()
    sefton, knowsley, abolished = (Authority.objects.get(gss=gss) for gss in kept)
    ensure_roles()
    load_defaults(LetterText, TrainingYear)
    world = LeakWorld(markers, sefton, knowsley, abolished,
                      reader=council_user("leak-reader", knowsley, CouncilRole.LINK_OFFICER),
                      publisher=_staff(markers, "publisher account", StaffRole.PUBLISHER))
    case_b = _casework(world)
    case_a = _upheld_case(knowsley)
    # The letters are issued when a release is scheduled, with the contacts and text of that moment.
    _people(world)
    _letter_text(world)
    release = schedule_release(RELEASED, timezone.now() - datetime.timedelta(days=1))
    schedule_release(EMBARGOED, timezone.now() + datetime.timedelta(days=30))
    _statements(world)
    _reports(world)
    _figures(world)
    _code_returns(world)
    world.access = World(council_a=knowsley, council_b=sefton, case_a=case_a, case_b=case_b, year=RELEASED,
                         release=release, users={})
    return world


def _staff(markers: Markers, row: str, role: StaffRole):
    user = _user(markers, row, is_staff=True)
    user.groups.set(Group.objects.filter(name=role.label))
    return user


def _user(markers: Markers, row: str, **fields):
    """An account whose names and address are markers: nobody but the staff who manage accounts may see them."""
    return get_user_model().objects.create_user(**markers.values(get_user_model(), row, password=STRONG_PASSWORD),
                                                **fields)


# Casework -----------------------------------------------------------------------------------------------------

def _casework(world: LeakWorld) -> Case:
    """Sefton's complaints of both years, each with one complainant's case carrying every marker."""
    released_case = _complainants_case(world, "complainant's case", datetime.date(2017, 5, 2),
                                       datetime.date(2017, 9, 1))
    _approved_improvement(world)
    world.markers.plant(Subcategory, "subcategory staff listed", category=Category.HOUSING)
    _many(world.sefton, RELEASED, {Category.HOUSING: RELEASED_RECEIVED - 2})
    _complainants_case(world, "complainant's case in the embargoed year", datetime.date(2018, 5, 2),
                       datetime.date(2018, 10, 1))
    _many(world.sefton, EMBARGOED, {Category.HOUSING: EMBARGOED_HOUSING - 1,
                                    Category.PLANNING: EMBARGOED_RECEIVED - EMBARGOED_HOUSING})
    return released_case


def _complainants_case(world: LeakWorld, row: str, received, decided) -> Case:
    markers = world.markers
    case = markers.plant(Case, row, authority=world.sefton, received=received, category=Category.HOUSING)
    Decision.objects.create(case=case, decided=decided, outcome=Outcome.UPHELD, remedy=Remedy.BY_OMBUDSMAN)
    markers.plant(Recommendation, f"personal remedy of the {row}", case=case, kind=RecommendationKind.PERSONAL,
                  due=decided + datetime.timedelta(days=60))
    improvement = f"service improvement of the {row}, not approved for publication"
    markers.plant(Recommendation, improvement, case=case, kind=RecommendationKind.SERVICE_IMPROVEMENT,
                  due=decided + datetime.timedelta(days=90),
                  text=f"{markers.new('casework.Recommendation.text', improvement)} {PERSONAL_DETAILS}")
    markers.plant(ComplianceOutcome, row, case=case, recorded=decided + datetime.timedelta(days=100),
                  outcome=ComplianceResult.COMPLIED)
    return case


def _approved_improvement(world: LeakWorld) -> None:
    """A service improvement a publisher approved, on a case of its own: public on the council's pages."""
    case = Case.objects.create(reference="APPROVED 1", authority=world.sefton, received=datetime.date(2017, 6, 1),
                               category=Category.HOUSING)
    Decision.objects.create(case=case, decided=datetime.date(2017, 10, 1), outcome=Outcome.UPHELD,
                            remedy=Remedy.BY_OMBUDSMAN)
    token = world.markers.new("casework.Recommendation.text", "approved service improvement", True)
    approved_improvement(case, f"The council will check {token} in its repairs procedure.",
                         datetime.date(2017, 12, 1))


def _many(authority: Authority, year: ReportingYear, counts: dict[str, int]) -> None:
    """Plain complaints received through `year`, `counts` by category."""
    days = (year.last_day - year.first_day).days
    cases = [Case(reference=f"L{year.start_year % 100}{category[:2].upper()}{n:05d}", authority=authority,
                  received=year.first_day + datetime.timedelta(days=n % days), category=category)
             for category, number in counts.items() for n in range(number)]
    Case.objects.bulk_create(cases, batch_size=1000)


def _upheld_case(council: Authority) -> Case:
    """Knowsley's own case, as the address matrix's entries expect: decided Upheld with a recommendation and
    a compliance outcome (plain text: the visitor may see their own council's records)."""
    case = Case.objects.create(reference="KNOWSLEY 1", authority=council, received=datetime.date(2017, 5, 2),
                               category=Category.HOUSING)
    Decision.objects.create(case=case, decided=datetime.date(2017, 9, 1), outcome=Outcome.UPHELD,
                            remedy=Remedy.BY_OMBUDSMAN)
    Recommendation.objects.create(case=case, kind=RecommendationKind.SERVICE_IMPROVEMENT,
                                  text="Knowsley will review how it answers letters.", due=datetime.date(2017, 11, 1))
    ComplianceOutcome.objects.create(case=case, recorded=datetime.date(2017, 12, 1), outcome=ComplianceResult.COMPLIED)
    return case


# Statements ---------------------------------------------------------------------------------------------------

def _statements(world: LeakWorld) -> None:
    """Every way a statement is or is not public. The two public ones are drafted by a caseworker in the
    staff screens and published by a publisher there; one created with "publish" by a caseworker has had
    no publisher's approval."""
    today = timezone.localdate()
    old = today - datetime.timedelta(days=200)
    caseworker = _staff(world.markers, "caseworker account", StaffRole.CASEWORKER)
    for row in (PUBLISHED, TO_WITHDRAW):
        statement = _drafted(world, caseworker, row, old, publish=False, public=True)
        _published_by_publisher(world, statement)
    world.statements[BY_CASEWORKER] = _drafted(world, caseworker, BY_CASEWORKER, old, publish=True, public=False)

    def plant(row: str, public: bool = False, **fields) -> Statement:
        # Marked for publication (as a publisher would), so that only the row's own reason keeps it private.
        plain = {"authority": world.sefton, "category": Category.HOUSING, "outcome": "upheld", "decided": old,
                 "publish": True}
        made = world.markers.plant(Statement, row, public,
                                   **{**plain, **_texts(world.markers, row, public), **fields})
        world.statements[row] = made
        return made

    plant("statement under review", withheld=Withheld.UNDER_REVIEW)
    plant("statement withheld in the person's interest", withheld=Withheld.PERSONS_INTEREST)
    plant("statement too recent", decided=today - datetime.timedelta(days=30))
    plant("statement not marked for publication", publish=False)
    _flag(world, plant("statement the guard holds"), "statement the guard holds")
    withdrawn = plant("withdrawn statement")
    publication_rules.withdraw(withdrawn, world.publisher,
                               world.markers.new("decisions.StatementEvent.reason", "withdrawn statement"))
    released = plant(RELEASED_DESPITE_GUARD, public=True)
    _flag(world, released, RELEASED_DESPITE_GUARD)
    publication_rules.release_findings(released, world.publisher, released.guard_release_reason)
    world.markers.plant(StatementEvent, "statement event", statement=released, actor=world.publisher,
                        action=EventAction.EDITED)


def _texts(markers: Markers, row: str, public: bool) -> dict[str, str]:
    """A statement's summary and body: a marker each, in words every statement shares (`SEARCH_WORD`),
    so that one search finds them all, or, for those that are not public, must find none."""
    return {name: STATEMENT_TEXT.format(token=markers.new(f"decisions.Statement.{name}", row, public))
            for name in ("summary", "body")}


def _flag(world: LeakWorld, statement: Statement, row: str) -> None:
    """Give the anonymisation guard something to hold the statement for: a name after a title."""
    statement.body = statement.body + "\nMrs Smith asked the Council for help."
    statement.save(update_fields=["body"])
    assert statement.guard_findings, f"the guard finds nothing in the {row}"


def _drafted(world: LeakWorld, caseworker, row: str, decided: datetime.date, publish: bool, public: bool
             ) -> Statement:
    """A statement entered in the staff screens by a caseworker, as it is done (`public`: whether a
    publisher will publish it)."""
    markers = world.markers
    text = {name: markers.new(f"decisions.Statement.{name}", row, public)
            for name in ("reference", "subcategory", "remedies", "service_improvements")}
    text |= _texts(markers, row, public)
    form = {"authority": world.sefton.pk, "decided": decided.isoformat(), "category": Category.HOUSING,
            "outcome": "upheld", "remedy": "", **text}
    submit(caseworker, reverse("admin:decisions_statement_add"), form, unticked=() if publish else ("publish",))
    statement = Statement.objects.get(reference=text["reference"])
    world.statements[row] = statement
    return statement


def _published_by_publisher(world: LeakWorld, statement: Statement) -> None:
    """The publisher ticks "publish" on the caseworker's draft in the staff screens.

    The one step to change if publishing comes to take another form (an approval): the statement must
    end up public by the publisher's own hand."""
    submit(world.publisher, reverse("admin:decisions_statement_change", args=[statement.pk]), {"publish": "on"})
    statement.refresh_from_db()
    assert Statement.objects.public().filter(pk=statement.pk).exists(), publication_rules.status(statement)


# Reports ------------------------------------------------------------------------------------------------------

def _reports(world: LeakWorld) -> None:
    today, markers, sefton = timezone.localdate(), world.markers, world.sefton
    # Typeset on request, as the demonstration's reports are (`synthetic`): each has a PDF to ask for.
    issued = markers.plant(PublicInterestReport, "issued report", public=True, authority=sefton, synthetic=True,
                           issued=today - datetime.timedelta(days=60),
                           response_received=today - datetime.timedelta(days=10))
    world.reports["issued report"] = issued
    world.reports["report issued in the future"] = markers.plant(
        PublicInterestReport, "report issued in the future", authority=sefton, synthetic=True,
        issued=today + datetime.timedelta(days=30))
    world.reports["further report issued in the future"] = markers.plant(
        PublicInterestReport, "further report issued in the future", authority=sefton, follows=issued,
        synthetic=True, issued=today + datetime.timedelta(days=20))
    for row, published, public in (("published focus report", today - datetime.timedelta(days=100), True),
                                   ("focus report published in the future", today + datetime.timedelta(days=30),
                                    False)):
        report = markers.plant(FocusReport, row, public=public, published=published)
        FocusReportTopic.objects.create(report=report, category=Category.HOUSING)
        markers.plant(ScrutinyQuestion, f"question of the {row}", public=public, report=report)
        world.focus_reports[row] = report


# People -------------------------------------------------------------------------------------------------------

def _people(world: LeakWorld) -> None:
    """Contacts, the link-officer network, training, a council user of Sefton, subscribers, the audit trail."""
    markers, sefton = world.markers, world.sefton
    for role in (ContactRole.CHIEF_EXECUTIVE, ContactRole.LINK_OFFICER):
        markers.plant(Contact, f"{role} contact", public=True, authority=sefton, role=role)
    officer = markers.plant(LinkOfficer, "link officer", authority=sefton, active_from=datetime.date(2017, 4, 1))
    seminar = markers.plant(Seminar, "seminar", date=datetime.date(2017, 9, 1), delivery="in person")
    SeminarAttendance.objects.create(seminar=seminar, link_officer=officer)
    course = markers.plant(Course, "course", audience="councils")
    session = markers.plant(TrainingSession, "training session", course=course, date=datetime.date(2017, 6, 1),
                            delivery="in person")
    markers.plant(Attendance, "training attendance", session=session, people=3)
    Attendance.objects.create(session=session, authority=sefton, people=2)

    user = _user(markers, "Sefton's council user")
    CouncilMembership.objects.create(user=user, authority=sefton, role=CouncilRole.CHIEF_EXECUTIVE)
    markers.plant(LetterFeedback, "letter feedback", authority=sefton, year=RELEASED.start_year, user=user,
                  about="format", usefulness=4)
    markers.plant(Delivery, "letter delivery", authority=sefton, year=RELEASED.start_year, state="sent")

    now = timezone.now()
    markers.plant(Subscription, "alert subscriber", authority=sefton, confirmed_at=now - datetime.timedelta(days=90))
    waiting = markers.plant(Subscription, "unconfirmed alert subscriber", authority=sefton)
    markers.plant(Digest, "alert digest", subscription=waiting, state="refused")
    markers.plant(AuditEvent, "audit event", action=Action.VIEW, case_id=None)


# Letters and figures ------------------------------------------------------------------------------------------

def _letter_text(world: LeakWorld) -> None:
    """The embargoed year's letter text: Knowsley's own user sees its letter, and so this text, in its
    portal, and nowhere else."""
    text = LetterText.objects.get(year=EMBARGOED.start_year)
    for name, value in world.markers.values(LetterText, "embargoed year's letter text", own_council="/portal/").items():
        setattr(text, name, value)
    text.save()


def _code_returns(world: LeakWorld) -> None:
    """The Code as data, and a return: accepted (public: its report link and answers, which must be found, and
    its figures), revised (submitted, not accepted) and drafted again, whose figures (`RETURN_FIGURES`) and
    markers must appear nowhere. Accepted today, after the subscriber confirmed: the alert is sent."""
    markers = world.markers
    edition = Edition.objects.create(name="February 2024", starts=datetime.date(2017, 4, 1),
                                     first_return_year=RELEASED.start_year, source_url="https://example.org/code")
    provision = Provision.objects.create(edition=edition, section=1, section_title="What a complaint is",
                                         number="1.1", title="Any dissatisfaction", text="Treated as a complaint.")
    assessment = SelfAssessment.objects.create(authority=world.sefton, year=RELEASED.start_year)
    versions = []
    rows = (("accepted return version", ACCEPTED_RETURN_FIGURES), ("return revision not accepted", REVISION_FIGURES),
            ("return draft", DRAFT_FIGURES))
    for number, (row, figures) in enumerate(rows, 1):
        public = number == 1
        version = markers.plant(Version, row, public=public, assessment=assessment, number=number,
                                **dict(zip(OWN_FIGURES, figures, strict=True)))
        markers.plant(ProvisionAnswer, f"answer of the {row}", public=public, version=version, provision=provision,
                      answer="partly")
        if number < 3:  # submitted (stamped directly: the planted marker is no URL the portal would take)
            Version.objects.filter(pk=version.pk).update(submitted_at=timezone.now())
        versions.append(version)
    assessment.accepted_version, assessment.status, assessment.accepted_at = versions[0], "submitted", timezone.now()
    assessment.save()
    markers.plant(Reminder, "return reminder", authority=world.sefton, year=RELEASED.start_year,
                  sent_on=datetime.date(2018, 10, 1))


def _figures(world: LeakWorld) -> None:
    """The embargoed year's figures version; a letter's figures for a year before the records."""
    markers = world.markers
    version = FiguresVersion.objects.get(release__year=EMBARGOED.start_year)
    for name, value in markers.values(FiguresVersion, "embargoed year's figures version").items():
        setattr(version, name, value)
    version.save()
    markers.plant(LetterHistory, "letter history", authority=world.sefton, year=2015,
                  figures={"received": {"housing": 7}, "decisions": {"upheld": 2, "not_upheld": 1},
                           "upheld_remedies": None})
