"""Import of training attendance (`upheld import training FILE`).

A row is one organisation's attendance at one training session: the course
(title and audience), the session (date, delivery, place, trainer), the
organisation (a council by GSS code, else its name) and how many people came.
Sessions and courses are not imported separately: a row names its session by
course title, date, place and trainer, and a session or course not yet in the
database is created with the first row that names it; later rows, in this
file or in later imports, add to it.

What the rows say about one course or session must agree, with each other
and with what is stored: a course has one audience, a session one way of
delivery. An organisation's attendance at a session is recorded once: a
second row for it, in the file or against the database, is a problem (a
corrected number is changed in the admin, not re-imported).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from upheld.casework import rules
from upheld.imports.engine import Importer
from upheld.imports.values import REQUIRED, Council, Parser, date_until, memo, text
from upheld.training.models import Attendance, Audience, Course, Delivery, TrainingSession

MOST_PEOPLE = 1_000  # from one organisation at one session; more is a typing slip
_GSS = re.compile(r"[A-Za-z][0-9]{8}")
_DIGITS = re.compile(r"[0-9]+")


def _choice(choices, noun: str) -> Parser:
    """A value or label of `choices`, in any case and spacing."""
    known = {name.casefold(): value for value, label in choices.choices for name in (value, label)}

    def parse(value: str) -> str:
        if not value:
            raise ValueError(REQUIRED)
        try:
            return known[" ".join(value.split()).casefold()]
        except KeyError:
            raise ValueError(f"unknown {noun} {value!r}; expected one of: {'; '.join(choices.values)}") from None

    return memo(parse)


def _name(max_length: int, *, optional: bool = False) -> Parser:
    """Text with its inner spacing made single, so "Care  Homes Ltd" and "Care Homes Ltd" are one name."""
    parse = text(max_length, optional=optional)
    return memo(lambda value: parse(" ".join(value.split())))


def people(value: str) -> int:
    if not value:
        raise ValueError(REQUIRED)
    if not _DIGITS.fullmatch(value):
        raise ValueError(f"{value!r} is not a whole number of people")
    number = int(value)
    if number < 1:
        raise ValueError("must be at least 1")
    if number > MOST_PEOPLE:
        raise ValueError(f"{number:,} is more than {MOST_PEOPLE:,} people from one organisation at one session")
    return number


SessionKey = tuple[str, datetime.date, str, str]  # course title, date, place, trainer


@dataclass
class _Known:
    """Courses and sessions as stored or as this file has made them so far."""

    course_ids: dict[str, int]
    audiences: dict[str, str]
    session_ids: dict[SessionKey, int]
    deliveries: dict[SessionKey, str]
    attended: set[tuple[int, Any]]  # (session id, authority id or organisation name) already stored


class TrainingImport(Importer):
    kind = "training"
    noun = ("attendance", "attendances")
    model = Attendance
    fields = ("session", "authority", "organisation", "people")
    key_columns = ("course", "date", "place", "trainer", "organisation")

    def __init__(self) -> None:
        super().__init__()
        self.known = _Known({}, {}, {}, {}, set())

    def parsers(self) -> dict[str, Parser]:
        field = Attendance._meta.get_field
        organisation_name = _name(field("organisation").max_length)

        def organisation(value: str) -> Council | str:
            return self.councils.parse(value) if _GSS.fullmatch(value) else organisation_name(value)

        session_field = TrainingSession._meta.get_field
        return {
            "course": _name(Course._meta.get_field("title").max_length),
            "audience": _choice(Audience, "audience"),
            "date": date_until(self.today),
            "delivery": _choice(Delivery, "delivery"),
            "place": _name(session_field("place").max_length, optional=True),
            "trainer": _name(session_field("trainer").max_length),
            "organisation": organisation,
            "people": people,
        }

    def lookup(self, keys: list[tuple]) -> dict[tuple, tuple]:
        """What is stored about each key's course, session and attendance, as (the course's audience,
        the session's id and delivery, whether the organisation's attendance is recorded); loaded into
        `known` too, which `check` and `row` read."""
        known = self.known
        audiences = {}
        for course_id, title, audience in Course.objects.filter(title__in={key[0] for key in keys}).values_list(
                "id", "title", "audience"):
            audiences[title] = audience
            known.course_ids[title] = course_id
            known.audiences.setdefault(title, audience)
        sessions = TrainingSession.objects.filter(course__title__in=audiences, date__in={key[1] for key in keys})
        stored: dict[SessionKey, tuple[int, str]] = {}
        for session_id, *session_key, delivery in sessions.values_list(
                "id", "course__title", "date", "place", "trainer", "delivery"):
            stored[tuple(session_key)] = (session_id, delivery)
            known.session_ids.setdefault(tuple(session_key), session_id)
            known.deliveries.setdefault(tuple(session_key), delivery)
        attended = {(session_id, authority_id or name) for session_id, authority_id, name in Attendance.objects
                    .filter(session_id__in=[pk for pk, _ in stored.values()])
                    .values_list("session_id", "authority_id", "organisation")}
        known.attended |= attended
        found = {}
        for key in keys:
            title, day, place, trainer, organisation = key
            session = stored.get((title, day, place, trainer))
            if title in audiences:
                recorded = session is not None and (session[0], _attendee(organisation)) in attended
                found[key] = (audiences[title], session, recorded)
        return found

    def writing(self) -> None:
        self.known = _Known({}, {}, {}, {}, set())  # what is stored now, rather than when checked

    def check(self, record: list, found: Any) -> list[tuple[str, str]]:
        title, audience, day, delivery, place, trainer, organisation, _ = record
        known, session = self.known, (title, day, place, trainer)
        problems = []
        stored_audience = known.audiences.setdefault(title, audience)
        if stored_audience != audience:
            problems.append(("audience", f"course {title!r} is for {Audience(stored_audience).label.lower()} "
                                         "(as stored, or as an earlier row says)"))
        if delivery == Delivery.IN_PERSON and not place:
            problems.append(("place", "a session in person needs the place it was held"))
        stored_delivery = known.deliveries.setdefault(session, delivery)
        if stored_delivery != delivery:
            problems.append(("delivery", f"that session was {Delivery(stored_delivery).label.lower()} "
                                         "(as stored, or as an earlier row says)"))
        if isinstance(organisation, Council) and (problem := rules.authority_period_problem(
                organisation.name, organisation.start_date, organisation.end_date, day, day)):
            problems.append(("organisation", problem))
        session_id = known.session_ids.get(session)
        if session_id is not None and (session_id, _attendee(organisation)) in known.attended:
            problems.append(("organisation", "this organisation's attendance at that session is already recorded"))
        return problems

    def row(self, record: list, found: Any) -> tuple:
        title, audience, day, delivery, place, trainer, organisation, number = record
        known, session = self.known, (title, day, place, trainer)
        if title not in known.course_ids:
            known.course_ids[title] = Course.objects.create(title=title, audience=audience).id
        if session not in known.session_ids:
            known.session_ids[session] = TrainingSession.objects.create(
                course_id=known.course_ids[title], date=day, delivery=delivery, place=place, trainer=trainer).id
        if isinstance(organisation, Council):
            return known.session_ids[session], organisation.id, "", number
        return known.session_ids[session], None, organisation, number


def _attendee(organisation: Council | str) -> int | str:
    return organisation.id if isinstance(organisation, Council) else organisation
