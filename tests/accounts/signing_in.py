"""Signing test clients in as staff (second factor verified) or council users.

`client.force_login` alone leaves a staff session unverified, which the
second-factor middleware turns away from every staff page; `sign_in` also
marks the session as verified by a TOTP device, as a real sign-in would.
"""

from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from upheld.accounts.models import CouncilMembership
from upheld.accounts.roles import StaffRole, ensure_roles

STRONG_PASSWORD = "correct horse battery staple 42"


def sign_in(client, user, verified: bool = True):
    client.force_login(user)
    if verified and (user.is_staff or user.is_superuser):
        device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "test"})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def staff_user(username: str, *roles: StaffRole, **fields):
    """A staff account holding `roles`. The roles are set up first: a live-server test's flush
    (tests/browser) empties the groups that the session set up."""
    from django.contrib.auth.models import Group

    ensure_roles()
    user = get_user_model().objects.create_user(username, email=f"{username}@example.test",
                                                password=STRONG_PASSWORD, is_staff=True, **fields)
    user.groups.set(Group.objects.filter(name__in=[role.label for role in roles]))
    return user


def council_user(username: str, authority, role):
    user = get_user_model().objects.create_user(username, email=f"{username}@council.test", password=STRONG_PASSWORD)
    CouncilMembership.objects.create(user=user, authority=authority, role=role)
    return user
