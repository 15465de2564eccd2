"""One account per role, for the access tests."""

import pytest

from tests.accounts.signing_in import council_user, staff_user
from upheld.accounts.models import CouncilRole
from upheld.accounts.roles import StaffRole, ensure_roles


@pytest.fixture(autouse=True)
def roles(db):
    """The staff roles, set up again in case a live-server test's flush (tests/browser) emptied them."""
    ensure_roles()


def _staff(username: str, role: StaffRole):
    @pytest.fixture
    def account(db):
        return staff_user(username, role)
    return account


caseworker = _staff("casey", StaffRole.CASEWORKER)
compliance_officer = _staff("connie", StaffRole.COMPLIANCE_OFFICER)
publisher = _staff("stan", StaffRole.PUBLISHER)
administrator = _staff("ada", StaffRole.ADMINISTRATOR)


@pytest.fixture
def link_officer(authority):
    return council_user("lou", authority, CouncilRole.LINK_OFFICER)
