"""What a review round looks like to people: one dict for mails, the
reviewers' report and dashboard, and the submitters' view."""

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from ..base_url import absolute, page_url
from ..bilingual import pick
from ..conf import get_setting
from ..rules.eligibility import ENDED, RULE_SETS, URL_UNREACHABLE, verdict_of
from .url_checks import NOT_ANNOTATED, annotated_check, latest_checks

#: Hook name for additions to :func:`submission_context`.
CONTEXT_HOOK = "eventcal_submission_context"


def stored_verdict(task_state, url_check=None, *, ended=False):
    """The verdict recorded at submission, plus an unreachable detail URL
    found by the background check since, and the end of the event while in
    review (``ended``)."""
    rule_set = next((r for r in RULE_SETS if r.revision == task_state.rule_revision), RULE_SETS[-1])
    verdict = verdict_of(task_state.reasons(), rule_set) if task_state.verdict_status else None
    if verdict is None:
        return None
    if (
        url_check is not None
        and not url_check.is_reachable
        and URL_UNREACHABLE.code not in verdict.codes
    ):
        verdict = verdict.with_reasons(URL_UNREACHABLE)
    if ended and ENDED.code not in verdict.codes:
        verdict = verdict.with_reasons(ENDED)
    return verdict


def _url_in(page, language):
    if not page.live:
        return ""
    return page_url(page, language)


def submitted_event(page, revision, organizations):
    """The event as submitted in ``revision``, built without a query.

    ``Revision.as_object()`` costs several queries (modelcluster checks that
    every foreign key of the page and of each participation still exists,
    ``with_content_json`` looks up the parent page and the comments): fine
    for one page, ruinous for a listing. The description only reads the
    event's own fields and its participations, so the revision's content is
    deserialized unchecked and each participation gets its organization from
    ``organizations`` (loaded in bulk); one whose organization no longer
    exists is left out, as modelcluster's check would do.
    """
    event = page.specific_class.from_serializable_data(revision.content, check_fks=False)
    if hasattr(event, "participations"):
        kept = []
        for participation in event.participations.all():
            if participation.organization_id in organizations:
                participation.organization = organizations[participation.organization_id]
                kept.append(participation)
        event.participations = kept
    return event


def _load(task_states):
    """The pages, submitted events and latest URL checks of ``task_states``,
    in a constant number of queries (none for what the caller selected
    already: see :func:`~.views.open_rounds`)."""
    from ..models import Organization

    prefetch_related_objects(
        task_states,
        "page",
        "revision",
        "workflow_state__requested_by",
        "submitted_by",
        "finished_by",
    )
    organization_ids = {
        participation.get("organization")
        for ts in task_states
        for participation in ts.revision.content.get("participations", [])
    }
    organizations = Organization.objects.in_bulk(organization_ids - {None})
    url_checks = {ts.page_id: annotated_check(ts) for ts in task_states}
    if NOT_ANNOTATED in url_checks.values():
        url_checks = latest_checks(list(url_checks))
    events = {ts.pk: submitted_event(ts.page, ts.revision, organizations) for ts in task_states}
    return events, url_checks


