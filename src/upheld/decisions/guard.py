"""The anonymisation guard: likely personal data in a statement's text.

Statements are written about people who must not be identifiable from them:
adults become "Mrs X" or "Mr B", children an initial, and there are no
addresses, contact details or dates of birth. Before a statement is published
its text is checked for what anonymising most often misses, with rules and
the name lists shipped in `data/` (no model, no network):

- email addresses; UK phone numbers (`07700 900123`, `+44 20 7946 0000`,
  `(01632) 960123`); full postcodes (`SW1A 1AA`, in capitals);
  National Insurance numbers (`QQ 12 34 56 C`, whether or not the letters
  are ones HMRC issues);
- dates of birth: a date or a year after "born", "date of birth", "DOB";
- a title followed by anything but a single letter: "Mrs Smith", "Mr J
  Smith" and "Dr Patel" are flagged, "Mrs X", "Mr X's" and "Mr and Mrs X"
  are not;
- a full name: a listed forename followed by a listed surname ("Susan
  Jones"), or by any capitalised word when the forename is not also an
  ordinary word or a place ("Priya Oyelaran", but not "June Sefton");
- a listed forename on its own ("her son, Jack, ..."), unless it is also an
  ordinary word, a month or a place, or names a building or a road ("St
  Mary's", "Victoria Road", "Florence House").

It errs towards flagging: a flagged statement waits for a person, who either
fixes the text or releases it with a recorded reason (`publication_rules`).
What it cannot know: a surname standing alone ("Smith said"), a name from
neither list after another unlisted word, initials that are really the
person's own. tests/decisions/test_guard.py measures both kinds of error on
the demonstration statements.

Text is checked a line at a time with a cache: statements repeat whole
paragraphs (the Ombudsman's role and powers), so a batch of 55,000
statements checks each repeated paragraph once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

KINDS = {
    "email": "email address",
    "phone": "phone number",
    "postcode": "postcode",
    "ni_number": "National Insurance number",
    "date_of_birth": "date of birth",
    "title": "title with a name",
    "name": "full name",
    "forename": "first name",
}


class Finding(NamedTuple):
    kind: str
    text: str
    field: str = ""

    @property
    def description(self) -> str:
        return f"{KINDS[self.kind]} {self.text!r}"

    def as_json(self) -> dict:
        return {"kind": self.kind, "text": self.text, "field": self.field}


# Rules -------------------------------------------------------------------------

# Each pattern starts with a character class and checks what comes before it
# afterwards: Python's regular expressions try every position of a line, and a
# leading look-behind or \b at each of them costs several times the match.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"(?:\+44[ -]?(?:\(0\)[ -]?)?|\(?0)\d[\d ()-]{7,14}\d(?!\w)")
_NOT_BEFORE_PHONE = re.compile(r"[\w+£$.,/]")
_POSTCODE = re.compile(r"[A-PR-UWYZ](?<![A-Za-z0-9][A-PR-UWYZ])[A-HK-Y]?[0-9][A-HJKPSTUW0-9]? ?[0-9]"
                       r"[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])")
_NI_NUMBER = re.compile(r"[A-Z](?<![A-Za-z0-9][A-Z])[A-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
           "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
_DATE = (rf"\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})\b|\d{{4}}-\d{{2}}-\d{{2}}"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
         rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\b(?:19|20)\d{{2}}\b")
_DATE_OF_BIRTH = re.compile(
    rf"\b(?:date\s+of\s+birth|birth\s*date|birthday|d\.?o\.?b\b\.?|born)\b[^\n.;]{{0,30}}?(?:{_DATE})", re.IGNORECASE)
_TITLES = "Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lady|Lord|Revd|Rev|Reverend|Cllr|Councillor"
_TITLE = re.compile(rf"(?:{_TITLES})\b\.?[ \t]+(?P<name>[^\s,;:!?()]+)(?:[ \t]+(?P<next>[A-Z][a-z][\w'’-]*))?")
# Words that may follow a title without naming anyone: "Mr and Mrs X".
_CONJUNCTIONS = frozenset({"and", "or", "&", "nor", "/"})
_NAME_WORD = r"[A-Z][A-Za-z'’]*[a-z](?:-[A-Z][A-Za-z'’]*[a-z])?"
# Every capitalised word, and what may follow a forename to make a full name:
# an initial or not, then a capitalised word.
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_WORD_CHARACTER = re.compile(r"[\w'’-]")
_LETTER_OR_DIGIT = re.compile(r"\w")
_FOLLOWING = re.compile(rf"[ \t]+(?:([A-Z])\.?[ \t]+)?({_NAME_WORD})")
_TITLE_WORDS = frozenset(_TITLES.split("|"))
# The cheap tests run on the line's UTF-8 bytes, where translate and split are
# plain C loops: the digits alone; the words, with punctuation and every
# non-ASCII byte (curly quotes) turned into spaces.
_NOT_DIGITS = bytes(byte for byte in range(256) if not 0x30 <= byte <= 0x39)
_WORDS_ONLY = bytes(byte if chr(byte).isalnum() and byte < 0x80 or byte == 0x2D else 0x20 for byte in range(256))
_UPPER_THEN_DIGIT = re.compile(rb"[A-Z] ?[0-9]")
_TITLE_TOKENS = frozenset(title.encode() for title in _TITLE_WORDS)

_BEFORE_PLACES = ("St ", "St. ", "Saint ", "Queen ", "King ", "Prince ", "Princess ", "Lady ", "Lord ", "Sir ")


def forenames() -> frozenset[str]:
    return name_list("forenames.txt")


def surnames() -> frozenset[str]:
    return name_list("surnames.txt")


def ambiguous_forenames() -> frozenset[str]:
    """Forenames that are also ordinary words, months or places: a name only beside a listed surname."""
    return name_list("ambiguous_forenames.txt")


def place_words() -> frozenset[str]:
    """Words after a name that make it a place or a building: "Victoria Road", "Florence House"."""
    return name_list("place_words.txt")


@cache
def name_list(filename: str) -> frozenset[str]:
    """One of the lists in `data/`: a word a line, # for comments."""
    text = resources.files("upheld.decisions").joinpath("data", filename).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def _encoded(words: frozenset[str]) -> frozenset[bytes]:
    return frozenset(word.encode() for word in words)




