"""The headless API: Wagtail API v2 endpoints for events and organizations.

Register them on a ``WagtailAPIRouter`` (see README). Events are only the
live, public ones (never a draft, an unpublished change or a page under a
view restriction); each text comes in both languages, or in one with
``?lang=ja|en`` (English falls back to Japanese like the pages do). Filters
are the calendar's own :class:`~wagtail_eventcal.filters.EventFilterForm`;
responses carry ETag / Last-Modified from the publication token.
"""

from django.core.cache import caches
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import path, re_path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import APIException, MethodNotAllowed
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from .. import base_url
from ..bilingual import localized
from ..conf import get_setting
from ..event_images import absolute_url, image_alt, mime_type, share_renditions, srcset_renditions
from ..folding import fold
from ..integers import ID, parse_int
from ..models import BodyTypeTag, EventPage, Organization
from ..public import facets
from ..public.filters import EventFilterForm
from ..public.query_params import bound_filter_form, error_message
from . import api_fields, api_params, publication
from .conditional import conditional_response, make_etag

LANGUAGES = ("ja", "en")
#: Bounded, unlike the feeds' cache: any combination of query parameters
#: makes a key of its own.
API_CACHE_SECONDS = 60 * 60
EVENT_TEXT_FIELDS = (
    "title",
    "summary",
    "description",
    "venue_name",
    "address",
    "fee",
    "contact_name",
    "cancellation_note",
)


def _texts(obj, name, language):
    """One language (with the pages' fallback), or both as entered."""
    if language:
        return str(localized(obj, name, language))
    ja_name = "title" if name == "title" else f"{name}_ja"
    return {"ja": getattr(obj, ja_name) or "", "en": getattr(obj, f"{name}_en") or ""}


def organization_data(organization, language):
    return {
        "id": organization.pk,
        "name": _texts(organization, "name", language),
        "body_types": [tag.code for tag in organization.body_types.all()],
        "prefecture": organization.prefecture or None,
        "website": organization.website or None,
    }


class _FunctionSerializer(serializers.BaseSerializer):
    """Serializes with a plain function: explicit output, no per-field cost."""

    function = None

    def to_representation(self, instance):
        data = type(self).function(instance, self.context)
        return api_fields.apply(data, self.context.get("fields"))


def event_data(event, context):
    language = context["language"]
    urls = {}
    for lang in LANGUAGES:
        urls[lang] = base_url.page_url(event, lang)
    data = {
        "id": event.pk,
        "meta": {
            "type": "wagtail_eventcal.EventPage",
            "detail_url": base_url.absolute(f"{context['listing_path']}{event.pk}/"),
            "html_url": urls[language] if language else urls,
            "ics_url": _ics(urls[language]) if language else {k: _ics(v) for k, v in urls.items()},
            "first_published_at": event.first_published_at,
            "last_published_at": event.last_published_at,
        },
    }
    for name in EVENT_TEXT_FIELDS:
        data[name] = _texts(event, name, language)
    data.update(
        {
            "start": event.local_start.isoformat(),
            "end": event.local_end.isoformat(),
            "all_day": event.all_day,
            "time_zone": get_setting("TIME_ZONE"),
            "format": event.event_format,
            "online_url": event.online_url or None,
            "prefecture": event.prefecture,
            "category": event.category,
            "audience": event.audience,
            "residence_audiences": list(event.residence_audiences or []),
            "event_languages": list(event.event_languages or []),
            "is_free": event.is_free,
            "capacity": event.capacity,
            "application_deadline": event.application_deadline,
            "detail_url": event.detail_url,
            "contact_email": event.contact_email or None,
            "contact_phone": event.contact_phone or None,
            "cancelled": event.cancelled,
            "image": image_data(event, language),
            "participations": [
                {"role": p.role, "organization": organization_data(p.organization, language)}
                for p in event.participations.all()
            ],
        }
    )
    return data


def _rendition(rendition):
    return {
        "url": absolute_url(rendition),
        "width": rendition.width,
        "height": rendition.height,
        "type": mime_type(rendition),
    }


def image_data(event, language):
    """The event's image as published, or None: the alt text, the widths a
    ``srcset`` offers and the crops for sharing (16:9, 4:3, 1:1)."""
    renditions, share = srcset_renditions(event), share_renditions(event)
    if not renditions:
        return None
    alt = (
        str(image_alt(event, language))
        if language
        else {"ja": event.image_alt_ja, "en": event.image_alt_en}
    )
    return {
        "alt": alt,
        "renditions": [_rendition(r) for r in renditions],
        "share": [_rendition(r) for r in share],
    }


