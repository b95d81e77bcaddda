"""Measure every target on the database named by DATABASE_URL.

Run by ``python -m benchmarks`` once per database, in a fresh process (the
database is a Django setting): migrates an empty database, seeds it up to
each size in turn and measures. Writes its results as JSON to ``--out``.
"""

import argparse
import json
import os
import platform
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated target names")
    parser.add_argument("--out", required=True)
    parser.add_argument(
        "--seed-only", type=int, default=0, help="migrate and seed N events, measure nothing"
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    report = {
        "backend": connection.vendor,
        "database_version": _database_version(connection),
        "python": platform.python_version(),
        "django": django.get_version(),
        "migrate_s": round(time.perf_counter() - started, 2),
        "sizes": [],
    }
    if args.seed_only:
        _write(args.out, seed_only(args.seed_only))
        return
    site = prepare_site()
    report["add_child_ms_per_event"] = site.pop("add_child_ms_per_event")
    report["open_submissions"] = OPEN_SUBMISSIONS
    report["submissions_s"] = site.pop("submissions_s")
    only = {name for name in args.only.split(",") if name}
    seeded = 0
    for size in [int(s) for s in args.sizes.split(",")]:
        report["sizes"].append(run_size(site, seeded, size, args.runs, args.warmup, only))
        seeded = size
        _write(args.out, report)
    # Portal scale (issue 17): the list, search, feed and API targets once
    # more at BENCH_PG_LARGE events, on PostgreSQL only (SQLite is the
    # development database). 0 turns it off.
    large = int(os.environ.get("BENCH_PG_LARGE", "100000"))
    if connection.vendor == "postgresql" and large > seeded:
        from .targets import LARGE_TARGETS

        wanted = set(LARGE_TARGETS) & only if only else set(LARGE_TARGETS)
        result = run_size(site, seeded, large, args.runs, args.warmup, wanted)
        report["sizes"].append({**result, "partial": True})
    _write(args.out, report)


def _write(path, report):
    with open(path, "w") as fh:
        json.dump(report, fh, indent=1, default=str)


def _database_version(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0]


def prepare_site():
    """The calendar, the bare page, organizations and the users, once."""
    from django.utils import timezone
    from wagtail.models import Page

    from benchmarks.models import BarePage
    from wagtail_eventcal.models.pages import event_zone
    from wagtail_eventcal.public.grid import Month

    from .seed import make_calendar, make_organizations, measure_add_child

    home = Page.objects.get(depth=2)
    calendar = make_calendar(home)
    bare = BarePage(title="Bare page", slug="bare")
    home.add_child(instance=bare)
    bare.save_revision().publish()
    organizations = make_organizations()
    month = Month.containing(timezone.localdate(timezone=event_zone()))
    add_child_s = measure_add_child(calendar, 30, month=month, organizations=organizations)
    started = time.perf_counter()
    users = prepare_users(calendar, organizations, month)
    return {
        "calendar": calendar,
        "organizations": organizations,
        "month": month,
        "month_slug": month.slug(),
        "month_first": month.first_day.isoformat(),
        "users": users,
        "add_child_ms_per_event": round(add_child_s * 1000, 1),
        "submissions_s": round(time.perf_counter() - started, 1),
    }


def seed_only(size):
    """The public site with ``size`` events (for ``make load``)."""
    from django.utils import timezone
    from wagtail.models import Page

    from wagtail_eventcal.models.pages import event_zone
    from wagtail_eventcal.public.grid import Month

    from .seed import make_calendar, make_organizations, seed_events

    calendar = make_calendar(Page.objects.get(depth=2))
    month = Month.containing(timezone.localdate(timezone=event_zone()))
    seed_events(calendar, size, month=month, organizations=make_organizations(), first_index=0)
    after_seed()
    return {
        "n": size,
        "month_slug": month.slug(),
        "month_first": month.first_day.isoformat(),
        # The scale-out scenario edits these through the admin.
        "month_events": _month_events(calendar, month),
    }


def _month_events(calendar, month, count=3):
    from django.contrib.auth import get_user_model

    from wagtail_eventcal.models import EventPage
    from wagtail_eventcal.public.month_body import month_layout, visible_rows

    from .scaleout import ADMIN_PASSWORD, ADMIN_USERNAME

    get_user_model().objects.create_superuser(ADMIN_USERNAME, "load@example.com", ADMIN_PASSWORD)
    # Events the month grid shows (a day cell lists a few, then "+N more"),
    # so that a change of their title must appear in the month view.
    weeks = month_layout(visible_rows(calendar.events(), month), month)
    shown = sorted({row[0] for week in weeks for day in week for row in day.events})
    events = EventPage.objects.filter(
        pk__in=shown, start__date__gte=month.first_day, start__date__lte=month.last_day
    ).order_by("pk")[:count]
    return [{"pk": e.pk, "slug": e.slug} for e in events]


OPEN_SUBMISSIONS = 500


def prepare_users(calendar, organizations, month):
    """The review set-up (workflow, groups), a submitter with 500 open
    submissions, the reviewer who sees them and a proxy with one delegated
    event."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail_eventcal.conf import get_setting
    from wagtail_eventcal.models import EventPage
    from wagtail_eventcal.workflow.setup import setup_review

    from .seed import delegate_to_proxy, seed_events, submit_for_review

    setup_review()
    reviewers = Group.objects.get(name=get_setting("REVIEWER_GROUP"))
    submitters = Group.objects.get(name=get_setting("SUBMITTER_GROUP"))
    User = get_user_model()
    reviewer = User.objects.create_user("bench-reviewer", "reviewer@example.org", "pw")
    reviewer.groups.add(reviewers)
    submitter = User.objects.create_user("bench-submitter", "submitter@example.org", "pw")
    submitter.groups.add(submitters)
    organizations[1].members.add(submitter)
    drafts = seed_events(
        calendar,
        OPEN_SUBMISSIONS,
        month=month,
        organizations=organizations,
        first_index=0,
        live=False,
    )
    submit_for_review(drafts, submitter)
    proxy = User.objects.create_user("bench-proxy", "proxy@example.org", "pw")
    delegate_to_proxy(EventPage.objects.get(pk=drafts[0]), proxy, submitter)
    return {"reviewer": reviewer, "proxy": proxy}


def after_seed():
    """What publishing through Wagtail would have triggered."""
    from django.db import connection

    try:
        from wagtail_eventcal.feeds import publication
    except ImportError:
        publication = None
    if publication is not None:
        publication.bump()
    if connection.vendor == "postgresql":
        # What autovacuum does shortly after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def run_size(site, seeded, size, runs, warmup, only):
    from django.core.cache import cache
    from django.test import Client
    from django.utils import translation

    from wagtail_eventcal.models import EventPage

    from .baseline import feed_events
    from .measure import measure
    from .seed import seed_events
    from .targets import all_targets

    started = time.perf_counter()
    seed_events(
        site["calendar"],
        size - seeded,
        month=site["month"],
        organizations=site["organizations"],
        first_index=seeded,
    )
    after_seed()
    seed_s = time.perf_counter() - started
    cache.clear()
    event = (
        EventPage.objects.live()
        .filter(start__date__gte=site["month"].first_day, cancelled=False)
        .order_by("start")
        .first()
    )
    with translation.override("ja"):
        site = dict(site, event_url=event.get_url(), event_slug=event.slug, event_pk=event.pk)
    clients = {None: Client(HTTP_HOST="localhost")}
    for name, user in site["users"].items():
        clients[name] = Client(HTTP_HOST="localhost")
        clients[name].force_login(user)
    targets = [t for t in all_targets(site) if not only or t.name in only]
    results = measure(
        targets,
        clients,
        runs=runs,
        warmup=warmup,
        progress=lambda t: print(f"  N={size} {t.name} done", file=sys.stderr, flush=True),
    )
    results = [result.as_dict() for result in results]
    return {
        "n": size,
        "seed_s": round(seed_s, 2),
        "feed_events": feed_events(site["calendar"]).count(),
        "month_events": EventPage.objects.live()
        .overlapping(*site["month"].bounds(_zone()))
        .count(),
        "results": results,
    }


def _zone():
    from wagtail_eventcal.models.pages import event_zone

    return event_zone()


if __name__ == "__main__":
    main()
