"""The wheel ships what a site needs at run time."""

import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_templates_static_migrations_and_translations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "wagtail_eventcal/templates/wagtail_eventcal/calendar_page.html",
        "wagtail_eventcal/templates/wagtail_eventcal/event_page.html",
        "wagtail_eventcal/static/wagtail_eventcal/css/eventcal.css",
        "wagtail_eventcal/migrations/0001_initial.py",
        "wagtail_eventcal/locale/ja/LC_MESSAGES/django.po",
        "wagtail_eventcal/locale/ja/LC_MESSAGES/django.mo",
    ):
        assert required in names, required
    assert not any(name.startswith(("tests/", "example_site/", "benchmarks/")) for name in names)
