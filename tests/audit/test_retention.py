"""`upheld anonymise-expired`: a dry run by default; with --commit, personal fields cleared and audited."""

import datetime
import io

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from upheld.audit.models import Action, AuditEvent
from upheld.casework.models import Case, Decision
from upheld.casework.retention import retention_cutoff

TODAY = timezone.localdate()


def years_ago(years: int, days: int = 0) -> datetime.date:
    return retention_cutoff(TODAY, years) - datetime.timedelta(days=days)


def make(authority, reference, received, decided=None, name="Zebedee Quux"):
    case = Case.objects.create(reference=reference, authority=authority, received=received, category="housing",
                               complainant_name=name, complainant_email="zq@example.org" if name else "",
                               complainant_phone="0151 000 0000" if name else "")
    if decided:
        Decision.objects.create(case=case, decided=decided, outcome="upheld")
    return case


def anonymise(*args) -> str:
    out = io.StringIO()
    call_command("anonymise-expired", *args, stdout=out)
    return out.getvalue()


def test_cutoff_counts_whole_years_back():
    assert retention_cutoff(datetime.date(2025, 7, 1), 6) == datetime.date(2019, 7, 1)
    assert retention_cutoff(datetime.date(2024, 2, 29), 1) == datetime.date(2023, 2, 28)


def test_dry_run_then_commit(authority):
    expired = [
        make(authority, "OLD-DECIDED", years_ago(9), decided=years_ago(6, days=1)),
        make(authority, "OLD-UNDECIDED", years_ago(6, days=1)),
    ]
    kept = [
        make(authority, "RECENT-DECISION", years_ago(9), decided=years_ago(5)),  # old case, recent decision
        make(authority, "RECENT", years_ago(1)),
        make(authority, "ON-THE-DAY", years_ago(6)),
    ]
    make(authority, "ALREADY-CLEAR", years_ago(10), name="")

    assert anonymise() == (f"Dry run: 2 cases decided (or, if undecided, received) before "
                           f"{retention_cutoff():%d %B %Y}, retention 6 years, would have personal data cleared. "
                           "Run with --commit to clear it.\n")
    assert Case.objects.filter(complainant_name="Zebedee Quux").count() == 5
    assert not AuditEvent.objects.filter(action=Action.ANONYMISE).exists()

    assert "Cleared personal data from 2 cases" in anonymise("--commit")
    for case in expired:
        case.refresh_from_db()
        assert [getattr(case, name) for name in Case.PERSONAL_FIELDS] == [""] * len(Case.PERSONAL_FIELDS)
    for case in kept:
        case.refresh_from_db()
        assert case.complainant_name == "Zebedee Quux"
    events = AuditEvent.objects.filter(action=Action.ANONYMISE).order_by("case_id")
    assert [e.case_id for e in events] == [case.pk for case in expired]
    assert events[0].before == {"complainant_name": "(personal data)", "complainant_email": "(personal data)",
                                "complainant_phone": "(personal data)"}
    assert events[0].after == {"complainant_name": "", "complainant_email": "", "complainant_phone": ""}
    assert events[0].actor_name == "command anonymise-expired" and events[0].authority_id == authority.pk
    assert "Dry run: 0 cases" in anonymise()


@override_settings(UPHELD_RETENTION_YEARS=2)
def test_retention_comes_from_settings(authority):
    make(authority, "THREE-YEARS", years_ago(3))
    assert "Dry run: 1 case decided" in anonymise() and "retention 2 years" in anonymise()


def test_clearing_raises_each_cases_version_so_forms_opened_before_are_stale(authority):
    case = make(authority, "OLD", years_ago(7))
    assert "Cleared personal data from 1 case" in anonymise("--commit")
    case.refresh_from_db()
    assert (case.complainant_name, case.version) == ("", 2)
