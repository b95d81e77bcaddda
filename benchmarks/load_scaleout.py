"""The scale-out run of ``make load`` (see benchmarks/scaleout.py for the
staleness check): seeds PostgreSQL, starts Redis, the django-tasks database
worker and two gunicorn instances, runs wrk on both instances at once while
the admin changes events on A, prints and stores the figures
(benchmarks/results/load-scale-out.json). Non-zero exit on any wrk error,
any 5xx or any change B did not serve within one second."""

import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path

from .environment import ROOT, child_env, drop_postgres, fresh_postgres, machine, postgres_url
from .load import parse_wrk, wait_until_up
from .scaleout import format_staleness, staleness_check, staleness_failed, start_redis

DATABASE = "eventcal_load"


def scale_out():
    seconds = int(os.environ.get("LOAD_SECONDS", "60"))
    connections = int(os.environ.get("LOAD_CONNECTIONS", "16"))
    events = int(os.environ.get("LOAD_EVENTS", "10000"))
    port_a = int(os.environ.get("LOAD_PORT", "8765"))
    port_b = int(os.environ.get("LOAD_PORT_B", str(port_a + 1)))
    url, error = fresh_postgres(postgres_url(os.environ.get("LOAD_DATABASE", DATABASE) + "_scale"))
    if error:
        print(f"make load needs PostgreSQL: {error}", file=sys.stderr)
        return 2
    processes = []
    try:
        redis, redis_url = start_redis(int(os.environ.get("LOAD_REDIS_PORT", "6390")))
        processes.append(redis)
        env = {**child_env(url), "LOAD_REDIS_URL": redis_url, "LOAD_TASKS_DB": "1"}
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.run",
                    "--seed-only",
                    str(events),
                    "--out",
                    out.name,
                ],
                env=env,
                cwd=ROOT,
                check=True,
            )
            site = json.loads(Path(out.name).read_text())
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "django", "db_worker"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,  # one line per task run
            )
        )
        bases = {}
        for name, port in (("A", port_a), ("B", port_b)):
            bases[name] = f"http://127.0.0.1:{port}"
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "benchmarks.wsgi",
                        "--workers",
                        "2",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--log-level",
                        "warning",
                    ],
                    env=env,
                    cwd=ROOT,
                )
            )
        paths = {
            "month view": f"/ja/events/month/{site['month_slug']}/",
            "iCal feed (en)": "/en/events/feed.ics",
            "API list": f"/api/v2/events/?category=seminar&date_from={site['month_first']}",
        }
        for base in bases.values():
            for path in paths.values():
                wait_until_up(base + path)
                for _ in range(4):
                    urllib.request.urlopen(base + path, timeout=60).read()
        # Each URL on both instances at once, as two wrk processes, while the
        # admin changes events on A.
        print(
            f"# scale-out: wrk {seconds} s per URL on A and B at once, "
            f"{connections} connections each",
            file=sys.stderr,
        )
        results = {}
        staleness = {}
        checker = threading.Thread(
            target=lambda: staleness.update(
                staleness_check(bases["A"], bases["B"], site, seconds * len(paths) - 2)
            )
        )
        checker.start()
        for name, path in paths.items():
            runs = {
                instance: subprocess.Popen(
                    [
                        "wrk",
                        "-t1",
                        f"-c{connections}",
                        f"-d{seconds}s",
                        "--timeout",
                        "10s",
                        "--latency",
                        base + path,
                    ],
                    stdout=subprocess.PIPE,
                    text=True,
                )
                for instance, base in bases.items()
            }
            for instance, run in runs.items():
                output, _ = run.communicate()
                results[f"{name} @{instance}"] = {
                    "url": bases[instance] + path,
                    **parse_wrk(output),
                }
        checker.join()
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        drop_postgres(url)

    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "events": events,
        "seconds": seconds,
        "connections": connections,
        "instances": 2,
        "workers": 2,
        "results": results,
        "staleness": staleness,
    }
    print(format_scale_out(report))
    path = ROOT / "benchmarks/results/load-scale-out.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1) + "\n")
    print(f"JSON: {path}")
    failed = any(any(r["errors"].values()) for r in results.values())
    return 1 if failed or not staleness or staleness_failed(staleness) else 0


def format_scale_out(report):
    lines = [
        f"# {report['date']} — {report['machine']}",
        f"scale-out: 2 gunicorn instances × {report['workers']} workers, one PostgreSQL, "
        f"shared Redis cache, django-tasks db_worker, {report['events']:,} events; "
        f"wrk {report['seconds']} s, {report['connections']} connections per URL and instance",
        f"{'target':<22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9}  errors",
    ]
    for name, r in report["results"].items():
        lines.append(
            f"{name:<22} {r['requests_per_s']:>8.1f} {r['p50_ms'] or 0:>8.1f} "
            f"{r['p99_ms'] or 0:>8.1f} {r['requests']:>9}  {sum(r['errors'].values())}"
        )
    if report["staleness"]:
        lines.append(format_staleness(report["staleness"]))
    else:
        lines.append("staleness check: did not finish (see the traceback above)")
    return "\n".join(lines)
