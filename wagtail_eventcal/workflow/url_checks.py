"""The background check of an event's detail URL (posting rule 4).

Saving or submitting an event schedules a check through django-tasks after
the transaction commits; the result (reachable? HTTP status) is stored in
:class:`~wagtail_eventcal.models.DetailUrlCheck` and shown to reviewers. A
failing check, or a failure to schedule one, never blocks saving.
"""

import logging
import socket
import ssl
import urllib.error
import urllib.request
from datetime import timedelta

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks import task

from ..conf import get_setting

logger = logging.getLogger(__name__)

USER_AGENT = "wagtail-eventcal link check"
RECHECK_AFTER = timedelta(hours=1)


def probe(url, timeout):
    """(HTTP status or None, error text) of ``url``; HEAD, then GET when the
    server refuses HEAD."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status, ""
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (405, 501):
                continue
            return error.code, str(error.reason)[:255]
        except (urllib.error.URLError, OSError, ValueError) as error:
            return None, describe_failure(error)[:255]
    return None, ""


#: Why a site could not be reached, in words (stored in English, shown
#: translated: the template passes the stored text through gettext).
NAME_NOT_FOUND = gettext_noop("could not reach the site: name not found")
REFUSED = gettext_noop("could not reach the site: connection refused")
TIMED_OUT = gettext_noop("could not reach the site: no answer in time")
CERTIFICATE = gettext_noop("could not reach the site: its certificate is not valid")
BAD_URL = gettext_noop("not a valid web address")


def describe_failure(error):
    """A sentence for a failed request instead of "[Errno -2] Name or
    service not known"."""
    reason = getattr(error, "reason", error)
    if isinstance(reason, socket.gaierror):
        return NAME_NOT_FOUND
    if isinstance(reason, ConnectionRefusedError):
        return REFUSED
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return TIMED_OUT
    if isinstance(reason, ssl.SSLError):
        return CERTIFICATE
    if isinstance(error, ValueError):
        return BAD_URL
    return str(reason)


@task()
def check_detail_url(page_id, url):
    from ..models import DetailUrlCheck

    status, error = probe(url, get_setting("URL_CHECK_TIMEOUT"))
    DetailUrlCheck.objects.create(page_id=page_id, url=url, status_code=status, error=error)


_CHECK_FIELDS = ("pk", "page_id", "url", "checked_at", "status_code", "error")
_PREFIX = "latest_url_check_"


def with_latest_check(queryset, page_field):
    """``queryset`` annotated with the latest check of the page in
    ``page_field``, read back by :func:`annotated_check` (a listing gets its
    checks in its own query)."""
    from ..models import DetailUrlCheck

    latest = DetailUrlCheck.objects.filter(page_id=OuterRef(page_field))  # newest first
    return queryset.annotate(
        **{_PREFIX + name: Subquery(latest.values(name)[:1]) for name in _CHECK_FIELDS}
    )


def annotated_check(obj):
    """The check annotated by :func:`with_latest_check` (None if the page
    has none), or ``NOT_ANNOTATED``."""
    from ..models import DetailUrlCheck

    if not hasattr(obj, _PREFIX + "pk"):
        return NOT_ANNOTATED
    if getattr(obj, _PREFIX + "pk") is None:
        return None
    return DetailUrlCheck(**{name: getattr(obj, _PREFIX + name) for name in _CHECK_FIELDS})


NOT_ANNOTATED = object()


def latest_checks(page_ids):
    """``{page id: latest DetailUrlCheck}`` of the pages, in one query."""
    from ..models import DetailUrlCheck

    latest = DetailUrlCheck.objects.filter(page_id=OuterRef("page_id")).values("pk")[:1]
    checks = DetailUrlCheck.objects.filter(page_id__in=page_ids, pk=Subquery(latest))
    return {check.page_id: check for check in checks}


def latest_check(event):
    if not event.pk:
        return None
    return latest_checks([event.pk]).get(event.pk)


def schedule_url_check(event, *, force=False):
    """Check ``event.detail_url`` after commit, unless it was checked lately."""
    if not get_setting("URL_CHECK_ENABLED") or not event.pk or not event.detail_url:
        return
    if not force:
        last = latest_check(event)
        recent = timezone.now() - RECHECK_AFTER
        if last and last.url == event.detail_url and last.checked_at > recent:
            return
    page_id, url = event.pk, event.detail_url

    def enqueue():
        try:
            check_detail_url.enqueue(page_id, url)
        except Exception:  # never let the check break saving
            logger.exception("Could not schedule the detail URL check of page %s", page_id)

    transaction.on_commit(enqueue)
