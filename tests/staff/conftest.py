"""The staff roles, set up again in case a live-server test's flush (tests/browser) emptied them."""

import pytest

from upheld.accounts.roles import ensure_roles


@pytest.fixture(autouse=True)
def roles(db):
    ensure_roles()
