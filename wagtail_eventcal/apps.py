from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailEventcalConfig(AppConfig):
    name = "wagtail_eventcal"
    label = "wagtail_eventcal"
    verbose_name = _("Event calendar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from .checks import check_admin_access_middleware, check_import_post_size, check_two_factor
        from .routing_checks import check_url_routing

        checks.register(check_admin_access_middleware, checks.Tags.security)
        checks.register(check_two_factor, checks.Tags.security)
        checks.register(check_import_post_size)
        checks.register(check_url_routing, checks.Tags.urls)

        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from .organizations.permissions import EventcalPagePermissionPolicy

        # Proxy entry: widen "change" to delegated events (DESIGN.md, layer 2);
        # submitters: narrow it to their organizations' events.
        register_permission_policy(Page, EventcalPagePermissionPolicy(Page))

        from wagtail.images import get_image_model

        from .delegation.images import EventcalImagePermissionPolicy

        # A proxy may upload and choose its own images, no one else's (issue 15).
        # exact_class: wagtail.images registers its own policy in its ready(),
        # which runs after this one (this app is listed above Wagtail's).
        image_model = get_image_model()
        register_permission_policy(
            image_model,
            EventcalImagePermissionPolicy(
                image_model, auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
            ),
            exact_class=True,
        )

        from . import (
            base_url,  # noqa: F401 (registers its start-up check)
            exports,
        )
        from .feeds import ical_feed, publication

        exports.install()  # CSV cells never run as formulas (issue 18, item 5)

        from .delegation import admin as delegation_admin

        delegation_admin.install_search_guard()  # no sidebar search a proxy cannot open

        publication.connect_signals()

        from .workflow import setup as review_setup

        review_setup.connect_signals()  # every new calendar gets the review workflow
        ical_feed.connect_signals()

        from .public import fragments

        fragments.connect_signals()  # list cards and grid entries rendered on publication

        from .webhooks import signals as webhook_signals

        webhook_signals.connect_signals()

        from . import account_names, admin_language

        admin_language.connect_signals()  # new accounts: the site's admin language
        account_names.install()  # no required family name; 姓 before 名 in Japanese
