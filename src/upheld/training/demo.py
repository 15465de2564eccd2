"""Demonstration training programme and link-officer network, consistent with the letters' training paragraph.

Each demonstration year gets courses delivered as sessions with the
organisations that attended; the national figures follow `YEARS` (2017-18 is
the reference letter's: 58 courses, more than 800 people), so a letter and the
national review print plausible numbers. Every council in existence at the end
of the last demonstration year gets a link officer (some with a predecessor,
so the list of former officers is not empty), and the network meets at a few
seminars a year from 2017-18, when the reference letter says it was set up.

Everything is deterministic from the seed and written in bulk (a few
thousand rows: well under a second). Only synthetic rows are replaced; the
councils' link-officer contacts are then made the demonstration officers.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from upheld.authorities.models import Authority
from upheld.releases import visibility
from upheld.training.models import (
    Attendance,
    Audience,
    Course,
    Delivery,
    LinkOfficer,
    Seminar,
    SeminarAttendance,
    TrainingSession,
)
from upheld.training.officers import update_contacts
from upheld.years import ReportingYear

# Starting year -> (sessions delivered, people trained). 2017-18 is the reference letter's.
YEARS = {2014: (44, 610), 2015: (49, 690), 2016: (53, 745), 2017: (58, 812), 2018: (61, 866), 2019: (57, 803),
         2020: (40, 655), 2021: (52, 771), 2022: (60, 884), 2023: (64, 931), 2024: (66, 958), 2025: (68, 985)}
ONLINE_ONLY = {2020}  # the pandemic year: every session online
NETWORK_STARTED = 2017

COURSES = [
    ("Effective complaint handling for local authorities", Audience.COUNCILS,
     "Investigating a complaint, finding fault and putting things right."),
    ("Complaint handling for adult social care providers", Audience.CARE_PROVIDERS,
     "What the Ombudsman expects of care providers who handle complaints themselves."),
    ("Managing unreasonable complainant behaviour", Audience.COUNCILS,
     "Staying fair and safe when a complaint becomes difficult."),
    ("Good complaint handling for councillors", Audience.COUNCILLORS,
     "What to ask of your council's complaint handling, and how to read the annual letter."),
    ("Complaint handling in children's services", Audience.COUNCILS,
     "The statutory procedure for children's social care complaints."),
    ("Remedies: putting things right", Audience.COUNCILS, "Choosing a remedy that fits the injustice."),
]
PLACES = ["Coventry", "Leeds", "London", "Manchester", "Bristol", "Birmingham", "Newcastle upon Tyne", "Norwich"]
TRAINERS = ["A. Hollis", "B. Okafor", "C. Lindqvist", "D. Marsh", "E. Rahman"]
CARE_PROVIDERS = [f"{place} {kind}" for place in ("Oakwood", "Riverside", "Meadowbank", "Hillcrest", "Elm Park",
                                                    "Willow Court", "Ashdene", "Brookside")
                  for kind in ("Care Home", "Home Care Ltd", "Nursing Home")]
FIRST_NAMES = ["Alex", "Sam", "Jordan", "Priya", "Tom", "Aisha", "Chris", "Megan", "Owen", "Ruth", "Imran", "Jo",
               "Helen", "Kwame", "Laura", "Neil", "Sophie", "Dev", "Fiona", "Gareth"]
SURNAMES = ["Ashworth", "Bell", "Chowdhury", "Dale", "Evans", "Fisher", "Grant", "Hughes", "Iqbal", "Jones",
            "Kaur", "Lewis", "Mills", "Nolan", "Owusu", "Patel", "Quinn", "Reid", "Shaw", "Turner"]
JOB_TITLES = ["Complaints Manager", "Customer Feedback Officer", "Head of Customer Services",
              "Corporate Complaints Lead", "Information Governance Manager"]
SEMINARS = ["Learning from complaints", "Getting remedies right", "The annual review letter explained",
            "Complaint handling and the Code"]


@dataclass
class TrainingSummary:
    sessions: int = 0
    attendances: int = 0
    people: int = 0
    link_officers: int = 0
    seminars: int = 0


@transaction.atomic
def replace_demo_training(seed: int, years: list[ReportingYear]) -> TrainingSummary:
    """Replace the synthetic training programme, link officers and seminars for `years`."""
    delete_synthetic_training()
    rng = random.Random(f"{seed}:training")
    councils = list(Authority.objects.values_list("id", "slug", "start_date", "end_date"))
    courses = Course.objects.bulk_create([Course(title=title, audience=audience, description=text, synthetic=True)
                                          for title, audience, text in COURSES])
    summary = TrainingSummary()
    for year in years:
        if year.start_year in YEARS:
            _programme(rng, year, courses, councils, summary)
    _network(rng, years, councils, summary)
    update_contacts([authority_id for authority_id, *_ in councils])
    visibility.changed()  # the national review prints the programme's figures; written in bulk, without signals
    return summary


def delete_synthetic_training() -> None:
    """One DELETE per table, dependents first: Django would collect the rows one by one, and record
    each synthetic link officer's deletion in the audit trail."""
    for rows in (Attendance.objects.filter(session__course__synthetic=True),
                 TrainingSession.objects.filter(course__synthetic=True), Course.objects.filter(synthetic=True),
                 SeminarAttendance.objects.filter(seminar__synthetic=True),
                 SeminarAttendance.objects.filter(link_officer__synthetic=True),
                 Seminar.objects.filter(synthetic=True), LinkOfficer.objects.filter(synthetic=True)):
        rows._raw_delete(using="default")


