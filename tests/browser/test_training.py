"""axe-core finds no WCAG 2.2 A/AA violation on the councils compared and the training screens.

The staff member and their session are written without the model signals (bulk inserts and a
session saved by hand): the audit trail's append-only table would otherwise stop the live
server's flush after the test (see tests/browser/conftest.py).
"""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from upheld.accounts.sessions import SIGNED_IN_AT
from upheld.authorities.models import Authority
from upheld.training.models import Attendance, Course, LinkOfficer, Seminar, SeminarAttendance, TrainingSession

pytestmark = pytest.mark.browser
D = datetime.date
PAGES = ["/staff/councils/?year=2017-18",
         "/staff/councils/?year=2019-20&type=metropolitan&sort=people&order=desc",
         "/training/?year=2017-18", "/training/link-officers/?former=on", "/training/seminars/"]


def staff_session() -> str:
    """A verified superuser's session key, made without signals."""
    user_model = get_user_model()
    user_model.objects.bulk_create([user_model(username="browser-staff", is_staff=True, is_superuser=True,
                                               password=make_password("correct horse battery staple 42"))])
    user = user_model.objects.get(username="browser-staff")
    TOTPDevice.objects.bulk_create([TOTPDevice(user=user, name="test", confirmed=True)])
    session = SessionStore()
    session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
                    HASH_SESSION_KEY: user.get_session_auth_hash(), SIGNED_IN_AT: time.time(),
                    DEVICE_ID_SESSION_KEY: TOTPDevice.objects.get(user=user).persistent_id})
    session.save()
    return session.session_key


def training_records() -> int:
    """A course with sessions in 2017-18 and 2019-20, two link officers and a seminar; the seminar's id."""
    sefton, kent = Authority.objects.get(gss="E08000014"), Authority.objects.get(gss="E10000016")
    course = Course.objects.create(title="Effective complaint handling", audience="councils")
    sessions = TrainingSession.objects.bulk_create([
        TrainingSession(course=course, date=D(2017, 6, 1), delivery="in person", place="Leeds", trainer="A. Hollis"),
        TrainingSession(course=course, date=D(2019, 6, 1), delivery="online", trainer="B. Okafor")])
    Attendance.objects.bulk_create([Attendance(session=sessions[0], authority=sefton, people=3),
                                    Attendance(session=sessions[0], organisation="Oakwood Care Home", people=2),
                                    Attendance(session=sessions[1], authority=kent, people=4)])
    officers = LinkOfficer.objects.bulk_create([
        LinkOfficer(authority=sefton, name="Sam Link", job_title="Complaints Manager", email="sam@sefton.example",
                    phone="01632 960001", active_from=D(2017, 4, 1)),
        LinkOfficer(authority=kent, name="Kim Former", active_from=D(2017, 4, 1), active_to=D(2019, 3, 31))])
    seminar = Seminar.objects.create(title="Learning from complaints", date=D(2017, 9, 1), delivery="online")
    SeminarAttendance.objects.bulk_create([SeminarAttendance(seminar=seminar, link_officer=o) for o in officers])
    return seminar.pk


def test_no_axe_violations_on_the_staff_screens(site, axe_page, screenshot):
    seminar = training_records()
    axe_page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": staff_session(), "url": site}])
    problems = []
    for url in [*PAGES, f"/training/seminars/{seminar}/"]:
        response = axe_page.goto(site + url)
        if response.status != 200 or axe_page.url != site + url:
            problems.append(f"{url}: HTTP {response.status} at {axe_page.url}")
            continue
        for violation in axe_page.axe_violations():
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
        if url == PAGES[0]:
            screenshot(axe_page, "staff-dashboard.png")
            assert axe_page.get_by_text("not evidence that training caused any change").count() == 1
    assert not problems, "\n".join(problems)


def test_the_dashboard_sorts_by_keyboard(site, page):
    training_records()
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": staff_session(), "url": site}])
    page.goto(site + "/staff/councils/?year=2017-18&region=North+West")
    heading = page.get_by_role("link", name="People trained")
    heading.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**sort=people**")
    page.get_by_role("link", name="People trained").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**order=desc**")
    first = page.locator("table.upheld-dashboard tbody tr").first
    assert "Sefton" in first.inner_text()
    assert page.locator("th[aria-sort=descending]").inner_text() == "People trained"
