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
from upheld.code.editions import Provision
from upheld.code.findings import CodeFailure
from upheld.code.returns import Answer, ProvisionAnswer
from upheld.letters.batch import letters_for
from upheld.releases.freezing import schedule_release
from upheld.releases.published import published
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
    submitted(knowsley, 2025, admin_user, stage2_received=4321, stage2_in_time=4321)
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
        "Complaints received per 10,000 residents": ["0.4", "0.2"],  # 12/275,000; 12/595,000
    }
    assert "Similar authorities: the pooled figures of those with a published self-assessment." in page.text


def test_no_accepted_return_is_said_plainly(client, returns_2025):
    page = get_page(client, "/councils/knowsley/2025-26/")
    # Knowsley's return was submitted, never accepted: nothing of it shows ("were due": today is after).
    assert "No self-assessment published for 2025-26. Self-assessments for 2025-26 were due by 30 September " \
           "2026." in page.text
    assert "4,321" not in page.text and "The council's answers" not in page.tables
    assert "Code failures we found" not in page.text  # the Code applies in our casework from 2026-27


def test_years_before_the_code_have_no_section(client, released_2017_18, code_edition):
    page = get_page(client, "/councils/sefton/2017-18/")
    assert "Complaint Handling Code" not in page.text


def test_national_review_counts_returns_and_ranks_provisions(client, returns_2025):
    page = get_page(client, "/national/2025-26/")
    councils = len(published().statistics(Y2025).councils)
    assert f"We have published the self-assessments of 2 of the {councils:,} councils for 2025-26" in page.text
    ranked = page.rows("Provisions most often not followed, 2025-26")
    assert [row[0] for row in ranked] == ["1", "2", "2"]
    assert ranked[0][1:] == ["7.1 " + Provision.objects.get(number="7.1").title, "1", "1", "2"]
    assert {row[1].split()[0] for row in ranked[1:]} == {"3.1", "6.2"}  # Sefton's two "partly": Code order
    assert [row[1].split()[0] for row in ranked[1:]] == ["3.1", "6.2"]
    assert "Code failures we found" not in page.text


def code_rows(page) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in page.rows("Sefton's own complaint figures, 2025-26")}


def test_page_letter_and_pack_agree_to_the_digit(client, returns_2025):
    """The Code's figures on the council page, in the letter as issued and on the scrutiny page and pack."""
    page = get_page(client, "/councils/sefton/2025-26/")
    own = code_rows(page)
    received = page.text.split("self-assessment for 2025-26 on ")[1].split(".")[0]
    ((letter, _),) = [pair for pair in letters_for(Y2025, "E08000014")]
    text = " ".join(block.text for block in letter.body)
    assert (f"We received Sefton Metropolitan Borough Council's self-assessment for 2025-26 on {received}; it is "
            "published with the council's own complaint figures at http") in text
    stage1, stage2 = own["Stage 1 complaints answered in time"], own["Stage 2 complaints answered in time"]
    per_10k = own["Council's own stage 2 complaints per 10,000 residents"]
    reaching = own["Complaints received per 10,000 residents"]
    assert (f"answered {stage1[0]} of its {own['Stage 1 complaints received'][0]} stage 1 complaints and "
            f"{stage2[0]} of its {own['Stage 2 complaints received'][0]} stage 2 complaints within the Code's time "
            f"(similar authorities {stage1[1]} and {stage2[1]}). It received {per_10k[0]} stage 2 complaints for "
            f"every 10,000 residents (similar authorities {per_10k[1]}); {reaching[0]} for every 10,000 residents "
            "reached us.") in text
    assert "The council's annual complaints report is at https://council.example/complaints-report." in text

    scrutiny = get_page(client, "/scrutiny/sefton/2025-26/")
    assert code_rows(scrutiny) == own
    assert scrutiny.rows("The council's answers") == page.rows("The council's answers")
    pack = " ".join(pdf_text(client.get("/scrutiny/sefton/2025-26/pack.pdf").content).split())
    for label, values in own.items():
        assert f"{label} {' '.join(values)}" in pack, label
    for question in ("The council says it does not follow 7.1", "The council says it follows 6.2",
                     "The council says it follows 3.1"):
        assert question in scrutiny.text and question in pack
    assert NOT_FOLLOWED in pack and "Acacia" not in pack and UNACCEPTED not in pack


def test_letter_says_what_was_published_when_it_was_issued(client, returns_2025, admin_user):
    """A return accepted after the letters were issued changes the page (kept in the page cache until then),
    never the letter."""
    knowsley = Authority.objects.get(gss="E08000011")
    assert "No self-assessment published" in get_page(client, "/councils/knowsley/2025-26/").text
    lifecycle.accept(knowsley.code_returns.get(year=2025).latest_submitted(), admin_user)
    sefton = returns_2025.code_returns.get(year=2025)
    lifecycle.accept(sefton.latest_submitted(), admin_user)  # the revision: 999 stage 1 complaints
    assert code_rows(get_page(client, "/councils/sefton/2025-26/"))["Stage 1 complaints received"][0] == "999"
    assert "No self-assessment published" not in get_page(client, "/councils/knowsley/2025-26/").text

    letters = {letter.gss: " ".join(block.text for block in letter.body) for letter, _ in letters_for(Y2025)}
    assert "When this letter was issued we had not published a self-assessment from Knowsley Metropolitan " \
           "Borough Council for 2025-26. Self-assessments for the year are due by 30 September 2026" \
        in letters["E08000011"]
    assert "of its 412 stage 1 complaints" in letters["E08000014"]
    html = client.get("/councils/sefton/2025-26/letter.html").content.decode()
    assert "of its 412 stage 1 complaints" in html


@pytest.fixture
def failures_2026(code_edition, admin_user):
    """2026-27: Sefton 4 upheld decisions, one with failures of 6.2 and 7.2, one of 6.2; released."""
    sefton = Authority.objects.get(gss="E08000014")
    upheld = [decide(sefton, D(2026, 4, 1), D(2026, 5, day), Outcome.UPHELD) for day in range(1, 5)]
    for decision, numbers in ((upheld[0], ("6.2", "7.2")), (upheld[1], ("6.2",))):
        for number in numbers:
            CodeFailure.objects.create(decision=decision, provision=code_edition.provisions.get(number=number))
    schedule_release(Y2026)
    return sefton


def test_code_failures_from_2026_27(client, failures_2026, code_edition):
    page = get_page(client, "/councils/sefton/2026-27/")
    (share,) = page.rows("Code failures found, 2026-27")
    assert share[:2] == ["Upheld complaints with a Complaint Handling Code failure", "50%"]  # 2 of 4
    p62, p72 = (str(code_edition.provisions.get(number=number)) for number in ("6.2", "7.2"))
    assert page.rows("Code failures by provision, Sefton 2026-27") == [[p62, "2"], [p72, "1"]]
    assert "No self-assessment published for 2026-27" in page.text
    national = get_page(client, "/national/2026-27/")
    assert national.rows("Code failures by provision, all councils 2026-27") == [[p62, "2"], [p72, "1"]]
    scrutiny = get_page(client, "/scrutiny/sefton/2026-27/")
    assert "We found the council did not follow 6.2" in scrutiny.text
    assert "in 2 upheld complaints" in scrutiny.text and "in 1 upheld complaint." in scrutiny.text
