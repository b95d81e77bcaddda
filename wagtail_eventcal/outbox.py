"""The stored outbox: what the plugin sends out (a mail, a webhook POST) is
first stored as a row in the same transaction as the change that causes it,
then delivered by a django-tasks task once that transaction commits.

A failing receiver (mail server, webhook endpoint) therefore never rolls back
or loses the change: the failure is recorded on the row, and the row is tried
again later — by the task backend when it can defer a run (django-tasks-db in
production), and by the retry commands (``eventcal_send_mail``,
``eventcal_send_webhooks``, from cron) in any case.
"""

import logging

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class OutboxEntry(models.Model):
    """One message to deliver; a subclass says how in :meth:`send`."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        abstract = True

    def send(self):
        """Deliver the message; raise on failure."""
        raise NotImplementedError


def enqueue_after_commit(task, pk):
    """Run ``task(pk)`` once the current transaction commits."""

    def enqueue():
        try:
            task.enqueue(pk)
        except Exception:  # the row stays pending; the retry command sends it
            logger.exception("Could not enqueue %s for %s", task.name, pk)

    transaction.on_commit(enqueue)


def attempt(entry):
    """Try to deliver ``entry`` once; record the outcome instead of raising."""
    entry.attempts += 1
    try:
        entry.send()
    except Exception as error:
        entry.last_error = f"{type(error).__name__}: {error}"[:2000]
        entry.save(update_fields=["attempts", "last_error"])
        logger.warning("Delivery of %r failed: %s", entry, entry.last_error)
        return False
    entry.sent_at = timezone.now()
    entry.last_error = ""
    entry.save(update_fields=["attempts", "last_error", "sent_at"])
    return True


def retry_later(task, entry, *, max_attempts, delay):
    """Ask a backend that can defer runs (django-tasks-db) to try ``entry``
    again after ``delay(attempts)``; without one, the retry command does."""
    if task.get_backend().supports_defer and entry.attempts < max_attempts:
        task.using(run_after=timezone.now() + delay(entry.attempts)).enqueue(entry.pk)
