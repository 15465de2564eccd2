"""Steps of the backup round trip, each run in its own process against the database of DATABASE_URL:

    python -m tests.site.backup_steps build    # set up, a small dataset, an uploaded report, release 2017-18
    python -m tests.site.backup_steps build GSS...  # the same with only these councils (a quicker site)
    python -m tests.site.backup_steps hashes   # JSON {address: sha256} of every published download of 2017-18
    python -m tests.site.backup_steps watched-backup OUT  # JSON: files not owner-only while the backup was made

The test (`test_backup.py`) runs them before a backup and after the restore, like an operator would.
"""

import hashlib
import io
import json
import os
import sys
import zipfile

YEAR = "2017-18"
SEFTON, WIRRAL = "E08000014", "E08000015"


def build(councils: list[str]) -> None:
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from tests.builders import D, build_sefton_2017_18, decide
    from upheld.authorities.models import Authority
    from upheld.casework.vocabulary import Outcome, Remedy
    from upheld.decisions.models import PublicInterestReport

    call_command("setup", verbosity=0)
    if councils:  # a site of a few councils: a letter batch or an export of it takes seconds
        Authority.objects.exclude(gss__in=[SEFTON, WIRRAL, *councils]).delete()
    build_sefton_2017_18(Authority.objects.get(gss=SEFTON))
    wirral = Authority.objects.get(gss=WIRRAL)
    decide(wirral, D(2017, 6, 1), D(2017, 9, 1), Outcome.UPHELD, Remedy.SATISFACTORY_BY_AUTHORITY)
    report = PublicInterestReport(authority=wirral, issued=D(2017, 11, 1), title="Delays in care assessments",
                                  summary="The council delayed assessments.")
    report.pdf.save("wirral.pdf", ContentFile(b"%PDF-1.7\n% an uploaded report\n"), save=True)
    call_command("release", "--year", YEAR, stdout=open(os.devnull, "w"))  # noqa: SIM115


def hashes() -> dict[str, str]:
    """Every download of the released year as the public gets it: the open data of each version in each
    format, the letter PDF of each council with records, and the uploaded report."""
    from django.test import Client

    from upheld.authorities.models import Authority
    from upheld.decisions.models import PublicInterestReport
    from upheld.releases.published import published
    from upheld.years import ReportingYear

    client = Client(HTTP_HOST="localhost")  # a host of the default ALLOWED_HOSTS
    year = ReportingYear.parse(YEAR)
    public = published()
    addresses = [f"/data/{YEAR}/upheld-{YEAR}.{extension}" for extension in ("csv", "xlsx", "ods", "json")]
    version = public.versions[year].version
    addresses += [f"/data/{YEAR}/v{n}/upheld-{YEAR}-v{n}.{extension}" for n in range(1, version + 1)
                  for extension in ("csv", "xlsx", "ods", "json")]
    for gss in (SEFTON, WIRRAL):
        addresses.append(f"/councils/{Authority.objects.get(gss=gss).slug}/{YEAR}/letter.pdf")
    addresses += [f"/reports/public-interest/{pk}/report.pdf"
                  for pk in PublicInterestReport.objects.values_list("pk", flat=True)]
    found = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, (address, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        found[address] = digest(body)
    return found


def watched_backup(out: str) -> dict:
    """Back up to `out` under umask 022 (a usual one), looking at every file and folder beside it each time the
    backup has written something: once the database is copied, at each file put into a .tar, and at the end.
    What was not the owner's only (a file 0600, a folder 0700) at each look, and how many looks there were."""
    import tarfile
    from pathlib import Path

    from upheld.site import backup

    folder = Path(out).parent
    exposed, looks = [], []

    def look(moment: str) -> None:
        looks.append(moment)
        for path in folder.rglob("*"):
            mode = path.stat().st_mode & 0o777
            if mode != (0o700 if path.is_dir() else 0o600):
                exposed.append(f"{moment}: {path.relative_to(folder)} {mode:o}")

    def watched(method, moment):
        def call(*args, **kwargs):
            done = method(*args, **kwargs)
            look(moment)
            return done
        return call

    engine = type(backup.database_engine())
    engine.dump = watched(engine.dump, "database copied")
    tarfile.TarFile.add = watched(tarfile.TarFile.add, "added to the .tar")
    os.umask(0o022)
    backup.backup(out)
    look("done")
    return {"exposed": exposed, "looks": sorted(set(looks))}


def digest(body: bytes) -> str:
    """SHA-256 of a download; of a spreadsheet (XLSX, ODS: zip files), of its parts' names and contents.

    The spreadsheets are written afresh by each process, and their writers stamp the time of writing on the
    zip entries and in XLSX's docProps/core.xml: that says nothing of the data, so it is left out."""
    if not body.startswith(b"PK"):
        return hashlib.sha256(body).hexdigest()
    whole = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        for name in sorted(archive.namelist()):
            if name != "docProps/core.xml":
                whole.update(name.encode() + b"\0" + hashlib.sha256(archive.read(name)).digest())
    return whole.hexdigest()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upheld.settings")
    import django

    django.setup()
    if sys.argv[1] == "build":
        build(sys.argv[2:])
    elif sys.argv[1] == "watched-backup":
        print(json.dumps(watched_backup(sys.argv[2])))
    else:
        print(json.dumps(hashes(), indent=1))
