"""Councils: every council with released figures, as the public council pages list them.

A council is in the list when it has figures in a released year (`published().councils`), so a
council that appears only in an embargoed year is unknown here, as on the pages. A council is
named by its GSS code, current or former (`Authority.objects.by_code`): Barnsley's pre-2025 code
finds Barnsley, whose record gives its current code.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from ninja import Path, Query, Router

from upheld.api import schemas
from upheld.api.paging import page_query, paginate
from upheld.authorities.models import Authority, AuthorityCode, AuthorityType, Region
from upheld.releases.published import PublishedYears, published

router = Router(tags=["Councils"])
GSS = Path(..., pattern=r"^[A-Za-z][0-9]{8}$", description="GSS code, current or former, e.g. E08000014",
           examples=["E08000014"])
PAGE, PAGE_SIZE = page_query(100)
TYPE = Query(None, description="Comparison group")
REGION = Query(None)
NAME = Query("", max_length=100, description="Part of the council's name, any case")


def find_council(public: PublishedYears, code: str) -> Authority:
    """The council that carries or carried `code`, if it has released figures; 404 otherwise."""
    authority = Authority.objects.by_code(code).first()
    if authority is None:
        raise Http404(f"No council has the code {code}")
    if not public.council_years(authority.gss):
        raise Http404(f"There are no published figures for {authority.name}")
    return authority


@router.get("/councils", response={200: schemas.page_of("CouncilPage", schemas.Council), 404: schemas.Error,
                                   422: schemas.Error, 429: schemas.Error},
            summary="Councils with published figures, A to Z", url_name="councils")
def councils(request, type: AuthorityType | None = TYPE, region: Region | None = REGION,  # noqa: A002 - its name
             name: str = NAME, page: int = PAGE, page_size: int = PAGE_SIZE):
    public = published()
    words = name.casefold()
    found = [authority for authority, _ in public.councils
             if (not type or authority.type == type) and (not region or authority.region == region)
             and (words in authority.name.casefold() or words in authority.short_name.casefold())]
    listing = paginate(request, found, page, page_size)
    listing["items"] = council_records(request, public, listing["items"])
    return listing


@router.get("/councils/{gss}", response={200: schemas.Council, 404: schemas.Error, 422: schemas.Error,
                                         429: schemas.Error},
            summary="One council", url_name="council")
def council(request, gss: str = GSS):
    public = published()
    return council_records(request, public, [find_council(public, gss)])[0]


def council_records(request, public: PublishedYears, authorities: list[Authority]) -> list[dict]:
    """The register's entry for each council, with the released years it has figures in."""
    ids = [authority.id for authority in authorities]
    successors: dict[int, list[str]] = {pk: [] for pk in ids}
    for pk, code in Authority.replaced_by.through.objects.filter(from_authority_id__in=ids) \
            .order_by("to_authority__gss").values_list("from_authority_id", "to_authority__gss"):
        successors[pk].append(code)
    former: dict[int, list[str]] = {pk: [] for pk in ids}
    for pk, code in AuthorityCode.objects.filter(authority_id__in=ids, current=False) \
            .order_by("code").values_list("authority_id", "code"):
        former[pk].append(code)
    return [_record(request, public, authority, successors[authority.id], former[authority.id])
            for authority in authorities]


def _record(request, public: PublishedYears, authority: Authority, successors: list[str], former: list[str]) -> dict:
    years = [year.label for year in public.council_years(authority.gss)]
    absolute = request.build_absolute_uri
    return {
        "gss": authority.gss, "name": authority.name, "short_name": authority.short_name,
        "type": authority.type, "type_name": authority.get_type_display(), "region": authority.region,
        "start_date": authority.start_date, "end_date": authority.end_date,
        "replaced_by": successors,
        "former_codes": [code for code in former if code not in (authority.gss, authority.register_code)],
        "years": years,
        "links": {
            "self": absolute(reverse("api:council", kwargs={"gss": authority.gss})),
            "page": absolute(reverse("council", kwargs={"slug": authority.slug})),
            "statistics": {label: absolute(reverse("api:council_statistics", kwargs={"year": label,
                                                                                     "gss": authority.gss}))
                           for label in years},
        },
    }
