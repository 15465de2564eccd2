"""The link-officer network: who is in it, the staff contact list and its download.

The council's current link officer is also its letters' copy contact
(`authorities.Contact`, role "link officer"): `update_contacts` writes the
one through to the other whenever link officers are saved, so staff keep one
list and the letters follow it. A council updated with no current link officer
(its officer left, or moved to another council) loses its contact: letters
must not be copied to someone no longer in the role. Councils not updated keep
whatever contact they had (perhaps imported with `upheld import contacts`).
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Iterator

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from upheld.authorities.models import Contact, ContactRole
from upheld.csv_output import Echo, safe_cell
from upheld.training.models import LinkOfficer

CSV_COLUMNS = ["council", "GSS code", "type", "region", "name", "job title", "email", "phone", "active from",
               "active to", "seminars attended"]


def update_contacts(authority_ids: Iterable[int], today: datetime.date | None = None) -> int:
    """Make each council's link-officer contact its current link officer (the one who started last), or remove
    it if the council has none; the number of contacts written."""
    authority_ids = list(authority_ids)
    current: dict[int, LinkOfficer] = {}
    for officer in (LinkOfficer.objects.active_on(today or timezone.localdate())
                    .filter(authority_id__in=authority_ids).order_by("authority_id", "active_from", "id")):
        current[officer.authority_id] = officer  # the last to start wins
    vacant = set(authority_ids) - set(current)
    Contact.objects.filter(role=ContactRole.LINK_OFFICER, authority_id__in=vacant).delete()
    Contact.objects.bulk_create(
        [Contact(authority_id=authority_id, role=ContactRole.LINK_OFFICER, name=officer.name, email=officer.email)
         for authority_id, officer in current.items()],
        update_conflicts=True, unique_fields=["authority", "role"], update_fields=["name", "email"])
    return len(current)


def officers(*, region: str = "", type: str = "", council: str = "", former: bool = False,
             today: datetime.date | None = None) -> QuerySet:
    """Link officers matching the filters, with the number of seminars each attended;
    only those in the role today unless `former`."""
    found = LinkOfficer.objects.select_related("authority").annotate(seminars=Count("seminars_attended"))
    if not former:
        found = found.active_on(today or timezone.localdate())
    if region:
        found = found.filter(authority__region=region)
    if type:
        found = found.filter(authority__type=type)
    if council:
        found = found.filter(Q(authority__name__icontains=council) | Q(authority__short_name__icontains=council)
                             | Q(authority__gss__iexact=council))
    return found.order_by("authority__name", "-active_from", "name")


def csv_lines(found: QuerySet) -> Iterator[str]:
    """The contact list as CSV lines, text guarded against being run as a formula."""
    writer = csv.writer(Echo())
    yield writer.writerow(CSV_COLUMNS)
    for officer in found:
        authority = officer.authority
        yield writer.writerow([safe_cell(value) for value in (
            authority.name, authority.gss, authority.get_type_display(), authority.region, officer.name,
            officer.job_title, officer.email, officer.phone, officer.active_from.isoformat(),
            officer.active_to.isoformat() if officer.active_to else "", officer.seminars)])
