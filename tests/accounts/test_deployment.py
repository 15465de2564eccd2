"""Production settings come from the environment (`UPHELD_ENV=production`) and pass Django's deployment
checks; a production missing what it needs stops with a message, not a traceback; and everything else
(the demo, `upheld serve` on loopback, these tests) stays on plain HTTP."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

UPHELD = Path(sys.executable).with_name("upheld")
CONFIGURATION = ("UPHELD_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "HTTPS", "DATABASE_URL")


def upheld(tmp_path, *args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in CONFIGURATION}
    env |= {"UPHELD_VAR_DIR": str(tmp_path / "var"), **environment}
    return subprocess.run([str(UPHELD), *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          check=False)


def production(**overrides: str) -> dict[str, str]:
    return {"UPHELD_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "upheld.example.org", **overrides}


def test_production_settings_pass_the_deployment_checks(tmp_path):
    done = upheld(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **production())
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
    assert not (tmp_path / "var" / "secret_key").exists()  # the key given is the key used


def test_production_turns_on_everything_https_needs(tmp_path):
    shown = ["DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
             "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "ALLOWED_HOSTS"]
    script = f"from django.conf import settings; print([getattr(settings, name) for name in {shown!r}])"
    done = upheld(tmp_path, "shell", "--no-imports", "-c", script, **production())
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str([False, True, True, True, 31536000, True, "__Host-sessionid",
                                       "__Host-csrftoken", ["upheld.example.org"]])


@pytest.mark.parametrize(("missing", "message"), [
    ({"SECRET_KEY": ""}, "upheld: UPHELD_ENV=production needs SECRET_KEY"),
    ({"ALLOWED_HOSTS": ""}, "upheld: UPHELD_ENV=production needs ALLOWED_HOSTS"),
    ({"DEBUG": "1"}, "upheld: UPHELD_ENV=production refuses DEBUG"),
    ({"UPHELD_ENV": "prod"}, "upheld: UPHELD_ENV is 'prod': set it to 'production' or 'development'"),
])
def test_a_production_missing_what_it_needs_stops_clearly(tmp_path, missing, message):
    for command in (["check", "--deploy"], ["serve", "--port", "0"]):
        done = upheld(tmp_path, *command, **production(**missing))
        assert done.returncode == 1, (command, done.stdout, done.stderr)
        assert done.stderr.startswith(message), (command, done.stderr)
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "var" / "secret_key").exists()  # no key made up in its place


def test_without_production_the_site_runs_on_plain_http():
    assert not settings.PRODUCTION and not settings.DEBUG
    assert not (settings.SECURE_SSL_REDIRECT or settings.SESSION_COOKIE_SECURE or settings.CSRF_COOKIE_SECURE)
    assert settings.SECURE_HSTS_SECONDS == 0 and settings.SESSION_COOKIE_NAME == "sessionid"
    assert {"127.0.0.1", "localhost"} <= set(settings.ALLOWED_HOSTS)


def test_the_development_check_only_warns_about_https(tmp_path):
    """What `check --deploy` says of the plain-HTTP defaults: the HTTPS settings, and nothing else."""
    done = upheld(tmp_path, "check", "--deploy")
    assert done.returncode == 0, done.stderr
    warnings = sorted(line.split(")")[0].split("(")[-1] for line in done.stderr.splitlines() if "(security." in line)
    assert warnings == ["security.W004", "security.W008", "security.W012", "security.W016"]
