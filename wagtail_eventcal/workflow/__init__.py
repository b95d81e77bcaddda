"""The secretariat's review of submitted events, built on Wagtail workflows.

- ``models``: the review Task and its TaskState (due date, decision kind,
  verdict snapshot) and the mail outbox.
- ``context``: :func:`~wagtail_eventcal.workflow.context.submission_contexts`,
  the ONE place that describes submissions for mails and reviewer screens,
  in bulk (extension point for proxy-entry labels).
- ``notifications``: mails, queued through django-tasks after commit.
- ``setup``: the review workflow attached to every calendar, groups.
- ``url_checks``: the background check of an event's detail URL.

May import ``models``, ``rules`` and the top-level helpers; never
``delegation`` (which builds on the review), ``public`` or ``feeds``.
"""
