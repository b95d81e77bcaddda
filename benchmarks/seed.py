"""Seeding thousands of real, live, publicly routable EventPages quickly.

Creating pages one by one through treebeard's ``add_child`` and Wagtail's
``save_revision().publish()`` costs tens of milliseconds and about 25 queries
per page (see ``measure_add_child``). The bulk path below writes exactly the
rows that path writes for a published page — the ``wagtailcore_page`` row
with a correct materialised path, depth, ``url_path`` and publication
fields, the ``EventPage`` row, the participations, and one revision that is
both the latest and the live one — in a handful of batched INSERTs.
"""

import random
import time
from datetime import datetime, timedelta
from datetime import time as dtime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, Revision

from wagtail_eventcal.choices import (
    Audience,
    BodyType,
    Category,
    EventFormat,
    EventLanguage,
    Prefecture,
    ResidenceAudience,
    Role,
)
from wagtail_eventcal.folding import search_text
from wagtail_eventcal.models import (
    BodyTypeTag,
    CalendarPage,
    EventPage,
    Organization,
    Participation,
)
from wagtail_eventcal.models.pages import event_zone

BATCH = 500
PUBLIC_BODY_TYPES = [
    BodyType.MINISTRY,
    BodyType.LOCAL_GOVERNMENT,
    BodyType.INCORPORATED_ADMINISTRATIVE_AGENCY,
    BodyType.CHAMBER_OF_COMMERCE,
    BodyType.SOCIETY_OF_COMMERCE,
    BodyType.UNIVERSITY,
]
OTHER_BODY_TYPES = [BodyType.GENERAL_INCORPORATED_ASSOCIATION, BodyType.COMPANY]
PREFECTURES = [code for code, _label in Prefecture.choices]


def make_calendar(parent=None, slug="events"):
    """The calendar page, created and published the ordinary way."""
    parent = parent or Page.objects.get(depth=2)
    calendar = CalendarPage(title="イベントカレンダー", title_en="Event calendar", slug=slug)
    parent.add_child(instance=calendar)
    calendar.save_revision().publish()
    return calendar


def make_organizations(count=60, seed=7):
    """``count`` organizations, most of them public bodies, some of two types."""
    rng = random.Random(seed)
    tags = {tag.code: tag for tag in BodyTypeTag.objects.all()}
    organizations = []
    for n in range(count):
        kind = (
            PUBLIC_BODY_TYPES[n % len(PUBLIC_BODY_TYPES)] if n % 5 else rng.choice(OTHER_BODY_TYPES)
        )
        organization = Organization.objects.create(
            name_ja=f"ベンチマーク機関{n}",
            name_en=f"Benchmark body {n}",
            prefecture=rng.choice(PREFECTURES),
        )
        types = [tags[kind]]
        if kind == BodyType.INCORPORATED_ADMINISTRATIVE_AGENCY and n % 2:
            types.append(tags[BodyType.UNIVERSITY])
        organization.body_types.set(types)
        organizations.append(organization)
    return organizations


def event_times(rng, index, month_first, month_last, spread_days=365):
    """(start, end) for the ``index``-th event: one in ten falls in the
    displayed month, the others spread over a year either side of it."""
    zone = event_zone()
    if index % 10 == 0:
        day = month_first + timedelta(days=rng.randrange((month_last - month_first).days + 1))
    else:
        offset = rng.randrange(1, spread_days)
        day = (
            month_first - timedelta(days=offset)
            if rng.random() < 0.5
            else month_last + timedelta(days=offset)
        )
    kind = rng.random()
    if kind < 0.1:  # all day, sometimes over several days
        start = datetime.combine(day, dtime.min, tzinfo=zone)
        last = day + timedelta(days=rng.choice((0, 0, 1, 2)))
        return start, datetime.combine(last, dtime(23, 59, 59), tzinfo=zone), True
    start = datetime.combine(day, dtime(rng.randrange(9, 18), rng.choice((0, 30))), tzinfo=zone)
    return start, start + timedelta(hours=rng.choice((1, 2, 3))), False


def build_event(rng, index, start, end, all_day):
    category = rng.choice(Category.values)
    event_format = rng.choice(EventFormat.values)
    english = index % 4 != 0  # a quarter of the events are in Japanese only
    is_free = index % 3 != 0
    return EventPage(
        title=f"高度外国人材向けイベント {index}",
        draft_title=f"高度外国人材向けイベント {index}",
        title_en=f"Event for professionals {index}" if english else "",
        slug=f"bench-event-{index}",
        summary_ja="企業と高度外国人材の交流イベントです。参加無料、日本語と英語で実施します。",
        summary_en="A networking event for companies and professionals." if english else "",
        description_ja="<p>プログラム：講演、パネルディスカッション、交流会。</p>",
        description_en="<p>Programme: talks, a panel discussion, networking.</p>"
        if english
        else "",
        venue_name_ja="産業会館 大ホール",
        venue_name_en="Industry Hall, main hall" if english else "",
        address_ja="東京都千代田区丸の内1-1-1",
        address_en="1-1-1 Marunouchi, Chiyoda-ku, Tokyo" if english else "",
        fee_ja="" if is_free else "3,000円",
        fee_en="" if is_free or not english else "3,000 yen",
        start=start,
        end=end,
        all_day=all_day,
        event_format=event_format,
        online_url="" if event_format == EventFormat.IN_PERSON else "https://meet.example.org/x",
        prefecture=Prefecture.ONLINE
        if event_format == EventFormat.ONLINE
        else rng.choice(PREFECTURES[:47]),
        category=category,
        audience=rng.choice(Audience.values),
        residence_audiences=[
            ResidenceAudience.HIGHLY_SKILLED_PROFESSIONAL,
            ResidenceAudience.ENGINEER_SPECIALIST,
        ],
        event_languages=[EventLanguage.JAPANESE, EventLanguage.ENGLISH],
        is_free=is_free,
        capacity=rng.choice((None, 50, 100, 300)),
        detail_url=f"https://example.org/events/{index}",
        contact_name_ja="事務局",
        contact_email="events@example.org",
        cancelled=index % 50 == 0,
    )


