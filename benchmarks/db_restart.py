"""PostgreSQL restarted under load (``make db-restart``): how many requests
fail, when, and whether every answer after the restart is right.

Starts a PostgreSQL cluster of its own (Debian's binaries, a temporary
directory, ``RESTART_PG_PORT``, default 5499), migrates and seeds it, serves
the example site with its production settings (``settings_prod``: persistent
connections checked before reuse) under gunicorn, loads three URLs from
``RESTART_CLIENTS`` threads (default 4) for ``RESTART_SECONDS`` (default 30)
and restarts PostgreSQL (``pg_ctl restart -m fast``) a third of the way in.
Prints one line per second (answers, non-200s) and a summary; exits 1 when
a non-200 answer comes before the restart or later than ``RESTART_GRACE_S``
(default 1) after it ended, or a URL shows other events after it than before.
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "example_site"
PY = sys.executable
URLS = ["/en/events/", "/ja/events/feed.ics", "/api/v2/events/?limit=5"]
SEED = """
from tests.factories import jst, make_calendar, make_event
calendar = make_calendar()
for n in range(30):
    make_event(calendar, title_en=f"Talk {n}", start=jst(2027, 1, 1 + n % 28, 10))
"""


def pg_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise SystemExit("PostgreSQL's binaries are missing (Debian package postgresql).")
    return found[-1]


def as_postgres(args, **kwargs):
    # initdb and the server refuse to run as root.
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def main():
    port = int(os.environ.get("RESTART_PG_PORT", "5499"))
    web_port = int(os.environ.get("RESTART_WEB_PORT", "8097"))
    seconds = float(os.environ.get("RESTART_SECONDS", "30"))
    clients = int(os.environ.get("RESTART_CLIENTS", "4"))
    grace = float(os.environ.get("RESTART_GRACE_S", "1"))
    work = Path(tempfile.mkdtemp(prefix="eventcal-db-restart-"))
    data = work / "pg"
    if os.geteuid() == 0:
        shutil.chown(work, "postgres")
    as_postgres([pg_bin("initdb"), "-D", str(data), "-U", "eventcal", "--auth=trust", "-E", "UTF8"])
    pg_ctl = [pg_bin("pg_ctl"), "-D", str(data), "-o", f"-p {port} -k {work} -h 127.0.0.1"]
    as_postgres([*pg_ctl, "-w", "-l", str(work / "pg.log"), "start"])
    processes = []
    try:
        as_postgres(
            [pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "eventcal", "site"]
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "example_site.settings_prod",
            "DATABASE_URL": f"postgres://eventcal@127.0.0.1:{port}/site",
            "DJANGO_SECRET_KEY": "db-restart-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{web_port}",
            "DJANGO_HTTPS": "0",
            "DJANGO_STATIC_ROOT": str(work / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "DJANGO_LOG_LEVEL": "ERROR",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(SITE)]),
        }

        def manage(*args):
            subprocess.run([PY, "manage.py", *args], cwd=SITE, env=env, check=True)

        manage("migrate", "--noinput", "--verbosity", "0")
        manage("collectstatic", "--noinput", "--verbosity", "0")
        manage("shell", "-c", SEED)
        gunicorn = Path(PY).with_name("gunicorn")
        processes.append(
            subprocess.Popen(
                [str(gunicorn), "example_site.wsgi", "-w", "2", "-b", f"127.0.0.1:{web_port}"],
                cwd=SITE,
                env=env,
                stderr=open(work / "gunicorn.log", "w"),  # noqa: SIM115
            )
        )
        base = f"http://127.0.0.1:{web_port}"
        before = wait_and_read(base)
        # The server's output to its log: a pipe held open would never end.
        restart = [*pg_ctl, "-m", "fast", "-w", "-l", str(work / "pg.log"), "restart"]
        report = load(base, seconds, clients, lambda: as_postgres(restart))
        after = events_shown(base)
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)
        as_postgres([*pg_ctl, "-m", "immediate", "stop"])
        shutil.rmtree(work, ignore_errors=True)
    summarise(report, before, after, grace)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except OSError as error:
        return type(error).__name__, b""


def events_shown(base):
    """The events each URL shows (the bodies themselves differ: each worker
    stamps its feed with the time it built it)."""
    return {url: sorted(set(re.findall(rb"Talk \d+", fetch(base + url)[1]))) for url in URLS}


def wait_and_read(base):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status, _body = fetch(base + URLS[0])
        if status == 200:
            return events_shown(base)
        time.sleep(0.5)
    raise SystemExit("gunicorn did not answer")


def load(base, seconds, clients, restart):
    answers = []  # (time, status)
    started = time.monotonic()
    stop = threading.Event()

    def client(offset):
        n = offset
        while not stop.is_set():
            status, _ = fetch(base + URLS[n % len(URLS)])
            answers.append((time.monotonic() - started, status))
            n += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(seconds / 3)
    restart_began = time.monotonic() - started
    restart()
    restart_ended = time.monotonic() - started
    time.sleep(max(0, seconds - restart_ended))
    stop.set()
    for thread in threads:
        thread.join()
    return {"answers": answers, "began": restart_began, "ended": restart_ended}


def summarise(report, before, after, grace):
    answers, began, ended = report["answers"], report["began"], report["ended"]
    failed = [(t, s) for t, s in answers if s != 200]
    by_second = Counter(int(t) for t, _ in answers)
    failed_by_second = Counter(int(t) for t, _ in failed)
    for second in sorted(by_second):
        total, bad = by_second[second], failed_by_second[second]
        print(f"{second:3d} s  {total:5d} answers  {bad:4d} not 200")
    print(f"restart: {began:.2f} s - {ended:.2f} s ({ended - began:.2f} s)")
    print(f"answers: {len(answers)}, not 200: {len(failed)} {dict(Counter(s for _, s in failed))}")
    late = [t for t, _ in failed if t > ended + grace or t < began]
    if failed:
        print(f"first failure {failed[0][0] - began:+.2f} s from the restart's start, "
              f"last {failed[-1][0] - ended:+.2f} s from its end")
    same = before == after
    print("events shown after the restart equal those before:", same, sum(map(len, after.values())))
    sys.exit(1 if late or not same else 0)


if __name__ == "__main__":
    main()
