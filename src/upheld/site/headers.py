"""Permissions-Policy on every response: the site uses no camera, microphone, location or other powerful
browser feature, so none may be used by it or by anything that ever got into one of its pages.

The policy is `settings.PERMISSIONS_POLICY` (feature → allowed origins; none: denied to all). The
middleware sits outside WhiteNoise and the fast path, so static files and kept pages carry it too.
"""

from django.conf import settings


def header_value(policy: dict[str, list[str]]) -> str:
    """`camera=(), geolocation=()`: each feature with its allow list."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.value = header_value(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.value)
        return response
