"""The "last publication" token every public cache is keyed on."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import make_event, make_organization
from wagtail_eventcal.feeds import publication


def test_fresh_database_reads_without_writing(db):
    with CaptureQueriesContext(connection) as queries:
        state = publication.current()
    assert state.token == 0
    assert len(queries) == 1


def test_publishing_an_event_bumps_the_token(calendar):
    before = publication.current()
    event = make_event(calendar)
    after = publication.current()
    assert after.token > before.token
    assert after.changed_at >= before.changed_at

    event.save_revision().publish()
    assert publication.current().token == after.token + 1


def test_a_draft_does_not_bump_the_token(calendar):
    event = make_event(calendar)
    organization = make_organization()
    before = publication.current().token
    event.title = "下書き"
    event.save_revision()
    make_event(calendar, organizations=[organization], publish=False)
    assert publication.current().token == before


def test_unpublish_and_delete_bump_the_token(calendar):
    event = make_event(calendar)
    before = publication.current().token
    event.unpublish()
    assert publication.current().token > before

    before = publication.current().token
    event.delete()
    assert publication.current().token > before


def test_view_restriction_and_organization_changes_bump_the_token(calendar):
    event = make_event(calendar)
    before = publication.current().token
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    assert publication.current().token > before

    before = publication.current().token
    organization = make_organization()
    organization.name_en = "Renamed"
    organization.save()
    assert publication.current().token > before


def test_each_change_names_the_events_it_changed(calendar):
    """Issue 17: caches built at an earlier state re-read only the events
    changed since (public/spliced.py); a change of anything else, or one
    older than the remembered changes, says "unknown" (None)."""
    organizations = [make_organization()]
    first = make_event(calendar, organizations=organizations)
    start = publication.current()
    assert start.changes_since(start.version) == frozenset()

    second = make_event(calendar, organizations=organizations)
    first.save_revision().publish()
    assert publication.current().changes_since(start.version) == {first.pk, second.pk}

    middle = publication.current()
    second.unpublish()
    assert publication.current().changes_since(middle.version) == {second.pk}
    first.delete()
    assert publication.current().changes_since(middle.version) == {first.pk, second.pk}

    make_organization()  # its name and types appear everywhere
    assert publication.current().changes_since(middle.version) is None
    # A state never seen (another database) or forgotten is unknown too.
    assert publication.current().changes_since((middle.token, "2001-01-01T00:00:00+00:00")) is None
    latest = publication.current()
    for _ in range(publication.KEEP):
        publication.bump([second.pk])
    assert publication.current().changes_since(latest.version) is None


def test_moving_a_page_above_a_calendar_changes_everything(calendar):
    """Its events' URLs move with it (and a restriction above may now
    cover them): kept caches are read again in full."""
    from wagtail.models import Page

    home = calendar.get_parent()
    section = home.add_child(instance=Page(title="Section", slug="section"))
    elsewhere = home.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    calendar.move(section, pos="last-child")
    before = publication.current()
    section.refresh_from_db()
    section.move(elsewhere, pos="last-child")
    assert publication.current().changes_since(before.version) is None
    # A move of a page with no calendar below it changes nothing public.
    quiet = home.add_child(instance=Page(title="Quiet", slug="quiet"))
    after = publication.current()
    quiet.move(elsewhere, pos="last-child")
    assert publication.current().version == after.version
