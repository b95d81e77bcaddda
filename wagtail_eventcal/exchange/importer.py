"""From rows to drafts: the preview (verdict, duplicates, what each draft
still lacks for submission, what will happen to each row) and the creation
or update of draft EventPages.

Nothing is published: an imported event is a draft of the submitter's
organization, which the submitter completes and submits for review. Only
what cannot be a draft at all (no title, no start, unreadable dates, a
recurring series) is refused; the posting rules apply at submission. A
re-import finds the draft it made from the same key and updates it, unless
that event was submitted or published since (then the row is skipped: the
review must see every change).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from ..choices import EventFormat, Role
from ..models import EventPage, ImportedEvent, Organization
from ..rules.completeness import field_labels, missing_for_submission
from ..rules.eligibility import evaluate_event
from .columns import STANDARD
from .duplicates import Features, candidates, day_events
from .ics import read_ics
from .readers import check_size, read_table
from .rows import safely
from .table_rows import record_to_row, row_reference

CREATE, UPDATE, SKIP = "create", "update", "skip"


def read_rows(data, filename="", size=None):
    """(rows, notes): the rows of an .ics, CSV or XLSX file. ``size`` is the
    upload's real size when only its start was read."""
    check_size(data, size)
    head = data.lstrip(b"\xef\xbb\xbf \r\n\t")[:15].upper()
    if head.startswith(b"BEGIN:VCALENDAR") or filename.lower().endswith(".ics"):
        return read_ics(data), []
    layout, records, unknown = read_table(data)
    notes = []
    if layout is STANDARD:
        notes.append(_("Read as the 自治体標準オープンデータセット「イベント一覧」 layout."))
    if unknown:
        notes.append(
            _("Columns not in the event format were ignored: %(columns)s")
            % {"columns": "、".join(unknown)}
        )
    rows = []
    for line, record, problems in records:
        row = safely(line, row_reference(layout, record, line), record_to_row, line, record, layout)
        # An unreadable cell says more than "required" about the same column.
        unreadable = {column for column, _message in problems}
        row.errors = [e for e in row.errors if e[0] not in unreadable] + problems
        rows.append(row)
    return rows, notes


def _organization_named(name):
    active = Organization.objects.active().prefetch_related("body_types")
    return active.filter(name_ja=name).first() or active.filter(name_en__iexact=name).first()


def _organizations_named(names, known=None):
    """The registry's organizations of ``names``; ``known`` caches them by
    name for the rows of one file."""
    known = {} if known is None else known
    for name in names:
        if name not in known:
            known[name] = _organization_named(name)
    return [known[name] for name in names if known[name]]


def participations_for(row, organization, role, known=None):
    pairs = [(organization, role)]
    for other in _organizations_named(row.organizer_names, known):
        if other != organization:
            pairs.append((other, Role.ORGANIZER))
    return pairs


def draft_values(row, defaults):
    """The row's values; the form's category and prefecture only where the
    row has none."""
    values = {
        "category": defaults.get("category") or "",
        "event_format": EventFormat.IN_PERSON,
        "prefecture": defaults.get("prefecture") or "",
    }
    values.update({name: value for name, value in row.values.items() if value not in ("", None)})
    return values


