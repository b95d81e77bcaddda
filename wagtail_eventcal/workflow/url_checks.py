"""The background check of an event's detail URL (posting rule 4).

Saving or submitting an event schedules a check through django-tasks after
the transaction commits; the result (reachable? HTTP status) is stored in
:class:`~wagtail_eventcal.models.DetailUrlCheck` and shown to reviewers. A
failing check, or a failure to schedule one, never blocks saving.
"""

import http.client
import logging
import ssl
from datetime import timedelta
from urllib.parse import urljoin

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django_tasks import task

from ..conf import get_setting
from ..outbound import CheckFailed, open_connection

logger = logging.getLogger(__name__)

USER_AGENT = "wagtail-eventcal link check"
RECHECK_AFTER = timedelta(hours=1)
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


def probe(url, timeout):
    """(HTTP status or None, error code) of ``url``.

    The submitter chooses the URL, so the server's request must not become a
    probe of the internal network (issue 18, item 7): a host resolving to a
    loopback, private, link-local, multicast or reserved address is refused
    without a connection, unless ``URL_CHECK_ALLOWED_HOSTS`` names it; the
    connection goes to the address that was checked (no second DNS lookup
    that could answer differently); each redirect is checked the same way,
    at most ``URL_CHECK_MAX_REDIRECTS`` of them; only the status line and
    headers are read, never the body.
    """
    try:
        for _hop in range(get_setting("URL_CHECK_MAX_REDIRECTS") + 1):
            status, location = _head_or_get(url, timeout)
            if status not in REDIRECT_STATUSES or not location:
                return status, ""
            url = urljoin(url, location)
        raise CheckFailed("too_many_redirects")
    except CheckFailed as failure:
        return None, failure.code


def _head_or_get(url, timeout):
    """HEAD, then GET when the server refuses HEAD."""
    status, location = _request("HEAD", url, timeout)
    if status in (405, 501):
        status, location = _request("GET", url, timeout)
    return status, location


def _request(method, url, timeout):
    connection, path = open_connection(url, timeout, get_setting("URL_CHECK_ALLOWED_HOSTS"))
    try:
        connection.request(method, path, headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        return response.status, response.getheader("Location")
    except TimeoutError as error:
        raise CheckFailed("timeout") from error
    except ConnectionRefusedError as error:
        raise CheckFailed("connection_refused") from error
    except ssl.SSLError as error:  # includes an invalid certificate
        raise CheckFailed("tls_error") from error
    except http.client.HTTPException as error:
        raise CheckFailed("bad_response") from error
    except OSError as error:
        raise CheckFailed("network_error") from error
    finally:
        connection.close()


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
