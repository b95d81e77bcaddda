"""``make load``: gunicorn (2 workers) on PostgreSQL with 10,000 events,
then ``wrk`` for LOAD_SECONDS (default 60) on each of the month view, the
English iCalendar feed and the API. Prints requests per second, p50/p99 latency
and errors; writes benchmarks/results/load.json; exits non-zero on any
error (non-2xx/3xx response, socket error or timeout).

Environment: see benchmarks/load_common.py, and LOAD_SCENARIOS (default
"single,scale-out"; the second is benchmarks/load_scaleout.py).
"""

import os
import shutil
import sys

from . import load_common as common
from .environment import child_env, drop_postgres

WRK_THREADS = 2


def main():
    if not shutil.which("wrk"):
        print("wrk is not installed (Debian package wrk)", file=sys.stderr)
        return 2
    scenarios = os.environ.get("LOAD_SCENARIOS", "single,scale-out").split(",")
    status = 0
    if "single" in scenarios:
        status = max(status, single())
    if "scale-out" in scenarios:
        from .load_scaleout import scale_out

        status = max(status, scale_out())
    return status


def single():
    options = common.Options.from_env()
    header = common.report_header(options)  # the machine's load before the run
    url = common.fresh_database(options.database)
    if not url:
        return 2
    env = child_env(url)
    processes = []
    try:
        site = common.seed(env, options.events)
        base = f"http://127.0.0.1:{options.port}"
        targets = {name: base + path for name, path in common.load_paths(site).items()}
        processes.append(common.start_gunicorn(env, options.port))
        common.wait_until_up(base)
        common.warm_up(targets.values())
        results = {}
        for name, target in targets.items():
            print(
                f"# wrk {options.seconds} s, {options.connections} connections: {name}",
                file=sys.stderr,
            )
            run = common.start_wrk(target, options.seconds, options.connections, WRK_THREADS)
            results[name] = common.wrk_result(target, run)
    finally:
        common.stop(processes)
        drop_postgres(url)

    report = {**header, "results": results}
    common.publish_report(report, "load", format_load(report))
    return 1 if common.any_errors(results) else 0


def format_load(report):
    return "\n".join(
        [
            common.format_header(report),
            f"gunicorn, {report['workers']} workers, PostgreSQL, {report['events']:,} events; "
            f"wrk {report['seconds']} s, {report['connections']} connections per URL",
            *common.format_results(report["results"]),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