#: What ``?fields=`` may name (api_fields): top level, and inside ``meta``.
EVENT_BODY_FIELDS = (
    *EVENT_TEXT_FIELDS,
    "start",
    "end",
    "all_day",
    "time_zone",
    "format",
    "online_url",
    "prefecture",
    "category",
    "audience",
    "residence_audiences",
    "event_languages",
    "is_free",
    "capacity",
    "application_deadline",
    "detail_url",
    "contact_email",
    "contact_phone",
    "cancelled",
    "image",
    "participations",
)
EVENT_META_FIELDS = (
    "type",
    "detail_url",
    "html_url",
    "ics_url",
    "first_published_at",
    "last_published_at",
)


def _ics(page_url):
    return page_url.rstrip("/") + ".ics"


class EventSerializer(_FunctionSerializer):
    function = staticmethod(event_data)


def _organization_data(organization, context):
    return organization_data(organization, context["language"])


class OrganizationSerializer(_FunctionSerializer):
    function = staticmethod(_organization_data)


class JSONOnly(BaseContentNegotiation):
    """Always JSON: ``?format=`` is the event-format filter here, not DRF's
    renderer switch."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class _ConditionalAPIViewSet(BaseAPIViewSet):
    """Validation first (400 with a message), then 304 from the publication
    token, then the body."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
    extra_query_parameters = frozenset({"lang"})
    serializer_class_for_model = None

    body_field_names = ()
    meta_field_names = ()
    selected_fields = None

    def dispatch(self, request, *args, **kwargs):
        # Error messages follow ?lang= when it is given (else Accept-Language,
        # through LocaleMiddleware).
        with _error_language(request):
            return super().dispatch(request, *args, **kwargs)

    def handle_exception(self, exc):
        """One error shape for every error of the API: ``{"message": …}`` in
        the request's language (DRF's own 405/406 … included)."""
        if isinstance(exc, Http404):
            return Response({"message": not_found_message()}, status=404)
        if isinstance(exc, BadRequestError):
            return Response({"message": str(exc)}, status=400)
        if isinstance(exc, APIException):
            response = super().handle_exception(exc)
            if isinstance(exc, MethodNotAllowed):
                # DRF's own catalogue is not loaded (rest_framework is not an
                # installed app), so the message is ours.
                message = _("Method %(method)s is not allowed: this API is read-only (GET).") % {
                    "method": self.request.method
                }
            else:
                message = _detail_text(exc.detail)
            response.data = {"message": message}
            return response
        return super().handle_exception(exc)

    def check_query_parameters(self, queryset):
        params = self.request.GET
        unknown = set(params) - self.known_query_parameters - self.extra_query_parameters
        if unknown:
            raise BadRequestError(
                _("query parameter is not an operation or a recognised filter: %(names)s")
                % {"names": api_fields.echoed(unknown)}
            )
        if params.get("lang", "ja") not in LANGUAGES:
            raise BadRequestError(
                _("lang must be one of: %(languages)s") % {"languages": ", ".join(LANGUAGES)}
            )
        # Wagtail's pagination checks these too, in English only (and with
        # int(), which takes "１" and "+1").
        limit = parse_int(params.get("limit", "1"), minimum=1)
        offset = parse_int(params.get("offset", "0"))
        for name, value in (("limit", limit), ("offset", offset)):
            if value is None:
                raise BadRequestError(_("%(name)s must be a positive integer") % {"name": name})
        if limit > api_params.limit_max():
            raise BadRequestError(
                _("limit cannot be higher than %(limit)s") % {"limit": api_params.limit_max()}
            )
        if offset > api_params.offset_max():
            raise BadRequestError(
                _("offset must be at most %(ceiling)s") % {"ceiling": api_params.offset_max()}
            )
        if params.get("search_operator", "and") != "and":
            raise BadRequestError(_("search_operator must be “and”: every word must match"))
        self.selected_fields = api_fields.select_fields(
            params.get("fields"), self.body_field_names, self.meta_field_names
        )

    def get_serializer_class(self):
        return self.serializer_class_for_model

    def get_serializer_context(self):
        return {
            "request": self.request,
            "view": self,
            "language": self.request.GET.get("lang") or None,
            "fields": self.selected_fields,
            "listing_path": self.listing_path(),
        }

    def listing_path(self):
        """Where ``detail_url`` of each item points below."""
        return reverse(f"{self.request.resolver_match.namespace}:listing")

    def _conditional(self, request, build):
        state = publication.current()
        etag = make_etag("api", request.get_full_path(), base_url.base_url(), state.version)
        return conditional_response(
            request,
            etag=etag,
            last_modified=state.changed_at,
            build=lambda: self._cached(f"eventcal:api:{etag}", build),
        )

    def _cached(self, key, build):
        """The body of a 200 is kept under the ETag (it names the path, the
        host and the publication token), so until something is published
        again an answer costs the token query and a cache read."""
        cache = caches[get_setting("FEED_CACHE")]
        body = cache.get(key)
        if body is not None:
            return HttpResponse(body, content_type=JSONRenderer.media_type)
        response = build()
        if response.status_code == 200:
            response.add_post_render_callback(
                lambda rendered: cache.set(key, rendered.content, API_CACHE_SECONDS)
            )
        return response

    def listing_view(self, request):
        # Wagtail's listing_view, with the response built only when stale.
        # The parameters are checked first (a 400 says what is wrong), on an
        # empty queryset: the real one costs a query (``public()`` reads the
        # view restrictions) that a 304 or a cached body does not need.
        self.check_query_parameters(self.model.objects.none())
        self.filter_queryset(self.model.objects.none())  # may raise BadRequestError
        return self._conditional(request, self._listing)

    def _listing(self):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def detail_view(self, request, pk):
        self.check_query_parameters(self.model.objects.none())
        parent = super()
        return self._conditional(request, lambda: parent.detail_view(request, pk))

    @classmethod
    def get_urlpatterns(cls):
        # Listing and detail only; "find" needs fields this API does not expose.
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path(f"<{ID}:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
            # /events/abc/ and the like: the API's JSON 404, not the site's
            # page (paths without the slash still get APPEND_SLASH's redirect).
            # [\s\S]: any character, a newline (%0A) included.
            re_path(r"^[\s\S]+/$", not_found),
        ]


