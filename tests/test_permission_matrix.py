"""The permission matrix: every role against the admin, through the real
admin URLs, judged on state (page.live, the saved revision, the grant and
delegation rows) wherever the action changes something.

Each cell runs inside a savepoint that is rolled back, so every cell starts
from the same world. The expected matrix below is the specification; the
test fails on any cell that differs, and ``docs/permission-matrix.md`` is
rendered from it (``EVENTCAL_WRITE_MATRIX=1 pytest tests/test_permission_matrix.py``
rewrites the file; the last test fails when the file is out of date).
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from guardian.models import UserObjectPermission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction, WorkflowState

from tests.factories import make_calendar, make_delegation, make_event, make_organization, make_user
from tests.review_helpers import browser_post_data
from wagtail_eventcal.delegation import service as rules
from wagtail_eventcal.models import Delegation, EventPage
from wagtail_eventcal.workflow.setup import setup_review

ROLES = [
    "anonymous",
    "proxy",
    "proxy after revocation",
    "proxy after expiry",
    "submitter of A",
    "submitter of B",
    "company member",
    "association member",
    "reviewer",
    "superuser",
]
EDIT = "wagtailadmin_pages:edit"


# --- The world ----------------------------------------------------------------


def build_world():
    calendar = make_calendar()
    calendar2 = make_calendar(slug="events-2", title="第二カレンダー", title_en="Second calendar")
    setup_review()  # the review workflow and the two groups, as deployed
    submitters = Group.objects.get(name="Event submitters")
    reviewers = Group.objects.get(name="Event reviewers")
    org_a = make_organization(name_ja="経済産業省", name_en="METI")
    org_b = make_organization(name_ja="大阪府", body_types=("local_government",))
    users = {
        "submitter of A": make_user("submitter_a", groups=[submitters]),
        "submitter of B": make_user("submitter_b", groups=[submitters]),
        "reviewer": make_user("reviewer", groups=[reviewers]),
        "superuser": make_user("admin", is_superuser=True, is_staff=True),
        "proxy": make_user("proxy"),
        "proxy after revocation": make_user("proxy_revoked"),
        "proxy after expiry": make_user("proxy_expired"),
    }
    # Staff of a company and of a general incorporated association that take
    # part in event A: not public bodies, so their membership gives no right
    # to enter, submit or delegate events (posting rule 6, FAQ 2).
    company = make_organization(name_ja="株式会社テスト", body_types=("company",))
    association = make_organization(
        name_ja="一般社団法人テスト", body_types=("general_incorporated_association",)
    )
    users["company member"] = make_user("company_member", groups=[submitters])
    users["association member"] = make_user("association_member", groups=[submitters])
    org_a.members.add(users["submitter of A"])
    org_b.members.add(users["submitter of B"])
    company.members.add(users["company member"])
    association.members.add(users["association member"])
    event_a = make_event(
        calendar,
        organizations=[(org_a, "organizer"), (company, "co_organizer"), (association, "supporter")],
        title="イベントA",
        slug="event-a",
    )
    event_b = make_event(calendar, organizations=[org_b], title="イベントB", slug="event-b")
    delegations = {}
    for role in ("proxy", "proxy after revocation", "proxy after expiry"):
        delegations[role] = make_delegation(
            event_a,
            delegate=users[role],
            granted_by=users["submitter of A"],
            organization=org_a,
        )
    rules.revoke(delegations["proxy after revocation"], by=users["submitter of A"])
    # Expired a minute ago; the expiry command has NOT run: the grant row is
    # still there and the request-time check alone must shut the door.
    Delegation.objects.filter(pk=delegations["proxy after expiry"].pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    image = get_image_model().objects.create(
        title="Reviewer's photo", file=get_test_image_file(), uploaded_by_user=users["reviewer"]
    )
    document = get_document_model().objects.create(
        title="Reviewer's PDF",
        file=ContentFile(b"%PDF-1.4", name="doc.pdf"),
        uploaded_by_user=users["reviewer"],
    )
    editor = Client()
    editor.force_login(users["superuser"])
    post = {
        event.pk: browser_post_data(editor.get(reverse(EDIT, args=[event.pk])).context["form"])
        for event in (event_a, event_b)
    }
    return {
        "calendar": calendar,
        "calendar2": calendar2,
        "org_a": org_a,
        # On whose behalf each role tries to delegate: its own organization.
        "own_org": {"company member": company, "association member": association},
        "event_a": event_a,
        "event_b": event_b,
        "users": users,
        "delegations": delegations,
        "image": image,
        "document": document,
        "post": post,
    }


# --- Cells: each returns True when the role could do it -----------------------


def ok(response):
    return response.status_code == 200


def lists_b(response, w):
    """Event B is listed: its admin link is there (the query is echoed in
    the search box, so the title alone would prove nothing)."""
    return response.status_code == 200 and (
        f"/admin/pages/{w['event_b'].pk}/" in response.content.decode()
    )


def api_lists_b(c, w):
    response = c.get("/admin/api/main/pages/", {"limit": 20})  # the whole small tree
    if response.status_code != 200:
        return False
    return w["event_b"].pk in [item["id"] for item in response.json()["items"]]


def page(w, key):
    return EventPage.objects.get(pk=w[key].pk)


def save_draft(c, w, key):
    event = w[key]
    marker = f"{event.title} draft by {w['role']}"
    c.post(reverse(EDIT, args=[event.pk]), {**w["post"][event.pk], "title": marker})
    revision = page(w, key).latest_revision
    return revision.as_object().title == marker and revision.user == w["user"]


def publish(c, w):
    event = w["event_a"]
    marker = "公開された新タイトル"
    # Wagtail answers a non-publisher's "publish" with 302 and a saved
    # draft: only the live row tells whether it was published.
    c.post(
        reverse(EDIT, args=[event.pk]),
        {**w["post"][event.pk], "title": marker, "action-publish": "action-publish"},
    )
    return page(w, "event_a").title == marker


def bulk_publish(c, w):
    event = page(w, "event_a")
    event.title = "一括公開の新タイトル"
    event.save_revision(user=w["users"]["superuser"])
    c.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={event.pk}",
        {"include_descendants": ""},
    )
    return page(w, "event_a").title == "一括公開の新タイトル"


def submit(c, w):
    event = w["event_a"]
    c.post(reverse(EDIT, args=[event.pk]), {**w["post"][event.pk], "action-submit": "1"})
    return WorkflowState.objects.for_instance(event).filter(status="in_progress").exists()


def unpublish(c, w):
    c.post(reverse("wagtailadmin_pages:unpublish", args=[w["event_a"].pk]))
    return not page(w, "event_a").live


def delete(c, w):
    c.post(reverse("wagtailadmin_pages:delete", args=[w["event_a"].pk]))
    return not Page.objects.filter(pk=w["event_a"].pk).exists()


def move(c, w):
    c.post(reverse("wagtailadmin_pages:move_confirm", args=[w["event_a"].pk, w["calendar2"].pk]))
    return page(w, "event_a").get_parent().pk == w["calendar2"].pk


def copy(c, w):
    before = EventPage.objects.count()
    c.post(
        reverse("wagtailadmin_pages:copy", args=[w["event_a"].pk]),
        {
            "new_title": "コピー",
            "new_slug": "event-a-copy",
            "new_parent_page": w["calendar"].pk,
        },
    )
    return EventPage.objects.count() == before + 1


def lock(c, w):
    c.post(reverse("wagtailadmin_pages:lock", args=[w["event_a"].pk]))
    return page(w, "event_a").locked


def privacy(c, w):
    c.post(
        reverse("wagtailadmin_pages:set_privacy", args=[w["event_a"].pk]),
        {"restriction_type": "login"},
    )
    return PageViewRestriction.objects.filter(page=w["event_a"]).exists()


def delegate(c, w):
    """An invitation to a new proxy's address is created (the grant follows
    when it is accepted)."""
    address = "friend-of-" + w["role"].replace(" ", "-").lower() + "@example.org"
    c.post(
        reverse("wagtail_eventcal_delegations:add", args=[w["event_a"].pk]),
        {
            "email": address,
            "organization": w["own_org"].get(w["role"], w["org_a"]).pk,
            "expires_at": "2027-01-05 18:00",
            "acknowledged_proxy_entry": "on",
            "acknowledged_this_event_only": "on",
        },
    )
    return Delegation.objects.filter(email=address, event=w["event_a"]).exists()


def revoke(c, w):
    delegation = w["delegations"]["proxy"]
    c.post(reverse("wagtail_eventcal_delegations:revoke", args=[delegation.pk]))
    delegation.refresh_from_db()
    gone = not UserObjectPermission.objects.filter(user=delegation.delegate).exists()
    return delegation.revoked_at is not None and gone


def revision_view(c, w, key):
    event = w[key]
    url = reverse("wagtailadmin_pages:revisions_view", args=[event.pk, event.latest_revision_id])
    return ok(c.get(url))


def url(name, *args):
    return lambda c, w: ok(c.get(reverse(name, args=[w[a].pk for a in args])))


A, B = "Event A (delegated to the proxy)", "Event B (another organization's)"
CELLS = [
    ("Admin", "Dashboard", lambda c, w: ok(c.get(reverse("wagtailadmin_home")))),
    (A, "Open the edit form", url(EDIT, "event_a")),
    (A, "Save a draft", lambda c, w: save_draft(c, w, "event_a")),
    (A, "View draft / preview", url("wagtailadmin_pages:view_draft", "event_a")),
    (A, "History", url("wagtailadmin_pages:history", "event_a")),
    (A, "View a revision", lambda c, w: revision_view(c, w, "event_a")),
    (A, "Submit for review", submit),
    (A, "Publish", publish),
    (A, "Publish a draft with the bulk action", bulk_publish),
    (A, "Unpublish", unpublish),
    (A, "Delete", delete),
    (A, "Move to another calendar", move),
    (A, "Copy", copy),
    (A, "Lock", lock),
    (A, "Change privacy", privacy),
    (A, "Delegate to another proxy", delegate),
    (A, "Revoke the proxy's delegation", revoke),
    (B, "Open the edit form", url(EDIT, "event_b")),
    (B, "Save a draft", lambda c, w: save_draft(c, w, "event_b")),
    (B, "View draft / preview", url("wagtailadmin_pages:view_draft", "event_b")),
    (B, "History", url("wagtailadmin_pages:history", "event_b")),
    (B, "View a revision", lambda c, w: revision_view(c, w, "event_b")),
    (
        "Calendar",
        "Add an event",
        lambda c, w: ok(
            c.get(
                reverse(
                    "wagtailadmin_pages:add",
                    args=["wagtail_eventcal", "eventpage", w["calendar"].pk],
                )
            )
        ),
    ),
    (
        "Calendar",
        "Explorer lists event B",
        lambda c, w: lists_b(c.get(reverse("wagtailadmin_explore", args=[w["calendar"].pk])), w),
    ),
    (
        "Finding pages",
        "Page chooser finds event B",
        lambda c, w: lists_b(
            c.get(reverse("wagtailadmin_choose_page_search"), {"q": "イベント"}), w
        ),
    ),
    (
        "Finding pages",
        "Page chooser browses to event B",
        lambda c, w: lists_b(
            c.get(reverse("wagtailadmin_choose_page_child", args=[w["calendar"].pk])), w
        ),
    ),
    (
        "Finding pages",
        "Page search finds event B",
        lambda c, w: lists_b(c.get(reverse("wagtailadmin_pages:search"), {"q": "イベント"}), w),
    ),
    ("Finding pages", "Admin API lists event B", api_lists_b),
    ("Images", "Image library", url("wagtailimages:index")),
    ("Images", "Another user's image", url("wagtailimages:edit", "image")),
    ("Documents", "Document library", url("wagtaildocs:index")),
    ("Documents", "Another user's document", url("wagtaildocs:edit", "document")),
    ("Snippets", "Organizations", url("wagtailsnippets_wagtail_eventcal_organization:list")),
    (
        "Snippets",
        "Edit an organization",
        url("wagtailsnippets_wagtail_eventcal_organization:edit", "org_a"),
    ),
    ("Users", "Users", url("wagtailusers_users:index")),
    ("Users", "Groups", url("wagtailusers_groups:index")),
    ("Settings", "Sites", url("wagtailsites:index")),
    ("Settings", "Collections", url("wagtailadmin_collections:index")),
    ("Settings", "Redirects", url("wagtailredirects:index")),
    ("Workflows", "Workflows", url("wagtailadmin_workflows:index")),
    ("Workflows", "Workflow tasks", url("wagtailadmin_workflows:task_index")),
    ("Reports", "Locked pages", url("wagtailadmin_reports:locked_pages")),
    ("Reports", "Workflows", url("wagtailadmin_reports:workflow")),
    (
        "Reports",
        "Site history shows event B",
        lambda c, w: lists_b(c.get(reverse("wagtailadmin_reports:site_history")), w),
    ),
    ("Reports", "Aging pages", url("wagtailadmin_reports:aging_pages")),
    ("Reports", "Page types usage", url("wagtailadmin_reports:page_types_usage")),
    ("Delegations", "Delegations list", url("wagtail_eventcal_delegations:index")),
]
CELL_KEYS = [f"{group}: {action}" for group, action, _fn in CELLS]


def _all_except(*excluded):
    return set(CELL_KEYS) - set(excluded)


def _cells(*keys):
    unknown = set(keys) - set(CELL_KEYS)
    assert not unknown, unknown
    return set(keys)


PROXY = _cells(
    "Admin: Dashboard",
    f"{A}: Open the edit form",
    f"{A}: Save a draft",
    f"{A}: View draft / preview",
    f"{A}: History",
    f"{A}: View a revision",
    f"{A}: Submit for review",
    "Delegations: Delegations list",
)
# Both submitters may add events and find every event of the calendar (the
# calendar is explorable to them), but change only their organizations' events.
SUBMITTER_COMMON = _cells(
    "Admin: Dashboard",
    "Calendar: Add an event",
    "Calendar: Explorer lists event B",
    "Finding pages: Page chooser finds event B",
    "Finding pages: Page chooser browses to event B",
    "Finding pages: Page search finds event B",
    "Finding pages: Admin API lists event B",
    "Reports: Workflows",
    "Reports: Aging pages",
    "Reports: Page types usage",
    "Delegations: Delegations list",
    # Event images (issue 15): they upload into the "Event images" collection,
    # and the library lists what they may change (their own uploads).
    "Images: Image library",
)
# Members of a company or an association taking part in event A: like a
# submitter of another organization, and they may not add events either.
NON_PUBLIC_MEMBER = SUBMITTER_COMMON - {"Calendar: Add an event"}
EXPECTED = {
    "anonymous": set(),
    "proxy": PROXY,
    "proxy after revocation": set(),
    "proxy after expiry": set(),
    "submitter of A": SUBMITTER_COMMON
    | _cells(
        f"{A}: Open the edit form",
        f"{A}: Save a draft",
        f"{A}: View draft / preview",
        f"{A}: History",
        f"{A}: View a revision",
        f"{A}: Submit for review",
        f"{A}: Copy",
        f"{A}: Delegate to another proxy",
        f"{A}: Revoke the proxy's delegation",
    ),
    "submitter of B": SUBMITTER_COMMON
    | _cells(
        f"{B}: Open the edit form",
        f"{B}: Save a draft",
        f"{B}: View draft / preview",
        f"{B}: History",
        f"{B}: View a revision",
        "Reports: Site history shows event B",
    ),
    "company member": NON_PUBLIC_MEMBER,
    "association member": NON_PUBLIC_MEMBER,
    "reviewer": _all_except(
        # The other user's image is in the root collection: reviewers manage
        # the two event-image collections only.
        "Images: Another user's image",
        "Documents: Document library",
        "Documents: Another user's document",
        "Users: Users",
        "Users: Groups",
        "Settings: Sites",
        "Settings: Collections",
        "Settings: Redirects",
        "Workflows: Workflows",
        "Workflows: Workflow tasks",
        # Proxy entry is asked for by a public body's staff, never by the
        # secretariat on its own (posting rule 6, FAQ 2); it may revoke.
        f"{A}: Delegate to another proxy",
    ),
    "superuser": _all_except(f"{A}: Delegate to another proxy"),
}


# --- The test -----------------------------------------------------------------


def run_role(role):
    world = build_world()
    client = Client()
    user = world["users"].get(role)
    if user is not None:
        client.force_login(user)
    results = {}
    for (_group, _action, cell), key in zip(CELLS, CELL_KEYS, strict=True):
        world.update(role=role, user=user)
        try:
            with transaction.atomic():  # a savepoint, always rolled back
                try:
                    results[key] = bool(cell(client, world))
                finally:
                    transaction.set_rollback(True)
        finally:
            for value in world.values():  # rolled-back rows, fresh objects
                if hasattr(value, "refresh_from_db") and getattr(value, "pk", None):
                    value.refresh_from_db()
    return results


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role):
    results = run_role(role)
    allowed = {key for key, value in results.items() if value}
    expected = EXPECTED[role]
    print(f"\n{role}: may {len(allowed)} of {len(CELL_KEYS)}")
    for key in CELL_KEYS:
        print(f"  {'✅' if key in allowed else '❌'} {key}")
    assert sorted(allowed - expected) == [], "allowed but should be denied"
    assert sorted(expected - allowed) == [], "denied but should be allowed"


def render_matrix():
    short = {
        "anonymous": "anon",
        "proxy": "proxy",
        "proxy after revocation": "revoked",
        "proxy after expiry": "expired",
        "submitter of A": "subm. A",
        "submitter of B": "subm. B",
        "company member": "company",
        "association member": "assoc.",
        "reviewer": "reviewer",
        "superuser": "super",
    }
    lines = [
        "# Permission matrix",
        "",
        "Generated from `tests/test_permission_matrix.py` (every cell is asserted by",
        "that test through the real admin URLs; actions that change something are",
        "judged on the database state, e.g. `page.live`, the saved revision, the",
        "guardian grant rows). Regenerate with",
        "`EVENTCAL_WRITE_MATRIX=1 .venv/bin/pytest tests/test_permission_matrix.py`.",
        "",
        "The proxy holds one delegation, for event A, granted by the submitter of A",
        "on behalf of organization A. *revoked*: a proxy whose delegation was revoked;",
        "*expired*: a proxy whose delegation expired a minute ago, before the expiry",
        "command ran (its guardian grant row still exists). Submitters and reviewers",
        "have the page permissions of the review setup on the calendars.",
        "",
        "Submitters change only the events of their own organizations (or that they",
        "created); they still see the calendar's other events in listings. A proxy",
        "sees and changes nothing but its delegated event, and cannot delegate it on.",
        "Reviewers and superusers do not delegate events on their own (proxy entry is",
        "asked for by a public body's staff, posting rule 6, FAQ 2); they may revoke.",
        "",
        "*company* and *assoc.*: members (in the submitters group) of a private company",
        "and of a general incorporated association that co-organize and support event A.",
        "They are not public bodies (posting rule 2, FAQ 1), so their membership gives",
        "no right to add, change, submit or delegate events (posting rule 6, FAQ 2):",
        "they may only be invited as proxies by a public body's staff.",
        "",
        "| Area | Action | " + " | ".join(short[r] for r in ROLES) + " |",
        "| --- | --- | " + " | ".join("---" for _ in ROLES) + " |",
    ]
    for (group, action, _fn), key in zip(CELLS, CELL_KEYS, strict=True):
        marks = " | ".join("✅" if key in EXPECTED[role] else "—" for role in ROLES)
        lines.append(f"| {group} | {action} | {marks} |")
    return "\n".join(lines + allow_list_lines()) + "\n"


def allow_list_lines():
    """The proxy's allow-list, from the code (``tests/delegation/test_admin_reach.py``
    holds it to its own copy and requests every admin URL against it)."""
    from wagtail_eventcal.delegation.access import EVENT, EVENT_OR_ABOVE, PROXY_ALLOW_LIST

    scope = {
        None: "none in the path",
        EVENT: "its delegated event",
        EVENT_OR_ABOVE: "its delegated event or a page above it",
    }
    lines = [
        "",
        "## What a proxy may open in the admin",
        "",
        "A user whose only admin access is a delegation gets 403 on every other",
        "admin URL (`wagtail_eventcal.middleware.AdminAccessMiddleware`), including",
        "any URL a later Wagtail adds. `tests/delegation/test_admin_reach.py`",
        "requests every admin URL the resolver lists, with the ids of other",
        "organizations' drafts and with the proxy's own. Any user gets 403 on an",
        "admin URL naming another organization's draft or pending change that they",
        "may not see. A page named in a `page_id` or `parent_page_id` query",
        "parameter must be the proxy's delegated event too.",
        "",
        "| URL name | pages it may name |",
        "| --- | --- |",
    ]
    lines += [f"| `{name}` | {scope[kind]} |" for name, kind in PROXY_ALLOW_LIST.items()]
    return lines


def test_matrix_document_is_current():
    path = Path(__file__).resolve().parent.parent / "docs" / "permission-matrix.md"
    text = render_matrix()
    print("\n" + text)
    if os.environ.get("EVENTCAL_WRITE_MATRIX"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text
