"""The staff home: where "Staff sign in" leads, with what each role can do today; and the page that refuses
a signed-in user, which says what their role may do instead."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.signing_in import STRONG_PASSWORD, council_user, sign_in, staff_user
from tests.builders import case
from upheld.accounts.models import CouncilRole
from upheld.accounts.roles import StaffRole
from upheld.authorities.models import Authority
from upheld.casework.models import Recommendation
from upheld.casework.vocabulary import RecommendationKind

# Each role's tasks that only it (of the four) is given, and tasks it must not be offered.
ONLY = {
    StaffRole.CASEWORKER: ({"Record a complaint or enquiry"}, {"Releases", "Accounts and roles"}),
    StaffRole.COMPLIANCE_OFFICER: ({"Compliance due", "Public interest reports"},
                                   {"Record a complaint or enquiry", "Releases"}),
    StaffRole.PUBLISHER: ({"Service improvements to approve", "Statements awaiting publication", "Releases",
                           "Annual review letters"}, {"Record a complaint or enquiry", "Accounts and roles"}),
    StaffRole.ADMINISTRATOR: ({"Accounts and roles", "Audit trail (CSV)"}, {"Casework", "Releases"}),
}
EVERY_ROLE = {"Work dashboard", "Councils compared", "Training", "Staff administration"}


def task_labels(response) -> set[str]:
    return {task.label for task in response.context["tasks"]}


def test_staff_sign_in_on_the_home_page_leads_to_the_staff_home_through_the_second_factor(db):
    user = staff_user("cw", StaffRole.CASEWORKER)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    home = client.get("/").content.decode()
    assert '<a class="govuk-link" href="/accounts/login/?next=/staff/">Staff sign in</a>' in home
    signed = client.post("/accounts/login/?next=/staff/", {"username": "cw", "password": STRONG_PASSWORD})
    assert signed.status_code == 302 and signed.url.startswith("/accounts/two-factor/")
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    verified = client.post(signed.url, {"token": code})
    assert verified.status_code == 302 and verified.url == "/staff/"
    page = client.get("/staff/")
    assert page.status_code == 200 and "Record a complaint or enquiry" in page.content.decode()


@pytest.mark.parametrize("role", list(StaffRole))
def test_each_role_is_offered_its_own_work(role):
    client = sign_in(Client(), staff_user(f"home-{role.name.lower()}", role))
    response = client.get(reverse("staff:home"))
    assert response.status_code == 200
    labels = task_labels(response)
    given, refused = ONLY[role]
    assert given | EVERY_ROLE <= labels and not refused & labels
    assert f"Your role: {role.label}." in response.content.decode()
    for task in response.context["tasks"]:  # every link offered opens for this role
        assert client.get(task.href).status_code == 200, task.label


def test_the_home_counts_what_waits(db):
    sefton = Authority.objects.get(gss="E08000014")
    waiting = case(sefton, datetime.date(2020, 1, 1))
    Recommendation.objects.create(case=waiting, kind=RecommendationKind.SERVICE_IMPROVEMENT, text="Review",
                                  due=datetime.date(2020, 6, 1))  # overdue long ago: delayed, not overdue
    Recommendation.objects.create(case=case(sefton, datetime.date(2020, 1, 1)), kind=RecommendationKind.PERSONAL,
                                  text="Pay", due=datetime.date.today() - datetime.timedelta(days=3))
    everyone = staff_user("all", StaffRole.COMPLIANCE_OFFICER, StaffRole.PUBLISHER)
    counts = {task.label: task.count for task in sign_in(Client(), everyone).get("/staff/").context["tasks"]}
    assert counts["Compliance due"] == 1 and counts["Service improvements to approve"] == 1
    assert counts["Statements awaiting publication"] == 0 and counts["Casework"] is None


def test_council_users_and_the_public_are_kept_out(db):
    sefton = Authority.objects.get(gss="E08000014")
    for role in CouncilRole:
        client = sign_in(Client(), council_user(f"council-{role}", sefton, role))
        for url in ("/staff/", "/staff/work/", "/staff/councils/"):
            assert client.get(url).status_code == 403, (role, url)
    for url in ("/staff/", "/staff/work/"):
        response = Client().get(url)
        assert response.status_code == 302 and response.url == f"/accounts/login/?next={url}"


def test_a_refused_staff_member_is_told_what_their_role_may_do_instead(db):
    client = sign_in(Client(), staff_user("cw", StaffRole.CASEWORKER))
    response = client.get("/audit/export.csv")  # administrators only
    assert response.status_code == 403
    html = response.content.decode()
    assert "What you can do instead" in html and '<a class="govuk-link" href="/staff/">Staff home</a>' in html
    assert '<a class="govuk-link" href="/casework/new/">Record a complaint or enquiry</a>' in html
    assert "Accounts and roles" not in html and "Releases" not in html and "/portal/" not in html


def test_a_refused_council_user_is_told_what_their_council_role_may_do_instead(db):
    sefton = Authority.objects.get(gss="E08000014")
    client = sign_in(Client(), council_user("ce", sefton, CouncilRole.CHIEF_EXECUTIVE))
    response = client.get("/staff/work/")
    html = response.content.decode()
    assert response.status_code == 403 and 'class="govuk-header' in html
    assert f'<a class="govuk-link" href="/portal/recommendations/">Recommendations due from {sefton.name}</a>' in html
    assert "/staff/" not in html.split("<main", 1)[1]


