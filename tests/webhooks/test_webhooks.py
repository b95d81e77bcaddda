import io
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from tests.factories import make_event, make_user
from tests.review_helpers import Cast
from wagtail_eventcal.models import EventPage, WebhookDelivery, WebhookEndpoint
from wagtail_eventcal.webhooks import signing
from wagtail_eventcal.webhooks.delivery import backoff


@pytest.fixture
def endpoint(receiver, db):
    return WebhookEndpoint.objects.create(name="Front-end", url=receiver.url)


def publish(page):
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk) if isinstance(page, EventPage) else page


def draft(calendar, **kwargs):
    return make_event(calendar, publish=False, **kwargs)


def test_publication_posts_a_signed_payload(
    calendar, endpoint, receiver, django_capture_on_commit_callbacks
):
    event = draft(calendar, slug="hiring-seminar")
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    [(headers, body)] = receiver.received
    assert signing.verify(endpoint.secret, headers[signing.HEADER], body)
    assert not signing.verify("another secret", headers[signing.HEADER], body)
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    payload = receiver.payloads[0]
    assert payload["type"] == "event"
    assert payload["id"] == event.pk
    assert payload["action"] == "published"
    assert payload["languages"] == ["ja", "en"]
    assert payload["urls"]["ja"].endswith("/ja/events/hiring-seminar/")
    assert payload["urls"]["en"].endswith("/en/events/hiring-seminar/")
    assert payload["api_urls"]["en"].endswith(f"/api/v2/events/{event.pk}/?lang=en")
    # One rule for absolute URLs (issue 13): the configured base URL.
    assert payload["urls"]["en"] == "http://testserver/en/events/hiring-seminar/"
    assert payload["api_urls"]["en"].startswith("http://testserver/api/v2/")
    assert payload["publication_token"] >= 1
    delivery = WebhookDelivery.objects.get()
    assert headers["X-Eventcal-Delivery"] == str(delivery.pk)
    assert delivery.sent_at and delivery.response_status == 204 and delivery.attempts == 1


def test_each_change_of_a_live_event_in_order(
    calendar, endpoint, receiver, django_capture_on_commit_callbacks
):
    event = draft(calendar)
    with django_capture_on_commit_callbacks(execute=True):
        event = publish(event)
        event.title_en = "Changed"
        event = publish(event)
        event.unpublish()
        event = publish(EventPage.objects.get(pk=event.pk))
        EventPage.objects.get(pk=event.pk).delete()
    assert [p["action"] for p in receiver.payloads] == [
        "published",
        "updated",
        "unpublished",
        "published",
        "deleted",
    ]
    numbers = [int(headers["X-Eventcal-Delivery"]) for headers, _body in receiver.received]
    assert numbers == sorted(numbers)


