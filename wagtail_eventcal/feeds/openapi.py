"""The API contract: an OpenAPI 3.1 document of ``/api/v2/``, built from the
code it describes (filter form fields and their choices, the model's
choices), so that a new filter or choice appears in it by itself; the test
suite validates real responses against it, so the fields cannot drift either.

``/api/v2/schema/`` serves the JSON, ``/api/v2/schema/docs/`` a plain HTML
rendering of it (no script, no CDN).
"""

import json

from django import forms
from django.core.validators import MaxValueValidator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag

from .. import __version__
from ..choices import BodyType, EventFormat, Prefecture, Role
from ..models import EventPage
from ..public.facets import FACETS
from ..public.filters import FIRST_DATE, LAST_DATE, EventFilterForm
from . import api_params
from .api import EVENT_BODY_FIELDS, EVENT_META_FIELDS, OrganizationsAPIViewSet
from .conditional import make_etag, max_age

LANGUAGES = ["ja", "en"]
ERROR = {"$ref": "#/components/schemas/Error"}
FACET_VALUES = {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}


def _nullable(schema):
    return {"oneOf": [schema, {"type": "null"}]}


def _values(choices):
    return [value for value, _label in choices if value != ""]


def _field_choices(name):
    return _values(EventPage._meta.get_field(name).choices)


def _both_or_one(schema):
    """A text in both languages as entered, or in the one ``lang`` asked for."""
    return {
        "oneOf": [
            schema,
            {
                "type": "object",
                "properties": {lang: schema for lang in LANGUAGES},
                "required": LANGUAGES,
                "additionalProperties": False,
            },
        ]
    }


def _filter_parameter(name, field):
    """A filter of the form, as the form validates it; an empty value is no
    filter (the pages' form sends one for "all")."""
    if isinstance(field, forms.ChoiceField):
        schema = {"type": "string", "enum": [*_values(field.choices), ""]}
        return _query(name, str(field.label), schema)
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer", "minimum": field.min_value or 0}
        for validator in field.validators:
            if isinstance(validator, MaxValueValidator):
                limit = validator.limit_value
                schema["maximum"] = limit() if callable(limit) else limit
    elif isinstance(field, forms.DateField):
        schema = {
            "type": "string",
            "format": "date",
            "pattern": api_params.year_range_pattern(FIRST_DATE, LAST_DATE),
        }
        if name == "date_to":
            schema["description"] = "Not before date_from (else 400)."
    else:
        schema = {"type": "string", "maxLength": field.max_length}
    return _query(name, str(field.label), {"anyOf": [schema, {"const": ""}]})


def _query(name, description, schema):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


LANG = _query(
    "lang",
    "One language (English falls back to Japanese); without it, each text is {ja, en}.",
    {"type": "string", "enum": LANGUAGES},
)
ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 0, "maximum": api_params.ID_MAX},
}


def _paging():
    return [
        _query(
            "limit",
            "Items per page.",
            {"type": "integer", "minimum": 1, "maximum": api_params.limit_max()},
        ),
        _query(
            "offset",
            "Items to skip.",
            {"type": "integer", "minimum": 0, "maximum": api_params.offset_max()},
        ),
    ]


def _fields(names):
    """Wagtail API v2's field selection (feeds/api_fields.py)."""
    return _query(
        "fields",
        "Fields to return, as in Wagtail's API v2: name (add), -name (remove), a leading _ "
        "(start from none; id stays) or * (all); meta fields by name.",
        {"type": "string", "pattern": api_params.fields_pattern(names)},
    )


def _search():
    return [
        _query(
            "search",
            "Every word must match, like the pages' keyword (q).",
            {"type": "string", "maxLength": api_params.search_max_length()},
        ),
        _query("search_operator", "Only 'and'.", {"type": "string", "enum": ["and"]}),
    ]


def _responses(ok, *errors):
    responses = {
        "200": {"description": "OK", "content": {"application/json": {"schema": ok}}},
    }
    for status, description in errors:
        responses[status] = {
            "description": description,
            "content": {"application/json": {"schema": ERROR}},
        }
    responses["304"] = {"description": "Not modified since the ETag / Last-Modified given."}
    return responses


