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
    if match is None or not match.namespace.count(":") or match.url_name is None:
        return None
    endpoint = match.namespace.rsplit(":", 1)[1]
    template = f"/api/v2/{endpoint}/" + ("{id}/" if match.url_name == "detail" else "")
    path = _document()["paths"].get(template)
    return path["get"] if path else None


def _optional(node):
    """``node`` without any "required": with ``?fields=`` an item holds only
    the fields asked for (README, "JSON API")."""
    if isinstance(node, dict):
        return {key: _optional(value) for key, value in node.items() if key != "required"}
    if isinstance(node, list):
        return [_optional(value) for value in node]
    return node


def check(request, response):
    if response.status_code == 304:
        return
    operation = _operation(request)
    if request.method != "GET" or operation is None:
        if response.status_code < 400:
            return  # e.g. the schema itself
        # Not a documented operation (another method, an unknown path below
        # /api/v2/): the one error shape.
        schema = {"$ref": "#/components/schemas/Error"}
    else:
        documented = operation["responses"].get(str(response.status_code))
        assert documented, f"{request.get_full_path()}: undocumented status {response.status_code}"
        schema = documented["content"]["application/json"]["schema"]
    body = json.loads(response.content)
    components = _document()["components"]
    if "fields" in request.GET:
        components = _optional(components)
    validator = Draft202012Validator({**schema, "components": components})
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
