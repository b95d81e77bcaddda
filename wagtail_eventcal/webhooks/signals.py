"""What records a webhook delivery: every change of what the public sees of
an event or a calendar."""

from django.db.models.signals import pre_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .delivery import record


def _remember_if_live(sender, instance, update_fields=None, **kwargs):
    # Tells "published" from "updated" at page_published time, when the row
    # is already live: read the old state before the publishing save.
    if instance.pk and instance.live and (update_fields is None or "live" in update_fields):
        instance._eventcal_was_live = sender.objects.filter(pk=instance.pk, live=True).exists()


def _published(sender, instance, **kwargs):
    record(instance, "updated" if getattr(instance, "_eventcal_was_live", False) else "published")
    instance._eventcal_was_live = True


def _unpublished(sender, instance, **kwargs):
    # Wagtail unpublishes a live page without saving it just before deleting
    # it (pre_delete): a row still live in the database means a deletion.
    still_live = sender.objects.filter(pk=instance.pk, live=True).exists()
    record(instance, "deleted" if still_live else "unpublished")


def _moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    # A reorder among siblings changes no URL.
    if instance.live and url_path_before != url_path_after:
        record(instance.specific, "moved")


def connect_signals():
    """Called once from ``AppConfig.ready``."""
    from ..models import CalendarPage, EventPage

    for model in (EventPage, CalendarPage):
        uid = f"eventcal-webhooks-{model.__name__}"
        pre_save.connect(_remember_if_live, sender=model, dispatch_uid=f"{uid}-pre-save")
        page_published.connect(_published, sender=model, dispatch_uid=f"{uid}-published")
        page_unpublished.connect(_unpublished, sender=model, dispatch_uid=f"{uid}-unpublished")
        post_page_move.connect(_moved, sender=model, dispatch_uid=f"{uid}-moved")
