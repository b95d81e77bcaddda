"""Submitters work on their own organizations' events only (review
workflow, "who may do what").

Wagtail's group page permissions let the submitters group add and change
every page below a calendar. For a user without *publish* permission on an
event (a submitter, not a reviewer), "change" is narrowed to events in which
one of their organizations participates, or that they created (the page
owner). Publishers, reviewers and superusers keep Wagtail's rules, and a
proxy's delegation (``DelegationPagePermissionPolicy``) still opens its one
event. Both layers are narrowed: the page's permission tester (edit view,
delete, move, copy) and the page permission policy (history, revisions,
preview, listings of editable pages). In the explorer, the admin search,
the sidebar and the page chooser a submitter sees other organizations'
events only as published (no drafts, no pending titles).
"""

from django.db.models import Q
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..delegation.policy import DelegationPagePermissionPolicy
from ..delegation.service import delegated_event_ids
from ..delegation.testers import DelegatedPagePermissionTester


def is_member_event(user, page):
    """``user`` is public-body staff and created ``page``, or belongs to a
    public body taking part in it. Membership of a company, an association
    or a foundation gives no right to enter events (FAQ 2: entrants are the
    public bodies' staff; others enter one event as a delegated proxy)."""
    return page.pk in member_event_ids(user) or (
        page.owner_id == user.pk and is_public_body_staff(user)
    )


def _public_memberships(user):
    from ..models import Organization

    return Organization.objects.public_bodies().filter(members=user)


def is_public_body_staff(user):
    """Member of a public body of the rules in force (cached per request)."""
    if not hasattr(user, "_eventcal_public_body_staff"):
        user._eventcal_public_body_staff = (
            user.is_authenticated and _public_memberships(user).exists()
        )
    return user._eventcal_public_body_staff


def member_event_ids(user):
    """Ids of the events of ``user``'s public bodies, loaded once per user
    object (that is, per request): admin listings ask for every row."""
    from ..models import Participation

    if not hasattr(user, "_eventcal_member_event_ids"):
        user._eventcal_member_event_ids = frozenset(
            Participation.objects.filter(
                organization__in=_public_memberships(user).values("pk")
            ).values_list("event_id", flat=True)
        )
    return user._eventcal_member_event_ids


def may_enter_events(user, parent):
    """Whether ``user`` may create events below ``parent``: publishers there
    (reviewers) and superusers, and otherwise public-body staff only."""
    if not user.is_active:
        return False
    if user.is_superuser or PagePermissionTester(user, parent).can_publish_subpage():
        return True
    return is_public_body_staff(user)


def is_event(page):
    from ..models import EventPage

    return isinstance(page, EventPage) or page.specific_class is EventPage


def outside_organizations(user, page, page_actions):
    """True when "change" on ``page`` must be refused to ``user`` although
    their group page permissions (``page_actions``) grant it."""
    return (
        user.is_active
        and not user.is_superuser
        and "publish" not in page_actions
        and page.pk is not None
        and is_event(page)
        and not is_member_event(user, page)
    )


class EventPagePermissionTester(DelegatedPagePermissionTester):
    """The EventPage tester: Wagtail's, narrowed to the submitter's own
    organizations' events, widened by a delegation."""

    @property
    def outside(self):
        if not hasattr(self, "_outside"):
            actions = getattr(self, "permissions", set())
            self._outside = outside_organizations(self.user, self.page, actions)
        return self._outside

    def can_edit(self):
        if self.outside:
            return self.user.is_active and self.delegated
        return super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return not self.outside and super().can_delete(ignore_bulk=ignore_bulk)

    def can_copy(self):
        return not self.outside and super().can_copy()


class CalendarPagePermissionTester(PagePermissionTester):
    """The calendar's tester: adding an event is for public-body staff (and
    reviewers), whatever the user's groups grant."""

    def can_add_subpage(self):
        return super().can_add_subpage() and may_enter_events(self.user, self.page)


class EventcalPagePermissionPolicy(DelegationPagePermissionPolicy):
    """The page policy of the plugin: proxy delegations widen "change" to one
    event; submitters' "change" is narrowed to their organizations' events."""

    def _page_actions(self, user, page):
        return {
            perm.permission.codename.rsplit("_", maxsplit=1)[0]
            for perm in self.get_cached_permissions_for_user(user)
            if page.path.startswith(perm.page.path)
        }

    def user_has_any_permission_for_instance(self, user, actions, instance):
        allowed = super().user_has_any_permission_for_instance(user, actions, instance)
        if not allowed or "change" not in actions or user.is_superuser:
            return allowed
        if not outside_organizations(user, instance, self._page_actions(user, instance)):
            return True
        others = set(actions) - {"change"}
        return instance.pk in delegated_event_ids(user) or (
            bool(others)
            and PagePermissionPolicy.user_has_any_permission_for_instance(
                self, user, others, instance
            )
        )

    def _is_narrowed(self, user):
        """Submitters, not reviewers (and other publishers) or superusers."""
        return (
            user.is_active
            and not user.is_superuser
            and not self.user_has_permission(user, "publish")
        )

    def _others_events(self, user):
        from ..models import EventPage

        own = Q(pk__in=member_event_ids(user)) | Q(pk__in=delegated_event_ids(user))
        if is_public_body_staff(user):
            own |= Q(owner=user)
        return EventPage.objects.exclude(own)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) != {"change"} or not self._is_narrowed(user):
            return pages
        return pages.exclude(pk__in=self._others_events(user).values("pk"))

    def explorable_instances(self, user):
        """The explorer, the admin search and the sidebar show a submitter
        other organizations' events only as the public sees them: a draft or
        an unpublished change (its title included) stays between its
        organization and the secretariat."""
        return self.as_public_for_others(super().explorable_instances(user), user)

    def hidden_events(self, user, page_ids):
        """Which of ``page_ids`` are events ``user`` may not even name in an
        admin URL: for a submitter, other organizations' events that are not
        live or have unpublished changes (``AdminAccessMiddleware``)."""
        if not self._is_narrowed(user):
            return set()
        return set(
            self._others_events(user)
            .filter(pk__in=page_ids)
            .filter(Q(live=False) | Q(has_unpublished_changes=True))
            .values_list("pk", flat=True)
        )

    def as_public_for_others(self, pages, user):
        """``pages`` without the events of other organizations that are not
        live or have unpublished changes, for a submitter (also the page
        chooser's listings)."""
        if not self._is_narrowed(user):
            return pages
        unpublished = self._others_events(user).filter(
            Q(live=False) | Q(has_unpublished_changes=True)
        )
        return pages.exclude(pk__in=unpublished.values("pk"))


def narrow_page_chooser(pages, request):
    """``construct_page_chooser_queryset`` hook (links in rich text)."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(Page).as_public_for_others(pages, request.user)