def test_calendar_changes_are_sent_too(
    calendar, endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        calendar.save_revision().publish()
    [payload] = receiver.payloads
    assert (payload["type"], payload["id"], payload["action"]) == (
        "calendar",
        calendar.pk,
        "updated",
    )


def test_drafts_and_inactive_endpoints_send_nothing(
    calendar, endpoint, receiver, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(name="Off", url=receiver.url, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        event = draft(calendar)
        event.title_en = "Still a draft"
        event.save_revision()
        EventPage.objects.get(pk=event.pk).delete()  # never public: nothing to tell
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_a_rolled_back_change_sends_nothing(calendar, endpoint, receiver, transactional_db):
    event = draft(calendar)
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(event)
        raise RuntimeError("the publication fails after the signal")
    assert not WebhookDelivery.objects.exists()
    publish(EventPage.objects.get(pk=event.pk))  # committed: sent after commit
    assert [p["action"] for p in receiver.payloads] == ["published"]


def test_a_dead_endpoint_never_blocks_publishing(
    calendar, dead_url, receiver, django_capture_on_commit_callbacks, settings
):
    settings.EVENTCAL_WEBHOOK_TIMEOUT = 1
    dead = WebhookEndpoint.objects.create(name="Dead", url=dead_url)
    WebhookEndpoint.objects.create(name="Alive", url=receiver.url)
    event = draft(calendar)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        event = publish(event)
    assert time.monotonic() - started < 3
    assert EventPage.objects.get(pk=event.pk).live
    failed = WebhookDelivery.objects.get(endpoint=dead)
    assert failed.sent_at is None and failed.attempts == 1
    assert "Connection refused" in failed.last_error or "URLError" in failed.last_error
    assert [p["action"] for p in receiver.payloads] == ["published"]  # the live one got it


def test_retries_keep_the_order_of_changes(
    calendar, endpoint, receiver, django_capture_on_commit_callbacks, time_machine
):
    receiver.statuses = [500, 500]  # the first two POSTs fail
    event = draft(calendar)
    with django_capture_on_commit_callbacks(execute=True):
        event = publish(event)
        event.title_en = "Changed"
        publish(event)
    # The second change's run tried the first one again (it failed again)
    # and left the second waiting behind it.
    assert receiver.received == []
    first, second = WebhookDelivery.objects.order_by("pk")
    assert (first.attempts, first.response_status, first.last_error) == (
        2,
        500,
        "EndpointRefused: HTTP 500",
    )
    assert second.attempts == 0
    call_command("eventcal_send_webhooks", stdout=io.StringIO())  # the back-off runs
    assert receiver.received == []
    time_machine.move_to(first.next_attempt_at)
    call_command("eventcal_send_webhooks", stdout=io.StringIO())
    assert [p["action"] for p in receiver.payloads] == ["published", "updated"]
    first.refresh_from_db()
    assert first.attempts == 3 and first.sent_at is not None


def test_back_off_doubles(settings):
    settings.EVENTCAL_WEBHOOK_RETRY_SECONDS = 30
    assert [backoff(n) for n in (1, 2, 3, 4)] == [
        timedelta(seconds=30),
        timedelta(seconds=60),
        timedelta(seconds=120),
        timedelta(seconds=240),
    ]


def test_signature_refuses_replays_and_tampering():
    body = b'{"id": 1}'
    header = signing.signature_header("s3cret", body, timestamp=1_000_000)
    assert signing.verify("s3cret", header, body, now=1_000_100)
    assert not signing.verify("s3cret", header, body, now=1_000_000 + 301)  # too old
    assert not signing.verify("s3cret", header, b'{"id": 2}', now=1_000_100)
    assert not signing.verify("s3cret", "garbage", body)


def test_reviewers_manage_endpoints_and_resend(
    client, calendar, endpoint, receiver, django_capture_on_commit_callbacks
):
    cast = Cast(calendar)
    receiver.statuses = [503]
    with django_capture_on_commit_callbacks(execute=True):
        publish(draft(calendar))
    delivery = WebhookDelivery.objects.get()
    client.force_login(cast.reviewer)
    listing = client.get(reverse("eventcal_webhooks:index"))
    assert listing.status_code == 200 and "Front-end" in listing.content.decode()
    page = client.get(reverse("eventcal_webhooks:deliveries"), {"endpoint": endpoint.pk})
    text = page.content.decode()
    assert "EndpointRefused: HTTP 503" in text
    assert reverse("eventcal_webhooks:resend", args=[delivery.pk]) in text
    assert (
        client.get(reverse("eventcal_webhooks:deliveries"), {"endpoint": "9" * 30}).status_code
        == 200
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("eventcal_webhooks:resend", args=[delivery.pk]))
    assert response.status_code == 302
    assert [p["action"] for p in receiver.payloads] == ["published"]
    delivery.refresh_from_db()
    assert delivery.sent_at is not None


def test_submitters_and_proxies_see_no_webhooks(client, calendar, endpoint):
    cast = Cast(calendar)
    for user in (cast.submitter, make_user("stranger")):
        client.force_login(user)
        for url in (
            reverse("eventcal_webhooks:index"),
            reverse("eventcal_webhooks:deliveries"),
        ):
            assert client.get(url).status_code in (302, 403), (user, url)
        assert client.post(reverse("eventcal_webhooks:resend", args=[1])).status_code in (302, 403)


@pytest.mark.real_clock  # the receiver checks the signature's time with its own clock
def test_the_example_receiver_logs_a_signed_post_as_the_publication_commits(
    calendar, dead_url, django_capture_on_commit_callbacks
):
    """`make webhook-receiver` (example_site/webhook_receiver.py) checks the
    signature and logs the change as soon as the publication commits."""
    import subprocess
    import sys
    from pathlib import Path

    port = dead_url.split(":")[2].split("/")[0]
    script = Path(__file__).resolve().parents[2] / "example_site" / "webhook_receiver.py"
    receiver = subprocess.Popen(
        [sys.executable, str(script), "--port", port, "--secret", "shared"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert "Listening" in receiver.stdout.readline()
        WebhookEndpoint.objects.create(name="Example", url=dead_url, secret="shared")
        WebhookEndpoint.objects.create(name="Forged", url=dead_url, secret="not shared")
        event = draft(calendar)
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            publish(event)
        lines = [receiver.stdout.readline(), receiver.stdout.readline()]
        # Sent at the commit, not at a later poll; the bound is loose because
        # a loaded CI machine is slow (speed belongs to the benchmarks).
        assert time.monotonic() - started < 5
    finally:
        receiver.terminate()
        receiver.wait()
    assert f"published event {event.pk}" in lines[0] and "signature ok" in lines[0]
    assert "REFUSED" in lines[1]
    assert WebhookDelivery.objects.get(endpoint__name="Forged").last_error == (
        "EndpointRefused: HTTP 401"
    )
