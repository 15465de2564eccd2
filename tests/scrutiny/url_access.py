"""Who may open the scrutiny pages (the matrix: `tests/accounts/test_url_matrix.py`).

Released figures are public: the hub, a council's page and its pack are the same for everyone. A year
under embargo is "not found" on the page and the pack, whoever asks, staff and council users included.
"""

from tests.access import EVERYONE, NOBODY, Access
from tests.publication.url_access import RELEASED, council, embargoed

ACCESS = [
    Access("scrutiny:hub", EVERYONE),
    Access("scrutiny:hub", EVERYONE, query="council=atlantis"),  # an error summary, for everyone
    Access("scrutiny:council", EVERYONE, kwargs=lambda world: council(world)),
    Access("scrutiny:council-year", EVERYONE, kwargs=lambda world: council(world, RELEASED)),
    Access("scrutiny:pack", EVERYONE, kwargs=lambda world: council(world, RELEASED)),
    Access("scrutiny:council-year", NOBODY, kwargs=lambda world: council(world, embargoed(world))),
    Access("scrutiny:pack", NOBODY, kwargs=lambda world: council(world, embargoed(world))),
]
