"""A council's self-assessment return in the portal: drafted, submitted, revised by the link officer, read
by the chief executive, accepted by a publisher in the admin, and never reachable by another council."""

import pytest
from django.test import Client

from tests.accounts.signing_in import council_user, sign_in
from tests.code.builders import submitted
from upheld.accounts.models import CouncilRole
from upheld.audit.models import AuditEvent
from upheld.code import lifecycle
from upheld.code.editions import Provision
from upheld.code.loading import load_code
from upheld.code.returns import SelfAssessment, Status, Version

YEAR = "2024-25"
FIGURES = {"stage1_received": "40", "stage1_in_time": "35", "stage1_extended": "3", "stage1_upheld": "12",
           "stage2_received": "8", "stage2_in_time": "7", "stage2_upheld": "2",
           "report_url": "https://sefton.example/complaints-report"}


@pytest.fixture
def code(db):
    load_code()


@pytest.fixture
def link_officer(authority, code):
    return sign_in(Client(), council_user("sefton-link", authority, CouncilRole.LINK_OFFICER))


def answers(provisions, answer="follows", explanation="") -> dict:
    return {f"answer_{p.pk}": answer for p in provisions} | {f"explanation_{p.pk}": explanation for p in provisions}


def test_a_return_is_drafted_submitted_revised_and_accepted(link_officer, authority, admin_client):
    assert link_officer.get("/portal/returns/").status_code == 200
    response = link_officer.post(f"/portal/returns/{YEAR}/figures/", FIGURES)
    assert response.status_code == 302
    page = link_officer.get(f"/portal/returns/{YEAR}/").content.decode()
    assert "Before it can be submitted" in page and "Provision 6.1: not answered" in page
    provisions = list(Provision.objects.all())
    response = link_officer.post(f"/portal/returns/{YEAR}/answers/", answers(provisions))
    assert response.status_code == 302
    assert link_officer.post(f"/portal/returns/{YEAR}/submit/").status_code == 302
    assessment = SelfAssessment.objects.get(authority=authority, year=2024)
    first = assessment.latest_submitted()
    assert (first.number, assessment.status, first.stage2_in_time) == (1, Status.SUBMITTED, 7)
    assert not Version.objects.public().exists()  # submitted, not yet public

    # A revision: the figures start from what was sent; the first version is kept as sent.
    assert 'value="7"' in link_officer.get(f"/portal/returns/{YEAR}/figures/").content.decode()
    link_officer.post(f"/portal/returns/{YEAR}/figures/", FIGURES | {"stage2_in_time": "6"})
    link_officer.post(f"/portal/returns/{YEAR}/submit/")
    assert list(assessment.submitted_versions().values_list("number", "stage2_in_time")) == [(1, 7), (2, 6)]
    assert AuditEvent.objects.filter(object_type="code.version", authority_id=authority.id).count() >= 4

    # A publisher accepts it in the admin: then, and only then, it is public.
    response = admin_client.post("/admin/code/selfassessment/", {"action": "accept_latest",
                                                                  "_selected_action": [assessment.pk]})
    assert response.status_code == 302
    assert list(Version.objects.public()) == [assessment.latest_submitted()]
    assert "(published)" in link_officer.get(f"/portal/returns/{YEAR}/").content.decode()


def test_a_half_answer_needs_its_explanation(link_officer, authority):
    provisions = list(Provision.objects.all())
    link_officer.post(f"/portal/returns/{YEAR}/figures/", FIGURES)
    link_officer.post(f"/portal/returns/{YEAR}/answers/", answers(provisions, "partly"))
    link_officer.post(f"/portal/returns/{YEAR}/submit/")
    assert not Version.objects.filter(submitted_at__isnull=False).exists()
    page = link_officer.get(f"/portal/returns/{YEAR}/").content.decode()
    assert "Provision 1.1: explain in what way the council does not (fully) follow the provision" in page


def test_figures_that_do_not_add_up_are_refused_with_the_field_named(link_officer):
    response = link_officer.post(f"/portal/returns/{YEAR}/figures/", FIGURES | {"stage1_in_time": "41"})
    assert response.status_code == 200
    assert "more than the stage 1 complaints received (40)" in response.content.decode()
    assert not Version.objects.exists()


def test_the_chief_executive_reads_but_does_not_write(authority, code, admin_user):
    submitted(authority, 2024, admin_user)
    chief = sign_in(Client(), council_user("sefton-chief", authority, CouncilRole.CHIEF_EXECUTIVE))
    assert "Version 1" in chief.get(f"/portal/returns/{YEAR}/").content.decode()
    assert chief.post(f"/portal/returns/{YEAR}/figures/", FIGURES).status_code == 403
    assert chief.post(f"/portal/returns/{YEAR}/submit/").status_code == 403


def test_a_council_can_neither_read_nor_submit_anothers_return(link_officer, knowsley, admin_user):
    theirs = submitted(knowsley, 2024, admin_user, stage1_received=777, stage1_in_time=701)
    draft = lifecycle.draft(theirs.assessment)
    page = link_officer.get(f"/portal/returns/{YEAR}/").content.decode()
    assert "777" not in page and "701" not in page and "Not started" in page
    assert "777" not in link_officer.get(f"/portal/returns/{YEAR}/figures/").content.decode()
    link_officer.post(f"/portal/returns/{YEAR}/submit/")
    assert Version.objects.get(pk=draft.pk).submitted_at is None  # Knowsley's draft is untouched
    link_officer.post(f"/portal/returns/{YEAR}/figures/", FIGURES)
    assert Version.objects.get(pk=draft.pk).stage1_received == 777
    assert SelfAssessment.objects.get(authority=knowsley).versions.count() == 2


def test_a_year_before_the_code_or_not_ended_is_not_found(link_officer):
    assert link_officer.get("/portal/returns/2023-24/").status_code == 404
    assert link_officer.get("/portal/returns/2031-32/").status_code == 404
    assert link_officer.post("/portal/returns/2023-24/figures/", FIGURES).status_code == 404


def test_the_forms_need_the_csrf_token(authority, code):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, council_user("sefton-link", authority, CouncilRole.LINK_OFFICER))
    assert client.post(f"/portal/returns/{YEAR}/figures/", FIGURES).status_code == 403
    assert client.post(f"/portal/returns/{YEAR}/submit/").status_code == 403
    assert not Version.objects.exists()
