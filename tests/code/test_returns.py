"""A self-assessment return's life: drafted, submitted, revised (versions kept), accepted, public."""

import datetime

import pytest

from tests.code.builders import FIGURES, fill, submitted
from upheld.audit.models import AuditEvent
from upheld.authorities.models import Authority
from upheld.code import lifecycle
from upheld.code.lifecycle import ReturnError
from upheld.code.returns import (
    ProvisionAnswer,
    ReturnDeadline,
    SelfAssessment,
    Status,
    Version,
    figures_problems,
)


@pytest.fixture
def sefton(code_edition):
    return Authority.objects.get(gss="E08000014")


def test_versions_are_kept_and_never_change_once_submitted(sefton, admin_user):
    first = submitted(sefton, 2025, admin_user)
    assessment = first.assessment
    assert (first.number, assessment.status, assessment.accepted_version) == (1, Status.SUBMITTED, None)
    first.stage1_received = 99
    with pytest.raises(ValueError, match="was submitted and cannot change"):
        first.save()
    with pytest.raises(ValueError, match="was submitted and cannot change"):
        ProvisionAnswer.objects.filter(version=first).first().save()

    revision = lifecycle.draft(assessment)
    assert revision.number == 2 and revision.stage1_received == 40  # starts from what was sent
    assert revision.answers.count() == first.answers.count()
    assert lifecycle.draft(assessment) == revision  # one draft at a time
    revision.stage1_in_time = 30
    revision.save()
    lifecycle.submit(revision, admin_user)
    versions = list(assessment.submitted_versions().values_list("number", "stage1_in_time"))
    assert versions == [(1, 35), (2, 30)]
    events = AuditEvent.objects.filter(object_type="code.version", authority_id=sefton.id)
    assert sorted(event.after.get("submitted") for event in events if "submitted" in event.after) == [1, 2]


def test_only_the_accepted_version_is_public(sefton, admin_user):
    first = submitted(sefton, 2025, admin_user)
    assert not SelfAssessment.objects.public().exists() and not Version.objects.public().exists()
    lifecycle.accept(first, admin_user)
    second = submitted(sefton, 2025, admin_user, stage2_upheld=5)
    assessment = SelfAssessment.objects.get()
    assert assessment.status == Status.SUBMITTED  # a revision awaits a publisher
    assert list(Version.objects.public()) == [first]  # ...and stays private until accepted
    assert set(ProvisionAnswer.objects.public()) == set(first.answers.all())
    lifecycle.accept(second, admin_user)
    assert list(Version.objects.public()) == [second]
    assert SelfAssessment.objects.get().status == Status.ACCEPTED
    event = AuditEvent.objects.filter(object_type="code.selfassessment").latest("at")
    assert (event.before, event.after) == ({"accepted version": 1}, {"accepted version": 2})


def test_a_draft_cannot_be_accepted_or_submitted_twice(sefton, admin_user):
    draft = lifecycle.draft(lifecycle.return_for(sefton, 2025))
    with pytest.raises(ReturnError, match="only a submitted version can be accepted"):
        lifecycle.accept(draft, admin_user)
    lifecycle.submit(fill(draft), admin_user)
    with pytest.raises(ReturnError, match="already submitted"):
        lifecycle.submit(draft, admin_user)


def test_a_submission_needs_every_figure_and_every_answer(sefton, admin_user):
    draft = lifecycle.draft(lifecycle.return_for(sefton, 2025))
    draft.stage1_received = 4
    draft.save()
    with pytest.raises(ReturnError) as refused:
        lifecycle.submit(draft, admin_user)
    assert refused.value.problems["stage2_received"] == "give a number (0 if none)"
    assert refused.value.problems["6.1"] == "not answered"
    assert not Version.objects.filter(submitted_at__isnull=False).exists()
    fill(draft, answer="partly")
    ProvisionAnswer.objects.filter(version=draft, provision__number="7.2").update(explanation=" ")
    with pytest.raises(ReturnError, match="7.2: explain in what way"):
        lifecycle.submit(draft, admin_user)


def test_a_part_cannot_exceed_its_stage():
    assert figures_problems(FIGURES | {"stage1_in_time": 41}) == {
        "stage1_in_time": "more than the stage 1 complaints received (40)"}
    assert figures_problems(FIGURES | {"stage2_upheld": 9, "stage2_received": 8}) == {
        "stage2_upheld": "more than the stage 2 complaints received (8)"}
    assert figures_problems({"stage1_received": 3}, required=False) == {}


def test_the_deadline_is_30_september_after_the_year_unless_staff_set_it(db):
    assert ReturnDeadline.due_for(2025) == datetime.date(2026, 9, 30)
    ReturnDeadline.objects.create(year=2025, due=datetime.date(2026, 10, 31))
    assert ReturnDeadline.due_for(2025) == datetime.date(2026, 10, 31)
    assert ReturnDeadline.due_for(2024) == datetime.date(2025, 9, 30)
