"""``make load``'s scale-out scenario: two gunicorn instances (A and B) on one
PostgreSQL, one Redis cache shared by both (Debian's redis-server, started
here) and the django-tasks database worker. While wrk loads both instances,
:func:`staleness_check` publishes, edits and unpublishes events through the
admin of A (real HTTP, logged in) and checks that B serves each change in the
event page, the month view, the iCalendar feed and the API within one second,
never with a 5xx.

Environment (besides those of benchmarks/load_common.py): LOAD_REDIS_PORT
(default 6390), LOAD_PORT_B (default LOAD_PORT + 1), LOAD_FRESH_WITHIN_S
(default 1), LOAD_POLL_SECONDS (how long B is polled after a change, default
10), LOAD_POLL_TIMEOUT (one request to B, default 10).
"""

import http.client
import http.cookiejar
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser

ADMIN_USERNAME = "load-admin"
ADMIN_PASSWORD = "load-admin-password"


def start_redis(port):
    """A throw-away redis-server (no persistence); (process, url)."""
    binary = shutil.which("redis-server")
    if not binary:
        raise RuntimeError("redis-server is not installed (Debian package redis-server)")
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            # Nothing is written (no snapshot, no append-only file): no
            # directory of its own to leave behind.
            "--dir",
            tempfile.gettempdir(),
            "--loglevel",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        ping = subprocess.run(
            ["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True, check=False
        )
        if ping.stdout.strip() == "PONG":
            return process, f"redis://127.0.0.1:{port}/0"
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"redis-server did not answer on port {port}")