class EventsAPIViewSet(_ConditionalAPIViewSet):
    """``/api/v2/events/``: live, public events, ordered by start."""

    name = "events"
    model = EventPage
    serializer_class_for_model = EventSerializer
    extra_query_parameters = frozenset({"lang", "facets", *EventFilterForm.base_fields})
    orderings = {"start": ("start", "pk"), "-start": ("-start", "-pk")}
    body_field_names = EVENT_BODY_FIELDS
    meta_field_names = EVENT_META_FIELDS

    def facet_names(self):
        """``?facets=category,prefecture``: the facets asked for (400 for an
        unknown one)."""
        # Spaces only around a name (api_params.list_pattern).
        names = [name.strip(" ") for name in self.request.GET.get("facets", "").split(",")]
        names = [name for name in names if name]
        if unknown := facets.unknown_facets(names):
            raise BadRequestError(
                _("Unknown facet: %(names)s. Facets: %(known)s")
                % {"names": api_fields.echoed(unknown), "known": ", ".join(facets.FACETS)}
            )
        return list(dict.fromkeys(names))

    def _listing(self):
        response = super()._listing()
        if names := self.facet_names():
            form = bound_filter_form(self.request)  # valid: filter_queryset checked it
            tallied = facets.cached_tally(("api",), EventPage.objects.live().public(), form, names)
            response.data["facets"] = facets.labelled(tallied.counts)
        return response

    def get_queryset(self):
        return (
            EventPage.objects.live()
            .public()
            .with_related()
            .prefetch_related(
                Prefetch(
                    "participations__organization__body_types",
                    queryset=BodyTypeTag.objects.order_by("pk"),
                )
            )
        )

    def filter_queryset(self, queryset):
        self.facet_names()  # may raise BadRequestError
        form = bound_filter_form(self.request)
        if form.is_bound:
            if not form.is_valid():
                raise BadRequestError(error_message(form))
            queryset = form.filter(queryset)
        if "search" in self.request.GET:
            # Wagtail's search parameter, matched like the pages' keyword (q).
            search = EventFilterForm({"q": self.request.GET["search"]})
            if not search.is_valid():
                raise BadRequestError(
                    _("Invalid query parameter “%(name)s”: %(errors)s")
                    % {"name": "search", "errors": " ".join(search.errors["q"])}
                )
            queryset = search.filter(queryset)
        order = self.request.GET.get("order", "start")
        if order not in self.orderings:
            raise BadRequestError(
                _("order must be one of: %(orders)s") % {"orders": ", ".join(self.orderings)}
            )
        return queryset.order_by(*self.orderings[order])


