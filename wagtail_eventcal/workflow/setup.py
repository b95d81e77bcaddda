"""The review workflow and the two groups, created idempotently.

Every CalendarPage gets the "事務局審査 / Secretariat review" workflow when it is created
(signal below) and from ``manage.py eventcal_setup_review`` (for calendars
that existed before the plugin was installed). The groups:

- reviewers (``REVIEWER_GROUP``, "Event reviewers"): admin access; add, edit,
  publish, lock, unlock and delete pages below every calendar; manage the
  organization registry; act on reviews (the ``review_eventpage`` permission:
  whoever holds it is a reviewer).
- submitters (``SUBMITTER_GROUP``, "Event submitters"): admin access; add and
  edit pages below every calendar — never publish — and submit them for review;
  add and choose images in the "Event images" collection.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from ..conf import get_setting
from .models import EventReviewTask

#: One name for the review, in both languages: Wagtail shows these stored
#: names as they are ("Submit to …", "Awaiting …") in either admin language.
REVIEW_NAME = "事務局審査 / Secretariat review"
WORKFLOW_NAME = TASK_NAME = REVIEW_NAME
REVIEWER_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
SUBMITTER_PAGE_PERMISSIONS = ("add_page", "change_page")


def review_workflow():
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.workflow_tasks.exists():
        task, _created = EventReviewTask.objects.get_or_create(name=TASK_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def attach_review_workflow(calendar):
    """Give ``calendar``'s subtree the review workflow unless it has one."""
    if not WorkflowPage.objects.filter(page=calendar).exists():
        WorkflowPage.objects.create(page=calendar, workflow=review_workflow())


def _page_permissions(codenames):
    return Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)


def setup_groups(calendars):
    reviewers, _created = Group.objects.get_or_create(name=get_setting("REVIEWER_GROUP"))
    submitters, _created = Group.objects.get_or_create(name=get_setting("SUBMITTER_GROUP"))
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for group in (reviewers, submitters):
        group.permissions.add(admin_access)
    reviewers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtail_eventcal",
            codename__in=[
                "add_organization",
                "change_organization",
                "delete_organization",
                "review_eventpage",
                # Settings → Webhooks: the front-ends told of each publication.
                "add_webhookendpoint",
                "change_webhookendpoint",
                "delete_webhookendpoint",
                "view_webhookendpoint",
            ],
        )
    )
    _image_permissions(reviewers, submitters)
    for calendar in calendars:
        for group, codenames in (
            (reviewers, REVIEWER_PAGE_PERMISSIONS),
            (submitters, SUBMITTER_PAGE_PERMISSIONS),
        ):
            for permission in _page_permissions(codenames):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=calendar, permission=permission
                )
    return reviewers, submitters


def _image_permissions(reviewers, submitters):
    """Event images (issue 15): submitters add and choose in the event
    collection; reviewers also change and delete, there and in the proxies'
    collection (proxies get their narrow rights from delegation/images.py)."""
    from ..event_images import event_collection, proxy_collection

    def grant(group, collection, codenames):
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=codenames
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )

    grant(submitters, event_collection(), ["add_image", "choose_image"])
    for collection in (event_collection(), proxy_collection()):
        grant(reviewers, collection, ["add_image", "change_image", "delete_image", "choose_image"])


@transaction.atomic
def setup_review():
    """Everything, for every calendar: safe to run again."""
    from ..models import CalendarPage

    calendars = list(CalendarPage.objects.all())
    for calendar in calendars:
        attach_review_workflow(calendar)
    setup_groups(calendars)
    return calendars


def _on_calendar_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        attach_review_workflow(instance)


def connect_signals():
    from ..models import CalendarPage

    post_save.connect(_on_calendar_saved, sender=CalendarPage, dispatch_uid="eventcal_review_wf")
    replace_wagtail_workflow_mails()


def is_event_review(workflow_state):
    return EventReviewTask.objects.filter(
        workflow_tasks__workflow_id=workflow_state.workflow_id
    ).exists()


def replace_wagtail_workflow_mails():
    """Wagtail mails the requester (English only) on every workflow
    submission, rejection and approval; the event review sends its own
    bilingual mails instead. Wagtail's receivers are replaced, under the same
    dispatch_uid, by ones that skip event reviews: whichever app's ready()
    runs first, Wagtail's later registration is then a no-op, and other
    workflows of the site keep Wagtail's mails."""
    from wagtail.admin import signal_handlers as wagtail_handlers
    from wagtail.models import WorkflowState
    from wagtail.signals import workflow_approved, workflow_rejected, workflow_submitted

    for signal, notifier, uid in (
        (
            workflow_submitted,
            wagtail_handlers.workflow_submission_email_notifier,
            "workflow_state_submitted_email_notification",
        ),
        (
            workflow_rejected,
            wagtail_handlers.workflow_rejection_email_notifier,
            "workflow_state_rejected_email_notification",
        ),
        (
            workflow_approved,
            wagtail_handlers.workflow_approval_email_notifier,
            "workflow_state_approved_email_notification",
        ),
    ):
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
        signal.connect(
            _unless_event_review(notifier), sender=WorkflowState, dispatch_uid=uid, weak=False
        )


def _unless_event_review(notifier):
    def receiver(sender, instance=None, **kwargs):
        if instance is not None and is_event_review(instance):
            return None
        return notifier(sender=sender, instance=instance, **kwargs)

    return receiver
