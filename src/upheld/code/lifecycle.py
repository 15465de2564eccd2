"""A return's life: drafted, submitted, revised, accepted. Every step is audited (`upheld.audit`).

The portal's screens, the admin's action and the import all go through these functions, so that a version is
numbered, stamped and checked the same way whichever way it came.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from upheld.audit.models import Action
from upheld.audit.record import record
from upheld.code.editions import Edition
from upheld.code.returns import (
    FIGURES,
    ProvisionAnswer,
    SelfAssessment,
    Source,
    Status,
    Version,
    answer_problems,
    figures_problems,
)


class ReturnError(ValueError):
    """Why a step cannot be taken: `problems` by field (a provision's number for its answer)."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems.items()))


def return_for(authority, year: int) -> SelfAssessment:
    assessment, _ = SelfAssessment.objects.get_or_create(authority=authority, year=year)
    return assessment


@transaction.atomic
def draft(assessment: SelfAssessment) -> Version:
    """The return's draft: the one it has, or a new one copied from the latest submitted version (a revision
    starts from what was sent)."""
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    found = assessment.draft()
    if found is not None:
        return found
    latest = assessment.latest_submitted()
    version = Version.objects.create(
        assessment=assessment, number=(latest.number + 1) if latest else 1,
        **({name: getattr(latest, name) for name, _ in FIGURES} | {"report_url": latest.report_url}
           if latest else {}))
    if latest is not None:
        ProvisionAnswer.objects.bulk_create(
            ProvisionAnswer(version=version, provision_id=a.provision_id, answer=a.answer,
                            explanation=a.explanation, evidence_url=a.evidence_url) for a in latest.answers.all())
    return version


@transaction.atomic
def save_draft(assessment: SelfAssessment, user, *, figures: dict | None = None,
               answers: dict[int, dict] | None = None, request=None) -> Version:
    """Write into the return's draft (made if need be): `figures` (the own figures and `report_url`) and
    `answers` (provision id → answer, explanation, evidence_url; an empty answer removes it). Audited with
    what changed."""
    version = draft(assessment)
    before, after = {}, {}
    for name, value in (figures or {}).items():
        if getattr(version, name) != value:
            before[name], after[name] = getattr(version, name), value
            setattr(version, name, value)
    version.save()
    stored = {answer.provision_id: answer for answer in version.answers.all()}
    for provision_id, given in (answers or {}).items():
        answer = stored.get(provision_id)
        if not given.get("answer"):
            if answer is not None:
                answer.delete()
                before[f"answer {provision_id}"], after[f"answer {provision_id}"] = answer.answer, ""
            continue
        if answer is None:
            answer = ProvisionAnswer(version=version, provision_id=provision_id)
        elif all(getattr(answer, name) == value for name, value in given.items()):
            continue
        before[f"answer {provision_id}"] = answer.answer if answer.pk else ""
        for name, value in given.items():
            setattr(answer, name, value)
        answer.save()
        after[f"answer {provision_id}"] = answer.answer
    if after:
        record(Action.CHANGE, version, request=request, actor=user, authority_id=assessment.authority_id,
               before=before, after=after)
    return version


def submission_problems(version: Version) -> dict[str, str]:
    """What a version lacks before it can be submitted: every figure, and an answer (with its explanation
    where it is not "follows") for every provision of the edition for the return's year."""
    problems = figures_problems(version.figures())
    edition = Edition.objects.for_return_year(version.assessment.year)
    if edition is None:
        return problems | {"year": f"no edition of the Code applies to {version.assessment.reporting_year}"}
    answers = {a.provision_id: a for a in version.answers.all()}
    for provision in edition.provisions.all():
        answer = answers.get(provision.pk)
        if answer is None:
            problems[provision.number] = "not answered"
        elif found := answer_problems(answer.answer, answer.explanation):
            problems[provision.number] = next(iter(found.values()))
    return problems


@transaction.atomic
def submit(version: Version, user, source: str = Source.PORTAL, request=None) -> Version:
    """Submit the draft `version`: checked, numbered, stamped and from then on unchangeable."""
    version = Version.objects.select_related("assessment__authority").select_for_update().get(pk=version.pk)
    if version.is_submitted:
        raise ReturnError({"version": f"{version} was already submitted"})
    if problems := submission_problems(version):
        raise ReturnError(problems)
    version.source, version.submitted_by, version.submitted_at = source, user, timezone.now()
    version.save()
    assessment = version.assessment
    if assessment.status != Status.SUBMITTED:
        assessment.status = Status.SUBMITTED
        assessment.save(update_fields=["status"])
    record(Action.CHANGE, version, request=request, actor=user, authority_id=assessment.authority_id,
           after={"submitted": version.number, "source": source})
    return version


@transaction.atomic
def accept(version: Version, user, request=None) -> SelfAssessment:
    """A publisher accepts a submitted version: it becomes the return's public content, replacing any
    version accepted before."""
    version = Version.objects.select_related("assessment").get(pk=version.pk)
    if not version.is_submitted:
        raise ReturnError({"version": "only a submitted version can be accepted"})
    assessment = SelfAssessment.objects.select_for_update().get(pk=version.assessment_id)
    before = assessment.accepted_version.number if assessment.accepted_version else None
    assessment.accepted_version, assessment.status = version, Status.ACCEPTED
    assessment.accepted_by, assessment.accepted_at = user, timezone.now()
    assessment.save(update_fields=["accepted_version", "status", "accepted_by", "accepted_at"])
    record(Action.CHANGE, assessment, request=request, actor=user,
           before={"accepted version": before}, after={"accepted version": version.number})
    return assessment
