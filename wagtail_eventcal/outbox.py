"""The stored outbox: what the plugin sends out (a mail, a webhook POST) is
first stored as a row in the same transaction as the change that causes it,
then delivered by a django-tasks task once that transaction commits.

A failing receiver (mail server, webhook endpoint) therefore never rolls back
or loses the change: the failure is recorded on the row, and the row is tried
again later — by the task backend when it can defer a run (django-tasks-db in
production), and by the retry commands (``eventcal_send_mail``,
``eventcal_send_webhooks``, from cron) in any case. Both wait for the row's
``next_attempt_at``: a command run every few minutes does not use up the
attempts of a receiver that is down for an hour.

A worker killed during a delivery saves nothing: the row stays due and the
next run sends it again. A receiver may therefore get one message twice
(at-least-once); the row's number (``X-Eventcal-Delivery``, the mail's
Message-ID) tells it so.
"""

import logging

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class OutboxEntry(models.Model):
    """One message to deliver; a subclass says how in :meth:`send`."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    #: Not tried again before this time (back-off after a failure); None: due.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

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


def due(queryset, now=None):
    """The entries of ``queryset`` whose back-off has passed."""
    now = now or timezone.now()
    return queryset.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def attempt(entry, delay):
    """Try to deliver ``entry`` once; record the outcome instead of raising.
    After a failure the entry waits ``delay(attempts)`` before the next."""
    entry.attempts += 1
    try:
        entry.send()
    except Exception as error:
        entry.last_error = f"{type(error).__name__}: {error}"[:2000]
        entry.next_attempt_at = timezone.now() + delay(entry.attempts)
        entry.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        logger.warning("Delivery of %r failed: %s", entry, entry.last_error)
        return False
    entry.sent_at = timezone.now()
    entry.last_error = ""
    entry.next_attempt_at = None
    entry.save(update_fields=["attempts", "last_error", "sent_at", "next_attempt_at"])
    return True


def retry_later(task, entry, *, max_attempts, delay):
    """Ask a backend that can defer runs (django-tasks-db) to try ``entry``
    again after ``delay(attempts)``; without one, the retry command does."""
    if task.get_backend().supports_defer and entry.attempts < max_attempts:
        task.using(run_after=timezone.now() + delay(entry.attempts)).enqueue(entry.pk)
