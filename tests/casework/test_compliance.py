import datetime

import pytest

from upheld.casework.compliance import ComplianceStatus, compliance_status, delayed_from

D = datetime.date


@pytest.mark.parametrize(("due", "outcome", "today", "expected"), [
    (None, None, D(2024, 1, 1), ComplianceStatus.NO_RECOMMENDATIONS),
    (D(2024, 3, 1), None, D(2024, 3, 1), ComplianceStatus.AWAITING),
    (D(2024, 3, 1), None, D(2024, 3, 2), ComplianceStatus.OVERDUE),
    (D(2024, 3, 1), None, D(2025, 2, 28), ComplianceStatus.OVERDUE),
    (D(2024, 3, 1), None, D(2025, 3, 1), ComplianceStatus.DELAYED),
    (D(2024, 3, 1), "complied_late", D(2026, 1, 1), ComplianceStatus.COMPLIED_LATE),
    (D(2024, 3, 1), "not_complied", D(2024, 1, 1), ComplianceStatus.NOT_COMPLIED),
])
def test_status(due, outcome, today, expected):
    assert compliance_status(due, outcome, today) == expected


def test_delayed_from_leap_day_is_a_full_year_later():
    assert delayed_from(D(2024, 2, 29)) == D(2025, 3, 1)
    assert delayed_from(D(2024, 12, 31)) == D(2025, 12, 31)
