from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class EventPageForm(WagtailAdminPageForm):
    """Admin form for events: adds the checks that span the inline formset."""

    def clean_slug(self):
        """A new event gets a short ASCII slug (see :mod:`.slugs`)."""
        from .slugs import ascii_slug, is_short_ascii, unique_among_siblings

        slug = self.cleaned_data.get("slug")
        if self.instance.pk or is_short_ascii(slug):
            return slug
        title_en = self.data.get(self.add_prefix("title_en"), "")
        start = None
        if "start" in self.fields:
            try:
                start = self.fields["start"].clean(self.data.get(self.add_prefix("start")))
            except ValidationError:
                start = None
        if start is not None:
            from ..models.pages import event_zone

            start = start.astimezone(event_zone())
        return unique_among_siblings(ascii_slug(title_en, start), self.parent_page, self.instance)

    def clean_image(self):
        """Only an image its editor may choose (the policy of the image
        library), whatever id the POST carries."""
        from .images import NOT_YOURS, may_use_image

        image = self.cleaned_data.get("image")
        if not may_use_image(getattr(self, "for_user", None), self.instance, image):
            raise ValidationError(NOT_YOURS)
        return image

    def clean(self):
        cleaned_data = super().clean()
        self._refuse_non_public_entrant()
        participations = self.formsets.get("participations")
        if participations is not None and participations.is_valid():
            kept = [
                form
                for form in participations.forms
                if form.cleaned_data
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("organization")
            ]
            pairs = [(f.cleaned_data["organization"], f.cleaned_data["role"]) for f in kept]
            if len(set(pairs)) != len(pairs):
                self.add_error(None, _("The same organization is listed twice with the same role."))
            self._keep_proxy_organizations({f.cleaned_data["organization"] for f in kept})
            if not kept:
                # Shown at the top of the form; the tab is named in the message.
                self.add_error(
                    None,
                    _(
                        "Add at least one organization as organizer, "
                        "co-organizer or supporter (Organizers tab)."
                    ),
                )
        return cleaned_data

    def _refuse_non_public_entrant(self):
        # FAQ 2: events are entered by public-body staff. The calendar's
        # tester hides "add" from others; this refuses the creation itself.
        from ..organizations.permissions import may_enter_events

        user = getattr(self, "for_user", None)
        parent = getattr(self, "parent_page", None)
        if user is None or parent is None or self.instance.pk is not None:
            return
        if not may_enter_events(user, parent):
            self.add_error(
                None,
                _(
                    "Only staff of a public body (posting rule 2) may enter events. Members "
                    "of a company, an association or a foundation enter an event only as a "
                    "proxy delegated by the public body's staff (posting rule 6, FAQ 2)."
                ),
            )

    def _keep_proxy_organizations(self, organizations):
        from ..delegation.service import organizations_a_proxy_must_keep

        user = getattr(self, "for_user", None)
        if user is None:
            return
        for organization in organizations_a_proxy_must_keep(user, self.instance):
            if organization not in organizations:
                self.add_error(
                    None,
                    _(
                        "You enter this event as a proxy on behalf of %(organization)s: "
                        "keep it among the organizations (Organizers tab)."
                    )
                    % {"organization": organization.name},
                )

    def _post_clean(self):
        # After the instance holds the entered values: refuse to submit an
        # ineligible event, with the posting rules it breaks (review workflow).
        super()._post_clean()
        from ..exchange.duplicates import refuse_unexplained_duplicate
        from ..workflow.submission import is_submission, refuse_ineligible_submission

        refuse_ineligible_submission(self)
        if is_submission(self):
            refuse_unexplained_duplicate(self)
