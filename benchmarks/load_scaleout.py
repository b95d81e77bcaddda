"""The scale-out run of ``make load`` (see benchmarks/scaleout.py for the
staleness check): seeds PostgreSQL, starts Redis, the django-tasks database
worker and two gunicorn instances, runs wrk on both instances at once while
the admin changes events on A, prints and stores the figures
(benchmarks/results/load-scale-out.json). Non-zero exit on any wrk error,
any 5xx, any stale answer and any change B did not serve within
LOAD_FRESH_WITHIN_S (default 1 s)."""

import os
import subprocess
import sys
import threading
import traceback

from . import load_common as common
from .environment import ROOT, child_env, drop_postgres
from .scaleout import (
    StalenessOptions,
    checked_urls,
    format_staleness,
    staleness_check,
    staleness_failed,
    start_redis,
)

WRK_THREADS = 1  # per instance: two wrk processes run at once


def scale_out():
    options = common.Options.from_env()
    header = common.report_header(options)  # the machine's load before the run
    port_b = int(os.environ.get("LOAD_PORT_B", str(options.port + 1)))
    url = common.fresh_database(options.database + "_scale")
    if not url:
        return 2
    processes = []
    try:
        redis, redis_url = start_redis(int(os.environ.get("LOAD_REDIS_PORT", "6390")))
        processes.append(redis)
        env = {**child_env(url), "LOAD_REDIS_URL": redis_url, "LOAD_TASKS_DB": "1"}
        site = common.seed(env, options.events)
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "django", "db_worker"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,  # one line per task run
            )
        )
        bases = {}
        for name, port in (("A", options.port), ("B", port_b)):
            bases[name] = f"http://127.0.0.1:{port}"
            processes.append(common.start_gunicorn(env, port))
        for base in bases.values():
            common.wait_until_up(base)
        paths = common.load_paths(site)
        # Also what the staleness check reads on B (the Japanese feed is not
        # loaded by wrk): its first, cold render is no answer to a change.
        common.warm_up(
            [base + path for base in bases.values() for path in paths.values()]
            + [
                url
                for event in site["month_events"]
                for url in checked_urls(bases["B"], site, event).values()
            ]
        )
        # Each URL on both instances at once, as two wrk processes, while the
        # admin changes events on A.
        print(
            f"# scale-out: wrk {options.seconds} s per URL on A and B at once, "
            f"{options.connections} connections each",
            file=sys.stderr,
        )
        results = {}
        staleness = {}
        checker = threading.Thread(
            target=_check_staleness,
            args=(staleness, bases, site, options.seconds * len(paths) - 2),
        )
        checker.start()
        for name, path in paths.items():
            runs = {
                instance: common.start_wrk(
                    base + path, options.seconds, options.connections, WRK_THREADS
                )
                for instance, base in bases.items()
            }
            for instance, run in runs.items():
                results[f"{name} @{instance}"] = common.wrk_result(bases[instance] + path, run)
        checker.join()
    finally:
        common.stop(processes)
        drop_postgres(url)

    report = {
        **header,
        "instances": 2,
        "results": results,
        "staleness": staleness,
    }
    common.publish_report(report, "load-scale-out", format_scale_out(report))
    return 1 if common.any_errors(results) or staleness_failed(staleness) else 0


def _check_staleness(into, bases, site, seconds):
    """The staleness check in its thread; whatever stops it is reported (the
    run then fails), never lost with the thread."""
    try:
        into.update(
            staleness_check(bases["A"], bases["B"], site, seconds, StalenessOptions.from_env())
        )
    except Exception:
        traceback.print_exc()
        into["error"] = traceback.format_exc(limit=3).strip().splitlines()[-1]


def format_scale_out(report):
    return "\n".join(
        [
            common.format_header(report),
            f"scale-out: 2 gunicorn instances × {report['workers']} workers, one PostgreSQL, "
            f"shared Redis cache, django-tasks db_worker, {report['events']:,} events; "
            f"wrk {report['seconds']} s, {report['connections']} connections per URL and instance",
            *common.format_results(report["results"]),
            format_staleness(report["staleness"]),
        ]
    )
