"""/api/v1/: ninja's routes, each behind `public_endpoint`, and a JSON 404 for any other address below.

ninja's own root route (a 404 that only helps it find its documentation) is left out: /api/v1/ is
the `index` endpoint.
"""

from django.urls import re_path

from upheld.api.api import api
from upheld.api.http import not_found, public_endpoint

app_name = "api"


def _public(patterns):
    for pattern in patterns:
        pattern.callback = public_endpoint(pattern.callback)
        yield pattern


urlpatterns = [
    *_public(pattern for pattern in api.urls[0] if pattern.name != "api-root"),
    re_path(r"^(?P<rest>.*)$", public_endpoint(not_found), name="not_found"),
]
