"""Shared set-up for the review workflow tests: the groups, a submitter of a
ministry and a reviewer, and the admin actions as the browser sends them."""

import json

from django.forms.widgets import CheckboxInput
from django.urls import reverse
from wagtail.models import Page

from tests.factories import make_event, make_organization, make_user
from wagtail_eventcal.workflow.setup import setup_review


class Cast:
    """The people of a review: ``submitter`` (member of ``ministry``),
    ``reviewer`` and the groups."""

    def __init__(self, calendar):
        self.calendar = calendar
        self.reviewers, self.submitters = _groups()
        self.ministry = make_organization(body_types=("ministry",), name_ja="経済産業省")
        self.submitter = make_user("submitter", groups=[self.submitters], first_name="Hanako")
        self.ministry.members.add(self.submitter)
        self.reviewer = make_user("reviewer", groups=[self.reviewers])


def _groups():
    setup_review()
    from django.contrib.auth.models import Group

    return Group.objects.get(name="Event reviewers"), Group.objects.get(name="Event submitters")


def _form_data(form, data):
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if isinstance(field.widget, CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(v) for v in value]
        elif value is not None:
            # format_value gives what the widget renders (contentstate JSON for
            # rich text, the admin's date format for dates).
            formatted = field.widget.format_value(value)
            if isinstance(formatted, dict):
                formatted = json.dumps(formatted)
            data[bound.html_name] = "" if formatted is None else formatted


def browser_post_data(form, overrides=None):
    """The POST data of an admin form and its inline formsets, unchanged."""
    data = {}
    _form_data(form, data)
    for formset in form.formsets.values():
        data.update({f.html_name: f.value() for f in formset.management_form})
        for subform in formset.forms:
            _form_data(subform, data)
    data.update(overrides or {})
    return data


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def post_edit(client, page, action=None, **overrides):
    """POST the page's edit form as the browser would, with ``action``
    ("action-submit", "action-publish", ...) pressed."""
    response = client.get(edit_url(page))
    assert response.status_code == 200, response.status_code
    data = browser_post_data(response.context["form"], overrides)
    if action:
        data[action] = action
    return client.post(edit_url(page), data)


def workflow_action(client, page, action_name, **data):
    """POST a review decision as the action modal does; a publication comes
    with the whole relevance checklist ticked unless ``checklist`` is given."""
    from wagtail_eventcal.workflow.checklist import CODES

    if action_name == "approve":
        data.setdefault("checklist", list(CODES))
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action_name, task_state.pk])
    return client.post(url, data)


def add_url(calendar):
    return reverse("wagtailadmin_pages:add", args=["wagtail_eventcal", "eventpage", calendar.pk])


def create_post_data(client, cast, organization, **overrides):
    """The create form as a browser fills it: copied from an event's edit
    form (same fields), without the ids of that event's inline rows."""
    model = make_event(cast.calendar, organizations=[cast.ministry], publish=False)
    response = client.get(edit_url(model))
    data = browser_post_data(response.context["form"])
    data["participations-0-organization"] = str(organization.pk)
    for key in list(data):
        if key.endswith("-id") or key.endswith("-page"):
            data[key] = ""
        if key.endswith("INITIAL_FORMS"):
            data[key] = "0"
    model.delete()
    data.update(overrides)
    return data
