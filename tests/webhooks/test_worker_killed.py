"""The task worker (django-tasks-db's ``db_worker``, as in production) killed
with SIGKILL while a webhook POST is in flight: the delivery is not lost. The
killed run saved nothing, a restarted worker does not take the task up again
(django-tasks-db leaves it "running"), and the retry command from cron sends
it: at-least-once, the receiver seeing the same delivery id and body twice.

Real processes on a database file of their own (a worker and the commands
share it as they would PostgreSQL in production).
"""

import threading
from http.server import BaseHTTPRequestHandler

from tests.local_http import serving
from tests.site_processes import SiteProcesses

SEED = """
from tests.factories import make_calendar, make_event
from wagtail_eventcal.models import WebhookEndpoint
calendar = make_calendar()
WebhookEndpoint.objects.create(name="Front-end", url={url!r})
make_event(calendar, title_en="Hiring seminar", slug="hiring-seminar")
"""
STATE = """
from django_tasks_db.models import DBTaskResult
from wagtail_eventcal.models import WebhookDelivery
for d in WebhookDelivery.objects.all():
    print("delivery", d.pk, d.sent_at is not None, d.attempts)
print("running tasks", DBTaskResult.objects.filter(status="RUNNING").count())
"""


class StallingReceiver(BaseHTTPRequestHandler):
    """Holds the first POST unanswered (the worker is killed meanwhile);
    answers the next ones 204."""

    received = []
    first_arrived = threading.Event()
    release = threading.Event()

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.headers["X-Eventcal-Delivery"], body))
        if len(self.received) == 1:
            self.first_arrived.set()
            self.release.wait(30)
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_worker_killed_during_a_delivery_loses_nothing(tmp_path):
    site = SiteProcesses(tmp_path, DJANGO_SETTINGS_MODULE="benchmarks.settings", LOAD_TASKS_DB="1")
    site.manage("migrate", "--noinput")
    with serving(StallingReceiver) as url:
        site.shell(SEED.format(url=f"{url}/hook"))
        with site.worker_killed_when(StallingReceiver.first_arrived):
            pass
        StallingReceiver.release.set()
        assert "delivery 1 False 0" in site.shell(STATE)  # nothing recorded by the killed run

        # A new worker does not take the interrupted task up again...
        site.manage("db_worker", "--batch", "--no-startup-delay")
        after_restart = site.shell(STATE)
        assert "delivery 1 False 0" in after_restart
        assert "running tasks 1" in after_restart
        assert len(StallingReceiver.received) == 1
        # ...the retry command (cron) sends it.
        assert site.manage("eventcal_send_webhooks").strip() == "1 sent, 0 endpoint(s) failing."
        assert "delivery 1 True 1" in site.shell(STATE)

    first, second = StallingReceiver.received
    assert first == second  # same delivery id, same bytes: the receiver's idempotency key
    assert first[0] == "1" and b"hiring-seminar" in first[1]
