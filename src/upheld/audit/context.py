"""Who is acting, for events recorded far from any view (signals, commands).

`AuditContextMiddleware` puts the request in a context variable for the
length of each request, with an id to tie together the events it causes;
a management command names itself with `acting_as`. With neither, events
are recorded as done by "system".
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass
class Context:
    request: HttpRequest | None = None
    source: str = "system"
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def user(self):
        user = getattr(self.request, "user", None)
        return user if user is not None and user.is_authenticated else None

    @property
    def ip(self) -> str | None:
        return self.request.META.get("REMOTE_ADDR") if self.request is not None else None


_current: contextvars.ContextVar[Context | None] = contextvars.ContextVar("upheld_audit_context", default=None)


def current(request: HttpRequest | None = None) -> Context:
    """The context of `request` if given, else of the request or command running now."""
    if request is not None:
        context = getattr(request, "audit_context", None)
        return context or Context(request=request, source=_describe(request))
    return _current.get() or Context()


@contextmanager
def acting_as(source: str) -> Iterator[Context]:
    """Record events inside the block as done by `source` (e.g. "command anonymise-expired")."""
    token = _current.set(Context(source=source[:200]))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def _describe(request: HttpRequest) -> str:
    return f"{request.method or ''} {request.path}".strip()[:200]


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.audit_context = Context(request=request, source=_describe(request))
        token = _current.set(request.audit_context)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
