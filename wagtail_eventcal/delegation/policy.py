from django.db.models import Q
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy


def _delegated(user):
    from .service import delegated_event_ids

    return delegated_event_ids(user)


class DelegationPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, widened for "change" only: a proxy may change
    its delegated events. The generic admin views (history, revisions,
    preview, explorer, search, reports) ask this policy, not the page's
    permission tester, so both layers are needed. Every other action
    (publish, lock, unlock, bulk_delete, add) is left exactly as Wagtail has it.
    """

    #: The site-wide page reports (page types usage, aging pages, workflows)
    #: ask for exactly these actions. A delegation does not open them: page
    #: types usage, for one, names the last edited page of every type.
    REPORT_ACTIONS = frozenset({"add", "change", "publish"})

    def user_has_any_permission(self, user, actions):
        if super().user_has_any_permission(user, actions):
            return True
        actions = set(actions)
        return "change" in actions and actions != self.REPORT_ACTIONS and bool(_delegated(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if super().user_has_any_permission_for_instance(user, actions, instance):
            return True
        return "change" in actions and instance.pk in _delegated(user)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        ids = _delegated(user)
        if "change" in actions and ids:
            # Filtered with Q rather than OR-ing querysets so that the result
            # stays a plain Page queryset Wagtail can keep filtering.
            pages = self.model._default_manager.filter(Q(pk__in=pages.values("pk")) | Q(pk__in=ids))
        return pages

    def instances_with_direct_explore_permission(self, user):
        pages = super().instances_with_direct_explore_permission(user)
        ids = _delegated(user)
        if not ids or user.is_superuser:
            return pages
        # The delegated events' parents (their calendar), not the events:
        # rooted at an event, the "Pages" menu opened on its (empty) list of
        # children. The explorer still lists only explorable pages there.
        parents = [page.get_parent() for page in Page.objects.filter(pk__in=ids)]
        return list(pages) + [parent for parent in parents if parent is not None]

    def explorable_instances(self, user):
        ids = _delegated(user)
        if not ids:
            return super().explorable_instances(user)
        # As Wagtail's own, but the delegated pages count as permission
        # roots: the proxy may walk down from their common ancestor to them.
        explorable = self.instances_user_has_any_permission_for(
            user, {"add", "change", "publish", "lock", "unlock", "bulk_delete"}
        )
        roots = [perm.page for perm in self.get_cached_permissions_for_user(user)]
        roots += list(Page.objects.filter(pk__in=ids))
        ancestors = Q()
        for page in roots:
            ancestors |= Q(pk__in=Page.objects.ancestor_of(page).values("pk"))
        common = Page.objects.first_common_ancestor_of(roots, include_self=True)
        return self.model._default_manager.filter(
            Q(pk__in=explorable.values("pk")) | ancestors
        ).filter(path__startswith=common.path)
