"""Images for a proxy: upload and choose its own, see nobody else's (issue 15).

A proxy belongs to no group, so Wagtail's collection permissions give it no
image at all. It may still give its delegated event a picture: this policy
(registered for the image model in ``AppConfig.ready``) lets a proxy-only
user *add* images — into the proxy collection, where no submitter group has
permissions — and *choose* only the images it uploaded itself. Everything
else ("change", "delete", the library, other users' images) stays closed;
the admin's allow-list (``access.PROXY_ALLOW_LIST``) opens only the image
chooser's URLs to it. Every other user gets Wagtail's own policy unchanged.

The policy is asked where the state changes too: the event's form and
``EventPage.save_revision`` refuse an image its editor may not choose
(``editing.images``), whatever URL the id came through.
"""

from django.db.models import Q
from wagtail.models import Collection
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from ..event_images import proxy_collection
from .access import is_proxy_only

#: What a proxy may do with images, beside nothing.
PROXY_ACTIONS = frozenset({"add", "choose"})


class EventcalImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image policy, plus the proxy's narrow rights."""

    def _is_proxy(self, user):
        # A superuser or staff member with admin access of its own is not a
        # proxy even with a delegation (``is_proxy_only``).
        return is_proxy_only(user)

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in PROXY_ACTIONS and self._is_proxy(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if super().user_has_any_permission_for_instance(user, actions, instance):
            return True
        return (
            "choose" in actions and instance.uploaded_by_user_id == user.pk and self._is_proxy(user)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        images = super().instances_user_has_any_permission_for(user, actions)
        if "choose" in actions and self._is_proxy(user):
            # Only its own uploads: never another user's picture (another
            # organization's draft may show it).
            images = self.model._default_manager.filter(
                Q(pk__in=images.values("pk")) | Q(uploaded_by_user=user)
            )
        return images

    def collections_user_has_any_permission_for(self, user, actions):
        collections = super().collections_user_has_any_permission_for(user, actions)
        if PROXY_ACTIONS & set(actions) and self._is_proxy(user):
            # Uploads go to the proxy collection: no submitter group can
            # browse it (reviewers can).
            collections = Collection.objects.filter(
                Q(pk__in=collections.values("pk")) | Q(pk=proxy_collection().pk)
            )
        return collections
