"""`upheld demodata`: what it writes to the database."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F

from tests.builders import SEFTON_DECISIONS, SEFTON_RECEIVED
from upheld.audit.models import AuditEvent
from upheld.authorities.models import Authority
from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation, Subcategory
from upheld.casework.vocabulary import Outcome, RecommendationKind, Remedy
from upheld.demo.models import DemoDataset
from upheld.years import ReportingYear

Y2017 = ReportingYear(2017)
SPAN = (Y2017.first_day, Y2017.last_day)


def _demodata(seed=11, years="2016-17:2018-19", scale=0.02):
    out = io.StringIO()
    call_command("demodata", seed=seed, years=years, scale=scale, no_progress=True, stdout=out)
    return out.getvalue()


def test_sefton_2017_18_tables_of_the_reference_letter(authority):
    _demodata()
    received = authority.cases.filter(received__range=SPAN)
    assert dict(received.values_list("category").annotate(n=Count("id")).order_by()) == {
        category: n for category, n in SEFTON_RECEIVED.items() if n}
    decisions = Decision.objects.filter(case__authority=authority, decided__range=SPAN)
    assert dict(decisions.values_list("outcome").annotate(n=Count("id")).order_by()) == {
        outcome: n for outcome, n in SEFTON_DECISIONS.items() if n}
    upheld = decisions.filter(outcome=Outcome.UPHELD)
    assert dict(upheld.values_list("remedy").annotate(n=Count("id")).order_by()) == {
        Remedy.BY_OMBUDSMAN: 10, Remedy.NONE: 2}
    assert decisions.filter(case__received__lt=Y2017.first_day).count() >= 63 - 59
    assert not Decision.objects.filter(case__authority=authority, decided__lt=datetime.date(2016, 4, 1)).exists()


def test_generating_again_replaces_synthetic_data_only(authority):
    real = Case.objects.create(reference="17 000 001", authority=authority, received=datetime.date(2017, 5, 2),
                               category="housing")
    summary = _demodata(seed=3)
    first = (Case.objects.filter(synthetic=True).count(), Decision.objects.count())
    assert summary.startswith(f"Synthetic casework for 365 councils, 2016-17 to 2018-19 (seed 3): {first[0]:,} cases, ")
    _demodata(seed=3)
    assert (Case.objects.filter(synthetic=True).count(), Decision.objects.count()) == first
    assert Case.objects.filter(pk=real.pk).exists()
    dataset = DemoDataset.objects.get()
    assert (dataset.seed, dataset.first_year, dataset.last_year, dataset.cases) == (3, "2016-17", "2018-19", first[0])


def test_recommendations_and_compliance_follow_upheld_decisions(db):
    _demodata()
    assert Recommendation.objects.exists() and ComplianceOutcome.objects.exists()
    assert not Recommendation.objects.exclude(case__decision__remedy=Remedy.BY_OMBUDSMAN).exists()
    assert not ComplianceOutcome.objects.exclude(case__decision__outcome=Outcome.UPHELD).exists()
    assert not Recommendation.objects.filter(due__lt=F("case__decision__decided")).exists()


def test_every_case_is_filed_under_a_listed_subcategory_of_its_category_even_with_the_list_emptied(db):
    Subcategory.objects.all().delete()
    _demodata()
    listed = Subcategory.objects.listed()
    used = set(Case.objects.exclude(subcategory="").values_list("category", "subcategory").distinct())
    assert used and all(listed.get((category, name.casefold())) == name for category, name in used)


@pytest.mark.parametrize("years", ["2013-14:2016-17", "2018-19:2017-18", "2017"])
def test_years_outside_the_series_are_refused(db, years):
    with pytest.raises(CommandError):
        _demodata(years=years)


def test_demonstration_service_improvements_are_approved_by_the_demo_step(db):
    """`make demo` shows service improvements on council pages: the generated texts pass the anonymisation
    guard and a "demo" step approves them, recorded in the audit trail."""
    _demodata()
    service = Recommendation.objects.filter(kind=RecommendationKind.SERVICE_IMPROVEMENT)
    assert service.exists() and not Recommendation.objects.awaiting_review().exists()
    assert set(service.values_list("reviewer_name", "approved")) == {("demo", True)}
    assert Recommendation.objects.public_service_improvements().count() == service.count()
    event = AuditEvent.objects.get(object_type="casework.recommendation", actor_name="demo")
    assert event.after == {"approved": True, "reviewer_name": "demo", "count": service.count()}


def test_the_migration_approves_existing_demonstration_improvements_the_guard_passes(authority):
    """Rows from before the review fields wait for a publisher, except the demonstration data's clean ones."""
    migration = importlib.import_module("upheld.casework.migrations.0004_service_improvement_review")
    real = Case.objects.create(reference="17 000 001", authority=authority, received=datetime.date(2017, 5, 2),
                               category="housing")
    synthetic = Case.objects.create(reference="17 500 001", authority=authority, received=datetime.date(2017, 5, 2),
                                    category="housing", synthetic=True)
    due = datetime.date(2018, 1, 1)
    for case in (real, synthetic):
        for text in ("Train staff in the allocations policy.", "Apologise to Mrs Smith of L20 3NJ."):
            Recommendation.objects.create(case=case, kind=RecommendationKind.SERVICE_IMPROVEMENT, text=text, due=due)
    migration.approve_demonstration_data(apps, None)
    approved = Recommendation.objects.approved_improvements()
    assert list(approved.values_list("case", "text", "reviewer_name")) == [
        (synthetic.pk, "Train staff in the allocations policy.", "demo")]
    assert Recommendation.objects.awaiting_review().count() == 3
    assert AuditEvent.objects.get(actor_name="demo").after["count"] == 1


