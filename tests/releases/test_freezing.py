"""Release, embargo and revisions: what the public sees, and when."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.builders import Y2017, D, build_sefton_2017_18, decide
from upheld.authorities.models import Authority
from upheld.casework.vocabulary import Outcome
from upheld.releases.freezing import revise, schedule_release, statistics_for, version_statistics
from upheld.releases.models import FiguresVersion
from upheld.releases.published import published
from upheld.stats.annual import council_json, year_statistics


@pytest.fixture
def sefton(db):
    council = Authority.objects.get(gss="E08000014")
    build_sefton_2017_18(council)
    return council


def all_json(statistics):
    return [council_json(statistics, council) for council in statistics.councils]


def test_frozen_figures_thaw_to_exactly_the_live_ones(sefton):
    schedule_release(Y2017)
    version = published().versions.get(Y2017)
    assert all_json(version_statistics(version)) == all_json(year_statistics(Y2017))
    frozen = version_statistics(version)
    assert frozen.national.uphold_rate == year_statistics(Y2017).national.uphold_rate
    assert council_json(frozen, frozen.council("E08000014"))["uphold_rate"] == 57


def test_nothing_is_public_before_the_release_time(sefton):
    later = timezone.now() + datetime.timedelta(days=2)
    schedule_release(Y2017, later)
    assert published().years == []
    assert published().versions.get(Y2017) is None
    assert published(later).years == [Y2017]
    assert published(later).versions.get(Y2017).version == 1
    # Letters issued under embargo already use the frozen figures.
    decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    assert council_json(statistics_for(Y2017), statistics_for(Y2017).council("E08000014"))["uphold_rate"] == 57


def test_rescheduling_before_release_refreezes_and_after_release_is_refused(sefton):
    schedule_release(Y2017, timezone.now() + datetime.timedelta(days=1))
    decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)
    schedule_release(Y2017)  # now
    assert FiguresVersion.objects.count() == 1
    statistics = published().versions.get(Y2017)
    assert council_json(version_statistics(statistics), version_statistics(statistics).council("E08000014"))[
        "decisions"]["Upheld"] == 13
    with pytest.raises(ValueError, match="correct it with a revision"):
        schedule_release(Y2017)


def test_corrections_reach_the_public_only_through_a_revision(sefton):
    schedule_release(Y2017)
    decide(sefton, D(2017, 5, 1), D(2017, 6, 1), Outcome.UPHELD)  # a late correction to casework

    def published_sefton():
        statistics = version_statistics(published().versions.get(Y2017))
        return council_json(statistics, statistics.council("E08000014"))

    assert published_sefton()["decisions"]["Upheld"] == 12
    assert published_sefton()["uphold_rate"] == 57

    revision = revise(Y2017, "One decision was recorded after the release.")
    assert revision.version == 2
    assert revision.cause == "One decision was recorded after the release."
    assert revision.scale.startswith("1 council changed.")
    assert revision.scale.splitlines()[1].startswith("Sefton: received: Housing 1 → 2;")
    assert "decisions: Upheld 12 → 13" in revision.scale
    assert "uphold_rate 57 → 59" in revision.scale
    assert published_sefton()["decisions"]["Upheld"] == 13
    # The version as released stays available.
    original = FiguresVersion.objects.get(release__year=2017, version=1)
    assert council_json(version_statistics(original), version_statistics(original).council("E08000014"))[
        "uphold_rate"] == 57
    assert revise(Y2017, "Nothing new") is None


def test_revision_rules(sefton):
    with pytest.raises(ValueError, match="has not been released"):
        revise(Y2017, "why")
    schedule_release(Y2017)
    with pytest.raises(ValueError, match="needs its cause"):
        revise(Y2017, "  ")


def test_release_and_revise_commands(sefton):
    out = io.StringIO()
    call_command("release", "--year", "2017-18", "--at", "2030-07-18", stdout=out)
    assert "scheduled for release at 09:30 on 18 July 2030" in out.getvalue()
    call_command("release", "--year", "2017-18", stdout=out)
    assert "figures frozen and released" in out.getvalue()
    call_command("revise", "--year", "2017-18", "--cause", "check", stdout=out)
    assert "no revision made" in out.getvalue()
    with pytest.raises(CommandError, match="not a date"):
        call_command("release", "--year", "2017-18", "--at", "tomorrow")
    with pytest.raises(CommandError, match="reporting year"):
        call_command("release", "--year", "2017")
