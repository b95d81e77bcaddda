"""Wires the plugin into Wagtail's hooks; the code lives in the sub-packages."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .delegation import admin as delegation_admin
from .delegation import labels as delegation_labels
from .exchange import admin as exchange_admin
from .organizations import permissions as organization_permissions
from .organizations.viewsets import OrganizationViewSet, warn_members_of_non_public_body
from .roles import admin as role_admin
from .twofactor import admin as two_factor_admin
from .webhooks import viewsets as webhook_viewsets
from .workflow import actions as review_actions
from .workflow import admin as review_admin
from .workflow import answer as review_answer
from .workflow import dashboard as review_dashboard
from .workflow import merge as review_merge
from .workflow import page_views as review_page_views
from .workflow import submission as review_submission

register_snippet(OrganizationViewSet)
# Who may enter events (issue 12): members of non-public organizations cannot.
hooks.register("after_create_snippet", warn_members_of_non_public_body)
hooks.register("after_edit_snippet", warn_members_of_non_public_body)

# Proxy delegation (issue 4)
hooks.register("register_admin_urls", delegation_admin.admin_urls)
hooks.register("register_admin_menu_item", delegation_admin.menu_item)
hooks.register("register_page_header_buttons", delegation_admin.page_header_buttons)
hooks.register("construct_page_chooser_queryset", delegation_admin.narrow_page_chooser)
hooks.register("construct_homepage_panels", delegation_admin.add_dashboard_panel)
hooks.register("construct_main_menu", delegation_admin.narrow_main_menu)
# Last: it ends the request for a proxy's submission (a redirect).
hooks.register("after_edit_page", delegation_admin.keep_proxy_in_reach, order=1000)
hooks.register("after_edit_page", delegation_labels.log_proxy_revision)
hooks.register("register_log_actions", delegation_labels.register_log_actions)
hooks.register("eventcal_submission_context", delegation_labels.add_proxy_to_submissions)

# Submitters work on their own organizations' events (issue 3)
hooks.register("construct_page_chooser_queryset", organization_permissions.narrow_page_chooser)

# Review workflow (issue 3)
hooks.register("register_admin_urls", review_admin.admin_urls)
hooks.register("register_reports_menu_item", review_admin.open_submissions_menu_item)
hooks.register("register_reports_menu_item", review_admin.turnaround_menu_item)
hooks.register("register_admin_menu_item", review_admin.my_submissions_menu_item)
hooks.register("construct_homepage_panels", review_dashboard.homepage_panels)
# After Wagtail's own summary items (it adds the page count), to replace it.
hooks.register(
    "construct_homepage_summary_items", review_dashboard.homepage_summary_items, order=100
)
hooks.register("after_create_page", review_admin.check_detail_url_after_save)
hooks.register("after_edit_page", review_admin.check_detail_url_after_save)
hooks.register("insert_global_admin_css", review_admin.admin_css)
hooks.register("register_log_actions", review_answer.register_log_actions)
# Merging duplicates (issue 15, item 2): the history entries on both events.
hooks.register("register_log_actions", review_merge.register_log_actions)

# Publication webhooks (issue 16)
hooks.register("register_admin_viewset", webhook_viewsets.register_viewset)
hooks.register("before_create_page", review_submission.keep_refused_new_event_as_draft)
# Each role meets only its own review actions; decisions are confirmed explicitly (issue 14).
hooks.register("construct_page_action_menu", review_actions.trim_action_menu)
hooks.register("before_edit_page", review_actions.refuse_hidden_actions)
hooks.register("after_edit_page", review_actions.confirm_decision)
hooks.register("after_create_page", review_submission.announce_refused_draft)

# Import, duplicates (issue 15)
hooks.register("register_admin_urls", exchange_admin.admin_urls)
hooks.register("register_admin_menu_item", exchange_admin.menu_item)
hooks.register("after_create_page", exchange_admin.warn_after_save)
hooks.register("after_edit_page", exchange_admin.warn_after_save)
hooks.register("register_page_header_buttons", exchange_admin.page_header_buttons)

# Each role sees only what it can use
hooks.register("register_admin_urls", role_admin.admin_urls)
hooks.register("register_admin_menu_item", role_admin.menu_item)
hooks.register("construct_main_menu", role_admin.narrow_main_menu)
hooks.register("construct_homepage_panels", role_admin.dashboard_panels)
hooks.register("construct_homepage_summary_items", role_admin.summary_items, order=200)

# What the reviewer saw is what gets published (issue 18)
hooks.register("register_admin_viewset", review_page_views.register_viewset)

# Two-factor sign-in for those who publish (the middleware enforces it)
hooks.register("register_admin_urls", two_factor_admin.admin_urls)
hooks.register("register_account_menu_item", two_factor_admin.account_menu_item)
