"""Who may open the home page, robots.txt and the favicon (the matrix: `tests/accounts/test_url_matrix.py`)."""

from tests.access import EVERYONE, Access

ACCESS = [Access("home", EVERYONE), Access("robots", EVERYONE), Access("favicon", EVERYONE)]
