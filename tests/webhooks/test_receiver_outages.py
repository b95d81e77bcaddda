"""Receivers down for an hour (the mail server, a webhook endpoint) while
the retry commands run from cron every five minutes: nothing is lost, each
message goes out once the receiver is back, within its back-off."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories import jst, make_event
from wagtail_eventcal.models import Notification, WebhookDelivery, WebhookEndpoint
from wagtail_eventcal.workflow.notifications import deliver_notification

pytestmark = pytest.mark.django_db
CRON = timedelta(minutes=5)
OUTAGE = timedelta(hours=1)


def cron_until(time_machine, command, done, *, down_until, receiver_up, limit):
    """Run ``command`` every five minutes; the receiver comes back at
    ``down_until``. Returns the time of the run after which ``done()``."""
    while timezone.now() <= limit:
        time_machine.shift(CRON)
        if timezone.now() >= down_until:
            receiver_up()
        call_command(command, stdout=io.StringIO())
        if done():
            return timezone.now()
    return None


def test_a_mail_server_down_for_an_hour_loses_no_mail(time_machine, use_mail_backend):
    time_machine.move_to(jst(2026, 12, 1, 9, 0), tick=False)
    started = timezone.now()
    use_mail_backend("tests.failing_mail.FailingBackend")
    mails = [
        Notification.objects.create(
            kind="receipt",
            recipient=f"person{n}@example.org",
            language="ja",
            subject=f"件名{n}",
            body_text="本文",
            body_html="<p>本文</p>",
        )
        for n in range(3)
    ]
    for notification in mails:
        deliver_notification.call(notification.pk)  # the worker's first try fails

    delivered_at = cron_until(
        time_machine,
        "eventcal_send_mail",
        lambda: not Notification.objects.filter(sent_at__isnull=True).exists(),
        down_until=started + OUTAGE,
        receiver_up=lambda: use_mail_backend("django.core.mail.backends.locmem.EmailBackend"),
        limit=started + 3 * OUTAGE,
    )
    assert delivered_at is not None, Notification.objects.values("attempts", "last_error")
    assert delivered_at - (started + OUTAGE) <= timedelta(minutes=45)
    assert sorted(m.to[0] for m in mail.outbox) == [n.recipient for n in mails]
    # Retried with back-off (10, 20, 30 minutes...), not at every cron run.
    assert all(n.attempts <= 5 for n in Notification.objects.all())


def test_a_mail_sent_twice_is_recognisably_one_message(use_mail_backend):
    use_mail_backend("django.core.mail.backends.locmem.EmailBackend")
    notification = Notification.objects.create(
        kind="receipt", recipient="a@example.org", language="en", subject="S", body_text="T"
    )
    notification.send()
    notification.send()  # a worker killed before it recorded the first
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    assert f"eventcal-notification-{notification.pk}." in first.message()["Message-ID"]


def test_a_webhook_endpoint_down_for_an_hour_gets_every_change_in_order(
    calendar, receiver, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(jst(2026, 12, 1, 9, 0), tick=False)
    started = timezone.now()
    WebhookEndpoint.objects.create(name="Front-end", url=receiver.url)
    receiver.statuses = [503] * 1000
    with django_capture_on_commit_callbacks(execute=True):
        events = [make_event(calendar, start=jst(2026, 12, 10 + n, 10)) for n in range(3)]
    assert WebhookDelivery.objects.filter(sent_at__isnull=True).count() == 3

    def endpoint_up():
        receiver.statuses = []

    delivered_at = cron_until(
        time_machine,
        "eventcal_send_webhooks",
        lambda: not WebhookDelivery.objects.filter(sent_at__isnull=True).exists(),
        down_until=started + OUTAGE,
        receiver_up=endpoint_up,
        limit=started + 3 * OUTAGE,
    )
    assert delivered_at is not None, list(WebhookDelivery.objects.values("attempts", "last_error"))
    assert delivered_at - (started + OUTAGE) <= timedelta(minutes=35)
    assert [p["id"] for p in receiver.payloads] == [event.pk for event in events]
