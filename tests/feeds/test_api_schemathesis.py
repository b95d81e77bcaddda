"""Property-based contract test: schemathesis generates requests for every
operation of /api/v2/schema/ (valid ones and ones the document rules out,
in both languages) and checks each answer against the document: status,
body shape, headers, that valid data is accepted and invalid data refused."""

import itertools
from contextlib import contextmanager
from datetime import timedelta

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

from tests.factories import jst, make_event, make_organization

#: Per operation, mode and Accept-Language: about 500 requests in all.
EXAMPLES = {GenerationMode.POSITIVE: 15, GenerationMode.NEGATIVE: 10}
LANGUAGES = ("ja", "en")


@pytest.fixture
def events(calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    d = timezone.localdate() + timedelta(days=5)
    ministry = make_organization(
        name_ja="経済産業省", name_en="METI", website="https://meti.example"
    )
    make_event(calendar, organizations=[ministry], start=jst(d.year, d.month, d.day, 10, 0))
    make_event(calendar, title_en="", start=jst(d.year, d.month, d.day, 15, 0))


def _dates_in_order(case):
    """date_to before date_from is a 400 the document states in words: a
    rule across two parameters, which OpenAPI cannot express."""
    query = case.query or {}
    dates = query.get("date_from"), query.get("date_to")
    return not all(dates) or str(dates[0]) <= str(dates[1])


def _explore(operation, mode, examples, language, calls):
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode).filter(_dates_in_order))
    def run(case):
        # The test client's transport does not undo gzip.
        case.call_and_validate(headers={"Accept-Encoding": "identity", "Accept-Language": language})
        calls.append(operation.label)

    run()


@contextmanager
def connection_kept():
    """Requests through Django's WSGI handler as the test client makes them:
    their start and end do not close the database connection (it holds the
    test's transaction; on PostgreSQL closing it loses the test's data). The
    test client reconnects the signal after each of its own requests, so
    this wraps the run, not the test."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def test_every_operation_keeps_the_document(events, client):
    document = client.get("/api/v2/schema/").json()
    schema = schemathesis.openapi.from_dict(document)
    schema.app = WSGIHandler()
    operations = [result.ok() for result in schema.get_all_operations()]
    failures, calls = [], []
    with connection_kept():
        for operation in operations:
            for (mode, examples), language in itertools.product(EXAMPLES.items(), LANGUAGES):
                try:
                    _explore(operation, mode, examples, language, calls)
                except BaseException as error:  # noqa: BLE001
                    failures.append(f"{operation.label} ({mode}, {language}): {error}"[:1500])
    assert not failures, "\n".join(failures[:20])
    # Every operation was exercised, not only its first example.
    assert {op.label: calls.count(op.label) >= 20 for op in operations} == {
        op.label: True for op in operations
    }
