"""The demonstration training programme agrees with the letters."""

from django.core.management import call_command

from upheld.authorities.models import Authority, Contact, ContactRole
from upheld.demo.calibration import FIRST_YEAR, LAST_YEAR
from upheld.stats.training import year_training
from upheld.training.demo import YEARS, replace_demo_training
from upheld.training.figures import year_figures
from upheld.training.models import Course, LinkOfficer, Seminar, TrainingSession
from upheld.years import ReportingYear

DEMO_YEARS = [ReportingYear(start) for start in range(FIRST_YEAR.start_year, LAST_YEAR.start_year + 1)]


def test_every_demo_year_has_the_programme_the_letters_print(db):
    real = Course.objects.create(title="A real course", audience="councils")
    replace_demo_training(1974, DEMO_YEARS)
    replace_demo_training(1974, DEMO_YEARS)  # replacing leaves no earlier synthetic rows behind
    for year in DEMO_YEARS:
        sessions, people = YEARS[year.start_year]
        figures = year_training(year)
        assert (figures.sessions, figures.people_trained) == (sessions, people), year
        assert year_figures(year) == figures
    reference = year_figures(ReportingYear(2017))
    assert reference.courses_delivered == 58 and reference.people_trained > 800
    assert Course.objects.filter(pk=real.pk).exists()
    assert Course.objects.filter(synthetic=True).count() == 6


def test_every_council_has_a_link_officer_who_is_its_letters_contact(db):
    replace_demo_training(1974, DEMO_YEARS)
    existing = Authority.objects.existing_on(LAST_YEAR.last_day).filter(end_date__isnull=True)
    current = LinkOfficer.objects.filter(active_to__isnull=True)
    assert set(current.values_list("authority_id", flat=True)) == set(existing.values_list("id", flat=True))
    assert LinkOfficer.objects.filter(active_to__isnull=False).exists()
    contacts = dict(Contact.objects.filter(role=ContactRole.LINK_OFFICER).values_list("authority_id", "name"))
    assert contacts == dict(current.values_list("authority_id", "name"))
    assert Seminar.objects.filter(date__lt=ReportingYear(2017).first_day).count() == 0
    assert all(seminar.attendances.exists() for seminar in Seminar.objects.all())


def test_the_command_keeps_loaded_training_when_asked(db):
    call_command("demotraining", years="2017-18")
    assert TrainingSession.objects.count() == 58
    call_command("demotraining", years="2017-18:2018-19", if_missing=True)
    assert TrainingSession.objects.count() == 58
