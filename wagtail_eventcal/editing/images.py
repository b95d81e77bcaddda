"""Who may put which image on an event (issue 15, item 4).

The image library's permission policy (``delegation.images`` for proxies,
Wagtail's collections for everyone else) says which images a user may
*choose*. It is asked where the state changes — the edit form (an error on
the field, in the user's language) and ``EventPage.save_revision`` (every
route that makes a revision) — not only by the chooser, which is a door: a
POST may carry any image id.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

NOT_YOURS = _(
    "You may not use this image: choose one of the images offered to you, or upload a new one."
)


class ImageNotAllowed(PermissionDenied):
    def __init__(self):
        super().__init__(str(NOT_YOURS))


def may_use_image(user, page, image):
    """Whether ``user`` may put ``image`` on ``page``: an image they may
    choose, or one this event already had (keeping or restoring the image a
    colleague chose is no new choice)."""
    if image is None or user is None:
        return True
    policy = policy_registry.get_by_type(get_image_model())
    if policy.user_has_permission_for_instance(user, "choose", image):
        return True
    return page.pk is not None and (
        type(page).objects.filter(pk=page.pk, image=image).exists()
        or page.revisions.filter(content__image=image.pk).exists()
    )


def check_image(page, user):
    """Called by ``EventPage.save_revision``."""
    if page.image_id is not None and not may_use_image(user, page, page.image):
        raise ImageNotAllowed()
