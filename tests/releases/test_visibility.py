"""The one visibility API: what the public may see, and the version that names it."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone

from tests.builders import Y2017, D, build_sefton_2017_18
from tests.decisions.conftest import make_statement
from upheld.casework.models import Recommendation
from upheld.casework.vocabulary import RecommendationKind
from upheld.decisions.models import FocusReport, PublicInterestReport
from upheld.decisions.publication_rules import withdraw
from upheld.releases import visibility
from upheld.releases.freezing import schedule_release
from upheld.releases.models import Release
from upheld.years import ReportingYear

SRC = Path(__file__).resolve().parents[2] / "src" / "upheld"
TODAY = timezone.localdate


def report(authority, issued, **fields):
    fields = {"title": f"Report of {issued}", "summary": "The council left a family in unsuitable housing.", **fields}
    return PublicInterestReport.objects.create(authority=authority, issued=issued, **fields)


def test_every_change_to_something_public_changes_the_version(authority, admin_user):
    seen = [visibility.visibility_version()]

    def changed():
        seen.append(visibility.visibility_version())
        return seen[-1] != seen[-2]

    build_sefton_2017_18(authority)
    assert not changed()  # casework alone is not public
    schedule_release(Y2017, timezone.now() + datetime.timedelta(days=1))
    assert changed()
    statement = make_statement(authority, decided=D(2023, 1, 10))
    assert changed()
    withdraw(statement, admin_user, "identifies the family")
    assert changed()
    future = report(authority, TODAY() + datetime.timedelta(days=10))
    assert changed()
    future.delete()
    assert changed()
    FocusReport.objects.create(title="Lessons", slug="lessons", published=TODAY(), summary="What we learned.")
    assert changed()
    case = authority.cases.first()
    Recommendation.objects.create(case=case, kind=RecommendationKind.SERVICE_IMPROVEMENT, text="Train staff.",
                                  due=D(2018, 1, 1))
    assert changed()
    authority.name = "Sefton Council"
    authority.save()
    assert changed()


def test_the_version_follows_the_day_and_the_release_time(db):
    now = timezone.now()
    Release.objects.create(year=2017, scheduled_for=now + datetime.timedelta(minutes=5))
    before = visibility.visibility_version(now)
    assert visibility.visibility_version(now + datetime.timedelta(minutes=4)) == before  # same day, not yet due
    assert visibility.visibility_version(now + datetime.timedelta(minutes=6)) != before  # now released (no versions)
    assert visibility.visibility_version(now + datetime.timedelta(days=1)) != before


def test_a_future_report_is_on_no_council_page_and_no_report_page(client, released_2017_18, authority):
    """Finding 5: council pages listed reports dated in the future; a report page listed its further reports
    unfiltered."""
    first = report(authority, TODAY() - datetime.timedelta(days=100))
    further = report(authority, TODAY() + datetime.timedelta(days=3), follows=first, title="Further report ahead")
    page = client.get("/councils/sefton/2017-18/").content.decode()
    assert first.title in page and further.title not in page
    report_page = client.get(first.get_absolute_url()).content.decode()
    assert "Further report ahead" not in report_page
    assert client.get(further.get_absolute_url()).status_code == 404
    api = client.get(f"/api/v1/reports/public-interest/{first.pk}").json()
    assert api["further_reports"] == []


@pytest.fixture
def statements_of_an_embargoed_year(authority, monkeypatch):
    """2023-24 statements, public on their own clock (three months on), while 2023-24 is not released."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(2024, 8, 1))
    for year in range(2014, 2023):
        Release.objects.create(year=year, scheduled_for=timezone.now() - datetime.timedelta(days=400))
    made = {
        "old upheld": make_statement(authority, decided=D(2023, 2, 1)),  # 2022-23: released
        "new upheld": make_statement(authority, decided=D(2024, 2, 1)),  # 2023-24: embargoed
        "new not upheld": make_statement(authority, decided=D(2024, 2, 2), outcome="not_upheld"),
    }
    return {name: statement.reference for name, statement in made.items()}


def listed(client, url: str) -> set[str]:
    body = client.get(url).content.decode()
    return {reference for reference in re.findall(r"T\d{7}", body)}


def test_no_outcome_counts_over_a_year_before_its_release(client, statements_of_an_embargoed_year):
    """Finding 9: counting published statements by council and outcome came within a few cases of the
    embargoed upheld figures. Statements stay readable on their own clock; filters by outcome, remedy or
    service improvement cover released years only."""
    refs = statements_of_an_embargoed_year
    assert listed(client, "/decisions/?council=sefton") >= set(refs.values())  # every statement can be read
    assert listed(client, "/decisions/?council=sefton&outcome=upheld") == {refs["old upheld"]}
    assert listed(client, "/decisions/?council=sefton&outcome=not_upheld") == set()
    page = client.get("/decisions/?council=sefton&outcome=upheld").content.decode()
    assert "covers decisions up to 31 March 2023" in page
    api = client.get("/api/v1/decisions?council=E08000014&outcome=upheld").json()
    assert api["count"] == 1
    csv = client.get("/decisions/results.csv?council=sefton&outcome=upheld").content.decode()
    assert refs["old upheld"] in csv and refs["new upheld"] not in csv
    Release.objects.create(year=2023, scheduled_for=timezone.now() - datetime.timedelta(minutes=1))
    assert listed(client, "/decisions/?council=sefton&outcome=upheld") == {refs["old upheld"], refs["new upheld"]}


# Where visibility may be decided: the rules' module, and places that are not about the public at all.
ALLOWED = {
    "releases/visibility.py": "the rules themselves",
    "decisions/models.py": "the partial indexes hold only publishable statements",
    "decisions/reports.py": "reminders to councils of their duty to respond: staff work, not publication",
    "decisions/demo.py": "choosing which demonstration decisions get a public interest report",
}
VISIBILITY_FILTER = re.compile(
    r"(issued__(lte|lt)\b|\bpublishable\s*=\s*True|published__(lte|lt)\b|scheduled_for__(lte|lt)\b|released_at)")


def test_nothing_but_the_releases_layer_decides_what_is_public():
    """Every public surface asks `upheld.releases.visibility` (through the models' `public()` methods); a
    filter on the fields it decides by, anywhere else, is a second place deciding visibility."""
    offenders = []
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC).as_posix()
        if "/migrations/" in relative or relative in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if VISIBILITY_FILTER.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_a_release_without_a_version_is_released_by_date_alone(db):
    Release.objects.create(year=2017, scheduled_for=timezone.now() - datetime.timedelta(minutes=1))
    assert visibility.outcomes_public_until() == ReportingYear(2017).last_day