def prepare(rows, *, organization, role, defaults):
    """Fill in each row's verdict, duplicates, existing draft and action."""
    keys = [row.key for row in rows if row.key]
    existing = {
        record.key: record.page
        for record in ImportedEvent.objects.filter(
            organization=organization, key__in=keys
        ).select_related("page__merged_into")
    }
    # Read once for all rows: the organizations named, each day's events.
    prefetch_related_objects([organization], "body_types")
    known, days = {}, {}
    seen = set()
    for row in rows:
        values = draft_values(row, defaults)
        if row.key and row.key in seen:
            row.error("", _("This row's key (NO, ID or UID) appears twice in the file."))
        seen.add(row.key)
        row.existing = existing.get(row.key)
        if row.ok:
            page = EventPage(**_page_fields(values))
            missing = missing_for_submission(page)
            _model_errors(row, page, missing)
            row.lacks = field_labels(page, missing)
        if row.ok:
            row.verdict = evaluate_event(
                page, participations=participations_for(row, organization, role, known)
            )
            features = Features.of_values(values)
            if features.day is not None and features.day not in days:
                days[features.day] = day_events(features.day)
            row.duplicates = candidates(
                features,
                exclude=[row.existing and row.existing.pk],
                same_day=days.get(features.day),
            )[:3]
        if not row.ok:
            row.action = SKIP
        elif row.existing is None:
            row.action = CREATE
        elif row.existing.live or row.existing.workflow_in_progress:
            row.action = SKIP
            row.error("", _("Already submitted or published: change it in the admin instead."))
        elif hasattr(row.existing, "merged_into"):
            row.action = SKIP
            row.error(
                "",
                _("The secretariat merged this event into another one and withdrew it."),
            )
        else:
            row.action = UPDATE
    return rows


_FIELDS = {f.name for f in EventPage._meta.get_fields()}
# Wagtail's own fields (path, slug …) are set when the draft is created.
_PAGE_FIELDS = {f.name for f in Page._meta.get_fields()} - {"title"}
#: Where a model error is reported (the CSV column; the .ics property name
#: is close enough for people).
COLUMN_OF = {
    "title": "イベント名",
    "end": "終了日",
    "start": "開始日",
    "application_deadline": "参加申込終了日",
    "online_url": "URL",
    "detail_url": "URL",
    "fee_ja": "料金(基本)",
    "capacity": "定員",
    "prefecture": "都道府県名",
    "venue_name_ja": "場所名称",
    "address_ja": "住所",
    "contact_phone": "連絡先電話番号",
}


def _model_errors(row, page, missing):
    """The model's own checks (field lengths, end after start …) as row
    errors, so that creating the draft cannot fail later; what only a
    submission needs (``missing``) is listed, not refused."""
    # The slug is chosen when the draft is created: skip Wagtail's sibling check.
    page._check_slug_is_unique = lambda: None
    exclude = _PAGE_FIELDS | set(missing)
    for check in (lambda: page.clean_fields(exclude=exclude), page.clean):
        try:
            check()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name in missing:
                    continue
                for message in messages:
                    row.error(
                        COLUMN_OF.get(name, name if name != NON_FIELD_ERRORS else ""), message
                    )


def _page_fields(values):
    return {name: value for name, value in values.items() if name in _FIELDS}


def apply(rows, *, calendar, organization, role, defaults, user, progress=None):
    """Create or update the drafts of the rows without errors; returns
    (created, updated) pages. ``progress(done, created, updated)`` is called
    after each draft."""
    created, updated = [], []
    for row in rows:
        if row.action not in (CREATE, UPDATE):
            continue
        with transaction.atomic():
            values = _page_fields(draft_values(row, defaults))
            if row.action == CREATE:
                page = EventPage(owner=user, live=False, **values)
                page.slug = find_available_slug(
                    calendar, slugify(values["title"], allow_unicode=True)[:80] or "event"
                )
                _set_participations(page, row, organization, role)
                calendar.add_child(instance=page)
                ImportedEvent.objects.create(
                    organization=organization, key=row.key, page=page, imported_by=user
                )
                created.append(page)
            else:
                page = row.existing.get_latest_revision_as_object()
                for name, value in values.items():
                    setattr(page, name, value)
                _set_participations(page, row, organization, role)
                # A never-published draft's row is what lists and the
                # duplicate check read: keep it in step with the revision.
                page.save()
                updated.append(page)
            # Checked by prepare(); a draft may lack what only submission needs.
            page.save_revision(user=user, log_action=True, clean=False)
        if progress:
            progress(len(created) + len(updated), len(created), len(updated))
    return created, updated


def _set_participations(page, row, organization, role):
    page.participations.set(
        [
            page.participations.model(organization=org, role=org_role, sort_order=n)
            for n, (org, org_role) in enumerate(participations_for(row, organization, role))
        ]
    )
