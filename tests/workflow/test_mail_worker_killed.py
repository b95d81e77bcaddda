"""The task worker killed with SIGKILL while the mail server has a
notification mail's text but has not answered yet: the mail is not lost. The
killed run saved nothing, and ``eventcal_send_mail`` (cron) sends it again
with the same Message-ID (at-least-once; the repetition is recognisable).

Real processes (``db_worker`` with the production settings, SMTP to a real
socket) on a database file of their own.
"""

import re
import socketserver
import threading

from tests.site_processes import SiteProcesses

SEED = """
from django.db import transaction
from wagtail_eventcal import outbox
from wagtail_eventcal.models import Notification
from wagtail_eventcal.workflow.notifications import deliver_notification
with transaction.atomic():
    n = Notification.objects.create(
        kind="receipt", recipient="official@example.org", language="en",
        subject="Your submission was received", body_text="Thank you.",
    )
    outbox.enqueue_after_commit(deliver_notification, n.pk)
"""
STATE = """
from wagtail_eventcal.models import Notification
for n in Notification.objects.all():
    print("mail", n.pk, n.sent_at is not None, n.attempts)
"""


class StallingSMTP(socketserver.StreamRequestHandler):
    """Just enough SMTP: takes the first message's text and then holds the
    answer (the worker is killed meanwhile); accepts the next ones."""

    messages = []
    first_arrived = threading.Event()
    release = threading.Event()

    def reply(self, line):
        self.wfile.write(line + b"\r\n")

    def handle(self):
        self.reply(b"220 test ESMTP")
        for line in self.rfile:
            command = line[:4].upper()
            if command == b"DATA":
                self.reply(b"354 go on")
                text = b"".join(iter(self.rfile.readline, b".\r\n"))
                self.messages.append(text)
                if len(self.messages) == 1:
                    self.first_arrived.set()
                    self.release.wait(30)
                self.reply(b"250 queued")
            elif command == b"QUIT":
                self.reply(b"221 bye")
                return
            else:
                self.reply(b"250 ok")


def test_a_worker_killed_during_a_mail_loses_nothing(tmp_path):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), StallingSMTP)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = SiteProcesses(
        tmp_path,
        DJANGO_SETTINGS_MODULE="example_site.settings_prod",
        DJANGO_SECRET_KEY="worker-killed-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        DJANGO_HTTPS="0",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(server.server_address[1]),
    )
    try:
        site.manage("migrate", "--noinput")
        site.shell(SEED)
        with site.worker_killed_when(StallingSMTP.first_arrived):
            pass
        StallingSMTP.release.set()
        assert "mail 1 False 0" in site.shell(STATE)  # nothing recorded by the killed run

        assert site.manage("eventcal_send_mail").strip() == "1 sent, 0 failed."
        assert "mail 1 True 1" in site.shell(STATE)
    finally:
        server.shutdown()
        server.server_close()

    first, second = StallingSMTP.messages
    ids = [re.search(rb"^Message-ID: (.+?)\r?$", m, re.M | re.I).group(1) for m in (first, second)]
    assert ids[0] == ids[1] and ids[0].startswith(b"<eventcal-notification-1.")
    assert b"Your submission was received" in first
