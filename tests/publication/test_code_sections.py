"""The Complaint Handling Code on the public pages: a council's accepted self-assessment (never another version),
its own figures beside ours and similar authorities', explanations past the anonymisation guard, the plain
"none published", the Code failures we found from 2026-27, the national review; and the same figures in the
letter and the scrutiny page and pack, to the digit."""

import datetime

import pytest

from tests.builders import case, decide
from tests.code.builders import fill, submitted
from tests.pdf_text import pdf_text
from tests.publication.page_reader import get_page
from upheld.authorities.models import Authority, Population
from upheld.casework.vocabulary import Outcome
from upheld.code import lifecycle
from upheld.code.findings import CodeFailure
from upheld.code.returns import Answer, ProvisionAnswer
from upheld.letters.batch import letters_for
from upheld.releases.freezing import schedule_release
from upheld.years import ReportingYear

D = datetime.date
Y2025, Y2026 = ReportingYear(2025), ReportingYear(2026)
NOT_FOLLOWED = "We have no stage 2 panel yet; the cabinet agreed one in May."
PARTLY = "Stage 1 replies take 15 working days in housing; a new team starts in October."
PERSONAL = "Mrs Smith of 4 Acacia Avenue complained about this, see ann.smith@example.org."
UNACCEPTED = "An explanation of a revision nobody accepted."


def answered(version, answers: dict[str, tuple[str, str]]):
    """Give some provisions of the draft `version` other answers: number → (answer, explanation)."""
    for number, (answer, text) in answers.items():
        ProvisionAnswer.objects.filter(version=version, provision__number=number).update(
            answer=answer, explanation=text)
    return version


def returned(authority, year, user, answers, **figures):
    assessment = lifecycle.return_for(authority, year)
    version = answered(fill(lifecycle.draft(assessment), **figures), answers)
    return lifecycle.submit(version, user)


@pytest.fixture
def returns_2025(code_edition, admin_user):
    """2025-26: Sefton's return accepted (7.1 not followed, 6.2 partly, 3.1 explained with personal details), then
    revised (not accepted); Wirral's accepted; Knowsley's submitted, never accepted. Released with its letters."""
    sefton, wirral, knowsley = (Authority.objects.get(gss=gss) for gss in ("E08000014", "E08000015", "E08000011"))
    for council, population in ((sefton, 275_000), (wirral, 320_000), (knowsley, 155_000)):
        Population.objects.create(authority=council, year=2025, population=population)
    for day in range(1, 12):
        case(sefton, D(2025, 5, day))
    decide(sefton, D(2025, 4, 1), D(2025, 6, 1), Outcome.UPHELD)
    accepted = returned(sefton, 2025, admin_user, {
        "7.1": (Answer.DOES_NOT_FOLLOW, NOT_FOLLOWED), "6.2": (Answer.PARTLY, PARTLY),
        "3.1": (Answer.PARTLY, PERSONAL)}, stage1_received=412, stage1_in_time=351, stage2_received=57,
        stage2_in_time=40)
    lifecycle.accept(accepted, admin_user)
    returned(sefton, 2025, admin_user, {"7.1": (Answer.DOES_NOT_FOLLOW, UNACCEPTED)}, stage1_received=999)
    lifecycle.accept(returned(wirral, 2025, admin_user, {"7.1": (Answer.PARTLY, "Being set up.")},
                              stage2_received=30, stage2_in_time=29), admin_user)
    submitted(knowsley, 2025, admin_user, stage2_received=5000)
    schedule_release(Y2025)
    return sefton


def test_council_page_shows_the_accepted_return_only(client, returns_2025):
    page = get_page(client, "/councils/sefton/2025-26/")
    assert "Complaint Handling Code, 2025-26" in page.text
    assert page.rows("The council's answers") == [["Follows", "31"], ["Partly follows", "2"],
                                                  ["Does not follow", "1"]]
    assert NOT_FOLLOWED in page.text and PARTLY in page.text
    assert UNACCEPTED not in page.text and "999" not in page.text
    assert "Acacia" not in page.text and "example.org" not in page.text  # held back by the guard
    assert "it may contain someone's personal details" in page.text
    assert "https://council.example/complaints-report" in page.html
    figures = {row[0]: row[1:3] for row in page.rows("Sefton's own complaint figures, 2025-26")}
    # Similar authorities: Sefton and Wirral pooled (Knowsley's return was never accepted).
    assert figures == {
        "Stage 1 complaints received": ["412", "452"], "Stage 2 complaints received": ["57", "87"],
        "Stage 1 complaints answered in time": ["85%", "85%"],  # 351/412; 386/452
        "Stage 2 complaints answered in time": ["70%", "79%"],  # 40/57; 69/87 = 79.3%
        "Council's own stage 2 complaints per 10,000 residents": ["2.1", "1.5"],  # 57/275,000; 87/595,000
        "Complaints and enquiries received per 10,000 residents": ["0.4", "0.2"],  # 12/275,000; 12/595,000
    }