def seed_events(calendar, count, *, month, organizations, first_index=None, seed=42, live=True):
    """Add ``count`` events below ``calendar``; returns their pks.

    ``month`` (a calendar_grid.Month) is the displayed month that receives
    one event in ten. Each event has one to three participating
    organizations (an organizer, often a co-organizer or a supporter).
    ``live=False`` makes never-published drafts (e.g. to be submitted).
    """
    rng = random.Random(seed + (first_index or 0))
    calendar = Page.objects.get(pk=calendar.pk)
    first_index = first_index if first_index is not None else calendar.numchild
    last_child = calendar.get_last_child()
    next_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    content_type = ContentType.objects.get_for_model(EventPage)
    base_content_type = ContentType.objects.get_for_model(Page)
    now = timezone.now()

    events = []
    for n in range(count):
        index = first_index + n
        start, end, all_day = event_times(rng, index, month.first_day, month.last_day)
        event = build_event(rng, index, start, end, all_day)
        if not live:
            event.slug = f"bench-draft-{index}"
        event.content_type = content_type
        event.locale_id = calendar.locale_id
        event.depth = calendar.depth + 1
        event.path = Page._get_path(calendar.path, event.depth, next_step + n)
        event.numchild = 0
        event.url_path = f"{calendar.url_path}{event.slug}/"
        event.live = live
        event.has_unpublished_changes = not live
        if live:
            event.first_published_at = event.last_published_at = now
        event.latest_revision_created_at = now
        chosen = rng.sample(organizations, rng.choice((1, 2, 2, 3)))
        roles = [Role.ORGANIZER, rng.choice((Role.CO_ORGANIZER, Role.SUPPORTER)), Role.SUPPORTER]
        event.participations = [
            event.participations.model(organization=org, role=role, sort_order=i)
            for i, (org, role) in enumerate(zip(chosen, roles, strict=False))
        ]
        # What EventPage.save() stores; a bulk insert does not call it.
        event.search_text = search_text(event.searched_values())
        events.append(event)

    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    event_fields = EventPage._meta.local_concrete_fields
    with transaction.atomic():
        pages = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(e, f.attname) for f in page_fields}) for e in events],
            batch_size=BATCH,
        )
        for event, page in zip(events, pages, strict=True):
            event.pk = event.id = event.page_ptr_id = page.pk
        EventPage.objects.all()._batched_insert(events, event_fields, BATCH)
        participations = []
        for event in events:
            for participation in event.participations.all():
                participation.event_id = event.pk
                participations.append(participation)
        Participation.objects.bulk_create(participations, batch_size=BATCH)
        revisions = Revision.objects.bulk_create(
            [
                Revision(
                    content_type=content_type,
                    base_content_type=base_content_type,
                    object_id=str(event.pk),
                    created_at=now,
                    content=event.serializable_data(),
                    object_str=event.title,
                )
                for event in events
            ],
            batch_size=BATCH,
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision_id = revision.pk
            page.live_revision_id = revision.pk if live else None
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=BATCH)
        Page.objects.filter(pk=calendar.pk).update(numchild=F("numchild") + count)
    return [event.pk for event in events]


def submit_for_review(pks, submitter):
    """Submit drafts to their calendar's workflow as the admin's "Submit"
    does (open review rounds, due dates, notifications)."""
    for event in EventPage.objects.filter(pk__in=pks).order_by("pk"):
        event.get_workflow().start(event, submitter)


def delegate_to_proxy(event, proxy, official):
    """Delegate ``event`` to ``proxy`` for its first public body, asked by
    ``official`` as a member of that body (only a public body's staff ask for
    proxy entry, posting rule 6, FAQ 2), both acknowledgements given."""
    from wagtail_eventcal.delegation.service import delegate_event

    body = Organization.objects.filter(participations__event=event).public_bodies().first()
    body.members.add(official)
    return delegate_event(
        event,
        delegate=proxy,
        granted_by=official,
        organization=body,
        acknowledged_proxy_entry=True,
        acknowledged_this_event_only=True,
    )


def measure_add_child(calendar, count, *, month, organizations):
    """Seconds per event through add_child + save_revision().publish(), the
    path the admin takes (used to justify the bulk path; rolled back)."""
    rng = random.Random(1)
    started = time.perf_counter()
    with transaction.atomic():
        for n in range(count):
            start, end, all_day = event_times(rng, n, month.first_day, month.last_day)
            event = build_event(rng, 10_000_000 + n, start, end, all_day)
            event.participations = [
                event.participations.model(organization=organizations[n % len(organizations)])
            ]
            calendar.add_child(instance=event)
            event.save_revision().publish()
            calendar.refresh_from_db()
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed / count