class OrganizationsAPIViewSet(_ConditionalAPIViewSet):
    """``/api/v2/organizations/``: the active registry, by Japanese name."""

    name = "organizations"
    model = Organization
    serializer_class_for_model = OrganizationSerializer
    extra_query_parameters = frozenset({"lang", "body_type", "prefecture"})
    orderings = {"name": ("name_ja", "pk"), "-name": ("-name_ja", "-pk"), "id": ("pk",)}
    body_field_names = ("name", "body_types", "prefecture", "website")

    def get_queryset(self):
        return Organization.objects.active().prefetch_related(
            Prefetch("body_types", queryset=BodyTypeTag.objects.order_by("pk"))
        )

    def filter_queryset(self, queryset):
        params = self.request.GET
        form = EventFilterForm(
            {k: params[k] for k in ("body_type", "prefecture") if k in params} or None
        )
        if form.is_bound:
            if not form.is_valid():
                raise BadRequestError(error_message(form))
            if form.cleaned_data["body_type"]:
                queryset = queryset.filter(body_types__code=form.cleaned_data["body_type"])
            if form.cleaned_data["prefecture"]:
                queryset = queryset.filter(prefecture=form.cleaned_data["prefecture"])
        if "search" in params:
            queryset = _organizations_matching(queryset, params["search"])
        order = params.get("order", "name")
        if order not in self.orderings:
            raise BadRequestError(
                _("order must be one of: %(orders)s") % {"orders": ", ".join(self.orderings)}
            )
        return queryset.order_by(*self.orderings[order])


def _organizations_matching(queryset, text):
    """Every word in the Japanese or English name (case and width folded
    like the events' keyword)."""
    if len(text) > api_params.search_max_length():
        raise BadRequestError(
            _("Invalid query parameter “%(name)s”: %(errors)s")
            % {
                "name": "search",
                "errors": _("At most %(count)s characters.")
                % {"count": api_params.search_max_length()},
            }
        )
    for word in text.split():
        condition = Q()
        for spelling in {word, fold(word)}:
            condition |= Q(name_ja__icontains=spelling) | Q(name_en__icontains=spelling)
        queryset = queryset.filter(condition)
    return queryset


class _error_language:
    """``?lang=`` when valid, else the language LocaleMiddleware chose."""

    def __init__(self, request):
        language = request.GET.get("lang")
        self.override = translation.override(language) if language in LANGUAGES else None

    def __enter__(self):
        if self.override:
            self.override.__enter__()

    def __exit__(self, *exc):
        if self.override:
            self.override.__exit__(*exc)


def not_found_message():
    return _("Not found: no such endpoint or object in this API.")


def not_found(request, *args, **kwargs):
    """The JSON 404 of every unknown path under the API."""
    with _error_language(request):
        return JsonResponse({"message": not_found_message()}, status=404)


def _detail_text(detail):
    if isinstance(detail, list | tuple):
        return " ".join(_detail_text(item) for item in detail)
    if isinstance(detail, dict):
        return " ".join(_detail_text(item) for item in detail.values())
    return str(detail)


def api_router(namespace="wagtailapi"):
    """A router with every endpoint (events, organizations, preview, the
    schema): ``path("api/v2/", api_router().urls)``. Any other path below it
    answers the API's JSON 404."""
    from wagtail.api.v2.router import WagtailAPIRouter

    class Router(WagtailAPIRouter):
        def get_urlpatterns(self):
            return [*super().get_urlpatterns(), re_path(r"^([\s\S]*/)?$", not_found)]

    router = Router(namespace)
    router.register_endpoint("events", EventsAPIViewSet)
    router.register_endpoint("organizations", OrganizationsAPIViewSet)
    from .openapi import SchemaEndpoint
    from .preview import PreviewAPIViewSet

    router.register_endpoint("preview", PreviewAPIViewSet)
    router.register_endpoint("schema", SchemaEndpoint)
    return router
