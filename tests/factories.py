"""Test data builders: real pages in the real tree, published through
Wagtail's revision machinery like the admin does."""

import itertools
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from wagtail.models import Page

from wagtail_eventcal.choices import Category, EventFormat, Role
from wagtail_eventcal.models import BodyTypeTag, CalendarPage, EventPage, Organization
from wagtail_eventcal.models.pages import event_zone

_counter = itertools.count(1)


def make_calendar(parent=None, **kwargs):
    parent = parent or Page.objects.get(depth=2)
    defaults = {"title": "イベントカレンダー", "title_en": "Event calendar", "slug": "events"}
    defaults.update(kwargs)
    calendar = CalendarPage(**defaults)
    parent.add_child(instance=calendar)
    calendar.save_revision().publish()
    return calendar


def make_organization(body_types=("ministry",), **kwargs):
    n = next(_counter)
    defaults = {"name_ja": f"機関{n}", "name_en": f"Body {n}", "prefecture": "tokyo"}
    defaults.update(kwargs)
    organization = Organization.objects.create(**defaults)
    organization.body_types.set(BodyTypeTag.objects.filter(code__in=body_types))
    return organization


def jst(*args):
    return datetime(*args, tzinfo=event_zone())


def make_event(calendar, *, organizations=None, publish=True, role=Role.ORGANIZER, **kwargs):
    """An EventPage below ``calendar``; published unless ``publish=False``.

    ``organizations``: a list of organizations (organizer role) or of
    (organization, role) pairs; one ministry is created when omitted.
    """
    n = next(_counter)
    start = kwargs.pop("start", jst(2026, 12, 10, 14, 0))
    defaults = {
        "title": f"イベント{n}",
        "title_en": f"Event {n}",
        "slug": f"event-{n}",
        "summary_ja": "概要",
        "summary_en": "Summary",
        "start": start,
        "end": kwargs.pop("end", start + timedelta(hours=2)),
        "event_format": EventFormat.IN_PERSON,
        "prefecture": "tokyo",
        "category": Category.SEMINAR,
        "detail_url": f"https://example.org/events/{n}",
        # Required to submit (posting rule 1).
        "residence_audiences": ["engineer_specialist"],
    }
    defaults.update(kwargs)
    event = EventPage(live=publish, **defaults)
    # In the given order, as the admin's inline panel saves them (an order
    # left to the database differs between runs on PostgreSQL).
    for sort_order, item in enumerate(organizations or [make_organization()]):
        organization, item_role = item if isinstance(item, tuple) else (item, role)
        event.participations.add(
            event.participations.model(
                organization=organization, role=item_role, sort_order=sort_order
            )
        )
    calendar.add_child(instance=event)
    revision = event.save_revision()
    if publish:
        revision.publish()
    event.refresh_from_db()
    return event


def publish_edit(event, **fields):
    """Publish a new revision of ``event`` with ``fields`` changed."""
    event = event.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(event, name, value)
    event.save_revision().publish()


def make_user(username, *, password="pw", groups=(), **kwargs):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=password, **kwargs
    )
    for group in groups:
        user.groups.add(group)
    return user


def make_delegation(event, delegate, granted_by, organization, **kwargs):
    """A delegation granted with both FAQ 2 acknowledgements given."""
    from wagtail_eventcal.delegation.service import delegate_event

    kwargs.setdefault("acknowledged_proxy_entry", True)
    kwargs.setdefault("acknowledged_this_event_only", True)
    return delegate_event(
        event, delegate=delegate, granted_by=granted_by, organization=organization, **kwargs
    )


def image_bytes(width=1600, height=900, color=(30, 90, 160), fmt="JPEG"):
    """A real picture made with Pillow (no file on disk, no download)."""
    from io import BytesIO

    from PIL import Image as PILImage

    buffer = BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, fmt)
    return buffer.getvalue()


def make_image(title="写真", *, width=1600, height=900, user=None, collection=None):
    """A Wagtail image in ``collection`` (the root by default)."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    image = get_image_model()(
        title=title,
        file=ImageFile(BytesIO(image_bytes(width, height)), name=f"{title}.jpg"),
        uploaded_by_user=user,
        collection=collection or Collection.get_first_root_node(),
    )
    image.save()
    return image
