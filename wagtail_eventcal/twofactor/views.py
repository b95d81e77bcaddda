"""The two-factor pages of the admin: confirm a sign-in, set up an
authenticator, recovery codes, and the account's overview."""

from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from django_otp import user_has_device
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..conf import get_setting
from . import devices
from .forms import CodeForm, SetUpForm
from .policy import is_required


def next_url(request):
    """Where to go once verified: the admin URL asked for, never another site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) and target.startswith(reverse("wagtailadmin_home")):
        return target
    return reverse("wagtailadmin_home")


def mark_verified(request, device):
    # A new session key for the raised privilege: a key seen before the
    # second factor is worth nothing after it.
    request.session.cycle_key()
    django_otp.login(request, device)


# Messages are translated in the view (gettext, not lazily): Wagtail sets the
# user's admin language for the view only, and they are stored after it.


class CodeFormView(FormView):
    heading = None

    def get_form_kwargs(self):
        return {"user": self.request.user, **super().get_form_kwargs()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.heading,
            next=next_url(self.request),
            secretariat=get_setting("SECRETARIAT"),
            **kwargs,
        )


class VerifyView(CodeFormView):
    """Sign-in, second step: a code from the authenticator or a recovery code."""

    template_name = "wagtail_eventcal/admin/two_factor/verify.html"
    form_class = CodeForm
    heading = _("Confirm your sign-in")

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_verified() or not user_has_device(user, confirmed=True):
            return redirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        mark_verified(self.request, form.device)
        if devices.is_recovery_device(form.device):
            left = len(devices.recovery_codes(self.request.user))
            messages.warning(
                self.request,
                ngettext(
                    "You signed in with a recovery code. %(count)d code is left: "
                    "make new ones if you are running out.",
                    "You signed in with a recovery code. %(count)d codes are left: "
                    "make new ones if you are running out.",
                    left,
                )
                % {"count": left},
            )
            if not devices.has_authenticator(self.request.user):
                return redirect("eventcal_two_factor:set_up")
        return redirect(next_url(self.request))


class SetUpView(CodeFormView):
    """A new authenticator: scan the QR code (or type the secret), then give
    its first code. Replaces the one before, if any."""

    template_name = "wagtail_eventcal/admin/two_factor/set_up.html"
    form_class = SetUpForm
    heading = _("Set up two-factor sign-in")

    def get_context_data(self, **kwargs):
        device = devices.pending_authenticator(self.request.user)
        return super().get_context_data(
            qr_svg=devices.qr_svg(device),
            secret=devices.secret_text(device),
            replacing=devices.has_authenticator(self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        user = self.request.user
        first_time = not devices.recovery_codes(user)
        device = devices.confirm_authenticator(user)
        mark_verified(self.request, device)
        if first_time:
            devices.new_recovery_codes(user)
        messages.success(self.request, gettext("Two-factor sign-in is set up."))
        url = reverse("eventcal_two_factor:recovery_codes")
        if first_time:  # the new codes first, then on to where the user was going
            url += "?" + urlencode({"next": next_url(self.request)})
        return redirect(url)


class OverviewView(WagtailAdminTemplateMixin, TemplateView):
    """The account's two-factor sign-in: set up, recovery codes, turn off."""

    template_name = "wagtail_eventcal/admin/two_factor/overview.html"
    page_title = _("Two-factor sign-in")
    header_icon = "key"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            enrolled=user_has_device(user, confirmed=True),
            has_authenticator=devices.has_authenticator(user),
            recovery_left=len(devices.recovery_codes(user)),
            required=is_required(user),
            **kwargs,
        )


class RecoveryCodesView(WagtailAdminTemplateMixin, TemplateView):
    """The recovery codes not used yet; POST makes a new set."""

    template_name = "wagtail_eventcal/admin/two_factor/recovery_codes.html"
    page_title = _("Recovery codes")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("eventcal_two_factor:overview"), "label": _("Two-factor sign-in")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            codes=devices.recovery_codes(user),
            enrolled=user_has_device(user, confirmed=True),
            next=self.request.GET.get("next") and next_url(self.request),
            **kwargs,
        )

    def post(self, request):
        if not user_has_device(request.user, confirmed=True):
            return redirect("eventcal_two_factor:overview")
        devices.new_recovery_codes(request.user)
        messages.success(request, gettext("New recovery codes made. The old ones no longer work."))
        return redirect("eventcal_two_factor:recovery_codes")


class TurnOffView(View):
    """Removes the authenticator and recovery codes of a user who may work
    without them (never those who must use them)."""

    http_method_names = ["post"]

    def post(self, request):
        if is_required(request.user):
            messages.error(request, gettext("Your role requires two-factor sign-in."))
        else:
            devices.remove_all(request.user)
            messages.success(request, gettext("Two-factor sign-in is turned off."))
        return redirect("eventcal_two_factor:overview")