def _schemas():
    text = _both_or_one({"type": "string"})
    url = _both_or_one({"type": "string", "format": "uri"})
    when = {"type": "string", "format": "date-time"}
    organization = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": text,
            "body_types": {"type": "array", "items": {"enum": _values(BodyType.choices)}},
            "prefecture": _nullable({"enum": _values(Prefecture.choices)}),
            "website": _nullable({"type": "string", "format": "uri"}),
        },
        # With ?fields= a client asks for fewer; without it every one is there.
        "required": ["id"],
        "additionalProperties": False,
    }
    renditions = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "url": {"type": "string", "format": "uri"},
                "width": {"type": "integer", "minimum": 1},
                "height": {"type": "integer", "minimum": 1},
                "type": {"type": "string"},
            },
            "required": ["url", "width", "height", "type"],
            "additionalProperties": False,
        },
    }
    texts = ("title", "summary", "description", "venue_name", "address", "fee", "contact_name")
    event = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "meta": {
                "type": "object",
                "properties": {
                    "type": {"const": "wagtail_eventcal.EventPage"},
                    "detail_url": {"type": "string", "format": "uri"},
                    "html_url": url,
                    "ics_url": url,
                    "first_published_at": _nullable(when),
                    "last_published_at": _nullable(when),
                },
                "additionalProperties": False,
            },
            **{name: text for name in texts},
            "cancellation_note": text,
            "start": when,
            "end": when,
            "all_day": {"type": "boolean"},
            "time_zone": {"type": "string"},
            "format": {"enum": _values(EventFormat.choices)},
            "online_url": _nullable({"type": "string", "format": "uri"}),
            "prefecture": {"enum": _values(Prefecture.choices)},
            "category": {"enum": _field_choices("category")},
            "audience": {"enum": _field_choices("audience")},
            "residence_audiences": {"type": "array", "items": {"type": "string"}},
            "event_languages": {"type": "array", "items": {"type": "string"}},
            "is_free": {"type": "boolean"},
            "capacity": _nullable({"type": "integer"}),
            "application_deadline": _nullable(when),
            "detail_url": {"type": "string", "format": "uri"},
            "contact_email": _nullable({"type": "string", "format": "email"}),
            "contact_phone": _nullable({"type": "string"}),
            "cancelled": {"type": "boolean"},
            "image": _nullable(
                {
                    "type": "object",
                    "description": "The published image: alt text, srcset widths, share crops.",
                    "properties": {
                        "alt": text,
                        "renditions": renditions,
                        "share": renditions,
                    },
                    "required": ["alt", "renditions", "share"],
                    "additionalProperties": False,
                }
            ),
            "participations": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "role": {"enum": _values(Role.choices)},
                        "organization": {"$ref": "#/components/schemas/Organization"},
                    },
                    "required": ["role", "organization"],
                    "additionalProperties": False,
                },
            },
        },
        # With ?fields= a client asks for fewer; without it every one is there.
        "required": ["id"],
        "additionalProperties": False,
    }
    facet_value = {
        "type": "object",
        "properties": {
            "value": {"type": ["string", "integer"]},
            "label": {"type": "string"},
            "count": {"type": "integer", "minimum": 1},
        },
        "required": ["value", "label", "count"],
        "additionalProperties": False,
    }

    def listing(item, extra=None):
        return {
            "type": "object",
            "properties": {
                "meta": {
                    "type": "object",
                    "properties": {"total_count": {"type": "integer", "minimum": 0}},
                    "required": ["total_count"],
                },
                "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
                **(extra or {}),
            },
            "required": ["meta", "items"],
            "additionalProperties": False,
        }

    return {
        "Error": {
            "type": "object",
            "properties": {"message": {"type": "string"}},
            "required": ["message"],
            "additionalProperties": False,
        },
        "Organization": organization,
        "Event": event,
        "FacetValue": facet_value,
        "EventListing": listing(
            "Event",
            {
                "facets": {
                    "type": "object",
                    "properties": {name: FACET_VALUES for name in FACETS},
                    "additionalProperties": False,
                }
            },
        ),
        "OrganizationListing": listing("Organization"),
    }


