"""What a staff member can do, as the links of their home (`/staff/`) and of the page that refuses them one
(`upheld.site.errors`): each task is shown to whoever holds its permission, so the list is their role's.

The things waiting for someone (compliance overdue, service improvements and statements to publish) carry
their count on the home, from the work dashboard's queries (`upheld.staff.work`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from upheld.casework.compliance import ComplianceStatus
from upheld.staff import work


@dataclass(frozen=True)
class Task:
    label: str
    href: str
    hint: str = ""
    count: int | None = None


@dataclass(frozen=True)
class _Kind:
    permission: str | None  # None: any staff role
    label: str
    href: Callable[[], str]
    hint: str = ""
    count: Callable[[datetime.date], int] | None = None


def _admin(name: str, query: str = "") -> Callable[[], str]:
    return lambda: reverse(f"admin:{name}") + query


def _overdue(today: datetime.date) -> int:
    return work.compliance_counts(today)[ComplianceStatus.OVERDUE.value]


KINDS = [
    _Kind("casework.add_case", "Record a complaint or enquiry", lambda: reverse("casework:intake")),
    _Kind("casework.view_case", "Casework", lambda: reverse("casework:caseload"),
          "Find a case by reference, council, category, decision or compliance"),
    _Kind("casework.add_complianceoutcome", "Compliance due",
          lambda: work.caseload_link({"status": ComplianceStatus.OVERDUE.value}),
          "Cases whose recommendations are overdue: record what the council did", _overdue),
    _Kind("casework.approve_service_improvement", "Service improvements to approve",
          lambda: reverse("casework:service_improvements"),
          "Read what caseworkers wrote before it is published", lambda today: work.improvements_waiting().count),
    _Kind("decisions.publish_statement", "Statements awaiting publication",
          _admin("decisions_statement_changelist", "?decision=awaiting"),
          "Decision statements no publisher has decided on yet", lambda today: work.statements_awaiting().count),
    _Kind("decisions.view_publicinterestreport", "Public interest reports",
          _admin("decisions_publicinterestreport_changelist", "?response=overdue"),
          "Councils whose response to a report is overdue"),
    _Kind("releases.view_release", "Releases", _admin("releases_release_changelist"),
          "Schedule a year's release and its embargo"),
    _Kind("letters.view_lettertext", "Annual review letters", _admin("letters_lettertext_changelist"),
          "The letters' texts, and their deliveries to chief executives"),
    _Kind("auth.view_user", "Accounts and roles", _admin("auth_user_changelist"),
          "Staff and council accounts, their roles and second factors"),
    _Kind("audit.export_auditevent", "Audit trail (CSV)", lambda: reverse("audit:export")),
    _Kind(None, "Work dashboard", lambda: reverse("staff:work"),
          "Open cases by age, decisions, compliance and what waits for a publisher"),
    _Kind(None, "Councils compared", lambda: reverse("training:councils"),
          "Each council's figures for a year beside its take-up of training"),
    _Kind(None, "Training", lambda: reverse("training:programme"), "The training programme and seminars"),
    _Kind("training.view_linkofficer", "Link officers", lambda: reverse("training:link-officers")),
    _Kind(None, "Staff administration", _admin("index"),
          "Everything else your role may see or change, record by record"),
]


def tasks(user, today: datetime.date | None = None) -> list[Task]:
    """The tasks `user` (a staff member) may do, with their counts when `today` is given (a query each)."""
    return [Task(kind.label, kind.href(), kind.hint, kind.count(today) if today and kind.count else None)
            for kind in KINDS if kind.permission is None or user.has_perm(kind.permission)]
