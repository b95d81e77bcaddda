"""``make load``: gunicorn (2 workers) on PostgreSQL with 10,000 events,
then ``wrk`` for LOAD_SECONDS (default 60) on each of the month view, the
English iCalendar feed and the API. Prints requests per second, p50/p99 latency
and errors; writes benchmarks/results/load.json; exits non-zero on any
error (non-2xx/3xx response, socket error or timeout).

Environment: BENCH_POSTGRES_URL (its server; the database ``eventcal_load``
is created afresh and dropped afterwards), LOAD_SECONDS, LOAD_CONNECTIONS
(default 16), LOAD_PORT (default 8765), LOAD_EVENTS (default 10000),
LOAD_DATABASE (default eventcal_load), LOAD_SCENARIOS (default
"single,scale-out"; the second is benchmarks/load_scaleout.py).
"""

import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .environment import ROOT, child_env, drop_postgres, fresh_postgres, machine, postgres_url

DATABASE = "eventcal_load"


def parse_wrk(output):
    """Requests/s, p99 (ms) and error counts from ``wrk --latency`` output."""

    def number(pattern, default=None):
        match = re.search(pattern, output)
        return match.group(1) if match else default

    p50 = number(r"50%\s+([\d.]+\w+)")
    p99 = number(r"99%\s+([\d.]+\w+)")
    errors = {"non_2xx_3xx": int(number(r"Non-2xx or 3xx responses: (\d+)", 0))}
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors.update(
            zip(("connect", "read", "write", "timeout"), map(int, socket.groups()), strict=True)
        )
    return {
        "requests_per_s": float(number(r"Requests/sec:\s+([\d.]+)", 0)),
        "requests": int(number(r"(\d+) requests in", 0)),
        "p50_ms": to_ms(p50) if p50 else None,
        "p99_ms": to_ms(p99) if p99 else None,
        "errors": errors,
    }


def to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds} s")


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
    seconds = int(os.environ.get("LOAD_SECONDS", "60"))
    connections = int(os.environ.get("LOAD_CONNECTIONS", "16"))
    port = int(os.environ.get("LOAD_PORT", "8765"))
    events = int(os.environ.get("LOAD_EVENTS", "10000"))
    url, error = fresh_postgres(postgres_url(os.environ.get("LOAD_DATABASE", DATABASE)))
    if error:
        print(f"make load needs PostgreSQL: {error}", file=sys.stderr)
        return 2
    env = child_env(url)
    server = None
    try:
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
        base = f"http://127.0.0.1:{port}"
        targets = {
            "month view": f"{base}/ja/events/month/{site['month_slug']}/",
            "iCal feed (en)": f"{base}/en/events/feed.ics",
            "API list": f"{base}/api/v2/events/?category=seminar&date_from={site['month_first']}",
        }
        server = subprocess.Popen(
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
        for target in targets.values():
            wait_until_up(target)
            for _ in range(4):  # both workers: their caches and connections
                urllib.request.urlopen(target, timeout=60).read()
        results = {}
        for name, target in targets.items():
            print(f"# wrk {seconds} s, {connections} connections: {name}", file=sys.stderr)
            completed = subprocess.run(
                [
                    "wrk",
                    "-t2",
                    f"-c{connections}",
                    f"-d{seconds}s",
                    "--timeout",
                    "10s",
                    "--latency",
                    target,
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            results[name] = {"url": target, **parse_wrk(completed.stdout)}
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        drop_postgres(url)

    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "events": events,
        "seconds": seconds,
        "connections": connections,
        "workers": 2,
        "results": results,
    }
    print(format_load(report))
    path = ROOT / "benchmarks/results/load.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1) + "\n")
    print(f"JSON: {path}")
    failed = [name for name, r in results.items() if any(r["errors"].values())]
    return 1 if failed else 0


def format_load(report):
    lines = [
        f"# {report['date']} — {report['machine']}",
        f"gunicorn, {report['workers']} workers, PostgreSQL, {report['events']:,} events; "
        f"wrk {report['seconds']} s, {report['connections']} connections per URL",
        f"{'target':<18} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'requests':>10}  errors",
    ]
    for name, r in report["results"].items():
        errors = sum(r["errors"].values())
        lines.append(
            f"{name:<18} {r['requests_per_s']:>9.1f} {r.get('p50_ms') or 0:>9.1f} "
            f"{r['p99_ms'] or 0:>9.1f} "
            f"{r['requests']:>10}  {errors}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
