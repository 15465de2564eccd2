"""Who may open the training, link-officer and councils-compared screens: any staff role, nobody else,
but the link officers' contact list (page and CSV) only the roles given `training.view_linkofficer`
(the matrix: `tests/accounts/test_url_matrix.py`)."""

import datetime

from tests.access import COMPLIANCE_OFFICER, PUBLISHER, STAFF, Access

CONTACT_DETAILS = frozenset({COMPLIANCE_OFFICER, PUBLISHER})


def _session(world):
    from upheld.training.models import Attendance, Course, TrainingSession

    course = Course.objects.create(title="Matrix course", audience="councils")
    session = TrainingSession.objects.create(course=course, date=datetime.date(2017, 6, 1), delivery="online",
                                             trainer="T")
    Attendance.objects.create(session=session, authority=world.council_a, people=2)
    return {"pk": session.pk}


def _seminar(world):
    from upheld.training.models import LinkOfficer, Seminar, SeminarAttendance

    seminar = Seminar.objects.create(title="Matrix seminar", date=datetime.date(2017, 9, 1), delivery="online")
    officer = LinkOfficer.objects.create(authority=world.council_a, name="Lee Link",
                                         active_from=datetime.date(2017, 4, 1))
    SeminarAttendance.objects.create(seminar=seminar, link_officer=officer)
    return {"pk": seminar.pk}


ACCESS = [
    Access("training:programme", STAFF),
    Access("training:programme", STAFF, query="year=2017-18"),
    Access("training:session", STAFF, kwargs=_session),
    Access("training:link-officers", CONTACT_DETAILS),
    Access("training:link-officers", CONTACT_DETAILS, query="region=North+West&former=on"),
    Access("training:link-officers-csv", CONTACT_DETAILS),
    Access("training:seminars", STAFF),
    Access("training:seminar", STAFF, kwargs=_seminar),
    Access("training:councils", STAFF),
    Access("training:councils", STAFF, query="year=2017-18&type=metropolitan&sort=uphold&order=desc"),
]
