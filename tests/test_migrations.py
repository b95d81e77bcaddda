from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # makemigrations --check exits 1 when changes are pending
        pytest.fail(f"Model changes without a migration:\n{out.getvalue()}", pytrace=False)
        raise exc


def _migration_apps(name):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    return MigrationExecutor(connection).loader.project_state(("wagtail_eventcal", name)).apps


@pytest.mark.django_db
def test_upgrade_gives_the_existing_reviewer_group_the_review_permission():
    from importlib import import_module

    from django.contrib.auth.models import Group

    from tests.factories import make_user
    from wagtail_eventcal.workflow.models import is_reviewer

    migration = import_module("wagtail_eventcal.migrations.0007_review_permission")
    group = Group.objects.create(name="Event reviewers")  # as set up before 0007
    reviewer = make_user("reviewer", groups=[group])
    assert not is_reviewer(reviewer)
    migration.grant_to_reviewer_group(_migration_apps("0007_review_permission"), None)
    assert is_reviewer(type(reviewer).objects.get(pk=reviewer.pk))


@pytest.mark.django_db
def test_upgrade_links_the_open_review_rounds_to_their_pages(calendar):
    from importlib import import_module

    from tests.factories import make_event, make_user
    from wagtail_eventcal.models import EventReviewTaskState
    from wagtail_eventcal.workflow.setup import setup_review

    migration = import_module("wagtail_eventcal.migrations.0008_review_round_page")
    setup_review()
    events = [make_event(calendar, publish=False) for _ in range(2)]
    for event in events:
        event.get_workflow().start(event, make_user(f"submitter{event.pk}"))
    EventReviewTaskState.objects.update(page=None)  # as opened before 0008
    migration.fill_pages(_migration_apps("0008_review_round_page"), None)
    linked = dict(EventReviewTaskState.objects.values_list("workflow_state__object_id", "page_id"))
    assert linked == {str(event.pk): event.pk for event in events}
