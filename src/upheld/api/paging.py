"""Pages of a list: `page` and `page_size` in, the count and the neighbouring pages' addresses out."""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.http import Http404
from ninja import Query

MAX_PAGE_SIZE = 500


def page_query(default_size: int):
    """The `page` and `page_size` parameters of an endpoint whose pages hold `default_size` items."""
    return (Query(1, ge=1, description="Page number, from 1"),
            Query(default_size, ge=1, le=MAX_PAGE_SIZE, description=f"Items a page (at most {MAX_PAGE_SIZE})"))


def page_links(request, page: int, pages: int) -> dict:
    def address(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {"next": address(page + 1) if page < pages else None,
            "previous": address(page - 1) if page > 1 else None}


def check_page(page: int, pages: int) -> None:
    if page > pages:
        raise Http404(f"There is no page {page}: there {'is' if pages == 1 else 'are'} {pages}")


def paginate(request, items: Sequence, page: int, page_size: int, present=lambda item: item) -> dict:
    """Page `page` of `items`, each shown by `present`; a page after the last is a 404 (the first always exists)."""
    count = len(items)
    pages = max(1, math.ceil(count / page_size))
    check_page(page, pages)
    shown = items[(page - 1) * page_size: page * page_size]
    return {"count": count, "page": page, "pages": pages, "page_size": page_size,
            **page_links(request, page, pages), "items": [present(item) for item in shown]}
