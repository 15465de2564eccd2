"""The anonymisation guard: what it flags, what it leaves, and its measured
errors on the demonstration statements."""

import datetime
import random

import pytest

from upheld.casework.vocabulary import Category, Outcome, Remedy
from upheld.decisions import guard
from upheld.decisions.demo import DecisionRow, compose
from upheld.demo.texts import SUBCATEGORIES

FLAGGED = [
    ("Mrs Smith complained to the Council.", "title", "Mrs Smith"),
    ("The officer spoke to Mr O'Brien.", "title", "Mr O'Brien"),
    ("Dr Patel wrote a letter.", "title", "Dr Patel"),
    ("Mr J Smith was told.", "title", "Mr J Smith"),
    ("Mrs Xs complained.", "title", "Mrs Xs"),
    ("Ms X-Jones complained.", "title", "Ms X-Jones"),
    ("Councillor Hughes visited.", "title", "Councillor Hughes"),
    ("Susan Jones called the Council.", "name", "Susan Jones"),
    ("Her neighbour, Priya Oyelaran, complained.", "name", "Priya Oyelaran"),
    ("John McDonald is the landlord.", "name", "John McDonald"),
    ("Her son, Jack, was out of school.", "forename", "Jack"),
    ("Contact her at jane.doe@example.com please.", "email", "jane.doe@example.com"),
    ("Call 07700 900123 after six.", "phone", "07700 900123"),
    ("The office number is +44 20 7946 0000.", "phone", "+44 20 7946 0000"),
    ("Ring (01632) 960123.", "phone", "(01632) 960123"),
    ("She lives at SW1A 1AA now.", "postcode", "SW1A 1AA"),
    ("Postcode M1 1AE.", "postcode", "M1 1AE"),
    ("National Insurance QQ 12 34 56 C.", "ni_number", "QQ 12 34 56 C"),
    ("He was born on 12 March 1985.", "date_of_birth", "born on 12 March 1985"),
    ("Date of birth: 01/02/1990.", "date_of_birth", "Date of birth: 01/02/1990"),
    ("DOB 3.4.2001", "date_of_birth", "DOB 3.4.2001"),
    ("Her daughter was born in 2015.", "date_of_birth", "born in 2015"),
]

NOT_FLAGGED = [
    "Mrs X complained about the Council.",
    "Mr X's mother, Mrs Y, moved into a care home.",
    "Mr and Mrs X complained.",
    "Mrs X. The Council replied.",
    "Her son, B, was out of school for two terms.",
    "The decision reference is 22 000 114 and the Council paid £1,000.",
    "On 12 March 2021 the Council wrote to Mrs X.",
    "In June Sefton Council decided the application.",
    "The family lived on Victoria Road near Florence House.",
    "She was treated at St Mary's Hospital.",
    "The Council relied on the Care Act 2014 and the Children and Families Act 2014.",
    "The appeal went to the Traffic Penalty Tribunal in May 2020.",
    "Mark the date: we will Grace the hearing with a decision.",
    "Call the Council on its published number.",
    "The A1 and M62 were closed in 2019.",
    "Her child was born prematurely and needed care.",
]


@pytest.mark.parametrize(("text", "kind", "found"), FLAGGED)
def test_flags_personal_data(text, kind, found):
    assert (kind, found) in [(finding.kind, finding.text) for finding in guard.check_text(text)]


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_leaves_anonymised_text(text):
    assert guard.check_text(text) == []


def test_findings_name_their_field_and_fingerprint_ignores_order():
    findings = guard.check_fields({"summary": "Mrs Smith complained.", "body": "At SW1A 1AA."})
    assert [(f.field, f.kind) for f in findings] == [("summary", "title"), ("body", "postcode")]
    as_json = [finding.as_json() for finding in findings]
    assert guard.fingerprint(as_json) == guard.fingerprint(list(reversed(as_json))) != ""
    assert guard.describe(as_json) == "title with a name 'Mrs Smith'; postcode 'SW1A 1AA'"


# Measured on demonstration statements ---------------------------------------------------

# Personal data that anonymising misses, as it would appear in a statement.
LEAKS = [
    "{person} told the Council her neighbour Mrs Hargreaves had complained too.",
    "The social worker, Karen Whitfield, visited in May.",
    "{person}'s son, Oliver, missed a term of school.",
    "The Council wrote to 14 Mill Lane, Leeds LS6 2QR.",
    "{person} can be reached on 07700 900482.",
    "Her email address is sam.k@example.org.",
    "{person} was born on 4 July 1958.",
    "His National Insurance number is AB 12 34 56 C.",
    "Mr Okonkwo-Adeyemi, the landlord, did not reply.",
    "The manager, Tamsin Ferrabee, apologised.",  # neither name is on the lists: a miss
    "Her daughter Zebedee attends the school.",  # a forename not on the list: a miss
    "Smith, the caretaker, said the repair was done.",  # a surname alone: a miss
]


def _demo_statements(count: int = 1500) -> list[dict]:
    rng = random.Random(2024)
    outcomes = [Outcome.UPHELD, Outcome.NOT_UPHELD, Outcome.CLOSED_AFTER_INITIAL]
    remedies = [Remedy.BY_OMBUDSMAN, Remedy.SATISFACTORY_BY_AUTHORITY, Remedy.NONE]
    statements = []
    for number in range(count):
        category = rng.choice(Category.values)
        outcome = rng.choice(outcomes)
        remedy = rng.choice(remedies) if outcome == Outcome.UPHELD else ""
        personal = ("Apologise to Mrs K for the delay.", "Pay Mrs K £200 for the distress caused.") \
            if remedy == Remedy.BY_OMBUDSMAN else ()
        row = DecisionRow(f"20 {number:06d}", 1, category, rng.choice(SUBCATEGORIES[category]),
                          rng.choice([datetime.date(2020, 5, 4), datetime.date(2023, 2, 1)]),
                          outcome, remedy, personal, ("Review the procedure.",) if personal else ())
        composed = compose(row, seed=7)
        if composed is not None:
            statements.append(composed.values)
    return statements


def test_measured_errors_on_demonstration_statements():
    """False positives: findings in demonstration statements, which name no one
    (apart from the few that deliberately leak or quote a building's name).
    False negatives: leaks put into clean statements that the guard misses."""
    statements = _demo_statements()
    clean = [s for s in statements if not s["guard_findings"]]
    flagged = [s for s in statements if s["guard_findings"]]
    deliberate = {"Mrs Hargreaves", "Susan Whitehead", "LS6 2QR", "Christopher Wren", "Dr Barnardo"}
    false_positives = [f for s in flagged for f in s["guard_findings"]
                       if f["text"] not in deliberate and f["kind"] not in ("email", "phone", "date_of_birth")]
    assert len(statements) > 900
    assert false_positives == []  # measured: 0 in about 1,000 statements

    rng = random.Random(1)
    missed, tried = [], 0
    for statement in clean[:300]:
        leak = rng.choice(LEAKS).format(person="Mrs K")
        found = guard.check_fields({"body": statement["body"] + "\n" + leak})
        tried += 1
        if not found:
            missed.append(leak)
    rate = len(missed) / tried
    # Measured: three of the twelve kinds of leak are missed (names on neither list, a surname alone),
    # about a quarter of the leaks tried; every other kind is always caught.
    assert 0.15 < rate < 0.35, rate
    assert set(missed) <= {LEAKS[9], LEAKS[10], LEAKS[11]}
