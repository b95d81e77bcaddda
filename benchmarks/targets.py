"""What ``make bench`` measures, as data. A target whose feature is not
installed still runs and reports its HTTP status instead of a time."""

from django.core.cache import cache
from wagtail.models import Site

from .measure import Target


def _drop_caches():
    """What a publication does to the plugin's caches (their keys change);
    Wagtail's own site-root cache, which a publication leaves alone, is
    filled again."""
    cache.clear()
    Site.get_site_root_paths()


def _publish(pk):
    """A publication through Wagtail (a new revision of one event in the
    displayed month), as an editor's would do: the token moves (every cached
    month and list is out of reach) and the event's fragments are rendered
    again. What no publication touches (Wagtail's site cache, the filter
    form kept per language and query string) stays: "Month view, caches
    dropped" measures the colder case."""
    from itertools import count

    from wagtail_eventcal.models import EventPage

    edits = count(1)

    def publish():
        event = EventPage.objects.get(pk=pk)
        event.title_en = f"Event for professionals, edit {next(edits)}"
        event.save_revision(clean=False).publish()

    return publish


def _etag_of(url):
    def prepare(client):
        response = client.get(url)
        etag = response.headers.get("ETag")
        if not etag:
            return {}
        return {"If-None-Match": etag}

    return prepare


LIST_URL = "/ja/events/?category=seminar&body_type=university"
#: What ``make bench`` measures again at BENCH_PG_LARGE events on PostgreSQL.
LARGE_TARGETS = ("bare", "list", "search", "feed_cold", "feed_warm", "api", "api_cold")


def html_targets(site):
    month = site["month_slug"]
    return [
        Target("bare", "Bare Wagtail page (floor)", "/ja/bare/"),
        Target("month", "Month view", f"/ja/events/month/{month}/"),
        Target(
            "month_cold",
            "Month view, caches dropped",
            f"/ja/events/month/{month}/",
            before=_drop_caches,
            note="every run starts from an empty cache",
        ),
        Target("month_en", "Month view (English)", f"/en/events/month/{month}/"),
        Target(
            "month_published",
            "Month view, right after a publication",
            f"/ja/events/month/{month}/",
            before=_publish(site["event_pk"]),
            note="every run follows the publication of one event of the month",
        ),
        Target("list", "List, 2 filters", LIST_URL),
        Target(
            "list_cold",
            "List, 2 filters, right after a publication",
            LIST_URL,
            before=_publish(site["event_pk"]),
            note="every run follows the publication of one event of the month",
        ),
        # The same list with a keyword (an organization's name: one word, so
        # PostgreSQL's trigram index applies; issue 17, item 3).
        Target("search", "List, 2 filters + keyword", LIST_URL + "&q=ベンチマーク機関12"),
        Target("event", "Event page", site["event_url"]),
    ]


def feed_targets(site):
    return [
        Target(
            "django_ical",
            "django-ical ICalFeed (baseline)",
            "/bench/django-ical.ics",
        ),
        Target(
            "feed_cold",
            "iCal feed (en), no whole-feed cache",
            "/en/events/feed.ics",
            before=_drop_caches,
        ),
        Target("feed_warm", "iCal feed (en), nothing published since", "/en/events/feed.ics"),
        Target(
            "feed_304",
            "iCal feed revalidation (304)",
            "/en/events/feed.ics",
            expect_status=304,
            prepare=_etag_of("/en/events/feed.ics"),
        ),
        Target("event_ics", "Per-event .ics", f"/en/events/{site['event_slug']}.ics"),
        Target("api", "API list, filters", _api_url(site)),
        Target(
            "api_cold", "API list, filters, caches dropped", _api_url(site), before=_drop_caches
        ),
    ]


def _api_url(site):
    return "/api/v2/events/?category=seminar&body_type=university&date_from=" + site["month_first"]


def admin_targets(site):
    return [
        Target("reviewer_dashboard", "Reviewer dashboard", "/admin/", user="reviewer"),
        Target("proxy_dashboard", "Proxy dashboard", "/admin/", user="proxy"),
    ]


def all_targets(site):
    return html_targets(site) + feed_targets(site) + admin_targets(site)
