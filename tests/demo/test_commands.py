"""`upheld demo` and `upheld serve`, without starting a server."""

import io
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from upheld.demo.calibration import FIRST_YEAR, LAST_YEAR
from upheld.demo.management.commands.demodata import DEFAULT_SEED
from upheld.demo.models import DemoDataset
from upheld.demo.staff import ensure_demo_admin
from upheld.releases.models import FiguresVersion, Release
from upheld.releases.published import published
from upheld.site import gunicorn_config
from upheld.site.management.commands import serve
from upheld.years import ReportingYear


def test_serve_runs_gunicorn_on_the_wsgi_application():
    argv = serve.gunicorn_argv("127.0.0.1", 8000)
    assert argv[:4] == [sys.executable, "-m", "gunicorn", "upheld.wsgi:application"]
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8000"
    assert argv[argv.index("--workers") + 1] == "2"
    assert argv[argv.index("--config") + 1] == "python:upheld.site.gunicorn_config"
    assert serve.gunicorn_argv("::1", 9000)[argv.index("--bind") + 1] == "[::1]:9000"


def test_the_address_is_announced_once_gunicorn_listens(capsys):
    class Arbiter:
        LISTENERS = ["http://127.0.0.1:8000"]

    gunicorn_config.when_ready(Arbiter())
    assert "upheld is serving on http://127.0.0.1:8000\n" in capsys.readouterr().out


@pytest.fixture
def execs(monkeypatch, settings, tmp_path):
    """`serve` with gunicorn's exec recorded instead of made, and var/ in a temporary directory."""
    settings.VAR_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    calls = []
    monkeypatch.setattr(serve, "exec_gunicorn", calls.append)
    return calls


def test_demo_sets_up_keeps_loaded_data_makes_a_staff_user_and_serves(db, execs, tmp_path):
    DemoDataset.objects.create(seed=DEFAULT_SEED, first_year=FIRST_YEAR.label, last_year=LAST_YEAR.label, cases=0)
    out = io.StringIO()
    call_command("demo", "--port", "8001", stdout=out)
    printed = out.getvalue()
    assert "Database ready" in printed and "already loaded" in printed
    assert "Released 12 demonstration years' figures." in printed  # 2014-15 to 2025-26, the last completed year
    assert [str(year) for year in published().years] == [f"{y}-{(y + 1) % 100:02d}" for y in range(2025, 2013, -1)]
    assert Release.objects.get(year=2025).scheduled_for.isoformat() == "2026-07-18T08:30:00+00:00"
    assert Release.objects.get(year=2017).scheduled_for.isoformat() == "2018-07-18T08:30:00+00:00"
    # Setup loads ONS's estimates before the demonstration years are frozen: each year has its own.
    for year in (2017, 2023):
        sefton = published().statistics(ReportingYear(year)).council("E08000014")
        assert sefton.population_basis == f"ONS mid-{year} estimate"
    call_command("demo", "--port", "8001", stdout=out)
    assert FiguresVersion.objects.count() == 12  # kept, not frozen again
    assert "Staff sign-in at http://127.0.0.1:8001/staff/: user admin, password " in printed
    assert (tmp_path / "demo-admin-password").read_text().strip() in printed
    assert execs[0][execs[0].index("--bind") + 1] == "127.0.0.1:8001"


def test_the_demo_staff_user_is_made_once_and_its_password_printed_once(db, tmp_path):
    first = ensure_demo_admin(tmp_path)
    password = (tmp_path / "demo-admin-password").read_text().strip()
    assert first == f"user admin, password {password} (kept in {tmp_path / 'demo-admin-password'})"
    assert get_user_model().objects.get(username="admin").is_superuser
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert ensure_demo_admin(tmp_path) == f"user admin, password in {tmp_path / 'demo-admin-password'}"
    get_user_model().objects.all().delete()  # a new database: the kept password is used again
    ensure_demo_admin(tmp_path)
    assert get_user_model().objects.get(username="admin").check_password(password)
