"""Admin views for proxy delegation: delegate an event, list delegations
(per event, per user), revoke one."""

from django.contrib import messages
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

from ..models import Delegation, EventPage
from . import service as rules
from .forms import FAQ2_EN, FAQ2_JA, DelegationForm
from .mails import notify_delegate, notify_delegation_ended


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
        if event_id := _int(self.request.GET.get("event")):
            event = self.get_event(event_id, delegations)
            delegations = delegations.filter(event=event)
        if delegate_id := _int(self.request.GET.get("delegate")):
            delegations = delegations.filter(delegate_id=delegate_id)
            delegate = delegations[0].delegate if delegations else None
        now = timezone.now()
        # Paginator.get_page: any ?p= gives a page (the last for one too big).
        page_obj = Paginator(delegations, self.paginate_by).get_page(self.request.GET.get("p"))
        rows = [
            {
                "delegation": item,
                "active": item.is_active(now),
                "can_revoke": item.revoked_at is None
                and rules.can_delegate(self.request.user, item.event),
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
            rules.can_delegate(self.request.user, event) or delegations.filter(event=event).exists()
        ):
            raise Http404
        return event


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class DelegateEventView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtail_eventcal/admin/delegations/create.html"
    form_class = DelegationForm
    page_title = _("Delegate to a proxy")
    header_icon = "user"

    def dispatch(self, request, event_id):
        self.event = get_object_or_404(EventPage, pk=event_id)
        if not rules.can_delegate(request.user, self.event):
            raise PermissionDenied
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
                delegation, invited = form.save()
                notify_delegate(delegation, invited=invited)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if invited:
            message = _(
                "Invited %(email)s and delegated “%(event)s”: a set-password link was mailed."
            )
        else:
            message = _("Delegated “%(event)s” to %(email)s.")
        messages.success(
            self.request,
            message % {"event": self.event.title, "email": delegation.delegate.get_username()},
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
        if not rules.can_delegate(request.user, self.delegation.event):
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
            rules.revoke(self.delegation, by=request.user)
            notify_delegation_ended(self.delegation)
        messages.success(
            request,
            _("Revoked: %(user)s can no longer edit “%(event)s”.")
            % {
                "user": self.delegation.delegate.get_username(),
                "event": self.delegation.event.title,
            },
        )
        return redirect(index_url(event=self.delegation.event_id))
