"""Who may open the sign-in and password pages (the matrix: `tests/accounts/test_url_matrix.py`)."""

from tests.access import EVERYONE, SIGNED_IN, Access

ACCESS = [
    Access("accounts:start", SIGNED_IN),
    Access("accounts:login", EVERYONE),
    Access("accounts:login", EVERYONE, method="post", data=lambda world: {"username": "nobody", "password": "wrong"}),
    Access("accounts:logout", EVERYONE, method="post"),  # GET is 405: signing out takes a form
    Access("accounts:signed-out", EVERYONE),
    # Staff already verified, and council users (who give no second factor), are sent on.
    Access("accounts:verify", SIGNED_IN),
    Access("accounts:enrol", SIGNED_IN),
    Access("accounts:password", SIGNED_IN),
    Access("accounts:reset", EVERYONE),
    Access("accounts:reset", EVERYONE, method="post", data=lambda world: {"email": "nobody@example.test"}),
    Access("accounts:reset-sent", EVERYONE),
    Access("accounts:reset-confirm", EVERYONE, kwargs=lambda world: {"uidb64": "MQ", "token": "set-not-valid"}),
    Access("accounts:reset-done", EVERYONE),
]
