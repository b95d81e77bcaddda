"""Admin views for proxy delegation: delegate an event, list delegations
(per event, per user), revoke one."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permissions import policy_registry

from ..integers import parse_id
from ..models import Delegation, EventPage
from . import service as rules
from .forms import FAQ2_EN, FAQ2_JA, DelegationForm, InvitedAccountForm
from .mails import notify_delegation_ended, notify_invitation


def sees_all_delegations(user):
    """Reviewers (anyone who may publish pages) and superusers."""
    return policy_registry.get_by_type(Page).user_has_permission(user, "publish")


def visible_delegations(user):
    delegations = Delegation.objects.select_related(
        "event", "delegate", "granted_by", "organization", "revoked_by"
    )
    if sees_all_delegations(user):
        return delegations
    return delegations.filter(
        Q(delegate=user) | Q(granted_by=user) | Q(event__participations__organization__members=user)
    ).distinct()


def index_url(**params):
    url = reverse("wagtail_eventcal_delegations:index")
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


class DelegationIndexView(WagtailAdminTemplateMixin, TemplateView):
    """All delegations the user may see; ``?event=`` lists one event's,
    ``?delegate=`` one user's."""

    template_name = "wagtail_eventcal/admin/delegations/index.html"
    page_title = _("Proxy delegations")
    paginate_by = 50
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        delegations = visible_delegations(self.request.user)
        event = delegate = None
        if event_id := parse_id(self.request.GET.get("event")):
            event = self.get_event(event_id, delegations)
            delegations = delegations.filter(event=event)
        if delegate_id := parse_id(self.request.GET.get("delegate")):
            delegations = delegations.filter(delegate_id=delegate_id)
            delegate = delegations[0].delegate if delegations else None
        now = timezone.now()
        # Paginator.get_page: any number gives a page (the last for one too
        # big); anything else, the first.
        number = parse_id(self.request.GET.get("p"))
        page_obj = Paginator(delegations, self.paginate_by).get_page(number)
        rows = [
            {
                "delegation": item,
                "active": item.is_active(now),
                "can_revoke": item.revoked_at is None
                and rules.can_revoke(self.request.user, item.event),
            }
            for item in page_obj
        ]
        context.update(
            rows=rows,
            page_obj=page_obj,
            elided_page_range=page_obj.paginator.get_elided_page_range(page_obj.number),
            event=event,
            delegate=delegate,
            can_delegate_event=event is not None and rules.can_delegate(self.request.user, event),
        )
        return context

    def get_event(self, event_id, delegations):
        """The event of ``?event=``, only for those who may delegate it or
        see one of its delegations: its title (maybe an unpublished draft's)
        is in the header. Anyone else gets the answer for an unknown id."""
        event = EventPage.objects.filter(pk=event_id).first()
        if event is None or not (
            rules.can_revoke(self.request.user, event) or delegations.filter(event=event).exists()
        ):
            raise Http404
        return event


class DelegateEventView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtail_eventcal/admin/delegations/create.html"
    form_class = DelegationForm
    page_title = _("Delegate to a proxy")
    header_icon = "user"

    def dispatch(self, request, event_id):
        self.event = get_object_or_404(EventPage, pk=event_id)
        refusal = rules.delegation_refusal(request.user, self.event)
        if refusal is rules.NOT_INVOLVED:
            raise PermissionDenied
        if refusal is not None:
            # Say why (FAQ 2: who may ask for proxy entry) instead of a bare 403,
            # in the admin language active now (not the one the message
            # storage runs in).
            messages.error(request, str(refusal))
            return redirect(index_url(event=self.event.pk))
        return super().dispatch(request, event_id)

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": index_url(event=self.event.pk), "label": _("Proxy delegations")},
            {"url": "", "label": self.get_header_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            event=self.event, faq2_ja=FAQ2_JA, faq2_en=FAQ2_EN, **kwargs
        )

    def form_valid(self, form):
        try:
            with transaction.atomic():
                delegation = form.save()
                notify_invitation(delegation)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        # The same answer whatever the address: nothing says whether it
        # belongs to an account, or to whom (issue 18, item 13).
        messages.success(
            self.request,
            _(
                "An invitation for “%(event)s” was mailed to %(email)s. The delegation "
                "starts when the invitation is accepted."
            )
            % {"event": self.event.title, "email": delegation.email},
        )
        return redirect(index_url(event=self.event.pk))


class RevokeDelegationView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_eventcal/admin/delegations/revoke.html"
    page_title = _("Revoke delegation")
    header_icon = "user"

    def dispatch(self, request, pk):
        self.delegation = get_object_or_404(
            Delegation.objects.select_related("event", "delegate"), pk=pk
        )
        if not rules.can_revoke(request.user, self.delegation.event):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": index_url(event=self.delegation.event_id), "label": _("Proxy delegations")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(delegation=self.delegation, **kwargs)

    def post(self, request, pk):
        with transaction.atomic():
            self.delegation = rules.revoke(self.delegation, by=request.user)
            notify_delegation_ended(self.delegation)
        messages.success(
            request,
            _("Revoked: %(user)s can no longer edit “%(event)s”.")
            % {"user": self.delegation.proxy_name, "event": self.delegation.event.title},
        )
        return redirect(index_url(event=self.delegation.event_id))


class AcceptInvitationView(TemplateView):
    """The page an invitation link opens (outside the admin: the invitee may
    have no account yet). A GET only shows the invitation — mail scanners
    follow links —; a POST accepts it: as the logged-in account, or as a new
    account set up here. Holding the link is the proof of the address."""

    template_name = "wagtail_eventcal/delegations/accept.html"

    def dispatch(self, request, token):
        self.delegation, self.error = None, None
        try:
            self.delegation = rules.invitation_from_token(token)
            if self.delegation.delegate_id == request.user.pk and self.delegation.is_active():
                return redirect("wagtailadmin_pages:edit", self.delegation.event_id)
            rules.check_acceptable(self.delegation)
        except rules.InvitationError as error:
            self.error = str(error)
        return super().dispatch(request, token)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(error=self.error, faq2_ja=FAQ2_JA, faq2_en=FAQ2_EN)
        if self.error is None:
            context["delegation"] = self.delegation
            if not self.request.user.is_authenticated:
                context.setdefault("account_form", InvitedAccountForm(self.delegation))
                context["login_url"] = (
                    reverse("wagtailadmin_login") + "?" + urlencode({"next": self.request.path})
                )
        return context

    def post(self, request, token):
        if self.error is not None:
            return self.get(request, token)
        user = request.user
        if not user.is_authenticated:
            form = InvitedAccountForm(self.delegation, request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(account_form=form))
        try:
            with transaction.atomic():
                if not user.is_authenticated:
                    user = form.save()
                rules.accept_invitation(self.delegation, user)
        except (rules.InvitationError, ValidationError) as error:
            self.error = " ".join(getattr(error, "messages", None) or [str(error)])
            return self.render_to_response(self.get_context_data())
        if not request.user.is_authenticated:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("You are now the proxy for “%(event)s”.") % {"event": self.delegation.event.title},
        )
        return redirect("wagtailadmin_pages:edit", self.delegation.event_id)
