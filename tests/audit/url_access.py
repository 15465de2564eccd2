"""Who may download the audit trail (the matrix: `tests/accounts/test_url_matrix.py`)."""

from tests.access import ADMINISTRATOR, Access

ACCESS = [
    Access("audit:export", frozenset({ADMINISTRATOR})),
    Access("audit:export", frozenset({ADMINISTRATOR}), query="since=2017-04-01"),
]