def check_text(text: str, field: str = "") -> list[Finding]:
    """What in `text` is likely personal data, in the order found."""
    return [Finding(kind, found, field) for line in text.splitlines() for kind, found in _check_line(line)]


def check_fields(fields: Mapping[str, str]) -> list[Finding]:
    """Findings of several texts (a statement's summary, body, ...), each labelled with its field."""
    return [finding for name, text in fields.items() for finding in check_text(text or "", name)]


@lru_cache(maxsize=65_536)
def _check_line(line: str) -> tuple[tuple[str, str], ...]:
    """The findings of one line. Each rule's pattern runs only when a cheap test
    (string methods and set operations, at C speed) says the line could match:
    a line of prose matches none, and scanning it with every pattern would cost
    many times the tests."""
    found: list[tuple[int, str, str]] = []
    encoded = line.encode()
    digits = encoded.translate(None, _NOT_DIGITS)
    if "@" in line:
        found += ((match.start(), "email", match[0]) for match in _EMAIL.finditer(line))
    if digits:
        if _UPPER_THEN_DIGIT.search(encoded):
            found += ((match.start(), "postcode", match[0]) for match in _POSTCODE.finditer(line))
            found += ((match.start(), "ni_number", match[0]) for match in _NI_NUMBER.finditer(line))
        if len(digits) >= 9:
            found += ((match.start(), "phone", match[0]) for match in _PHONE.finditer(line)
                      if _is_phone_number(match[0])
                      and not (match.start() and _NOT_BEFORE_PHONE.match(line, match.start() - 1)))
        lower = line.lower()
        if "birth" in lower or "born" in lower or "dob" in lower or "d.o.b" in lower:
            found += ((match.start(), "date_of_birth", match[0]) for match in _DATE_OF_BIRTH.finditer(line))
    tokens = set(encoded.translate(_WORDS_ONLY).split())
    given = _encoded(forenames())
    named: set[int] = set()  # where flagged names' words start: not flagged again on their own
    if not _TITLE_TOKENS.isdisjoint(tokens):
        for match in _TITLE.finditer(line):
            if match.start() and _WORD_CHARACTER.match(line, match.start() - 1):
                continue
            if _title_names_someone(match["name"], match["next"]):
                text = match[0] if _initial(match["name"]) else match[0][: match.end("name") - match.start()]
                found.append((match.start(), "title", _bare(text)))
                named.update(range(match.start(), match.end()))
    if not given.isdisjoint(tokens):
        found += _full_names(line, named)
    return tuple((kind, text) for _, kind, text in sorted(found))


