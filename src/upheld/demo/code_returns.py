"""Demonstration Complaint Handling Code self-assessment returns, for every reporting year councils assess
themselves in (from the edition's first return year, 2024-25) up to the demonstration's last year.

As a real year looks: most councils that still exist send a return, most by the deadline (`ReturnDeadline`,
30 September after the year) and some weeks late; a few send none; a publisher accepts nearly all of those sent
(so they are public), and a few are left submitted and not yet accepted. Each council leans towards following
the Code or not, so its answers hang together; its own figures grow with its population and the services its
type of council runs (`calibration.TYPE_RATE`), with stage 2 a fraction of stage 1. Rows are written in bulk,
not through `upheld.code.lifecycle` (tens of thousands of answers would take minutes one by one, audited):
demonstration data is not a council's act, and every rule a submission is checked against holds for them
(every figure given, each part no more than its stage's complaints, an explanation where not "follows").

No Code failures are made: the Ombudsman applies the Code to decisions made from 1 April 2026
(`upheld.code.findings.failure_problems`), and the demonstration's decisions end on 31 March 2026.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.utils import timezone

from upheld.authorities.models import Authority
from upheld.code.editions import Edition
from upheld.code.returns import Answer, ProvisionAnswer, ReturnDeadline, SelfAssessment, Status, Version
from upheld.demo.calibration import TYPE_RATE
from upheld.years import ReportingYear

SENT = 0.88  # councils that send a return
LATE = 0.12  # of those sent, after the deadline
NOT_ACCEPTED = 0.05  # of those sent, left submitted for a publisher to accept
STAGE1_PER_10K = 22  # a metropolitan borough's stage 1 complaints per 10,000 residents a year
# Said of any provision (a council's answers are drawn at random, so a reason must fit whichever it explains).
REASONS = {
    Answer.PARTLY: ("Our policy says this, but not every service does it yet; training is planned for this year.",
                    "We do this for most complaints; the children's services procedure is being brought into line.",
                    "Most services do this already; the others will by the end of the year.",
                    "Our case system cannot yet show this for every complaint; a new system is being procured."),
    Answer.DOES_NOT_FOLLOW: ("Not yet: our procedure is being rewritten to follow the Code and goes to the committee "
                             "this year.",
                             "We do not do this yet; our annual complaints report sets out a plan with dates.",
                             "Not yet in place; the complaints team will take it on once it is fully staffed."),
}


def replace_returns(seed: int, years: Sequence[ReportingYear]) -> int:
    """Delete the returns of the years of `years` councils assess themselves in, and make new ones; how many
    returns were sent."""
    edition = Edition.objects.for_return_year(max(years).start_year) if years else None
    if edition is None:  # the Code is not loaded (`upheld setup`), or the years are before any return
        return 0
    provisions = list(edition.provisions.all())
    return_years = [year for year in years if year.start_year >= edition.first_return_year]
    ProvisionAnswer.objects.filter(version__assessment__year__in=[y.start_year for y in return_years]).delete()
    SelfAssessment.objects.filter(year__in=[y.start_year for y in return_years]).update(accepted_version=None)
    Version.objects.filter(assessment__year__in=[y.start_year for y in return_years]).delete()
    SelfAssessment.objects.filter(year__in=[y.start_year for y in return_years]).delete()
    sent = 0
    for year in return_years:
        sent += _year_returns(seed, year, provisions)
    return sent


def _year_returns(seed: int, year: ReportingYear, provisions: list) -> int:
    due = ReturnDeadline.due_for(year.start_year)
    now = timezone.now()
    councils = (Authority.objects.existing_on(year.last_day).exclude(end_date__lte=year.last_day)
                .order_by("gss").only("id", "gss", "type", "population_2020"))
    made = []  # (assessment, version, answers)
    for council in councils:
        rng = random.Random(f"{seed}:code:{year.start_year}:{council.gss}")
        if rng.random() > SENT:
            continue
        submitted = _submitted_at(rng, due, late=rng.random() < LATE)
        if submitted > now:  # not yet: the demonstration never shows a return from the future
            continue
        accepted = rng.random() >= NOT_ACCEPTED
        assessment = SelfAssessment(authority_id=council.id, year=year.start_year,
                                    status=Status.ACCEPTED if accepted else Status.SUBMITTED)
        if accepted:
            assessment.accepted_at = min(now, submitted + datetime.timedelta(days=rng.randint(3, 40)))
        version = Version(number=1, submitted_at=submitted, **_figures(rng, council),
                          report_url=f"https://www.example.gov.uk/{council.gss.lower()}/complaints-report-"
                                     f"{year.label}")
        made.append((assessment, version, _answers(rng, provisions)))
    SelfAssessment.objects.bulk_create([assessment for assessment, _, _ in made])
    for assessment, version, _ in made:
        version.assessment = assessment
    Version.objects.bulk_create([version for _, version, _ in made])
    for assessment, version, _ in made:
        if assessment.status == Status.ACCEPTED:
            assessment.accepted_version = version
    SelfAssessment.objects.bulk_update([a for a, _, _ in made if a.status == Status.ACCEPTED], ["accepted_version"])
    ProvisionAnswer.objects.bulk_create([
        ProvisionAnswer(version=version, provision=provision, answer=answer, explanation=explanation)
        for _, version, answers in made for provision, (answer, explanation) in zip(provisions, answers, strict=True)
    ], batch_size=5000)
    return len(made)


def _submitted_at(rng: random.Random, due: datetime.date, late: bool) -> datetime.datetime:
    day = due + datetime.timedelta(days=rng.randint(1, 60)) if late else due - datetime.timedelta(
        days=int(rng.triangular(0, 90, 5)))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randint(9, 16), rng.randint(0, 59))))


def _figures(rng: random.Random, council: Authority) -> dict[str, int]:
    """Plausible own figures for the council's size and type: every part within its stage's complaints."""
    residents = council.population_2020 or 100_000
    stage1 = max(5, round(residents / 10_000 * STAGE1_PER_10K * TYPE_RATE[council.type] * rng.lognormvariate(0, 0.35)))
    stage2 = round(stage1 * rng.uniform(0.06, 0.2))
    return {
        "stage1_received": stage1, "stage1_in_time": round(stage1 * rng.betavariate(8, 2.2)),
        "stage1_extended": round(stage1 * rng.uniform(0.02, 0.12)),
        "stage1_upheld": round(stage1 * rng.uniform(0.2, 0.5)),
        "stage2_received": stage2, "stage2_in_time": round(stage2 * rng.betavariate(6, 2.5)),
        "stage2_upheld": round(stage2 * rng.uniform(0.15, 0.45)),
    }


def _answers(rng: random.Random, provisions: list) -> list[tuple[str, str]]:
    """An answer for each provision, from the council's lean: most follow nearly everything, some do not."""
    shortfall = rng.betavariate(1.2, 7)  # the chance the council falls short on a provision
    answers = []
    for _ in provisions:
        if rng.random() >= shortfall:
            answers.append((Answer.FOLLOWS, ""))
        else:
            answer = Answer.DOES_NOT_FOLLOW if rng.random() < 0.3 else Answer.PARTLY
            answers.append((answer, rng.choice(REASONS[answer])))
    return answers
