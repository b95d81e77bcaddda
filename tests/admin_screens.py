"""Every admin screen of the plugin, per person, for the accessibility
tests (titles, ARIA references, axe in the browser).

``plugin_screens()`` enumerates the plugin's admin URL names with the URL
resolver, so a new screen cannot be left out: each name must either have a
URL below or be listed in ``NOT_SCREENS`` with the reason.
"""

import time_machine
from django.urls import get_resolver, reverse
from wagtail.users.models import UserProfile

from tests.factories import jst, make_delegation, make_event, make_organization, make_user
from tests.review_helpers import Cast

NAMESPACES = ("eventcal_review", "wagtail_eventcal_delegations")
# URL names that are not screens of their own.
NOT_SCREENS = {
    "eventcal_review:open_results": "the listing's results fragment (filters refresh it)",
    "eventcal_review:verdict": "POST-only fragment of the edit view's status panel",
}


def plugin_url_names():
    resolver = get_resolver()
    names = set()
    for namespace in NAMESPACES:
        sub = resolver.namespace_dict[namespace][1]
        names |= {f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)}
    return names


class World:
    """A reviewer, a submitter of a ministry with an open submission, a
    returned one and one the reviewer asked a question about (its answer
    screen exists only while the question is open), and a proxy holding a
    delegation of the open one."""

    def __init__(self, calendar):
        self.cast = cast = Cast(calendar)
        self.reviewer, self.submitter = cast.reviewer, cast.submitter
        with time_machine.travel(jst(2026, 11, 16, 10, 0), tick=False):
            self.event = make_event(
                calendar, organizations=[cast.ministry], publish=False, title="審査中のセミナー"
            )
            self.event.get_workflow().start(self.event, cast.submitter)
            self.returned = make_event(
                calendar,
                organizations=[cast.ministry, (make_organization(name_en=""), "supporter")],
                publish=False,
                title="差し戻されたセミナー",
                title_en="",
            )
            self.returned.get_workflow().start(self.returned, cast.submitter)
            self.asked = make_event(
                calendar, organizations=[cast.ministry], publish=False, title="確認中のセミナー"
            )
            self.asked.get_workflow().start(self.asked, cast.submitter)
        for page, action, comment in (
            (self.returned, "return", "日付を直してください。"),
            (self.asked, "request_confirmation", "定員は何名ですか？"),
        ):
            task_state = page.current_workflow_task_state.specific
            task_state.task.specific.on_action(task_state, self.reviewer, action, comment=comment)
        self.proxy = make_user("proxy", first_name="Taro")
        self.delegation = make_delegation(self.event, self.proxy, self.submitter, cast.ministry)

    def people(self):
        return {"reviewer": self.reviewer, "submitter": self.submitter, "proxy": self.proxy}

    def screens(self):
        """(person, URL name, URL) of every plugin screen each person uses."""
        event, delegation = self.event.pk, self.delegation.pk
        screens = [
            ("reviewer", "eventcal_review:open", ()),
            ("reviewer", "eventcal_review:turnaround", ()),
            # The confirmation of a merge of duplicates (issue 15, item 2).
            ("reviewer", "eventcal_review:merge", (self.returned.pk, event)),
            ("reviewer", "wagtail_eventcal_delegations:index", ()),
            ("submitter", "eventcal_review:mine", ()),
            ("submitter", "eventcal_review:answer", (self.asked.pk,)),
            ("proxy", "eventcal_review:mine", ()),
            ("submitter", "wagtail_eventcal_delegations:index", (), f"?event={event}"),
            ("submitter", "wagtail_eventcal_delegations:add", (event,)),
            ("submitter", "wagtail_eventcal_delegations:revoke", (delegation,)),
            ("proxy", "wagtail_eventcal_delegations:index", ()),
        ]
        return [
            (person, name, reverse(name, args=args) + "".join(query))
            for person, name, args, *query in screens
        ]

    def dashboards(self):
        home = reverse("wagtailadmin_home")
        return [(person, "wagtailadmin_home", home) for person in self.people()]


def set_admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
