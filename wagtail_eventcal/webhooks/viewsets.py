"""The admin screen of webhook endpoints (Settings → Webhooks), with the
deliveries list beside it."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from ..integers import ID
from ..models import WebhookEndpoint
from .views import DeliveryIndexView, ResendDeliveryView


class EndpointIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Deliveries"),
                url=reverse("eventcal_webhooks:deliveries"),
                icon_name="list-ul",
            ),
        ]


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    name = "eventcal_webhooks"
    list_display = ["name", "url", "is_active"]
    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("secret"), FieldPanel("is_active")]
    copy_view_enabled = False

    index_view_class = EndpointIndexView

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "deliveries/",
                DeliveryIndexView.as_view(viewset_name=self.name),
                name="deliveries",
            ),
            path(
                f"deliveries/<{ID}:pk>/resend/",
                ResendDeliveryView.as_view(viewset_name=self.name),
                name="resend",
            ),
        ]


def register_viewset():
    """For the ``register_admin_viewset`` hook."""
    return WebhookEndpointViewSet()