def submission_contexts(task_states, *, today=None):
    """Describe review rounds (``EventReviewTaskState``), in a constant
    number of queries whatever their number (the listings show hundreds).

    Each description is a dict with the keys ``event`` (the submitted
    revision, an EventPage), ``page`` (the page as stored), ``title_ja`` /
    ``title_en``, ``task_state``, ``workflow_state``, ``submitter`` (who
    submitted this round), ``requested_by`` (who began the review),
    ``participations`` (``[(organization, role label)]``), ``verdict``
    (:class:`Verdict` or None), ``url_check`` (latest :class:`DetailUrlCheck`
    or None), ``received_at``, ``due_date``, ``business_days_left``,
    ``overdue``, ``decision`` / ``decision_label``, ``comment``, ``question`` /
    ``answer`` (the confirmation request this receipt answers, and the
    submitter's message), ``checklist`` (codes confirmed), ``reviewer``,
    ``edit_url`` / ``history_url`` / ``live_url_ja`` / ``live_url_en``
    (absolute; the public ones empty until published), ``secretariat`` (the
    setting), ``proxy`` and ``extra_recipients``.

    **Extension point.** Every function registered with
    ``@hooks.register("eventcal_submission_context")`` is called once per
    batch as ``fn(contexts)`` (the list of dicts; each holds its
    ``task_state``) and may change the dicts in place — loading what it needs
    for the whole batch at once, so that listings stay cheap. Proxy entry
    sets ``context["proxy"] = {"label_ja": ..., "label_en": ...}`` (e.g.
    "proxy entry by X for organization O, delegated by Y"), which the mails
    (both languages), the reviewers' report and dashboard, the CSV export and
    the submitters' view print wherever it is set, and appends the proxy and
    the delegating official (users) to ``context["extra_recipients"]``: they
    receive the submission receipt and every decision mail.
    """
    task_states = [task_state.specific for task_state in task_states]
    if not task_states:
        return []
    events, url_checks = _load(task_states)
    secretariat = get_setting("SECRETARIAT")
    now = timezone.now()
    contexts = []
    for task_state in task_states:
        workflow_state = task_state.workflow_state
        event = events[task_state.pk]
        page = task_state.page
        url_check = url_checks.get(page.pk) if hasattr(event, "detail_url") else None
        if url_check is not None and url_check.url != getattr(event, "detail_url", None):
            url_check = None
        participations = []
        if hasattr(event, "participations"):
            participations = [
                (p.organization, p.get_role_display()) for p in event.participations.all()
            ]
        contexts.append(
            {
                "event": event,
                "page": page,
                "title_ja": event.title,
                "title_en": getattr(event, "title_en", "") or event.title,
                "title": pick(event.title, getattr(event, "title_en", "")).value,
                # The language the title is written in (lang marks in the admin).
                "title_language": pick(event.title, getattr(event, "title_en", "")).language,
                "task_state": task_state,
                "workflow_state": workflow_state,
                "submitter": task_state.submitted_by,
                "requested_by": workflow_state.requested_by,
                "participations": participations,
                "organizations": [organization for organization, _role in participations],
                "verdict": stored_verdict(
                    task_state,
                    url_check,
                    ended=task_state.status == task_state.STATUS_IN_PROGRESS
                    and getattr(event, "end", None) is not None
                    and event.end < now,
                ),
                "url_check": url_check,
                "received_at": task_state.started_at,
                "due_date": task_state.due_date,
                "business_days_left": task_state.business_days_left(today),
                "overdue": task_state.is_overdue(today),
                "decision": task_state.decision,
                "decision_label": (
                    task_state.get_decision_display() if task_state.decision else ""
                ),
                "comment": task_state.comment,
                # A receipt answering a confirmation request (answer.py).
                "question": task_state.question,
                "answer": task_state.answer,
                "checklist": task_state.checklist,
                "reviewer": task_state.finished_by,
                "edit_url": absolute(reverse("wagtailadmin_pages:edit", args=[page.pk])),
                "history_url": absolute(reverse("wagtailadmin_pages:history", args=[page.pk])),
                "answer_url": absolute(reverse("eventcal_review:answer", args=[page.pk])),
                "live_url_ja": _url_in(page, "ja"),
                "live_url_en": _url_in(page, "en"),
                "secretariat": secretariat,
                "proxy": None,
                "extra_recipients": [],
            }
        )
    for fn in hooks.get_hooks(CONTEXT_HOOK):
        fn(contexts)
    return contexts


def submission_context(task_state, *, today=None):
    """Describe one review round: :func:`submission_contexts` of one."""
    return submission_contexts([task_state], today=today)[0]
