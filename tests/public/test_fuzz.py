"""Property-based test: no generated request to a public endpoint answers 5xx.

The endpoints are not listed by hand. The project's URL resolver gives every
route outside the admin (the API, the sitemap, the feed files, documents,
Wagtail's page serving); Wagtail's page serving is expanded into the routes
of the calendar page (``CalendarPage.get_subpage_urls()``) and an event's
own URL. Hypothesis writes a path matching each route's regex and a query
string over every parameter those endpoints read, with values meant to
hurt: huge and negative integers, Unicode digits ("¹", "١", "１"), signs and
spaces, dates at the ends of the calendar,
long strings, control characters, percent signs.

``make test`` runs a bounded number of examples; set
``EVENTCAL_FUZZ_EXAMPLES`` (e.g. 2000) for a long run.
"""

import os
import re
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wagtail_eventcal.choices import BodyType, Category, EventFormat, Prefecture
from wagtail_eventcal.feeds.api import EventsAPIViewSet, OrganizationsAPIViewSet
from wagtail_eventcal.models import CalendarPage
from wagtail_eventcal.public.filters import EventFilterForm

from ..factories import jst, make_event, make_organization

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("EVENTCAL_FUZZ_EXAMPLES", "100"))
#: Not anonymous: every admin URL requires a login (tests/test_no_leaks.py).
PRIVATE_PREFIXES = ("admin/",)
WAGTAIL_SERVE = "wagtail_serve"


def _regex(pattern):
    """The regex source of one URL pattern, without its anchors."""
    source = pattern.pattern.regex.pattern
    return re.sub(r"(\\Z|\$)$", "", source.removeprefix("^"))


def _routes(patterns, prefix=""):
    """(regex, name) of every leaf route under ``patterns``."""
    for pattern in patterns:
        regex = prefix + _regex(pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, regex)
        elif isinstance(pattern, URLPattern):
            yield regex, pattern.name


def public_routes(calendar_path, event_path):
    """Path regexes of every anonymous endpoint (relative to the root)."""
    routes = []
    for regex, name in _routes(get_resolver().url_patterns):
        if any(regex.startswith(p) for p in PRIVATE_PREFIXES):
            continue
        if name == WAGTAIL_SERVE:
            continue  # expanded below into the pages' own routes
        # i18n_patterns' language prefix is a LocalePrefixPattern: its regex
        # is the active language's ("ja/").
        routes.append(regex)
    for language in ("ja", "en"):
        for route in CalendarPage.get_subpage_urls():
            routes.append(re.escape(f"{language}{calendar_path}") + _regex(route))
        routes.append(re.escape(f"{language}{event_path}"))
    return routes


def _codes(choices):
    return [code for code, _label in choices.choices]


PARAMETERS = sorted(
    {
        *EventFilterForm.base_fields,
        *EventsAPIViewSet.known_query_parameters,
        *EventsAPIViewSet.extra_query_parameters,
        *OrganizationsAPIViewSet.extra_query_parameters,
        "page",  # the HTML lists' pagination
        "p",  # the sitemap's pagination
    }
)