def test_code_returns_for_the_years_councils_assess_themselves_in(db, code_edition):
    """Returns for 2024-25 and 2025-26 (none before the first return year): most councils, some missing, some
    late, a few left submitted; a spread of answers; own figures that pass the submission's rules and grow with
    the council's size."""
    from upheld.code.lifecycle import submission_problems
    from upheld.code.returns import Answer, ProvisionAnswer, ReturnDeadline, SelfAssessment, Status, Version

    output = _demodata(years="2023-24:2025-26", scale=0.02)
    returns = SelfAssessment.objects.all()
    assert set(returns.values_list("year", flat=True)) == {2024, 2025}
    assert f"{returns.count():,} Complaint Handling Code returns" in output
    for year in (2024, 2025):
        existing = Authority.objects.existing_on(ReportingYear(year).last_day).exclude(
            end_date__lte=ReportingYear(year).last_day).count()
        sent = returns.filter(year=year)
        assert 0.8 * existing < sent.count() < existing  # most, not all
        accepted = sent.filter(status=Status.ACCEPTED, accepted_version__isnull=False)
        assert 0 < sent.count() - accepted.count() < 0.1 * sent.count()  # a few left for a publisher
        late = Version.objects.filter(assessment__year=year, submitted_at__date__gt=ReturnDeadline.due_for(year))
        assert 0 < late.count() < 0.25 * sent.count()
    answers = dict(ProvisionAnswer.objects.values_list("answer").annotate(n=Count("id")).order_by())
    assert set(answers) == set(Answer.values) and answers[Answer.FOLLOWS] > answers[Answer.PARTLY] > answers[
        Answer.DOES_NOT_FOLLOW]
    for version in Version.objects.select_related("assessment")[:50]:
        assert submission_problems(version) == {}
    birmingham, rutland = (Version.objects.get(assessment__year=2025, assessment__authority__gss=gss)
                           for gss in ("E08000025", "E06000017"))
    assert birmingham.stage1_received > 5 * rutland.stage1_received

