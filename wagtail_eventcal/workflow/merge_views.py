"""The reviewer's "Merge into this event": a confirmation page (GET) that
says what will happen, and the merge itself (POST, CSRF-protected by
Django's middleware). Reviewers only: anyone else gets a 403 on both."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

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
            return permission_denied(request, PermissionDenied())
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
            )
        except MergeRefused as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        told = [user for user in done.recipients if user.email]
        messages.success(
            self.request,
            ngettext(
                "“%(withdrawn)s” was merged into “%(kept)s” and withdrawn; %(count)d person "
                "was told by mail.",
                "“%(withdrawn)s” was merged into “%(kept)s” and withdrawn; %(count)d people "
                "were told by mail.",
                len(told),
            )
            % {"withdrawn": self.withdrawn.title, "kept": self.kept.title, "count": len(told)},
        )
        return redirect("wagtailadmin_pages:edit", self.kept.pk)
