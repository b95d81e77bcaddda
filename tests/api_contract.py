"""Every API response the test suite receives is checked against the
OpenAPI document (``/api/v2/schema/``): a middleware of the test settings, so
that any test touching the API — not only the contract's own tests — fails
when a response leaves the documented shape or status."""

import json
from functools import cache

from jsonschema import Draft202012Validator


@cache
def _document():
    from wagtail_eventcal.feeds.openapi import document

    return document()


def _operation(request):
    match = request.resolver_match
    if match is None or not match.namespace.count(":"):
        return None
    endpoint = match.namespace.rsplit(":", 1)[1]
    template = f"/api/v2/{endpoint}/" + ("{id}/" if match.url_name == "detail" else "")
    path = _document()["paths"].get(template)
    return path["get"] if path else None


def check(request, response):
    operation = _operation(request)
    if operation is None or response.status_code == 304:
        return
    documented = operation["responses"].get(str(response.status_code))
    assert documented, f"{request.get_full_path()}: undocumented status {response.status_code}"
    schema = documented["content"]["application/json"]["schema"]
    body = json.loads(response.content)
    validator = Draft202012Validator({**schema, "components": _document()["components"]})
    errors = [error.message for error in validator.iter_errors(body)]
    assert not errors, f"{request.get_full_path()} leaves the API contract: {errors[:3]}"


class ValidateAPIResponses:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/v2/"):
            check(request, response)
        return response
