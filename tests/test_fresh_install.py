"""A fresh ``wagtail start`` site works from the installation docs alone:
the built wheel (unpacked ahead of the editable checkout on the path), the
README's settings blocks appended as written, the middleware and apps of
its steps, and the root ``urls.py`` of docs/installation.md verbatim; then
every public URL answers in both languages and ``manage.py check`` is
silent about the routing."""

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

SCRIPT = r"""
import json
from datetime import timedelta
from django.test import Client
from django.utils import timezone
from wagtail.models import Page
import wagtail_eventcal
from wagtail_eventcal.models import CalendarPage, EventPage, Organization, Participation

home = Page.objects.get(depth=2)
calendar = CalendarPage(title="イベントカレンダー", title_en="Event calendar", slug="events")
home.add_child(instance=calendar)
calendar.save_revision().publish()
ministry = Organization.objects.create(name_ja="経済産業省", name_en="METI")
start = timezone.now() + timedelta(days=7)
event = EventPage(
    title="説明会", title_en="Briefing", slug="briefing", summary_ja="概要", start=start,
    end=start + timedelta(hours=2), prefecture="tokyo", category="seminar",
    detail_url="https://example.org/briefing",
)
event.participations.add(Participation(organization=ministry, role="organizer"))
calendar.add_child(instance=event)
event.save_revision().publish()
client = Client()
statuses = {"module": wagtail_eventcal.__file__}
for lang in ("ja", "en"):
    for path in ("", "events/", "events/briefing/", "events/feed.ics", "events/feed.rss",
                 "events/feed.atom", "events/briefing.ics", "events/opendata.csv"):
        statuses[f"/{lang}/{path}"] = client.get(f"/{lang}/{path}").status_code
for path in ("/api/v2/events/", f"/api/v2/events/{event.pk}/", "/api/v2/organizations/",
             "/api/v2/schema/", "/sitemap.xml", "/api/v2/events/none/"):
    response = client.get(path)
    statuses[path] = response.status_code
    statuses[path + " type"] = response["Content-Type"]
print("RESULT " + json.dumps(statuses))
"""


def _block(text, after):
    """The first fenced code block after the line starting with ``after``."""
    rest = text[text.index(after) :]
    return re.search(r"```(?:python)?\n(.*?)```", rest, re.S).group(1)


def _unindent(code):
    lines = code.splitlines()
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return "\n".join(line[indent:] for line in lines) + "\n"


def test_a_wagtail_start_site_works_from_the_docs(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(
        [BIN / "wagtail", "start", "mysite", str(project)], check=True, capture_output=True
    )

    readme = (ROOT / "README.md").read_text()
    base = project / "mysite" / "settings" / "base.py"
    settings = base.read_text()
    # Step 2: the apps, above wagtail (and the sitemap app step 5 names).
    settings = settings.replace(
        "INSTALLED_APPS = [\n",
        'INSTALLED_APPS = [\n    "wagtail_eventcal",\n    "wagtail.contrib.routable_page",\n'
        '    "guardian",\n    "django_otp",\n    "django_otp.plugins.otp_totp",\n'
        '    "django_otp.plugins.otp_static",\n    "django.contrib.sitemaps",\n',
    )
    # Step 4: the middleware.
    settings = settings.replace(
        '    "django.contrib.sessions.middleware.SessionMiddleware",\n',
        '    "django.contrib.sessions.middleware.SessionMiddleware",\n'
        '    "django.middleware.locale.LocaleMiddleware",\n',
    ).replace(
        '    "django.contrib.auth.middleware.AuthenticationMiddleware",\n',
        '    "django.contrib.auth.middleware.AuthenticationMiddleware",\n'
        '    "django_otp.middleware.OTPMiddleware",\n'
        '    "wagtail_eventcal.twofactor.middleware.TwoFactorMiddleware",\n'
        '    "wagtail_eventcal.middleware.AdminAccessMiddleware",\n',
    )
    # Steps 3 and 6: the README's blocks as written.
    settings += _unindent(_block(readme, "3. Languages and time zone"))
    settings += _unindent(_block(readme, "6. Object permissions"))
    base.write_text(settings)
    installation = (ROOT / "docs" / "installation.md").read_text()
    (project / "mysite" / "urls.py").write_text(_block(installation, "The whole file"))

    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
        },
        "PYTHONPATH": str(site),
        "DJANGO_SETTINGS_MODULE": "mysite.settings.dev",
    }

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout + result.stderr

    manage("migrate", "--noinput")
    manage("eventcal_setup_review")
    assert "wagtail_eventcal.W0" not in manage("check")
    output = manage("shell", "-c", SCRIPT)
    statuses = json.loads(output.split("RESULT ", 1)[1].splitlines()[0])
    assert statuses.pop("module").startswith(str(site))  # the wheel, not the checkout
    assert statuses.pop("/api/v2/events/none/") == 404
    assert statuses.pop("/api/v2/events/none/ type") == "application/json"
    types = {key: statuses.pop(key) for key in list(statuses) if key.endswith(" type")}
    assert all(
        value.startswith(("application/json", "application/xml")) for value in types.values()
    ), types
    assert statuses == dict.fromkeys(statuses, 200), statuses
