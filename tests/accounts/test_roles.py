"""Roles: exact permissions set idempotently, staff and council kept apart, and the guards views use."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from tests.accounts.signing_in import council_user, staff_user
from upheld.accounts.models import CouncilMembership, CouncilRole
from upheld.accounts.roles import (
    PERMISSIONS,
    StaffRole,
    council_of,
    council_user_required,
    ensure_roles,
    is_council_role,
    is_staff_role,
    staff_required,
    staff_roles,
)


def permissions_of(role: StaffRole) -> set[str]:
    group = Group.objects.get(name=role.label)
    return {f"{app}.{codename}" for app, codename in
            group.permissions.values_list("content_type__app_label", "codename")}


def test_roles_are_set_exactly_and_setup_can_run_again(db):
    extra = Permission.objects.get(codename="delete_case")
    Group.objects.get(name=StaffRole.PUBLISHER.label).permissions.add(extra)
    ensure_roles()
    ensure_roles()
    assert Group.objects.filter(name__in=StaffRole.labels).count() == len(StaffRole)
    for role in StaffRole:
        assert permissions_of(role) == set(PERMISSIONS[role])
    assert "casework.delete_case" not in permissions_of(StaffRole.PUBLISHER)


def test_only_caseworkers_see_personal_data(db):
    holders = [role for role in StaffRole if "casework.view_personal_data" in permissions_of(role)]
    assert holders == [StaffRole.CASEWORKER]


def test_no_role_may_delete_casework_or_edit_group_permissions(db):
    granted = set().union(*(permissions_of(role) for role in StaffRole))
    assert not {p for p in granted if p.startswith("casework.delete_")}
    assert not granted & {"auth.change_group", "auth.add_group", "auth.change_permission"}


def test_staff_roles_and_council_ties(authority, caseworker, link_officer):
    assert staff_roles(caseworker) == {StaffRole.CASEWORKER}
    assert is_staff_role(caseworker) and is_staff_role(caseworker, StaffRole.CASEWORKER, StaffRole.PUBLISHER)
    assert not is_staff_role(caseworker, StaffRole.ADMINISTRATOR)
    assert council_of(caseworker) is None
    assert council_of(link_officer) == authority
    assert is_council_role(link_officer, CouncilRole.LINK_OFFICER)
    assert not is_council_role(link_officer, CouncilRole.CHIEF_EXECUTIVE)
    assert not is_staff_role(link_officer)
    assert council_of(AnonymousUser()) is None and not is_staff_role(AnonymousUser())


def test_a_staff_account_cannot_be_tied_to_a_council(authority, caseworker):
    with pytest.raises(ValidationError):
        CouncilMembership.objects.create(user=caseworker, authority=authority, role=CouncilRole.LINK_OFFICER)


def test_a_council_user_made_staff_holds_neither(authority):
    user = council_user("both", authority, CouncilRole.CHIEF_EXECUTIVE)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=StaffRole.CASEWORKER.label))
    assert council_of(user) is None and staff_roles(user) == frozenset()


def test_inactive_accounts_hold_nothing(authority, caseworker, link_officer):
    for user in (caseworker, link_officer):
        user.is_active = False
        user.save()
    assert staff_roles(staff_user("gone", StaffRole.CASEWORKER, is_active=False)) == frozenset()
    assert council_of(link_officer) is None


def _request(user, verified=True):
    request = RequestFactory().get("/somewhere/?x=1")
    request.user = user
    user.is_verified = lambda: verified
    return request


def _view(request):
    return HttpResponse(getattr(request, "council", "ok"))


def test_staff_required(caseworker, publisher, link_officer):
    guarded = staff_required(StaffRole.CASEWORKER)(_view)
    assert guarded(_request(caseworker)).status_code == 200
    with pytest.raises(PermissionDenied):
        guarded(_request(publisher))
    with pytest.raises(PermissionDenied):
        guarded(_request(link_officer))
    unverified = guarded(_request(caseworker, verified=False))
    assert unverified.status_code == 302 and unverified.url.startswith("/accounts/two-factor/set-up/?next=")
    anonymous = RequestFactory().get("/somewhere/")
    anonymous.user = AnonymousUser()
    assert guarded(anonymous).url == "/accounts/login/?next=/somewhere/"
    assert staff_required(_view)(_request(publisher)).status_code == 200  # any staff role


def test_council_user_required(authority, caseworker, link_officer):
    guarded = council_user_required(_view)
    assert guarded(_request(link_officer)).content.decode() == str(authority)
    with pytest.raises(PermissionDenied):
        guarded(_request(caseworker))
    with pytest.raises(PermissionDenied):
        council_user_required(CouncilRole.CHIEF_EXECUTIVE)(_view)(_request(link_officer))