def _existing(councils, day: datetime.date) -> list[int]:
    return [pk for pk, _, start, end in councils if (start is None or start <= day) and (end is None or day <= end)]


def _programme(rng: random.Random, year: ReportingYear, courses: list[Course], councils, summary) -> None:
    """The year's sessions, and attendances whose people add up to the year's figure exactly."""
    sessions_wanted, people_wanted = YEARS[year.start_year]
    span = (year.last_day - year.first_day).days
    sessions = []
    for n in range(sessions_wanted):
        day = year.first_day + datetime.timedelta(days=span * n // sessions_wanted + rng.randrange(3))
        online = year.start_year in ONLINE_ONLY or rng.random() < 0.25
        sessions.append(TrainingSession(course=rng.choice(courses), date=day, trainer=rng.choice(TRAINERS),
                                        delivery=Delivery.ONLINE if online else Delivery.IN_PERSON,
                                        place="" if online else rng.choice(PLACES)))
    TrainingSession.objects.bulk_create(sessions)
    attendances = []
    for session in sessions:
        if session.course.audience == Audience.CARE_PROVIDERS:
            attendances += [Attendance(session=session, organisation=name)
                            for name in rng.sample(CARE_PROVIDERS, rng.randint(3, 6))]
        else:
            attendances += [Attendance(session=session, authority_id=pk)
                            for pk in rng.sample(_existing(councils, session.date), rng.randint(2, 5))]
    for attendance in attendances:
        attendance.people = 1
    for _ in range(people_wanted - len(attendances)):
        rng.choice(attendances).people += 1
    Attendance.objects.bulk_create(attendances)
    summary.sessions += len(sessions)
    summary.attendances += len(attendances)
    summary.people += people_wanted


def _network(rng: random.Random, years: list[ReportingYear], councils, summary) -> None:
    """A link officer for every council at the end of the last year (a predecessor for one in five),
    and two or three seminars a year from when the network began."""
    started = ReportingYear(max(NETWORK_STARTED, min(years).start_year)).first_day
    last_day = max(years).last_day
    officers = []
    for pk, slug, start, end in councils:
        if end is not None and end < started:
            continue
        first = max(started, start or started)
        handover = first + datetime.timedelta(days=rng.randrange(200, 1500))
        if rng.random() < 0.2 and handover < (end or last_day):
            officers.append(_officer(rng, pk, slug, first, handover - datetime.timedelta(days=1)))
            first = handover
        officers.append(_officer(rng, pk, slug, first, end))
    LinkOfficer.objects.bulk_create(officers)
    seminars, attended = [], []
    for year in years:
        if year.start_year < NETWORK_STARTED:
            continue
        for n in range(rng.randint(2, 3)):
            day = year.first_day + datetime.timedelta(days=60 + 120 * n + rng.randrange(20))
            online = year.start_year in ONLINE_ONLY or rng.random() < 0.5
            seminar = Seminar(title=rng.choice(SEMINARS), date=day, synthetic=True,
                              delivery=Delivery.ONLINE if online else Delivery.IN_PERSON,
                              place="" if online else rng.choice(PLACES))
            seminars.append(seminar)
            active = [o for o in officers if o.active_from <= day and (o.active_to is None or day <= o.active_to)]
            attended += [SeminarAttendance(seminar=seminar, link_officer=officer)
                         for officer in rng.sample(active, min(len(active), rng.randint(25, 60)))]
    Seminar.objects.bulk_create(seminars)
    SeminarAttendance.objects.bulk_create(attended)
    summary.link_officers = len(officers)
    summary.seminars = len(seminars)


def _officer(rng: random.Random, pk: int, slug: str, first: datetime.date, last: datetime.date | None) -> LinkOfficer:
    given, family = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    return LinkOfficer(authority_id=pk, name=f"{given} {family}", job_title=rng.choice(JOB_TITLES),
                       email=f"{given}.{family}@{slug}.gov.example".lower(),
                       phone=f"01632 960{rng.randrange(1000):03d}",  # Ofcom's numbers for drama
                       active_from=first, active_to=last, synthetic=True)
