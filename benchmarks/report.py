"""The budgets of issue 7 and the printed table (pure functions over the
JSON that ``benchmarks.run`` writes)."""

from dataclasses import dataclass

# Query budgets: constant in N and at most this many.
PUBLIC_TARGETS = (
    "month",
    "month_en",
    "list",
    "list_cold",
    "search",
    "event",
    "feed_cold",
    "feed_warm",
    "event_ics",
)
QUERY_LIMITS = {
    **dict.fromkeys(PUBLIC_TARGETS, 10),
    "api": 6,
    "api_cold": 6,
    # As tests/test_query_budgets.py: 15, +2 since reviewers manage event
    # images (Wagtail's own Images summary counts them).
    "reviewer_dashboard": 17,
}
MONTH_VS_BARE = 3.0
FEED_COLD_SPEEDUP = 5.0
FEED_WARM_SPEEDUP = 20.0
REVALIDATION_VS_BARE = 1.5
# Issue 17, item 3: a list with ``q`` at most this many times the same list
# without it (checked at every size, so at 100,000 events on PostgreSQL).
SEARCH_VS_LIST = 3.0
# Issue 17, item 2: pages assembled from per-event fragments.
MONTH_PUBLISHED_VS_BARE = 5.0
LIST_VS_BARE = 2.0
EVENT_VS_BARE = 1.5


@dataclass
class Check:
    database: str
    name: str
    measured: str
    limit: str
    ok: bool


def _by_name(size):
    return {r["name"]: r for r in size["results"]}


def _median(results, name):
    result = results.get(name)
    if not result or result.get("median_ms") is None:
        return None
    return result["median_ms"]


def check_budgets(report):
    """Every budget for every database that was measured (or not)."""
    checks = []
    for database, data in report["databases"].items():
        if "unavailable" in data:
            checks.append(
                Check(database, "all budgets", "not measured", data["unavailable"], False)
            )
            continue
        sizes = data["sizes"]
        if not sizes:
            checks.append(Check(database, "all budgets", "no sizes measured", "", False))
            continue
        checks.extend(_query_checks(database, sizes))
        # A "partial" size (BENCH_PG_LARGE) measures only some targets.
        largest = [size for size in sizes if not size.get("partial")][-1]
        checks.extend(_time_checks(database, largest))
        checks.extend(_search_check(database, size) for size in sizes)
    return checks


def _query_checks(database, sizes):
    checks = []
    for name, limit in QUERY_LIMITS.items():
        counts = [
            _by_name(size).get(name, {}).get("queries")
            for size in sizes
            if not size.get("partial") or name in _by_name(size)
        ]
        label = f"queries {name}"
        if any(count is None for count in counts):
            checks.append(Check(database, label, "not measured", f"≤ {limit}", False))
            continue
        measured = " / ".join(str(c) for c in counts)
        ok = len(set(counts)) == 1 and counts[0] <= limit
        checks.append(Check(database, label, measured, f"≤ {limit}, constant in N", ok))
    return checks


def _ratio_check(database, label, numerator, denominator, limit, *, at_least):
    if numerator is None or denominator is None:
        return Check(database, label, "not measured", "", False)
    ratio = numerator / denominator
    ok = ratio >= limit if at_least else ratio <= limit
    sign = "≥" if at_least else "≤"
    return Check(database, label, f"{ratio:.1f}×", f"{sign} {limit:g}×", ok)


def _search_check(database, size):
    results = _by_name(size)
    return _ratio_check(
        database,
        f"list with keyword / same list, N={size['n']}",
        _median(results, "search"),
        _median(results, "list"),
        SEARCH_VS_LIST,
        at_least=False,
    )


def _time_checks(database, size):
    results = _by_name(size)
    n = size["n"]
    bare = _median(results, "bare")
    baseline = _median(results, "django_ical")
    feed_events = size.get("feed_events")
    return [
        _ratio_check(
            database,
            f"month view / bare page, N={n}",
            _median(results, "month"),
            bare,
            MONTH_VS_BARE,
            at_least=False,
        ),
        _ratio_check(
            database,
            f"month view right after a publication / bare page, N={n}",
            _median(results, "month_published"),
            bare,
            MONTH_PUBLISHED_VS_BARE,
            at_least=False,
        ),
        *(
            _ratio_check(
                database,
                f"{label} / bare page, N={n}",
                _median(results, name),
                bare,
                LIST_VS_BARE,
                at_least=False,
            )
            for name, label in (
                ("list", "list, 2 filters (warm)"),
                ("list_cold", "list, 2 filters, right after a publication"),
            )
        ),
        _ratio_check(
            database,
            f"event page / bare page, N={n}",
            _median(results, "event"),
            bare,
            EVENT_VS_BARE,
            at_least=False,
        ),
        _ratio_check(
            database,
            f"django-ical / feed, {feed_events} events, no feed cache",
            baseline,
            _median(results, "feed_cold"),
            FEED_COLD_SPEEDUP,
            at_least=True,
        ),
        _ratio_check(
            database,
            f"django-ical / feed, {feed_events} events, nothing published since",
            baseline,
            _median(results, "feed_warm"),
            FEED_WARM_SPEEDUP,
            at_least=True,
        ),
        _ratio_check(
            database,
            "feed 304 revalidation / bare page",
            _median(results, "feed_304"),
            bare,
            REVALIDATION_VS_BARE,
            at_least=False,
        ),
    ]


def _fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def format_table(report):
    lines = []
    header = f"{'target':<44} {'median ms':>10} {'p95 ms':>9} {'queries':>8} {'KiB':>8}"
    for database, data in report["databases"].items():
        if "unavailable" in data:
            lines.append(f"\n## {database}: NOT MEASURED — {data['unavailable']}")
            continue
        lines.append(
            f"\n## {database} {data.get('database_version', '')} — migrate "
            f"{data.get('migrate_s')} s; add_child+publish "
            f"{data.get('add_child_ms_per_event')} ms/event"
        )
        for size in data["sizes"]:
            lines.append(
                f"\nN = {size['n']:,} events ({size['month_events']} in the displayed month, "
                f"{size['feed_events']} in the full feed); bulk seeding {size['seed_s']} s"
            )
            lines.append(header)
            lines.append("-" * len(header))
            for r in size["results"]:
                if r.get("error"):
                    lines.append(f"{r['label']:<44} {'not available: ' + r['error']:>38}")
                    continue
                kib = None if r["bytes"] is None else r["bytes"] / 1024
                lines.append(
                    f"{r['label']:<44} {_fmt(r['median_ms']):>10} {_fmt(r['p95_ms']):>9} "
                    f"{r['queries']:>8} {_fmt(kib):>8}"
                )
    return "\n".join(lines)


def format_checks(checks):
    lines = ["\nBudgets"]
    for c in checks:
        verdict = "ok  " if c.ok else "FAIL"
        lines.append(f"  [{verdict}] {c.database:<11} {c.name:<58} {c.measured:>14}  {c.limit}")
    return "\n".join(lines)
