"""Accounts for the training screens' tests, and a small programme to show on them."""

import datetime

import pytest

from tests.accounts.signing_in import council_user, sign_in, staff_user
from upheld.accounts.models import CouncilRole
from upheld.accounts.roles import StaffRole, ensure_roles
from upheld.authorities.models import Authority
from upheld.training.models import Attendance, Course, TrainingSession

D = datetime.date


@pytest.fixture(autouse=True)
def roles(db):
    """The staff roles, set up again in case a live-server test's flush (tests/browser) emptied them."""
    ensure_roles()


@pytest.fixture
def staff_client(client):
    """`staff_client(role)`: the test client signed in as a member of staff holding `role`."""
    def signed_in(role: StaffRole):
        return sign_in(client, staff_user(f"staff-{role.name.lower()}", role))
    return signed_in


@pytest.fixture
def council_client(client, authority):
    return sign_in(client, council_user("lou", authority, CouncilRole.LINK_OFFICER))


def council(gss: str) -> Authority:
    return Authority.objects.get(gss=gss)


def session(title: str, day: datetime.date, *attendances, audience="councils", delivery="online", place="",
            trainer="Ann Trainer") -> TrainingSession:
    """A session with `attendances` given as (council or organisation name, people)."""
    course, _ = Course.objects.get_or_create(title=title, defaults={"audience": audience})
    made = TrainingSession.objects.create(course=course, date=day, delivery=delivery, place=place, trainer=trainer)
    for who, people in attendances:
        if isinstance(who, Authority):
            Attendance.objects.create(session=made, authority=who, people=people)
        else:
            Attendance.objects.create(session=made, organisation=who, people=people)
    return made
