"""Creating the drafts of a large file in the background (django-tasks, as
the outbox does): the previewed file is stored in an :class:`ImportJob`,
read and checked again by the task, and each draft counted as it is made,
so that the progress page (which survives a reload) can show it."""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from ..conf import get_setting
from ..models import ImportJob
from . import importer

logger = logging.getLogger(__name__)


def in_background(importable):
    return importable > get_setting("IMPORT_BACKGROUND_ROWS")


def start_job(*, content, filename, calendar, organization, role, defaults, user, total):
    """Store the file and enqueue its drafts' creation after commit."""
    job = ImportJob.objects.create(
        user=user,
        organization=organization,
        calendar=calendar,
        role=role,
        defaults=defaults,
        filename=filename[:255],
        payload=content,
        total=total,
    )

    def enqueue():
        try:
            create_drafts.enqueue(job.pk)
        except Exception:  # the job stays "waiting"; its page says so
            logger.exception("Could not enqueue the import job %s", job.pk)

    transaction.on_commit(enqueue)
    return job


@task()
def create_drafts(job_id):
    job = ImportJob.objects.select_related("organization", "calendar", "user").get(pk=job_id)
    if job.status != ImportJob.QUEUED:
        return
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.RUNNING)
    options = {"organization": job.organization, "role": job.role, "defaults": job.defaults}

    def progress(done, created, updated):
        ImportJob.objects.filter(pk=job.pk).update(
            done=done, created_count=created, updated_count=updated
        )

    try:
        rows, _notes = importer.read_rows(bytes(job.payload), job.filename)
        importer.prepare(rows, **options)
        importer.apply(
            rows,
            calendar=job.calendar.specific,
            user=job.user,
            progress=progress,
            **options,
        )
        status = ImportJob.DONE
    except Exception:  # said on the job's page; the drafts made so far stay
        logger.exception("Import job %s failed", job.pk)
        status = ImportJob.FAILED
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, finished_at=timezone.now(), payload=b""
    )
