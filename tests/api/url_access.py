"""Who may read the public API (the matrix: `tests/accounts/test_url_matrix.py`).

All of it is public, the same for everyone, signed in or not; what is not public (an embargoed year,
a statement not yet published, a report not yet issued, an address that names nothing) is a 404
whoever asks: staff and councils see such things in their own screens, never through the API.
"""

import datetime

from django.utils import timezone

from tests.access import EVERYONE, NOBODY, Access
from tests.accounts.signing_in import staff_user
from tests.code.builders import submitted
from tests.decisions.url_access import report, statement
from tests.publication.url_access import RELEASED, embargoed
from upheld.accounts.roles import StaffRole
from upheld.code import lifecycle
from upheld.code.loading import load_code


def council(world, **more) -> dict:
    return {"gss": world.council_a.gss, **more}


def accepted_return(world) -> dict:
    """Council A's 2024-25 return, submitted and accepted: public, whatever year is released."""
    load_code()
    lifecycle.accept(submitted(world.council_a, 2024), staff_user(StaffRole.PUBLISHER))
    return council(world, year="2024-25")


def submitted_return(world) -> dict:
    """Council A's 2024-25 return, submitted and not accepted: nobody's."""
    load_code()
    submitted(world.council_a, 2024)
    return council(world, year="2024-25")


ACCESS = [
    Access("api:index", EVERYONE),
    Access("api:openapi", EVERYONE),
    Access("api:docs", EVERYONE),
    Access("api:years", EVERYONE),
    Access("api:councils", EVERYONE, query="type=metropolitan&page_size=5"),
    Access("api:council", EVERYONE, kwargs=council),
    Access("api:statistics", EVERYONE, kwargs=lambda world: {"year": RELEASED}),
    Access("api:statistics", NOBODY, kwargs=lambda world: {"year": embargoed(world)}),
    Access("api:council_statistics", EVERYONE, kwargs=lambda world: council(world, year=RELEASED)),
    Access("api:council_statistics", NOBODY, kwargs=lambda world: council(world, year=embargoed(world))),
    Access("api:returns", EVERYONE, kwargs=lambda world: {"year": accepted_return(world)["year"]}),
    Access("api:return", EVERYONE, kwargs=accepted_return),
    Access("api:return", NOBODY, kwargs=submitted_return),
    Access("api:national", EVERYONE, kwargs=lambda world: {"year": RELEASED}),
    Access("api:national", NOBODY, kwargs=lambda world: {"year": embargoed(world)}),
    Access("api:decisions", EVERYONE, kwargs=lambda world: statement(world) and {}, query="q=housing"),
    Access("api:decision", EVERYONE, kwargs=statement),
    Access("api:decision", NOBODY, kwargs=lambda world: statement(world, decided=timezone.localdate())),
    Access("api:reports", EVERYONE, kwargs=lambda world: report(world) and {}),
    Access("api:public_interest_report", EVERYONE, kwargs=report),
    Access("api:public_interest_report", NOBODY,
           kwargs=lambda world: report(world, issued=timezone.localdate() + datetime.timedelta(days=30))),
    Access("api:not_found", NOBODY, kwargs=lambda world: {"rest": "no/such/address"}),
]
