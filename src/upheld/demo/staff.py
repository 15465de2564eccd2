"""The staff account of a demonstration.

The password is random, never a known demo password, because a demo left
running is a server like any other. It is printed once when made and kept in
the var directory, so a second `make demo` reuses the account and can say
where the password is.
"""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model

USERNAME = "admin"
SIGN_IN_FILE = "demo-admin-password"


def ensure_demo_admin(var_dir: Path) -> str:
    """Create the demo's staff superuser if missing; return how to sign in."""
    path = var_dir / SIGN_IN_FILE
    users = get_user_model().objects
    if users.filter(username=USERNAME).exists():
        where = f"password in {path}" if path.exists() else "its password unchanged"
        return f"user {USERNAME}, {where}"
    if path.exists():
        users.create_superuser(USERNAME, email="", password=path.read_text().strip())
        return f"user {USERNAME}, password in {path}"
    password = secrets.token_urlsafe(12)
    users.create_superuser(USERNAME, email="", password=password)
    var_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return f"user {USERNAME}, password {password} (kept in {path})"
