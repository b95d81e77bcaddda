from wagtail.models import PagePermissionTester


class DelegatedPagePermissionTester(PagePermissionTester):
    """Accepts an active delegation for editing (and therefore for saving
    drafts, previewing, history, revisions and submitting for review) —
    never for publishing, unpublishing, deleting, moving, copying, locking,
    privacy or adding child pages, which keep Wagtail's own rules."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self._delegated = None

    @property
    def delegated(self):
        if self._delegated is None:
            from .service import is_delegated

            self._delegated = is_delegated(self.user, self.page)
        return self._delegated

    def can_edit(self):
        return super().can_edit() or (self.user.is_active and self.delegated)

    def can_copy(self):
        # Wagtail lets whoever can edit copy; a copy would be a new page the
        # proxy was never delegated.
        return super().can_edit()
