"""Who may open the home page (the matrix: `tests/accounts/test_url_matrix.py`)."""

from tests.access import EVERYONE, Access

ACCESS = [Access("home", EVERYONE)]
