"""Admin views of webhook deliveries: the list with status, attempts and the
last error, and "Resend"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import outbox
from ..integers import parse_id
from ..models import WebhookDelivery, WebhookEndpoint
from .delivery import deliver_webhook

VIEW = "wagtail_eventcal.view_webhookendpoint"
CHANGE = "wagtail_eventcal.change_webhookendpoint"


class DeliveryIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Every delivery, newest first; ``?endpoint=`` narrows to one endpoint."""

    template_name = "wagtail_eventcal/admin/webhooks/deliveries.html"
    page_title = gettext_lazy("Webhook deliveries")
    header_icon = "link"
    paginate_by = 50
    viewset_name = None  # set by the viewset

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(f"{self.viewset_name}:index"), "label": _("Webhook endpoints")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deliveries = WebhookDelivery.objects.select_related("endpoint").defer("body")
        endpoint = None
        if endpoint_id := parse_id(self.request.GET.get("endpoint")):
            endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id).first()
            deliveries = deliveries.filter(endpoint_id=endpoint_id)
        number = parse_id(self.request.GET.get("p"))
        page_obj = Paginator(deliveries, self.paginate_by).get_page(number)
        context.update(
            endpoint=endpoint,
            page_obj=page_obj,
            rows=page_obj,  # the shared listing template's rows
            can_resend=self.request.user.has_perm(CHANGE),
            viewset_name=self.viewset_name,
        )
        return context


class ResendDeliveryView(View):
    """POST: send one delivery again (with its original body and number)."""

    viewset_name = None  # set by the viewset

    def post(self, request, pk):
        if not request.user.has_perm(CHANGE):
            raise PermissionDenied
        delivery = get_object_or_404(WebhookDelivery, pk=pk)
        delivery.sent_at = delivery.next_attempt_at = None
        delivery.attempts = 0
        delivery.save(update_fields=["sent_at", "attempts", "next_attempt_at"])
        outbox.enqueue_after_commit(deliver_webhook, delivery.pk)
        messages.success(
            request,
            _("Delivery %(number)s to “%(endpoint)s” queued again.")
            % {"number": delivery.pk, "endpoint": delivery.endpoint},
        )
        url = reverse(f"{self.viewset_name}:deliveries")
        if endpoint_id := parse_id(request.POST.get("endpoint")):
            url += f"?endpoint={endpoint_id}"
        return redirect(url)
