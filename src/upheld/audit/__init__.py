"""The audit trail: who created, changed, viewed or exported what, and when.

Events are only ever added (`upheld.audit.models.AuditEvent` refuses updates
and deletes, and so does the database); they are written by
`upheld.audit.record` and, for the tracked models, by the signals of
`upheld.audit.tracking`.
"""
