"""Load the councils register from the data the package ships.

Source: mySociety's "UK Local Authority Names and Codes" (CC BY 4.0), copied
into `upheld/data/authorities/`. We keep every English council in the
Ombudsman's comparison groups that existed at any time since 1 April 2013
(combined authorities and the Greater London Authority are left out: they are
in no comparison group). Decisions the file leaves to us:

- The City of London Corporation is grouped with the London Boroughs and the
  Council of the Isles of Scilly with the Unitary Councils: that is how their
  functions compare.
- The file gives some end dates as the council's last day (2019-03-31) and
  others as its successor's first day (2023-04-01); we store the last day.
- Start dates before April 2013 are the register's own entry dates, not when
  the council began, so they are not kept.
- A council whose region is blank takes the region of its successor.
- Corrections the file does not carry yet are in `CORRECTIONS` below; a name
  they replace is kept as a former name, so that search still finds it.
- The file's `alt-names` ("Bristol, City of", "Hull") are kept as other names
  to search by, and `INDEX_NAMES` says where a council goes in an A–Z list
  when its short name starts with a word nobody looks it up by.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass, field
from importlib import resources

from django.db import transaction
from django.utils.text import slugify

from upheld.authorities.models import Authority, AuthorityCode, AuthorityName, AuthorityType
from upheld.releases import visibility

REGISTER_FILE = "data/authorities/uk_local_authorities.csv"
SCHEME_START = datetime.date(2013, 4, 1)

TYPES = {
    "NMD": AuthorityType.DISTRICT,
    "MD": AuthorityType.METROPOLITAN,
    "LBO": AuthorityType.LONDON,
    "CC": AuthorityType.LONDON,
    "UA": AuthorityType.UNITARY,
    "CTY": AuthorityType.COUNTY,
}

# ONS recoded Barnsley and Sheffield in 2025; Tewkesbury was renamed.
CORRECTIONS = {
    "BNS": {"gss": "E08000038", "former": ["E08000016"]},
    "SHF": {"gss": "E08000039", "former": ["E08000019"]},
    "TEW": {"name": "North Gloucestershire Council", "short_name": "North Gloucestershire"},
}
# Short names that begin with a title: the name a reader looks for goes in the A–Z.
INDEX_NAMES = {"BST": "Bristol", "DUR": "Durham", "KHL": "Hull", "LIC": "Lincoln"}
# Names in `alt-names` are separated by a comma with no space after it ("Bristol, City of" is one name).
ALT_NAME_SEPARATOR = re.compile(r",(?! )")


@dataclass
class RegisterEntry:
    register_code: str
    gss: str
    name: str
    short_name: str
    type: str
    region: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    population_2020: int | None
    replaced_by: list[str] = field(default_factory=list)
    former_codes: list[str] = field(default_factory=list)
    slug: str = ""
    index_name: str = ""
    other_names: dict[str, bool] = field(default_factory=dict)  # name → whether it is a former name

    def names(self) -> list[tuple[str, bool]]:
        """Its other names, each once whatever its case, leaving out the names it has as fields."""
        own = {self.name.casefold(), self.short_name.casefold(), self.index_name.casefold()}
        found: dict[str, tuple[str, bool]] = {}
        for name, former in self.other_names.items():
            key = name.casefold()
            if key not in own:
                first, was_former = found.get(key, (name, False))
                found[key] = (first, was_former or former)
        return list(found.values())


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _last_day(end: datetime.date | None) -> datetime.date | None:
    if end is not None and (end.month, end.day) == (4, 1):
        return end - datetime.timedelta(days=1)
    return end


def read_register() -> list[RegisterEntry]:
    """The register entries, parsed and corrected, with unique slugs."""
    text = resources.files("upheld").joinpath(REGISTER_FILE).read_text(encoding="utf-8")
    entries = []
    for row in csv.DictReader(text.splitlines()):
        if row["nation"] != "England" or row["local-authority-type"] not in TYPES:
            continue
        end = _last_day(_date(row["end-date"]))
        if end is not None and end < SCHEME_START:
            continue
        start = _date(row["start-date"])
        code = row["local-authority-code"]
        entry = RegisterEntry(
            register_code=code,
            gss=row["gss-code"],
            name=row["official-name"],
            short_name=row["nice-name"],
            type=TYPES[row["local-authority-type"]],
            region=row["region"],
            start_date=start if start and start > SCHEME_START else None,
            end_date=end,
            population_2020=int(float(row["pop-2020"])) if row["pop-2020"] else None,
            replaced_by=[c for c in row["replaced-by"].split(",") if c],
            former_codes=[c for c in row["former-gss-codes"].split(",") if c],
            index_name=INDEX_NAMES.get(code, ""),
            other_names=dict.fromkeys(
                (n.strip() for n in ALT_NAME_SEPARATOR.split(row["alt-names"]) if n.strip()), False),
        )
        correction = CORRECTIONS.get(code, {})
        if "gss" in correction:
            entry.former_codes.append(entry.gss)
            entry.gss = correction["gss"]
        for key in ("name", "short_name"):
            if key in correction:
                entry.other_names[getattr(entry, key)] = True
                setattr(entry, key, correction[key])
        entries.append(entry)

    by_code = {e.register_code: e for e in entries}
    for entry in entries:
        if not entry.region:
            successors = [by_code[c] for c in entry.replaced_by if c in by_code and by_code[c].region]
            entry.region = successors[0].region if successors else ""
    _assign_slugs(entries)
    return entries


def _assign_slugs(entries: list[RegisterEntry]) -> None:
    """Short names make the slugs; where two share one, the council that ended takes its official name."""
    counts: dict[str, int] = {}
    for entry in entries:
        counts[slugify(entry.short_name)] = counts.get(slugify(entry.short_name), 0) + 1
    for entry in entries:
        slug = slugify(entry.short_name)
        entry.slug = slugify(entry.name) if counts[slug] > 1 and entry.end_date else slug


# What the register sets on each council (beside `register_code`, by which it is found).
REGISTER_FIELDS = ("gss", "name", "short_name", "index_name", "slug", "type", "region", "start_date", "end_date",
                   "population_2020")


@transaction.atomic
def load_register() -> tuple[int, int]:
    """Create or update every council; safe to run again. Returns (created, updated).

    Written in bulk, and only what differs: `upheld setup` over an unchanged register writes nothing, and a
    database emptied (a browser test's flush, before each of them) takes some twenty queries, where a query or
    more for each council and code took a second and a half on PostgreSQL. Councils are not in the audit trail;
    the public state is told of a change once (`visibility.changed`), as bulk writes send no signals."""
    entries = read_register()
    authorities = Authority.objects.in_bulk(field_name="register_code")
    found = set(authorities)
    new, changed = [], []
    for entry in entries:
        values = {name: getattr(entry, name) for name in REGISTER_FIELDS}
        authority = authorities.get(entry.register_code)
        if authority is None:
            authorities[entry.register_code] = authority = Authority(register_code=entry.register_code, **values)
            new.append(authority)
        elif any(getattr(authority, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(authority, name, value)
            changed.append(authority)
    Authority.objects.bulk_update(changed, REGISTER_FIELDS)
    Authority.objects.bulk_create(new)
    registered = {entry.register_code: authorities[entry.register_code] for entry in entries}
    wrote = _codes(entries, registered) | _successors(entries, registered) | bool(new or changed)
    # The names are the register's alone (no one edits them), so they are replaced whole: two queries.
    AuthorityName.objects.filter(authority__in=registered.values()).delete()
    AuthorityName.objects.bulk_create([
        AuthorityName(authority=authorities[entry.register_code], name=name, former=former)
        for entry in entries for name, former in entry.names()])
    if wrote:
        visibility.changed()
    return len(new), sum(entry.register_code in found for entry in entries)


def _codes(entries: list[RegisterEntry], authorities: dict[str, Authority]) -> bool:
    """Every code each council of the register (`authorities`, by register code) is known by, current or
    former; whether any was written."""
    kept = {code.code: code for code in AuthorityCode.objects.all()}
    new, changed = [], []
    for entry in entries:
        authority = authorities[entry.register_code]
        for code, current in ({entry.gss: True, entry.register_code: False}
                              | dict.fromkeys(entry.former_codes, False)).items():
            found = kept.get(code)
            if found is None:
                new.append(AuthorityCode(code=code, authority=authority, current=current))
            elif (found.authority_id, found.current) != (authority.id, current):
                found.authority, found.current = authority, current
                changed.append(found)
    AuthorityCode.objects.bulk_update(changed, ["authority", "current"])
    AuthorityCode.objects.bulk_create(new)
    return bool(new or changed)


def _successors(entries: list[RegisterEntry], authorities: dict[str, Authority]) -> bool:
    """Each council's `replaced_by` as the register has it (of the register's councils, `authorities`); whether
    any link was added or removed."""
    links = Authority.replaced_by.through
    wanted = {(authorities[entry.register_code].id, authorities[code].id)
              for entry in entries for code in entry.replaced_by if code in authorities}
    ours = [authority.id for authority in authorities.values()]
    kept = set(links.objects.filter(from_authority_id__in=ours).values_list("from_authority_id", "to_authority_id"))
    gone = kept - wanted
    for from_id, to_id in gone:
        links.objects.filter(from_authority_id=from_id, to_authority_id=to_id).delete()
    links.objects.bulk_create([links(from_authority_id=from_id, to_authority_id=to_id)
                               for from_id, to_id in sorted(wanted - kept)])
    return bool(gone or wanted - kept)