BIG = 2**64
#: What int() or str.isdigit() take besides ASCII digits: superscripts,
#: Arabic-Indic and full-width digits, signs, spaces, underscores.
UNICODE_DIGITS = "¹²³١٢٣０１２９"
not_quite_integers = st.one_of(
    st.sampled_from(["¹", "١", "１", "+1", "-0", " 1", "1 ", "1_0", "١٢٣", "９" * 20]),
    st.text(alphabet=UNICODE_DIGITS + "0123456789+- _", min_size=1, max_size=25),
)
integers = st.one_of(
    st.integers(min_value=-10, max_value=10).map(str),
    st.integers(min_value=-BIG, max_value=BIG).map(str),
    st.sampled_from([2**31, 2**31 - 1, 2**63 - 1, 2**63, 10**20, 10**30]).map(str),
    not_quite_integers,
)
dates = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "1900-01-01", "2999-12-31", "0000-00-00"]),
    st.from_regex(r"\A[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}\Z"),
)
codes = st.sampled_from(
    _codes(Category) + _codes(Prefecture) + _codes(EventFormat) + _codes(BodyType)
    + ["ja", "en", "start", "-start", "name", "-name", "id", "*", "-title", "title,summary"]
)
texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="%_\\'\"*?&=#;\x00\t\r\n", max_size=30),
    st.integers(min_value=101, max_value=20_000).map(lambda n: "%" * n),
)
values = st.one_of(integers, dates, codes, texts)
#: Where a parameter expects a number or a date, a third of its values are
#: the edges of the ranges (Hypothesis draws mostly small numbers), a third
#: other numbers or dates: edge values only hurt once they pass the form's
#: type check.
INTEGER_EDGES = [
    *["0", "-1", str(2**31), str(2**63 - 1), str(2**63), "9" * 20, "1" + "0" * 30],
    *["¹", "١", "１", "+1", " 1", "1 "],
]
DATE_EDGES = ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01", "0000-00-00"]
TYPED = {
    **dict.fromkeys(("organization", "page", "p", "offset", "limit"), (INTEGER_EDGES, integers)),
    **dict.fromkeys(("date_from", "date_to"), (DATE_EDGES, dates)),
}


def parameter_values(name):
    if name not in TYPED:
        return st.tuples(st.just(name), values)
    edges, typed = TYPED[name]
    return st.tuples(st.just(name), st.one_of(st.sampled_from(edges), typed, values))


#: The calendar's filters weigh three times as much as the API's other
#: parameters (which a listing page ignores), and most queries carry one or
#: two parameters (half of them exactly one): one invalid parameter makes a 400
#: that hides the others.
WEIGHTED = [*PARAMETERS, *sorted(EventFilterForm.base_fields) * 2]
parameters = st.sampled_from(WEIGHTED).flatmap(parameter_values)
queries = st.one_of(parameters.map(lambda pair: [pair]), st.lists(parameters, max_size=3))


@pytest.fixture
def site_data(calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    organization = make_organization()
    event = make_event(calendar, organizations=[organization], start=jst(2026, 12, 10, 10))
    make_event(calendar, start=jst(2026, 11, 10, 10))
    return calendar, event


def test_no_public_request_answers_5xx(client, site_data):
    calendar, event = site_data
    calendar_path = calendar.url.removeprefix("/ja")  # "/events/"
    event_path = event.url.removeprefix("/ja")
    routes = public_routes(calendar_path, event_path)
    paths = st.sampled_from(routes).flatmap(lambda regex: st.from_regex(rf"\A{regex}\Z"))
    seen = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=EXAMPLES <= 500,  # `make test` is reproducible
        database=None,  # no .hypothesis/ directory in the work tree
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(path=paths, query=queries)
    # The inputs of issue 18 (item 4), always tried first.
    @example(path="ja/events/", query=[("organization", "9" * 20)])
    @example(path="en/events/month/", query=[("organization", str(2**63))])
    @example(path="ja/events/archive/", query=[("date_from", "0001-01-01")])
    @example(path="api/v2/events/", query=[("date_to", "9999-12-31")])
    @example(path="en/events/feed.ics/", query=[("date_to", "9999-12-31")])
    @example(path="api/v2/events/" + "9" * 23 + "/", query=[])
    # Unicode digits, and the preview route's overflow.
    @example(path="api/v2/events/", query=[("limit", "¹")])
    @example(path="api/v2/organizations/", query=[("offset", "１")])
    @example(path="ja/events/", query=[("organization", "١")])
    @example(path="api/v2/preview/" + "9" * 23 + "/", query=[("token", "x")])
    def request_does_not_fail(path, query):
        response = client.get("/" + path, query)
        seen.append(response.status_code)
        assert response.status_code < 500, (path, query, response.content[:500])

    request_does_not_fail()
    print(f"\n{len(seen)} generated requests; statuses {sorted(set(seen))}")
    assert len(seen) >= EXAMPLES