def document(request=None):
    filters = [
        _filter_parameter(name, field) for name, field in EventFilterForm.base_fields.items()
    ]
    order = {"start": ["start", "-start"], "organizations": ["name", "-name", "id"]}
    bad = ("400", "An unknown parameter or an invalid value.")
    event_fields = _fields((*EVENT_BODY_FIELDS, *EVENT_META_FIELDS))
    organization_fields = _fields(OrganizationsAPIViewSet.body_field_names)
    missing = ("404", "No such item (or not public).")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "wagtail-eventcal API",
            "version": __version__,
            "description": (
                "Live, public events of the calendars and the organization registry, "
                "in Japanese and English (Wagtail API v2 conventions)."
            ),
        },
        "paths": {
            "/api/v2/events/": {
                "get": {
                    "summary": "Events, by start",
                    "operationId": "listEvents",
                    "parameters": [
                        *filters,
                        LANG,
                        *_paging(),
                        event_fields,
                        *_search(),
                        _query("order", "Order.", {"enum": order["start"]}),
                        _query(
                            "facets",
                            "Comma-separated facets to count: " + ", ".join(FACETS),
                            {"type": "string", "pattern": api_params.list_pattern(FACETS)},
                        ),
                    ],
                    "responses": _responses({"$ref": "#/components/schemas/EventListing"}, bad),
                }
            },
            "/api/v2/events/{id}/": {
                "get": {
                    "summary": "One event",
                    "operationId": "getEvent",
                    "parameters": [ID, LANG, event_fields],
                    "responses": _responses({"$ref": "#/components/schemas/Event"}, bad, missing),
                }
            },
            "/api/v2/organizations/": {
                "get": {
                    "summary": "Active organizations",
                    "operationId": "listOrganizations",
                    "parameters": [
                        _filter_parameter("body_type", EventFilterForm.base_fields["body_type"]),
                        _filter_parameter("prefecture", EventFilterForm.base_fields["prefecture"]),
                        LANG,
                        *_paging(),
                        organization_fields,
                        *_search(),
                        _query("order", "Order.", {"enum": order["organizations"]}),
                    ],
                    "responses": _responses(
                        {"$ref": "#/components/schemas/OrganizationListing"}, bad
                    ),
                }
            },
            "/api/v2/organizations/{id}/": {
                "get": {
                    "summary": "One organization",
                    "operationId": "getOrganization",
                    "parameters": [ID, LANG, organization_fields],
                    "responses": _responses(
                        {"$ref": "#/components/schemas/Organization"}, bad, missing
                    ),
                }
            },
            "/api/v2/preview/{id}/": {
                "get": {
                    "summary": "A previewed draft, for the token the admin's preview issued",
                    "operationId": "getPreview",
                    "parameters": [
                        ID,
                        LANG,
                        {
                            "name": "token",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                    ],
                    "responses": _responses(
                        {"$ref": "#/components/schemas/Event"},
                        bad,
                        ("404", "No token, or a wrong, expired or other page's token."),
                    ),
                }
            },
        },
        "components": {"schemas": _schemas()},
    }


def schema_view(request):
    """The document with an ETag of its content: a client revalidating an
    unchanged document gets a 304."""
    body = json.dumps(document(request), ensure_ascii=False, sort_keys=True)
    etag = quote_etag(make_etag("schema", body))
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type="application/json"
    )
    response.headers["ETag"] = etag
    patch_cache_control(response, public=True, max_age=max_age())
    return response


def values_text(schema):
    """A parameter's accepted values in a few words, for the HTML rendering."""
    if "anyOf" in schema:
        return " | ".join(values_text(option) for option in schema["anyOf"])
    if "const" in schema:
        return repr(schema["const"])
    if "enum" in schema:
        return ", ".join(repr(value) if value == "" else value for value in schema["enum"])
    text = schema.get("type", "")
    if "format" in schema:
        text += f" ({schema['format']})"
    if "minimum" in schema or "maximum" in schema:
        text += f" {schema.get('minimum', '')}–{schema.get('maximum', '')}"
    if "maxLength" in schema:
        text += f" ≤ {schema['maxLength']}"
    if "pattern" in schema:
        text += f" /{schema['pattern']}/"
    return text


def docs_view(request):
    api = document(request)
    for operations in api["paths"].values():
        for parameter in operations["get"]["parameters"]:
            parameter["values"] = values_text(parameter["schema"])
    return render(request, "wagtail_eventcal/api_docs.html", {"api": api})


class _NoModel:
    pass


class SchemaEndpoint:
    """Registered on the API router like an endpoint: ``schema/`` and
    ``schema/docs/``."""

    # The router looks endpoints up by model (issubclass): this one has none.
    model = _NoModel

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", schema_view, name="document"),
            path("docs/", docs_view, name="docs"),
        ]
