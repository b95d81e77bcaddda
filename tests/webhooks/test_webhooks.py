import io
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from wagtail.users.models import UserProfile

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
    signed = {"delivery": headers["X-Eventcal-Delivery"], "action": headers["X-Eventcal-Action"]}
    assert signing.verify(endpoint.secret, headers[signing.HEADER], body, **signed)
    assert not signing.verify("another secret", headers[signing.HEADER], body, **signed)
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
    signed = {"delivery": "7", "action": "published"}
    header = signing.signature_header("s3cret", body, timestamp=1_000_000, **signed)
    assert signing.verify("s3cret", header, body, now=1_000_100, **signed)
    assert not signing.verify("s3cret", header, body, now=1_000_000 + 301, **signed)  # too old
    assert not signing.verify("s3cret", header, b'{"id": 2}', now=1_000_100, **signed)
    assert not signing.verify("s3cret", "garbage", body, **signed)
    # The delivery number and the action headers are signed too.
    for changed in ({"delivery": "8"}, {"action": "deleted"}):
        assert not signing.verify("s3cret", header, body, now=1_000_100, **{**signed, **changed})


@pytest.mark.parametrize(
    "header",
    [
        "t={now},v2=é",  # raised TypeError (non-ASCII into compare_digest)
        "t={now},v1=é",
        "t={now},v2=" + "é" * 64,
        "t={now},v2=" + "A" * 64,
        "t={now},v2=",
        "t=١٢٣,v2=" + "0" * 64,  # int() reads Arabic-Indic digits
        "t=+{now},v2=" + "0" * 64,
        "t=" + "9" * 400 + ",v2=" + "0" * 64,
        "t={now},t={now},v2=" + "0" * 64,
        "t={now}",
        "v2",
        ",,,",
        "=",
        "",
        None,
        b"t=1,v2=00",
        42,
    ],
)
def test_verify_returns_false_on_any_malformed_header(header):
    now = 1_000_000
    if isinstance(header, str):
        header = header.replace("{now}", str(now))
    assert signing.verify("s", header, b"{}", delivery="1", action="published", now=now) is False


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


INTERNAL_URLS = [
    "http://127.0.0.1:{port}/hook",
    "http://localhost:{port}/hook",
    "http://[::1]:{port}/hook",
    "http://localhost:5432/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/hook",
    "http://[::ffff:127.0.0.1]:{port}/hook",
]


def test_endpoints_on_internal_addresses_are_refused_without_a_connection(
    client, calendar, receiver, dead_url, settings, django_capture_on_commit_callbacks
):
    """Whether something listens on an internal port or not, the delivery is
    not attempted and the Deliveries page says the same neutral sentence: the
    admin is no port scanner."""
    settings.EVENTCAL_WEBHOOK_ALLOWED_HOSTS = ()
    port = receiver.url.split(":")[2].split("/")[0]
    dead_port = dead_url.split(":")[2].split("/")[0]
    urls = [url.format(port=port) for url in INTERNAL_URLS] + [dead_url]
    for n, url in enumerate(urls):
        WebhookEndpoint.objects.create(name=f"Internal {n}", url=url)
    with django_capture_on_commit_callbacks(execute=True):
        publish(draft(calendar))
    assert receiver.received == []
    deliveries = WebhookDelivery.objects.all()
    assert len(deliveries) == len(urls)
    assert {d.last_error for d in deliveries} == {"AddressRefused: internal_address"}
    assert all(d.sent_at is None and d.response_status is None for d in deliveries)

    reviewer = Cast(calendar).reviewer
    client.force_login(reviewer)
    page = client.get(reverse("eventcal_webhooks:deliveries")).content.decode()
    assert page.count("送信先が公開アドレスではありません") == len(urls)
    for oracle in ("Connection refused", "RemoteDisconnected", "Errno", "HTTP 4", f":{dead_port}"):
        assert oracle not in page
    UserProfile.objects.filter(user=reviewer).update(preferred_language="en")
    page = client.get(reverse("eventcal_webhooks:deliveries")).content.decode()
    assert page.count("Not sent: the endpoint is not on a public address") == len(urls)


def test_allowed_internal_hosts_are_reached_at_the_checked_address(
    calendar, receiver, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """EVENTCAL_WEBHOOK_ALLOWED_HOSTS lets the demo's receiver on 127.0.0.1
    through; the POST goes to the address that was checked, even when the
    name answers otherwise a moment later (DNS rebinding)."""
    from wagtail_eventcal import outbound

    settings.EVENTCAL_WEBHOOK_ALLOWED_HOSTS = ["127.0.0.0/8"]
    real_getaddrinfo = outbound.socket.getaddrinfo
    answers = ["127.0.0.1", "10.9.9.9", "10.9.9.9"]

    def rebinding_getaddrinfo(host, port, *args, **kwargs):
        if host == "hooks.example.org":
            host = answers.pop(0)
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(outbound.socket, "getaddrinfo", rebinding_getaddrinfo)
    port = receiver.url.split(":")[2].split("/")[0]
    WebhookEndpoint.objects.create(name="Demo", url=f"http://hooks.example.org:{port}/hook")
    with django_capture_on_commit_callbacks(execute=True):
        publish(draft(calendar))
    assert [p["action"] for p in receiver.payloads] == ["published"]
    assert receiver.received[0][0]["Host"] == f"hooks.example.org:{port}"
    # The next lookup answers an address outside the list: refused.
    with django_capture_on_commit_callbacks(execute=True):
        publish(draft(calendar))
    assert WebhookDelivery.objects.latest("pk").last_error == "AddressRefused: internal_address"
