from tests.accounts.conftest import administrator, caseworker, link_officer, publisher, roles  # noqa: F401
