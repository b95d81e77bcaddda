"""Three simultaneous submits of one event (three browser tabs, or three
people of one body): one submission, two clear refusals, never a 500.

On SQLite the writers wait for one another (``transaction_mode:
"IMMEDIATE"`` and a busy timeout in the example settings); before, two of
three answered 500 "database is locked". The test database of SQLite lives
in memory, where SQLite's shared cache locks tables without waiting, so the
test copies it to a file for the run, as a deployment has it."""

import sqlite3
from contextlib import contextmanager

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.test import Client
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from .concurrency import at_once
from .factories import make_event
from .review_helpers import Cast, browser_post_data, edit_url

pytestmark = pytest.mark.django_db(transaction=True)
SUBMITS = 3


@contextmanager
def on_a_file(tmp_path):
    """The SQLite test database copied to a file, used by every connection
    (one per thread) until the block ends. The in-memory database is set
    aside meanwhile: it lives only while its connection stays open."""
    if connection.vendor != "sqlite":
        yield
        return
    path = str(tmp_path / "db.sqlite3")
    connection.ensure_connection()
    memory = connection.connection
    target = sqlite3.connect(path)
    memory.backup(target)
    target.close()
    settings_dict = connections.settings["default"]
    original = settings_dict["NAME"], connection.settings_dict["NAME"]
    settings_dict["NAME"] = connection.settings_dict["NAME"] = path
    connection.connection = None  # the next query opens the file
    try:
        yield
    finally:
        if connection.connection is not None:
            connection.connection.close()
        settings_dict["NAME"], connection.settings_dict["NAME"] = original
        connection.connection = memory



def test_three_simultaneous_submits_give_one_submission_and_two_refusals(calendar, tmp_path):
    cast = Cast(calendar)
    UserProfile.objects.update_or_create(user=cast.submitter, defaults={"preferred_language": "en"})
    event = make_event(calendar, organizations=[cast.ministry], publish=False)
    with on_a_file(tmp_path):
        tabs = []
        for _ in range(SUBMITS):
            client = Client(raise_request_exception=False)
            client.force_login(cast.submitter)
            form = client.get(edit_url(event)).context["form"]
            tabs.append((client, {**browser_post_data(form), "action-submit": "1"}))
        responses = at_once(
            *[lambda c=client, d=data: c.post(edit_url(event), d) for client, data in tabs]
        )
        statuses = [getattr(r, "status_code", r) for r in responses]
        assert statuses == [302] * SUBMITS, statuses
        # What each tab shows next (the messages travel with the redirect).
        said = []
        for (client, _data), response in zip(tabs, responses, strict=True):
            shown = client.get(response["Location"])
            said.append(" ".join(str(m) for m in get_messages(shown.wsgi_request)))
        assert sum("submitted for moderation" in text for text in said) == 1, said
        assert sum("already been submitted" in text for text in said) == SUBMITS - 1, said
        assert WorkflowState.objects.filter(object_id=str(event.pk)).count() == 1