def _full_names(line: str, named: set[int]) -> list[tuple[int, str, str]]:
    given, family, ambiguous, places = forenames(), surnames(), ambiguous_forenames(), place_words()
    found = []
    for match in _CAPITALISED.finditer(line):
        start, end, word = match.start(), match.end(), match[0]
        if (start in named or word not in given or (start and _WORD_CHARACTER.match(line, start - 1))
                or _LETTER_OR_DIGIT.match(line, end) or _after_place_prefix(line, start)):
            continue
        following = _FOLLOWING.match(line, end)
        if following:
            initial, second = following[1], _bare(following[2])
            if second.split("-")[0] in family or (word not in ambiguous and second not in places
                                                  and second not in given and second not in _TITLE_WORDS):
                found.append((start, "name", f"{word} {initial + ' ' if initial else ''}{second}"))
                named.update(range(start, following.end()))
                continue
        if word not in ambiguous and not (following and _bare(following[2]) in places):
            found.append((start, "forename", word))
    return found


def _is_phone_number(text: str) -> bool:
    """10 or 11 digits from a leading 0 (9 or 10 after +44), of a UK number range."""
    digits = re.sub(r"\D", "", text)
    if text.startswith("+44"):
        digits = digits[2:].removeprefix("0")
        return 9 <= len(digits) <= 10 and digits[0] in "1235789"
    return 10 <= len(digits) <= 11 and digits[1] in "1235789"


def _initial(word: str) -> bool:
    """"X", "X.", "X's": one capital letter standing for the person."""
    core = _bare(word).rstrip(".")
    return len(core) == 1 and core.isupper()


def _title_names_someone(word: str, following: str | None) -> bool:
    if word in _CONJUNCTIONS:
        return False
    if _initial(word):  # "Mr J Smith": a real initial and surname
        return following is not None and _bare(following) in surnames()
    return True


def _bare(word: str) -> str:
    """A word without trailing punctuation or a possessive: "Smith's," → "Smith"."""
    word = word.rstrip(".,;:!?")
    return word.removesuffix("'s").removesuffix("’s").removesuffix("'").removesuffix("’")



def _after_place_prefix(line: str, start: int) -> bool:
    return line[max(0, start - 9):start].endswith(_BEFORE_PLACES)



def fingerprint(findings: Iterable[Mapping | Finding]) -> str:
    """Identifies a set of findings: a release covers exactly what was released."""
    items = sorted(f"{f['kind']}|{f['field']}|{f['text']}" if isinstance(f, Mapping) else f"{f.kind}|{f.field}|{f.text}"
                   for f in findings)
    return hashlib.sha256("\n".join(items).encode()).hexdigest() if items else ""


def describe(findings: Iterable[Mapping]) -> str:
    """"postcode 'SW1A 1AA'; title with a name 'Mrs Smith'" for messages."""
    return "; ".join(f"{KINDS[f['kind']]} {f['text']!r}" for f in findings)
