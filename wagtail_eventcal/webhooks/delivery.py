"""Stored webhook deliveries: recorded with the change, POSTed after commit,
retried with exponential back-off (the outbox of ``outbox.py``).

Deliveries to one endpoint go out in the order of the changes: a run sends
that endpoint's pending deliveries oldest first and stops at the first
failure, so a later change never overtakes an earlier one. The body carries
its own ``X-Eventcal-Delivery`` number for receivers that want to check.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .. import outbox
from ..conf import get_setting
from ..outbound import CheckFailed, open_connection
from . import signing


class EndpointRefused(Exception):
    pass


class AddressRefused(Exception):
    """Not sent, nothing connected: the endpoint is not a public http(s)
    address (its code is one of ``WebhookDelivery.REFUSALS``). The same
    words for every internal address, so that the Deliveries page tells a
    reviewer nothing about what listens inside the network."""


def post(delivery):
    """POST one delivery; returns the HTTP status, raises unless it is 2xx.

    The endpoint is resolved and checked like a detail URL: a loopback,
    private, link-local or reserved address is refused unless
    ``WEBHOOK_ALLOWED_HOSTS`` names it, and the POST goes to the address
    that was checked. Redirects are not followed (a redirected POST would
    become a GET elsewhere): a 3xx is a failure.
    """
    body = delivery.body.encode()
    number, action = str(delivery.pk), delivery.action
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "wagtail-eventcal-webhooks",
        "X-Eventcal-Delivery": number,
        "X-Eventcal-Action": action,
        signing.HEADER: signing.signature_header(
            delivery.endpoint.secret, body, delivery=number, action=action
        ),
    }
    try:
        connection, path = open_connection(
            delivery.endpoint.url,
            get_setting("WEBHOOK_TIMEOUT"),
            allowed_hosts=get_setting("WEBHOOK_ALLOWED_HOSTS"),
        )
    except CheckFailed as refusal:
        raise AddressRefused(refusal.code) from None
    try:
        connection.request("POST", path, body=body, headers=headers)
        status = connection.getresponse().status
    finally:
        connection.close()
    delivery.response_status = status
    if not 200 <= status < 300:
        raise EndpointRefused(f"HTTP {status}")
    return status


def record(page, action):
    """Store one delivery per active endpoint for this change (inside the
    change's transaction) and send them once it commits."""
    from ..models import WebhookDelivery, WebhookEndpoint
    from .payload import build

    endpoints = list(WebhookEndpoint.objects.filter(is_active=True))
    if not endpoints:
        return
    body = build(page, action)
    for endpoint in endpoints:
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, action=action, page_id=page.pk, body=body
        )
        outbox.enqueue_after_commit(deliver_webhook, delivery.pk)


def backoff(attempts):
    return timedelta(seconds=get_setting("WEBHOOK_RETRY_SECONDS") * 2 ** (attempts - 1))


def send_pending(endpoint_id, up_to=None, *, when_due=False):
    """Send an endpoint's pending deliveries, oldest first, up to the first
    failure. Returns (sent, the delivery that failed or None). ``when_due``:
    nothing while the oldest one waits for its back-off (the retry command;
    a new change tries the older ones at once)."""
    from ..models import WebhookDelivery

    pending = (
        WebhookDelivery.objects.filter(
            endpoint_id=endpoint_id,
            sent_at__isnull=True,
            attempts__lt=get_setting("WEBHOOK_MAX_ATTEMPTS"),
        )
        .select_related("endpoint")
        .order_by("pk")
    )
    if up_to is not None:
        pending = pending.filter(pk__lte=up_to)
    if when_due:
        waiting_until = pending.values_list("next_attempt_at", flat=True).first()
        if waiting_until is not None and waiting_until > timezone.now():
            return 0, None
    sent = 0
    for delivery in pending:
        if not outbox.attempt(delivery, backoff):
            return sent, delivery
        sent += 1
    return sent, None


@task()
def deliver_webhook(pk):
    from ..models import WebhookDelivery

    delivery = WebhookDelivery.objects.filter(pk=pk).only("endpoint_id").first()
    if delivery is None:
        return
    _sent, failed = send_pending(delivery.endpoint_id, up_to=pk)
    if failed is not None:
        outbox.retry_later(
            deliver_webhook,
            failed,
            max_attempts=get_setting("WEBHOOK_MAX_ATTEMPTS"),
            delay=backoff,
        )
