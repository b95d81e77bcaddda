"""Every public page, in both languages, error pages included, passes the
Nu HTML Checker (the W3C validator's engine, npm ``vnu-jar`` on Debian's
JRE) with zero errors (issue 13, item 3).

The pages come from the demo data (``load_demo``): list, later list pages,
filtered list, month grid (this month and the next), a day view (and its
empty state), archive, every event
page, the home page, the 400 page of an impossible date and of an unknown
value, and a 404.
"""

import json
import subprocess
from datetime import date

import pytest
from django.core.management import call_command
from wagtail.models import Page

from tests import tools
from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db


def public_urls():
    next_month = date.today().replace(day=28).toordinal() + 7
    month = date.fromordinal(next_month).strftime("%Y-%m")
    events = [page.slug for page in EventPage.objects.live().public()]
    first = EventPage.objects.live().public().filter(start__gte=date.today()).order_by("start")[0]
    busy_day = first.local_start.date().isoformat()
    urls = []
    for lang in ("ja", "en"):
        urls += [
            f"/{lang}/",
            f"/{lang}/events/",
            f"/{lang}/events/?page=2",
            f"/{lang}/events/?category=seminar&format=online",
            f"/{lang}/events/?q=zzzzzz",  # no result: the empty state
            f"/{lang}/events/month/",
            f"/{lang}/events/month/{month}/",
            f"/{lang}/events/day/{busy_day}/",  # "+N more" (issue 17)
            f"/{lang}/events/day/{busy_day}/?category=seminar&q=zzzzzz",  # empty
            f"/{lang}/events/archive/",
            f"/{lang}/events/?date_from=2026-02-31",  # 400: impossible date
            f"/{lang}/events/month/?category=nonsense",  # 400: unknown value
            f"/{lang}/no-such-page/",  # 404
            *(f"/{lang}/events/{slug}/" for slug in events),
        ]
    return urls


def nu_errors(documents, tmp_path):
    """{name: [messages]} of the Nu checker's errors over ``documents``."""
    files = {}
    for number, (name, body) in enumerate(documents.items()):
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(body)
        files[path.name] = name
    result = subprocess.run(
        [*tools.vnu(), "--format", "json", "--stdout", *map(str, tmp_path.glob("*.html"))],
        capture_output=True,
        timeout=300,
    )
    errors = {}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] in ("error", "non-document-error"):
            url = message.get("url", "")
            name = files.get(url.rsplit("/", 1)[-1], url)
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message['message']} "
                f"[{message.get('extract', '').strip()}]"
            )
    return errors


def test_nu_checker_finds_no_error_on_any_public_page(client, tmp_path, settings):
    # One event a day cell: the month grids carry "+N more" links.
    settings.EVENTCAL_MONTH_EVENTS_PER_DAY = 1
    checker = tools.vnu()  # before the demo data: skip early when missing
    assert checker
    call_command("load_demo", events=30, stdout=open("/dev/null", "w"))
    assert Page.objects.filter(slug="events").exists()
    documents, statuses = {}, {}
    for url in public_urls():
        response = client.get(url)
        statuses[url] = response.status_code
        documents[url] = response.content
    assert statuses["/en/events/?date_from=2026-02-31"] == 400
    assert statuses["/ja/no-such-page/"] == 404
    assert all(status in (200, 400, 404) for status in statuses.values()), statuses
    assert len(documents) > 40
    assert any(b"eventcal-grid__more" in documents[url] for url in documents if "/month/" in url)
    errors = nu_errors(documents, tmp_path)
    report = "\n".join(f"{url}\n  " + "\n  ".join(lines) for url, lines in errors.items())
    assert not errors, f"Nu HTML checker errors on {len(errors)} pages:\n{report}"


def test_nu_checker_reports_an_invalid_page(tmp_path):
    # The checker itself is wired right: it does see an error.
    broken = b'<!DOCTYPE html><html lang="en"><title>x</title><form action=""></form></html>'
    errors = nu_errors({"broken": broken}, tmp_path)
    assert "Bad value" in " ".join(errors["broken"])
