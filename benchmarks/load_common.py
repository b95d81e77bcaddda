"""What both ``make load`` scenarios share (benchmarks/load.py and
benchmarks/load_scaleout.py): their options, seeding a fresh PostgreSQL,
starting and stopping gunicorn, warming it up, running wrk and reading its
output, and printing and storing the report.

Environment: BENCH_POSTGRES_URL (its server; the scenario's database is
created afresh and dropped afterwards), LOAD_SECONDS (default 60, per URL),
LOAD_CONNECTIONS (default 8, wrk connections per URL and instance),
LOAD_PORT (default 8765), LOAD_EVENTS (default 10000), LOAD_DATABASE
(default eventcal_load).
"""

import datetime
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .environment import ROOT, fresh_postgres, machine, postgres_url

WORKERS = 2  # gunicorn workers per instance
WRK_TIMEOUT = "10s"  # a slower answer is a wrk "timeout" error
# gunicorn's worker timeout (its default is 30 s): the cold warm-up renders
# may take longer on a shared machine; under wrk, 10 s is an error anyway.
WORKER_TIMEOUT = 180


@dataclass(frozen=True)
class Options:
    seconds: int
    connections: int
    events: int
    port: int
    database: str

    @classmethod
    def from_env(cls):
        env = os.environ.get
        return cls(
            seconds=int(env("LOAD_SECONDS", "60")),
            connections=int(env("LOAD_CONNECTIONS", "8")),
            events=int(env("LOAD_EVENTS", "10000")),
            port=int(env("LOAD_PORT", "8765")),
            database=env("LOAD_DATABASE", "eventcal_load"),
        )


def fresh_database(name):
    """A fresh PostgreSQL database ``name`` on BENCH_POSTGRES_URL's server;
    its URL, or None (said on stderr) when there is no server."""
    url, error = fresh_postgres(postgres_url(name))
    if error:
        print(f"make load needs PostgreSQL: {error}", file=sys.stderr)
    return url


def load_paths(site):
    """The URLs loaded by wrk, by name (paths on any instance)."""
    return {
        "month view": f"/ja/events/month/{site['month_slug']}/",
        "iCal feed (en)": "/en/events/feed.ics",
        "API list": f"/api/v2/events/?category=seminar&date_from={site['month_first']}",
    }


def seed(env, events):
    """Migrate and seed ``events`` events in a child process; the site's facts."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [sys.executable, "-m", "benchmarks.run", "--seed-only", str(events), "--out", out.name],
            env=env,
            cwd=ROOT,
            check=True,
        )
        return json.loads(Path(out.name).read_text())


def start_gunicorn(env, port):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "benchmarks.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            str(WORKER_TIMEOUT),
            "--log-level",
            "warning",
            # Otherwise every instance on the machine claims the one
            # ~/.gunicorn/gunicorn.ctl (an error logged at start-up).
            "--no-control-socket",
        ],
        env=env,
        cwd=ROOT,
    )


def stop(processes):
    """SIGTERM each process, the last started first, and wait for it."""
    for process in reversed(processes):
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_up(base, seconds=60):
    """Wait for gunicorn on ``base`` to answer a page that costs nothing."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/admin/login/", timeout=5) as response:
                return response.status
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {base} within {seconds} s")


def warm_up(urls):
    """Each URL a few times, one request at a time: every worker's caches and
    database connection, so that wrk measures the steady state. The first
    request may be a cold render (the whole feed's fragments: tens of seconds
    on a busy machine); it is waited for, never retried, so that no second
    worker starts the same render."""
    for url in urls:
        for _ in range(2 * WORKERS):
            urllib.request.urlopen(url, timeout=WORKER_TIMEOUT).read()


def start_wrk(url, seconds, connections, threads):
    return subprocess.Popen(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            WRK_TIMEOUT,
            "--latency",
            url,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def wrk_result(url, process):
    """Wait for a wrk process; its figures (see :func:`parse_wrk`) for ``url``."""
    output, _ = process.communicate()
    if process.returncode:
        raise RuntimeError(f"wrk failed on {url} (exit {process.returncode})")
    return {"url": url, **parse_wrk(output)}


def parse_wrk(output):
    """Requests/s, p50/p99 (ms) and error counts from ``wrk --latency`` output."""

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


def any_errors(results):
    return any(any(r["errors"].values()) for r in results.values())


def report_header(options):
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "events": options.events,
        "seconds": options.seconds,
        "connections": options.connections,
        "workers": WORKERS,
        # Other work on the machine shares its cores with the run.
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def format_header(report):
    load = ", ".join(map(str, report["load_average"]))
    return f"# {report['date']} — {report['machine']}; load average at the start {load}"


def format_results(results):
    """One line per URL (and instance): requests/s, p50, p99, requests, errors."""
    width = max([6, *map(len, results)])
    lines = [
        f"{'target':<{width}} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9}  errors"
    ]
    for name, r in results.items():
        lines.append(
            f"{name:<{width}} {r['requests_per_s']:>8.1f} {r['p50_ms'] or 0:>8.1f} "
            f"{r['p99_ms'] or 0:>8.1f} {r['requests']:>9}  {format_errors(r['errors'])}"
        )
    return lines


def format_errors(errors):
    """``0``, or the total and its kinds: ``13 (timeout 13)``."""
    kinds = ", ".join(f"{kind} {count}" for kind, count in errors.items() if count)
    return f"{sum(errors.values())} ({kinds})" if kinds else "0"


def publish_report(report, name, text):
    """Print ``text`` and store ``report`` as benchmarks/results/<name>.json."""
    print(text)
    path = ROOT / f"benchmarks/results/{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(f"JSON: {path}")
