"""The API's documentation page, written from its OpenAPI schema so the two never disagree.

A page of the site (GOV.UK styles, no script) rather than Swagger UI: that loads its code from a CDN
and runs inline script, which the site's Content Security Policy forbids and a closed network cannot
fetch. Each endpoint shows its parameters, its answers and an example address to try.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    required: bool
    kind: str  # the type, with its allowed values or limits
    default: str
    description: str


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    summary: str
    tag: str
    parameters: list[Parameter]
    responses: list[tuple[str, str]]  # status, description
    example: str


MEANINGS = {
    "200": "The answer",
    "404": "No such address, or nothing published there: an unknown or unreleased year, council, item or page",
    "422": "A parameter could not be used: `errors` says which and why",
    "429": "Too many requests from this address: wait the seconds in Retry-After",
}


def page(request, schema: dict):
    components = schema.get("components", {}).get("schemas", {})
    endpoints = [_endpoint(path, method, operation, components)
                 for path, methods in schema["paths"].items() for method, operation in methods.items()]
    tags = list(dict.fromkeys(endpoint.tag for endpoint in endpoints))
    return render(request, "api/docs.html", {
        "title": schema["info"]["title"], "description": schema["info"].get("description", ""),
        "groups": [(tag, [e for e in endpoints if e.tag == tag]) for tag in tags],
        "rate": settings.UPHELD_API_RATE, "max_age": settings.UPHELD_API_MAX_AGE,
        "base": request.build_absolute_uri("/")[:-1],
    })


def _endpoint(path: str, method: str, operation: dict, components: dict) -> Endpoint:
    parameters = [_parameter(parameter, components) for parameter in operation.get("parameters", [])]
    example_path = path
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            value = (parameter["schema"].get("examples") or parameter.get("examples") or ["…"])
            example_path = example_path.replace("{" + parameter["name"] + "}", str(_first(value)))
    query = {p["name"]: _first(p["schema"]["examples"]) for p in operation.get("parameters", [])
             if p["in"] == "query" and p["schema"].get("examples")}
    return Endpoint(
        method=method.upper(), path=path, summary=operation.get("summary", ""),
        tag=(operation.get("tags") or ["API"])[0], parameters=parameters,
        responses=[(str(status), MEANINGS.get(str(status), answer.get("description", "")))
                   for status, answer in operation["responses"].items()],
        example=example_path + (f"?{urlencode(query)}" if query else ""),
    )


def _first(examples):
    return next(iter(examples.values() if isinstance(examples, dict) else examples))


def _parameter(parameter: dict, components: dict) -> Parameter:
    schema = parameter.get("schema", {})
    return Parameter(
        name=parameter["name"], location=parameter["in"], required=parameter.get("required", False),
        kind=_kind(schema, components), default=_as_json(schema.get("default")),
        description=parameter.get("description") or schema.get("description", ""),
    )


def _as_json(value) -> str:
    """A default as it is written in an address (`false`, not Python's `False`); nothing for none."""
    if value in (None, ""):
        return ""
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _kind(schema: dict, components: dict) -> str:
    """`integer, at least 1`, `one of: a, b`, `date`: what a value must be, in words."""
    options = schema.get("anyOf") or [schema]
    choices = [option for option in options if option.get("type") != "null"]
    chosen = choices[0] if choices else schema
    if "$ref" in chosen:  # an enumeration (council types, categories…), kept once under components
        chosen = components[chosen["$ref"].rsplit("/", 1)[-1]]
    if "enum" in chosen:
        return "one of: " + ", ".join(str(value) for value in chosen["enum"])
    words = [chosen.get("format") or chosen.get("type", "string")]
    if "minimum" in chosen:
        words.append(f"at least {chosen['minimum']}")
    if "maximum" in chosen and chosen["maximum"] < 2**31:
        words.append(f"at most {chosen['maximum']}")
    if "pattern" in chosen:
        words.append(f"matching {chosen['pattern']}")
    if "maxLength" in chosen:
        words.append(f"up to {chosen['maxLength']} characters")
    return ", ".join(words)
