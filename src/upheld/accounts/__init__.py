"""Who may sign in and what each person may do.

Staff hold one or more roles (Django groups with explicit permissions, see
`upheld.accounts.roles`) and always sign in with a second factor; council
users are bound to exactly one council and are never staff.
"""
