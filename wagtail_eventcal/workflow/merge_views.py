"""The reviewer's "Merge into this event": a confirmation page (GET) that
says what will happen, and the merge itself (POST, CSRF-protected by
Django's middleware). Reviewers only: anyone else gets a 403 on both."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..roles.views import forbidden
from ..sentences import join_sentences
from .forms import MergeForm
from .merge import MergeRefused, merge, plan, refusal
from .models import is_reviewer


def merge_url(withdrawn, kept):
    return reverse("eventcal_review:merge", args=[withdrawn.pk, kept.pk])


class MergeView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtail_eventcal/admin/review/merge.html"
    form_class = MergeForm
    page_title = _("Merge duplicates")
    header_icon = "copy"

    def dispatch(self, request, page_id, kept_id):
        from ..models import EventPage

        if not is_reviewer(request.user):
            # A real 403 (Wagtail's admin would turn PermissionDenied into a
            # redirect to the dashboard).
            return forbidden(request)
        self.withdrawn = get_object_or_404(EventPage, pk=page_id)
        self.kept = get_object_or_404(EventPage, pk=kept_id)
        return super().dispatch(request, page_id, kept_id)

    def get_page_subtitle(self):
        return self.kept.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtail_eventcal_exchange:duplicates", args=[self.kept.pk]),
                "label": _("Possible duplicates"),
            },
            {"url": "", "label": self.get_header_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "withdrawn_live": self.withdrawn.live}

    def get_context_data(self, **kwargs):
        reason = refusal(self.kept, self.withdrawn)
        return super().get_context_data(
            kept=self.kept,
            withdrawn=self.withdrawn,
            refused=reason,
            plan=None if reason else plan(self.kept, self.withdrawn),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            done = merge(
                self.kept.pk,
                self.withdrawn.pk,
                self.request.user,
                comment=form.cleaned_data["comment"],
                withdraw_live=form.cleaned_data.get("withdraw_live", False),
            )
        except MergeRefused as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, result_message(done))
        return redirect("wagtailadmin_pages:edit", self.kept.pk)


def _people(users):
    return pgettext("list separator", ", ").join(
        user.get_full_name() or user.get_username() for user in users
    )


def result_message(done):
    """What the reviewer reads after a merge: what happened and, by name,
    who was told (and who could not be: no e-mail address)."""
    told = [user for user in done.recipients if user.email]
    untold = [user for user in done.recipients if not user.email]
    titles = {"withdrawn": done.withdrawn.title, "kept": done.kept.title}
    parts = [_("“%(withdrawn)s” was merged into “%(kept)s” and withdrawn.") % titles]
    if told:
        parts.append(
            ngettext(
                "%(count)d person was told by mail: %(names)s.",
                "%(count)d people were told by mail: %(names)s.",
                len(told),
            )
            % {"count": len(told), "names": _people(told)}
        )
    else:
        parts.append(
            _("Nobody was told by mail: the withdrawn event's organization has no one to tell.")
        )
    if untold:
        parts.append(_("Not told (no e-mail address): %(names)s.") % {"names": _people(untold)})
    return join_sentences(parts)
