"""The role × URL matrix: every address of the site, asked for as every role (the rules: `tests/access.py`).

The entries come from the `ACCESS` list of every `tests/<app>/url_access.py`. Every URL pattern of
`upheld.urls` (the admin aside, which `test_admin_access.py` covers model by model) must be named and
have at least one entry, and every entry must name a pattern that exists: a new screen cannot ship
without saying who may open it. Entries may name admin pages too, for requests the model-by-model
check cannot express (a list filtered by a complainant's details, a statement form sent with "publish").
Every response is also checked against the Content Security Policy (`test_csp.policy_problems`): a
strict header, and nothing in the page that it would block.
"""

from __future__ import annotations

import datetime
import importlib
import importlib.util
import pkgutil
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

import tests
from tests import access
from tests.access import ROLES, Access, World
from tests.accounts.signing_in import council_user, sign_in, staff_user
from tests.accounts.test_csp import policy_problems
from tests.builders import Y2017, build_sefton_2017_18, decide
from upheld.accounts.models import CouncilRole
from upheld.accounts.roles import StaffRole
from upheld.authorities.models import Authority
from upheld.casework.models import ComplianceOutcome, Recommendation
from upheld.casework.vocabulary import ComplianceResult, Outcome, RecommendationKind, Remedy
from upheld.releases.freezing import schedule_release

SKIPPED_NAMESPACES = {"admin"}  # tests/accounts/test_admin_access.py
REFUSING_REDIRECTS = ("accounts:login", "accounts:verify", "accounts:enrol", "admin:login")
STAFF_ROLES = {access.CASEWORKER: StaffRole.CASEWORKER, access.COMPLIANCE_OFFICER: StaffRole.COMPLIANCE_OFFICER,
               access.PUBLISHER: StaffRole.PUBLISHER, access.ADMINISTRATOR: StaffRole.ADMINISTRATOR}
COUNCIL_ROLES = {access.LINK_OFFICER: CouncilRole.LINK_OFFICER, access.CHIEF_EXECUTIVE: CouncilRole.CHIEF_EXECUTIVE}


def access_entries() -> list[Access]:
    """Every `ACCESS` entry of every `tests/<app>/url_access.py` that exists."""
    entries = []
    for module in sorted(pkgutil.iter_modules(tests.__path__), key=lambda found: found.name):
        name = f"tests.{module.name}.url_access"
        if module.ispkg and importlib.util.find_spec(name) is not None:
            entries += importlib.import_module(name).ACCESS
    return entries


def url_patterns(patterns=None, namespace: str = "", route: str = "", skipped=SKIPPED_NAMESPACES):
    """(name as given to `reverse`, or None if the pattern has none; its route) of every pattern outside
    the `skipped` namespaces, through every include."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in skipped:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, inner, route + str(pattern.pattern), skipped)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else None), route + str(pattern.pattern)


ENTRIES = access_entries()


def test_every_url_pattern_is_named_and_has_an_access_entry():
    covered = {entry.name for entry in ENTRIES}
    unnamed = [route for name, route in url_patterns() if name is None]
    uncovered = [f"{name} ({route})" for name, route in url_patterns() if name is not None and name not in covered]
    assert not unnamed, f"URL patterns without a name (the matrix cannot list them): {unnamed}"
    assert not uncovered, ("URL patterns with no Access entry in any tests/<app>/url_access.py: "
                           + ", ".join(uncovered))


def test_every_access_entry_names_a_url_that_exists():
    names = {name for name, _ in url_patterns(skipped=())}
    unknown = sorted({entry.name for entry in ENTRIES} - names)
    assert not unknown, f"Access entries naming no URL pattern (renamed or removed?): {unknown}"
    assert all(entry.method in ("get", "post") for entry in ENTRIES)
    assert all(entry.allowed <= set(ROLES) for entry in ENTRIES), "an entry names a role not in ROLES"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    """Built once for the module, in a transaction rolled back at its end; each test runs in a savepoint
    of it (its `db` fixture) and each role's request in a savepoint of that."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _build_world() -> World:
    sefton, knowsley = Authority.objects.get(gss="E08000014"), Authority.objects.get(gss="E08000011")
    build_sefton_2017_18(sefton)
    case_a, case_b = (_upheld_case(council) for council in (sefton, knowsley))
    release = schedule_release(Y2017, timezone.now() - datetime.timedelta(days=1))
    users = {access.ANONYMOUS: None}
    users |= {role: staff_user(f"matrix-{role.replace(' ', '-')}", staff_role)
              for role, staff_role in STAFF_ROLES.items()}
    users |= {role: council_user(f"matrix-{role.replace(' ', '-')}", sefton, council_role)
              for role, council_role in COUNCIL_ROLES.items()}
    return World(council_a=sefton, council_b=knowsley, case_a=case_a, case_b=case_b, year=Y2017,
                 release=release, users=users)


def _upheld_case(council):
    decision = decide(council, datetime.date(2017, 5, 2), datetime.date(2017, 9, 1), Outcome.UPHELD,
                      Remedy.BY_OMBUDSMAN)
    Recommendation.objects.create(case=decision.case, kind=RecommendationKind.SERVICE_IMPROVEMENT,
                                  text=f"{council.short_name} will review how it answers letters.",
                                  due=datetime.date(2017, 11, 1))
    ComplianceOutcome.objects.create(case=decision.case, recorded=datetime.date(2017, 12, 1),
                                     outcome=ComplianceResult.COMPLIED)
    return decision.case


def outcome(response) -> str:
    """"through", "refused", or what else happened, by the rules of `tests/access.py`."""
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"]).path
        return "refused" if target in {reverse(name) for name in REFUSING_REDIRECTS} else "through"
    if status < 400 or status == 405:
        return "through"
    return "refused" if status in (403, 404) else f"HTTP {status}"


def request_as(world: World, role: str, entry: Access):
    client = Client()
    if world.users[role] is not None:
        sign_in(client, world.users[role])
    url = reverse(entry.name, kwargs=entry.kwargs(world))
    if entry.query:
        url += entry.query if entry.query.startswith("?") else f"?{entry.query}"
    response = getattr(client, entry.method)(url, data=dict(entry.data(world)))
    if response.streaming:  # read to the end, which finishes the request as the test client means it to
        response.streamed = b"".join(response.streaming_content)
    return url, response


def _id(entry: Access) -> str:
    return f"{entry.name}-{entry.method}{'?' + entry.query.lstrip('?') if entry.query else ''}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[_id(entry) for entry in ENTRIES])
def test_only_the_allowed_roles_get_through(db, world, entry):
    seen, urls, unsafe = {}, set(), {}
    for role in ROLES:
        with transaction.atomic():  # each role meets the same world: undo what the request did
            url, response = request_as(world, role, entry)
            transaction.set_rollback(True)
        urls.add(url)
        seen[role] = outcome(response)
        if seen[role] not in ("through", "refused"):
            seen[role] += f" {(response.streamed if response.streaming else response.content)[:300]!r}"
        if problems := policy_problems(response):
            unsafe[role] = problems
    expected = {role: "through" if role in entry.allowed else "refused" for role in ROLES}
    wrong = {role: f"got {seen[role]}, expected {expected[role]}" for role in ROLES if seen[role] != expected[role]}
    assert not wrong, f"{entry.method.upper()} {' '.join(sorted(urls))}: {wrong}"
    assert not unsafe, f"{entry.method.upper()} {' '.join(sorted(urls))}: Content Security Policy: {unsafe}"
