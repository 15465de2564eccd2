"""Who may open the staff home and the work dashboard: any staff role, nobody else (the matrix:
`tests/accounts/test_url_matrix.py`). Each shows only what the role may follow (`test_home.py`, `test_work.py`)."""

from tests.access import ADMINISTRATOR, CASEWORKER, COMPLIANCE_OFFICER, PUBLISHER, STAFF, Access

ACCESS = [
    Access("staff:home", STAFF),
    Access("staff:work", STAFF),
    Access("staff:work", STAFF, query="year=2017-18"),
    # The lists the dashboard's counts open, with the filters added for them.
    Access("casework:caseload", STAFF - {ADMINISTRATOR},
           query="decision=undecided&received_from=2017-04-01&decided_from=2017-04-01&decided_to=2018-03-31"),
    Access("admin:decisions_statement_changelist", frozenset({CASEWORKER, PUBLISHER}), query="decision=awaiting"),
    Access("admin:decisions_publicinterestreport_changelist", frozenset({COMPLIANCE_OFFICER, PUBLISHER}),
           query="response=overdue"),
]
