"""The staff screens: any staff role sees them, nobody else; the contact list's download is audited."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from tests.training.conftest import D, council, session
from upheld.accounts.roles import StaffRole
from upheld.audit.models import Action, AuditEvent
from upheld.authorities.models import Contact, ContactRole
from upheld.casework.models import Case
from upheld.releases.freezing import schedule_release
from upheld.training.models import LinkOfficer, Seminar, SeminarAttendance
from upheld.training.officers import update_contacts
from upheld.years import ReportingYear

CONTACT_PAGES = ["/training/link-officers/", "/training/link-officers.csv"]
PAGES = ["/staff/", "/staff/councils/", "/staff/work/", "/training/", *CONTACT_PAGES, "/training/seminars/"]
SEFTON, WIRRAL, KENT = "E08000014", "E08000015", "E10000016"
NETWORK_BEGAN = D(2017, 4, 1)


def officer(gss, name, active_from=NETWORK_BEGAN, active_to=None, **fields):
    return LinkOfficer.objects.create(authority=council(gss), name=name, active_from=active_from,
                                      active_to=active_to, **fields)


@pytest.mark.parametrize("role", list(StaffRole))
def test_every_staff_role_sees_every_screen_but_contact_details_only_with_leave(staff_client, role):
    client = staff_client(role)
    seminar = Seminar.objects.create(title="Learning", date=D(2017, 9, 1), delivery="online")
    held = session("Course", D(2017, 6, 1), (council(SEFTON), 2))
    for url in [*PAGES, f"/training/seminars/{seminar.pk}/", f"/training/sessions/{held.pk}/"]:
        if url not in CONTACT_PAGES:
            assert client.get(url).status_code == 200, url
    may = role in {StaffRole.COMPLIANCE_OFFICER, StaffRole.PUBLISHER}  # given training.view_linkofficer
    for url in CONTACT_PAGES:
        assert client.get(url).status_code == (200 if may else 403), url
    assert ('href="/training/link-officers/"' in client.get("/training/").content.decode()) is may


def test_council_users_and_the_public_are_refused(client, council_client):
    for url in PAGES:
        assert council_client.get(url).status_code == 403, url
    council_client.logout()
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/?next="), url


def test_unverified_staff_give_their_second_factor_first(client):
    from tests.accounts.signing_in import sign_in, staff_user

    sign_in(client, staff_user("nov", StaffRole.PUBLISHER), verified=False)
    response = client.get("/staff/")
    assert response.status_code == 302 and response.url.startswith("/accounts/two-factor/")


def test_link_officers_filtered_and_former_ones_on_request(staff_client):
    client = staff_client(StaffRole.PUBLISHER)
    officer(SEFTON, "Sam Current", email="sam@sefton.example", phone="01632 960001", job_title="Complaints Manager")
    officer(SEFTON, "Pat Former", active_to=D(2018, 3, 31))
    officer(KENT, "Kim Kent")
    page = client.get("/training/link-officers/").content.decode()
    assert "Sam Current" in page and "Kim Kent" in page and "Pat Former" not in page
    assert "mailto:sam@sefton.example" in page and "01632 960001" in page
    page = client.get("/training/link-officers/?type=county").content.decode()
    assert "Kim Kent" in page and "Sam Current" not in page
    page = client.get("/training/link-officers/?region=North+West&former=on").content.decode()
    assert "Sam Current" in page and "Pat Former" in page and "Kim Kent" not in page
    page = client.get("/training/link-officers/?council=sefton").content.decode()
    assert "Sam Current" in page and "Kim Kent" not in page
    page = client.get("/training/link-officers/?region=Atlantis").content.decode()
    assert "There is a problem" in page and "Kim Kent" in page  # the bad filter is shown and left out


def test_contact_list_download_is_audited_and_safe_in_a_spreadsheet(staff_client):
    client = staff_client(StaffRole.COMPLIANCE_OFFICER)
    found = officer(SEFTON, "=HYPERLINK(\"http://evil.example\")", email="a@sefton.example", phone="+44 1632 960001")
    SeminarAttendance.objects.create(link_officer=found, seminar=Seminar.objects.create(
        title="S", date=D(2017, 9, 1), delivery="online"))
    officer(KENT, "Kim Kent")
    before = AuditEvent.objects.filter(action=Action.EXPORT).count()
    response = client.get("/training/link-officers.csv?region=North+West")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="link-officers-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["council", "GSS code", "type", "region", "name"]
    assert rows[1] == ["Sefton Metropolitan Borough Council", SEFTON, "Metropolitan Boroughs", "North West",
                       "'=HYPERLINK(\"http://evil.example\")", "", "a@sefton.example", "'+44 1632 960001",
                       "2017-04-01", "", "1"]
    assert len(rows) == 2
    event = AuditEvent.objects.filter(action=Action.EXPORT).latest("id")
    assert AuditEvent.objects.filter(action=Action.EXPORT).count() == before + 1
    assert (event.object_type, event.actor_name) == ("training.linkofficer", "staff-compliance_officer")
    assert event.after == {"filters": {"region": "North West", "type": "", "council": "", "former": False},
                           "officers": 1}


def test_free_text_is_escaped(staff_client):
    client = staff_client(StaffRole.PUBLISHER)
    script = "<script>alert(1)</script>"
    held = session(script, D(2017, 6, 1), (script, 2), trainer=script, delivery="in person", place=script)
    seminar = Seminar.objects.create(title=script, date=D(2017, 9, 1), delivery="in person", place=script)
    SeminarAttendance.objects.create(seminar=seminar, link_officer=officer(SEFTON, script, job_title=script))
    for url in ["/training/?year=2017-18", f"/training/sessions/{held.pk}/", "/training/seminars/",
                f"/training/seminars/{seminar.pk}/", "/training/link-officers/",
                f"/training/link-officers/?council={script}"]:
        page = client.get(url).content.decode()
        assert script not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url


def test_programme_page_lists_the_years_sessions_and_figures(staff_client):
    client = staff_client(StaffRole.CASEWORKER)
    page = client.get("/training/?year=2017-18").content.decode()
    assert "these are the totals entered for the year under Training years" in page
    assert "People trained</dt><dd class=\"govuk-summary-list__value\">800<" in page
    session("Effective complaint handling", D(2017, 4, 1), (council(SEFTON), 3), ("Care Co", 2),
            delivery="in person", place="Leeds")
    session("Effective complaint handling", D(2018, 4, 1), (council(SEFTON), 9))
    page = client.get("/training/?year=2017-18").content.decode()
    assert "Training programme 2017-18" in page and "Leeds" in page and "Care Co" not in page
    assert 'Sessions delivered (the letters\' "courses delivered")</dt><dd class="govuk-summary-list__value">1<' in page
    assert "People trained</dt><dd class=\"govuk-summary-list__value\">5<" in page
    assert "Councils reached</dt><dd class=\"govuk-summary-list__value\">1<" in page
    assert "No training is recorded for 2016-17." in client.get("/training/?year=2016-17").content.decode()
    assert "Training programme 2018-19" in client.get("/training/").content.decode()  # the latest session's year


def test_dashboard_puts_figures_beside_training_uptake(staff_client, released_2017_18):
    client = staff_client(StaffRole.COMPLIANCE_OFFICER)
    sefton = council(SEFTON)
    session("C", D(2017, 6, 1), (sefton, 3), (council(WIRRAL), 1))
    session("C", D(2017, 7, 1), (sefton, 2))
    SeminarAttendance.objects.create(link_officer=officer(SEFTON, "Sam"), seminar=Seminar.objects.create(
        title="S", date=D(2017, 9, 1), delivery="online"))
    response = client.get("/staff/councils/?year=2017-18&type=metropolitan&region=North+West")
    page = response.content.decode()
    assert "not evidence that training caused any change" in page and "small numbers" in page
    assert "is not released yet" not in page
    row = next(row for row in response.context["rows"] if row.council.authority == sefton)
    assert (row.council.received_total, row.council.uphold_rate.display(), row.training.sessions,
            row.training.people_trained, row.seminars) == (59, "57%", 2, 5, 1)
    assert {row.council.authority.region for row in response.context["rows"]} == {"North West"}
    assert "57%<br><span class=\"govuk-body-s\">of 21</span>" in page


def test_dashboard_sorts_by_a_column_either_way(staff_client, released_2017_18):
    client = staff_client(StaffRole.CASEWORKER)
    session("C", D(2017, 6, 1), (council(WIRRAL), 5), (council(SEFTON), 1))
    rows = client.get("/staff/councils/?year=2017-18&region=North+West&sort=people&order=desc").context["rows"]
    assert [row.council.authority.gss for row in rows[:2]] == [WIRRAL, SEFTON]
    rows = client.get("/staff/councils/?year=2017-18&region=North+West&sort=uphold").context["rows"]
    assert rows[-1].council.uphold_rate.exact is None and rows[0].council.uphold_rate.exact is not None
    page = client.get("/staff/councils/?year=2017-18&sort=people&order=desc").content.decode()
    assert 'aria-sort="descending"><a class="govuk-link" href="?year=2017-18&amp;sort=people&amp;order=asc"' in page


def test_dashboard_says_when_a_year_is_not_released(staff_client, authority):
    client = staff_client(StaffRole.PUBLISHER)
    schedule_release(ReportingYear(2018), datetime.datetime(2999, 7, 18, 9, 30, tzinfo=datetime.UTC))
    page = client.get("/staff/councils/?year=2018-19").content.decode()
    assert "2018-19 is not released yet: its figures are under embargo until 18 July 2999, 10:30" in page
    Case.objects.create(reference="19 000 001", authority=authority, received=D(2019, 5, 1))  # a year with data
    page = client.get("/staff/councils/?year=2019-20").content.decode()
    assert "2019-20 is not released yet." in page
    page = client.get("/staff/councils/?year=1999-00").content.decode()
    assert "There is a problem" in page


def test_saving_a_link_officer_makes_them_the_letters_contact(db):
    Contact.objects.create(authority=council(SEFTON), role=ContactRole.LINK_OFFICER, name="Old Name")
    officer(SEFTON, "Pat Former", active_from=D(2017, 4, 1), active_to=D(2018, 3, 31))
    officer(SEFTON, "Sam Current", active_from=D(2018, 4, 1), email="sam@sefton.example")
    officer(WIRRAL, "Wyn Former", active_to=D(2018, 3, 31))
    assert update_contacts([council(SEFTON).id, council(WIRRAL).id], today=D(2020, 1, 1)) == 1
    contact = Contact.objects.get(authority=council(SEFTON), role=ContactRole.LINK_OFFICER)
    assert (contact.name, contact.email) == ("Sam Current", "sam@sefton.example")
    assert not Contact.objects.filter(authority=council(WIRRAL)).exists()


def test_moving_or_ending_a_link_officer_in_the_admin_updates_both_councils_contacts(staff_client):
    client = staff_client(StaffRole.PUBLISHER)
    moving = officer(SEFTON, "Sam Mover", email="sam@sefton.example")
    update_contacts([council(SEFTON).id])
    change = reverse("admin:training_linkofficer_change", args=[moving.pk])
    data = {"name": "Sam Mover", "authority": council(WIRRAL).pk, "job_title": "", "email": "sam@wirral.example",
            "phone": "", "active_from": "2017-04-01", "active_to": ""}

    assert client.post(change, data).status_code == 302
    assert Contact.objects.get(authority=council(WIRRAL), role=ContactRole.LINK_OFFICER).name == "Sam Mover"
    assert not Contact.objects.filter(authority=council(SEFTON), role=ContactRole.LINK_OFFICER).exists()

    assert client.post(change, {**data, "active_to": "2018-03-31"}).status_code == 302
    assert not Contact.objects.filter(role=ContactRole.LINK_OFFICER).exists()

