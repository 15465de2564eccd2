"""Shared fixtures. The suite runs unchanged on SQLite and on PostgreSQL
(`DATABASE_URL`); `make test` runs it on both, the PostgreSQL run with the
cache in Redis (`REDIS_URL`), the SQLite run with it in files."""

import os
import shutil
import tempfile

import pytest

from upheld.accounts.roles import ensure_roles
from upheld.authorities.register import load_register


def pytest_configure(config):
    """Hash the suite's passwords the quick way: the default hasher takes a third of a second by design,
    and the suite makes and checks hundreds of passwords. What a password may be is still tested in full."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The sites that tests start in other processes (`upheld` on a database of their own) keep their caches
    # in their own folders, never this run's: the settings have read REDIS_URL by now.
    if os.environ.pop("REDIS_URL", None) is None:
        # This run's file cache is a folder of its own, never var/cache.
        folder = tempfile.mkdtemp(prefix="upheld-cache-")
        settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": folder}}
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    # Static files are collected for this run into a folder of its own (`static_files`), never var/static.
    static_root = tempfile.mkdtemp(prefix="upheld-static-")
    settings.STATIC_ROOT = static_root
    config.add_cleanup(lambda: shutil.rmtree(static_root, ignore_errors=True))
    _static_folders_read_once()


def _static_folders_read_once():
    """WhiteNoise reads the whole static folder (a stat of every file and of its compressed copies) when Django
    builds its middleware, which a server does once but the test client does for every client: half the time
    of the role × URL matrix went there. So a folder's reading is kept, by what its entries depend on: the
    folder as collectstatic last wrote it (its manifest, which a test running `upheld setup` writes again), and
    the middleware's settings."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from whitenoise.base import WhiteNoise

    read = WhiteNoise.update_files_dictionary
    entries: dict[tuple, dict] = {}

    def update_files_dictionary(self, root, prefix):
        try:
            manifest = os.stat(os.path.join(root, ManifestFilesMixin.manifest_name))
        except OSError:
            manifest = None
        collected = None if manifest is None else (manifest.st_mtime_ns, manifest.st_size, manifest.st_ino)
        key = (root, prefix, collected, self.max_age, self.charset, self.allow_all_origins, type(self))
        if key not in entries:
            before = dict(self.files)
            read(self, root, prefix)
            entries[key] = {url: entry for url, entry in self.files.items() if before.get(url) is not entry}
        self.files.update(entries[key])

    WhiteNoise.update_files_dictionary = update_files_dictionary


@pytest.fixture(scope="session", autouse=True)
def static_files():
    """Collect the static files once, as `upheld setup` does: pages name them by their hashed names, read
    from the manifest collectstatic writes (upheld.site.static_storage), and WhiteNoise serves them."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the councils register and the staff roles once for the whole session: every test sees them."""
    with django_db_blocker.unblock():
        load_register()
        ensure_roles()


@pytest.fixture
def admin_client(client, admin_user):
    """A superuser's client, signed in with the second factor as staff must be."""
    from tests.accounts.signing_in import sign_in

    return sign_in(client, admin_user)


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache holds public pages and the request limits' counts (all tests are 127.0.0.1): each test
    starts with none, in this process or the shared cache, so no test sees what the tests before it made."""
    from upheld.publication import page_cache

    page_cache.clear()
    yield
    page_cache.clear()


@pytest.fixture
def authority(db):
    from upheld.authorities.models import Authority

    return Authority.objects.get(gss="E08000014")  # Sefton


@pytest.fixture
def released_2017_18(db):
    """Sefton's 2017-18 records (the reference letter's tables), released now."""
    from tests.builders import Y2017, build_sefton_2017_18
    from upheld.authorities.models import Authority
    from upheld.releases.freezing import schedule_release

    build_sefton_2017_18(Authority.objects.get(gss="E08000014"))
    return schedule_release(Y2017)


@pytest.fixture
def demonstration(db):
    """The database marked as holding demonstration data, as `upheld demo` marks it."""
    from upheld.demo.models import DemoDataset

    return DemoDataset.objects.create(seed=1, first_year="2014-15", last_year="2024-25", cases=10)


@pytest.fixture
def code_edition(db):
    """The shipped Complaint Handling Code (its February 2024 edition), loaded as `upheld setup` loads it."""
    from upheld.code.editions import Edition
    from upheld.code.loading import load_code

    load_code()
    return Edition.objects.get(name="February 2024")
