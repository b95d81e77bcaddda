import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

from tests import aria_refs, tools
from tests.factories import jst, make_calendar


def pytest_sessionstart(session):
    # `make test-dates` moves the process clock; a clock that did not move
    # (libfaketime not preloaded) would pass for the wrong reason.
    wanted = os.environ.get("EVENTCAL_TEST_CLOCK")
    if wanted:
        now = datetime.now(UTC)
        target = datetime.fromisoformat(wanted).replace(tzinfo=UTC)
        if not timedelta(0) <= now - target < timedelta(hours=12):
            pytest.exit(f"The clock reads {now:%Y-%m-%d %H:%M}, not {wanted}: is faketime on?", 2)


def pytest_terminal_summary(terminalreporter):
    # A skipped browser or validator test must not pass unnoticed.
    lines = tools.summary_lines(terminalreporter.stats.get("skipped", []))
    if lines:
        terminalreporter.section("MISSING TOOLS: these tests did NOT run", sep="!", red=True)
        for line in lines:
            terminalreporter.write_line(line, red=True, bold=True)


#: Where every test's clock starts unless the test sets its own (with the
#: ``time_machine`` fixture's ``move_to`` or ``time_machine.travel``). The
#: factories' data (events from 10 Dec 2026, receipts in late November) was
#: written around it; the clock runs on from there.
SUITE_NOW = jst(2026, 11, 29, 19, 0)


@pytest.fixture(autouse=True)
def _suite_clock(request):
    """No test reads the real date: `make test-dates` runs the suite with the
    process clock elsewhere to show that nothing escapes this (a database's
    or a subprocess's own clock, a browser's). Tests marked ``real_clock``
    talk to another process that reads the real clock and depend on no date."""
    if not request.node.get_closest_marker("real_clock"):
        request.getfixturevalue("time_machine").move_to(SUITE_NOW)


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached public output is keyed on database state (the publication
    # token), which every test rolls back: a fresh cache per test.
    cache.clear()


@pytest.fixture(autouse=True)
def _reset_language():
    # Tests that switch language must not leak it into the next test.
    yield
    translation.activate("ja")


@pytest.fixture(autouse=True)
def _aria_references_resolve(request):
    """Fail a test whose pages reference missing ids (tests/aria_refs.py)."""
    aria_refs.take()
    yield
    missing = aria_refs.take()
    if request.node.get_closest_marker("wagtail_sweep"):
        return
    assert not missing, "ARIA references to missing ids:\n" + "\n".join(
        f"  {path}: {refs}" for path, refs in missing
    )


@pytest.fixture(scope="session")
def wheel(tmp_path_factory):
    """The package built as a wheel (once per test process)."""
    directory = tmp_path_factory.mktemp("wheel")
    root = Path(__file__).resolve().parent.parent
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(directory)]
    subprocess.run([*command, str(root)], check=True)
    (built,) = directory.glob("wagtail_eventcal-*.whl")
    return built


@pytest.fixture
def calendar(db):
    return make_calendar()


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="pw"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def use_mail_backend(settings):
    """``use_mail_backend(dotted_path)``: the site's mail goes through that
    backend for the test (EMAIL_BACKEND or MAILERS, as the Django version wants)."""
    from example_site.mail import mail_settings

    def use(backend):
        for name, value in mail_settings(backend).items():
            setattr(settings, name, value)

    return use


@pytest.fixture(scope="session")
def migrated_rows(django_db_setup, django_db_blocker):
    """The rows the migrations create (Wagtail's root and home page, site,
    collection, groups...), serialized once at the start.

    Transactional tests (browser tests, concurrency tests) end with a flush
    that empties every table. (pytest-django's
    ``serialized_rollback`` does not serialize when non-transactional tests
    run first in the session.)
    """
    from django.db import connection

    with django_db_blocker.unblock():
        rows = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: signals fired while later rows are loaded look
    # content types up and would otherwise create them under new ids.
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    return json.dumps(rows)


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    return bool(marked) or "transactional_db" in request.fixturenames


@pytest.fixture(autouse=True)
def _migrated_rows_restored(request):
    """Every transactional test starts with the migrations' rows, whatever
    transactional test ran (and flushed) before it."""
    if not _is_transactional(request):
        return
    request.getfixturevalue("transactional_db")
    migrated_rows = request.getfixturevalue("migrated_rows")
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Page

    if not Page.objects.exists():
        # The flush's post_migrate signal made new content types and
        # permissions under new ids: put back the original ones instead.
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        connection.creation.deserialize_db_from_string(migrated_rows)