class _Form(HTMLParser):
    """The fields of the admin's page edit form, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self._in_form = False
        self._textarea = None
        self._select = None
        self._select_value = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "page-edit-form":
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select, self._select_value = name, None
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            if "selected" in attrs:
                if self._multiple:
                    self.fields.append((self._select, attrs.get("value", "")))
                else:
                    self._select_value = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._multiple and self._select_value is not None:
                self.fields.append((self._select, self._select_value))
            self._select = None


class Admin:
    """A logged-in admin session on one instance."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path):
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode([*fields, ("csrfmiddlewaretoken", self._csrf())]).encode()
        request = urllib.request.Request(
            self.base + path, data=data, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.geturl(), response.read().decode()

    def login(self):
        self.get("/admin/login/")
        status, url, _ = self.post(
            "/admin/login/", [("username", ADMIN_USERNAME), ("password", ADMIN_PASSWORD)]
        )
        if "/admin/login/" in url:
            raise RuntimeError("could not log in to the admin")

    def publish_with_title(self, pk, title):
        form = _Form()
        form.feed(self.get(f"/admin/pages/{pk}/edit/"))
        fields = [(k, v) for k, v in form.fields if k not in ("title", "title_en")]
        fields += [("title", title), ("title_en", title), ("action-publish", "action-publish")]
        status, url, body = self.post(f"/admin/pages/{pk}/edit/", fields)
        if url.endswith(f"/admin/pages/{pk}/edit/"):  # the form again: it did not publish
            raise RuntimeError(f"publishing page {pk} through the admin failed (form errors)")

    def unpublish(self, pk):
        self.get(f"/admin/pages/{pk}/unpublish/")
        self.post(f"/admin/pages/{pk}/unpublish/", [])


@dataclass(frozen=True)
class StalenessOptions:
    """How B is polled after each change on A (seconds)."""

    fresh_within_s: float = 1.0  # B must serve the change within this
    # Polling goes on this long after the change, to measure how late a late
    # answer is; no fresh answer by then: never served.
    give_up_s: float = 10.0
    request_timeout_s: float = 10.0  # one request to B; capped by give_up_s
    interval_s: float = 0.05

    @classmethod
    def from_env(cls):
        env = os.environ.get
        return cls(
            fresh_within_s=float(env("LOAD_FRESH_WITHIN_S", cls.fresh_within_s)),
            give_up_s=float(env("LOAD_POLL_SECONDS", cls.give_up_s)),
            request_timeout_s=float(env("LOAD_POLL_TIMEOUT", cls.request_timeout_s)),
        )


def _fetch(url, timeout):
    """(status, body); status None when B did not answer (a timeout, a refused
    or reset connection): under load that happens, and it is counted, not
    raised — one slow answer must not end the check."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (OSError, http.client.HTTPException):  # URLError, TimeoutError, resets
        return None, ""


def _poll(name, url, is_fresh, changed_at, options):
    """Poll one of B's URLs until it serves the change; what it answered."""
    deadline = changed_at + options.give_up_s
    stale = errors = unanswered = 0
    took = None
    while (now := time.monotonic()) < deadline:
        status, body = _fetch(url, max(0.05, min(options.request_timeout_s, deadline - now)))
        if status is None:
            unanswered += 1
        elif status >= 500:
            errors += 1
        elif is_fresh(name, status, body):
            took = time.monotonic() - changed_at
            break
        else:
            stale += 1
        time.sleep(options.interval_s)
    return {
        "fresh_after_s": took,
        "stale_answers": stale,
        "errors_5xx": errors,
        "unanswered": unanswered,
    }


def _wait_fresh(urls, is_fresh, changed_at, options):
    """Poll each of B's ``urls`` at once, from ``changed_at`` (the moment A
    answered the change, i.e. after its commit): per URL the seconds until a
    fresh answer arrived (None: none within ``give_up_s``), the stale answers
    (every answer here is to a request sent after the commit), the 5xx and
    the requests B did not answer."""
    with ThreadPoolExecutor(max_workers=len(urls)) as pool:
        futures = {
            name: pool.submit(_poll, name, url, is_fresh, changed_at, options)
            for name, url in urls.items()
        }
        return {name: future.result() for name, future in futures.items()}


def _shows(marker):
    def fresh(name, status, body):
        return status == 200 and marker in body

    return fresh


def _gone(marker):
    def fresh(name, status, body):
        if name in ("event page", "API detail"):
            return status == 404
        return status == 200 and marker not in body

    return fresh


def checked_urls(base_b, site, event):
    """The URLs of B that must show a change of ``event``, by name."""
    return {
        "event page": f"{base_b}/ja/events/{event['slug']}/",
        "month view": f"{base_b}/ja/events/month/{site['month_slug']}/",
        "iCal feed": f"{base_b}/ja/events/feed.ics",
        "API detail": f"{base_b}/api/v2/events/{event['pk']}/",
    }


def staleness_check(base_a, base_b, site, stop_after_s, options):
    """Publish/edit/unpublish cycles on A, each checked on B; the summary."""
    admin = Admin(base_a)
    admin.login()
    checks = []
    cycle = 0
    started = time.monotonic()
    while time.monotonic() - started < stop_after_s:
        for event in site["month_events"]:
            if time.monotonic() - started >= stop_after_s:
                break
            cycle += 1
            pk = event["pk"]
            urls = checked_urls(base_b, site, event)
            previous = None
            for action in ("edit", "unpublish", "publish"):
                marker = f"scale-out-{cycle}-{action}"
                if action == "unpublish":
                    admin.unpublish(pk)
                    fresh = _gone(previous)
                else:
                    admin.publish_with_title(pk, f"Scale-out check {marker}")
                    fresh = _shows(marker)
                changed_at = time.monotonic()
                outcome = _wait_fresh(urls, fresh, changed_at, options)
                checks.append({"action": action, "pk": pk, "urls": outcome})
                previous = marker
    return summarise(checks, options)


def summarise(checks, options):
    """Per URL of B: checks, late ones (no fresh answer within
    ``fresh_within_s``; ``never``: none within ``give_up_s``), stale answers,
    unanswered requests (timeouts, connection errors), 5xx, the longest delay."""
    per_url = {}
    for check in checks:
        for name, r in check["urls"].items():
            row = per_url.setdefault(
                name,
                dict.fromkeys(
                    ("checks", "late", "never", "stale_answers", "unanswered", "errors_5xx"), 0
                )
                | {"max_s": 0.0},
            )
            row["checks"] += 1
            row["stale_answers"] += r["stale_answers"]
            row["unanswered"] += r["unanswered"]
            row["errors_5xx"] += r["errors_5xx"]
            took = r["fresh_after_s"]
            if took is None:
                row["never"] += 1
                row["late"] += 1
            else:
                row["late"] += took > options.fresh_within_s
                row["max_s"] = max(row["max_s"], took)
    return {
        "changes": len(checks),
        "fresh_within_s": options.fresh_within_s,
        "give_up_s": options.give_up_s,
        "per_url": per_url,
    }


def staleness_failed(summary):
    """A failed run: no check made (or the check stopped), a late or stale
    answer, a request B did not answer, a 5xx."""
    return not summary.get("changes") or any(
        row["late"] or row["stale_answers"] or row["unanswered"] or row["errors_5xx"]
        for row in summary["per_url"].values()
    )


def format_staleness(summary):
    if "error" in summary:
        return f"staleness check: stopped by {summary['error']}"
    if not summary.get("changes"):
        return "staleness check: no change was made"
    lines = [
        f"staleness check: {summary['changes']} admin changes on A, each checked on B "
        f"(fresh within {summary['fresh_within_s']:g} s; polled up to {summary['give_up_s']:g} s)",
        f"{'on B':<12} {'checks':>7} {'late':>5} {'never':>6} {'stale':>6} "
        f"{'unanswered':>11} {'5xx':>4} {'max s':>7}",
    ]
    for name, row in summary["per_url"].items():
        lines.append(
            f"{name:<12} {row['checks']:>7} {row['late']:>5} {row['never']:>6} "
            f"{row['stale_answers']:>6} {row['unanswered']:>11} {row['errors_5xx']:>4} "
            f"{row['max_s']:>7.3f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - run through benchmarks.load
    sys.exit("run `make load` (python -m benchmarks.load)")
