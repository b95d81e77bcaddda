"""The admin's own 403 page, and the page that tells a member of a company
or association how events are entered (posting rule 6, FAQ 2)."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..conf import get_setting
from ..delegation.access import is_proxy_only
from ..delegation.service import delegated_event_ids


class EnteringEventsView(WagtailAdminTemplateMixin, TemplateView):
    """For any admin user; linked from the menu and dashboard of those who
    may not enter events themselves."""

    template_name = "wagtail_eventcal/admin/roles/entering_events.html"
    page_title = _("Entering events")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            secretariat=get_setting("SECRETARIAT"),
            delegations_open=bool(delegated_event_ids(self.request.user)),
            **kwargs,
        )


class ForbiddenView(WagtailAdminTemplateMixin, TemplateView):
    """Every refusal of the admin access check: in the admin's style and the
    user's admin language, saying why and what to do."""

    template_name = "wagtail_eventcal/admin/roles/forbidden.html"
    page_title = _("You cannot open this page")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        from ..models import EventPage

        user = self.request.user
        proxy = is_proxy_only(user)
        events = (
            EventPage.objects.filter(pk__in=delegated_event_ids(user)).order_by("start")
            if proxy
            else EventPage.objects.none()
        )
        return super().get_context_data(
            proxy=proxy,
            delegated_events=events,
            secretariat=get_setting("SECRETARIAT"),
            **kwargs,
        )

    def dispatch(self, request, *args, **kwargs):
        # The same page whatever was refused: a GET, a form's POST, a DELETE …
        return self.get(request, *args, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        return super().render_to_response(context, status=403, **response_kwargs)


#: Localized in the user's admin language, with the admin's menus.
forbidden = require_admin_access(ForbiddenView.as_view())
