"""Who may open which address: the vocabulary of the role × URL matrix.

Every URL pattern of the site (admin aside: `tests/accounts/test_admin_access.py`
covers every registered model) must have at least one `Access` entry, listed in
`ACCESS` of the `tests/<app>/url_access.py` of the app that owns it; the matrix
test (`tests/accounts/test_url_matrix.py`) fails for a pattern without one.
Entries may also name admin pages ("admin:casework_case_changelist"), for
requests that matter to who may make them: a list filtered by personal data,
a form sent with a field only some roles may set.

For each entry the matrix requests the address as every role of `ROLES` (the
staff signed in with their second factor; the council users tied to
`world.council_a`) and checks that exactly the roles in `allowed` get through:
a response below 400 that is not a redirect to sign-in or to the second factor
(405 also counts as through), while every other role gets 403, 404 or such a
redirect. Any other answer (400, 500, ...) fails the test for every role.

Each role's request runs in a savepoint that is rolled back afterwards, with
`kwargs(world)` and `data(world)` called afresh inside it: every role meets
the same `World`, whatever an earlier role's request (a POST, a sign-out)
changed or an entry's `kwargs` created, so entries may create objects with
fixed values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

ANONYMOUS = "anonymous"
CASEWORKER = "caseworker"
COMPLIANCE_OFFICER = "compliance officer"
PUBLISHER = "publisher"
ADMINISTRATOR = "administrator"
LINK_OFFICER = "link officer"
CHIEF_EXECUTIVE = "chief executive"

STAFF = frozenset({CASEWORKER, COMPLIANCE_OFFICER, PUBLISHER, ADMINISTRATOR})
COUNCIL = frozenset({LINK_OFFICER, CHIEF_EXECUTIVE})
SIGNED_IN = STAFF | COUNCIL
EVERYONE = SIGNED_IN | {ANONYMOUS}
NOBODY: frozenset[str] = frozenset()
ROLES = (ANONYMOUS, CASEWORKER, COMPLIANCE_OFFICER, PUBLISHER, ADMINISTRATOR, LINK_OFFICER, CHIEF_EXECUTIVE)


@dataclass(frozen=True)
class Access:
    """One request to make as every role, and the roles that must get through.

    `kwargs(world)` gives the URL's arguments (it may create objects it needs:
    it runs inside the test's database transaction); `world` is the matrix's
    fixture with at least `council_a`, `council_b` (Authority), `case_a`,
    `case_b` (a Case of each, decided Upheld with a recommendation and a
    compliance outcome), `year` (the released `ReportingYear` 2017-18) and
    `users` (role name -> User). Several entries may name the same URL, e.g.
    one for council A's object and one for council B's."""

    name: str  # "namespace:name"
    allowed: frozenset[str]
    kwargs: Callable[[Any], Mapping[str, Any]] = field(default=lambda world: {})
    method: str = "get"
    data: Callable[[Any], Mapping[str, Any]] = field(default=lambda world: {})
    query: str = ""  # appended to the address, with or without its leading "?"


@dataclass
class World:
    """What the matrix builds once (`tests/accounts/test_url_matrix.py`; every request is undone after
    it): two metropolitan boroughs, Sefton (`council_a`, the council users' own) and Knowsley (`council_b`), each with a
    case (`case_a`, `case_b`) decided Upheld in 2017-18 with a service-improvement recommendation and
    a compliance outcome; Sefton's 2017-18 reference records; 2017-18 (`year`) released yesterday
    (`release`); and one user per role of `ROLES` (`users`, anonymous -> None)."""

    council_a: Any
    council_b: Any
    case_a: Any
    case_b: Any
    year: Any  # upheld.years.ReportingYear
    release: Any  # upheld.releases.models.Release
    users: dict[str, Any]
