"""Load the Code's editions and provisions from the data file the package ships (`upheld setup`).

`data/complaint-handling-code.json`: the editions, each with its sections and their provisions summarised in
the product's own words. Safe to rerun: an edition or provision already stored (matched by edition name and
provision number) is kept as it is, since staff may have edited it; only what is missing is added.
"""

from __future__ import annotations

import datetime
import json
from importlib import resources

from django.db import transaction

from upheld.code.editions import Edition, Provision, number_key

CODE_FILE = "code/data/complaint-handling-code.json"


def read_code(text: str | None = None, name: str = CODE_FILE) -> list[dict]:
    """The editions of the file (or of `text`, read as the file `name`); a ValueError names what is wrong."""
    if text is None:
        text = resources.files("upheld").joinpath(CODE_FILE).read_text(encoding="utf-8")
    try:
        editions = json.loads(text)["editions"]
        for edition in editions:
            datetime.date.fromisoformat(edition["starts"])
            for section in edition["sections"]:
                for provision in section["provisions"]:
                    if number_key(provision["number"])[0] != section["number"]:
                        raise ValueError(f"provision {provision['number']} is not in section {section['number']}")
    except (ValueError, KeyError, TypeError) as problem:
        raise ValueError(f"{name}: not a Complaint Handling Code file: {problem}") from None
    return editions


@transaction.atomic
def load_code(editions: list[dict] | None = None) -> tuple[int, int]:
    """Store every edition and provision of the shipped file not stored yet. Returns (added, kept), counting
    provisions."""
    added = kept = 0
    for entry in read_code() if editions is None else editions:
        edition, _ = Edition.objects.get_or_create(name=entry["name"], defaults={
            "starts": datetime.date.fromisoformat(entry["starts"]),
            "first_return_year": entry["first_return_year"], "source_url": entry["source_url"]})
        stored = set(edition.provisions.values_list("number", flat=True))
        for section in entry["sections"]:
            for provision in section["provisions"]:
                if provision["number"] in stored:
                    kept += 1
                    continue
                Provision.objects.create(edition=edition, section=section["number"],
                                         section_title=section["title"], number=provision["number"],
                                         title=provision["title"], text=provision["text"])
                added += 1
    return added, kept
