"""Admin screens for the plain models, built on Wagtail's snippet viewsets
(search, filters, history, inspect, CSV/XLSX export come with them)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from ..choices import Prefecture
from ..exports import ExcelFriendlyExportMixin
from ..models import BodyTypeTag, Organization


class OrganizationFilterSet(WagtailFilterSet):
    body_type = django_filters.ModelChoiceFilter(
        label=_("Body type"),
        field_name="body_types",
        queryset=BodyTypeTag.objects.all(),
    )
    prefecture = django_filters.ChoiceFilter(label=_("Prefecture"), choices=Prefecture.choices)
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Organization
        fields = ["body_type", "prefecture", "is_active"]


class OrganizationIndexView(ExcelFriendlyExportMixin, IndexView):
    pass


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organizations")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name_ja", "name_en", "body_type_labels", "prefecture", "is_active"]
    index_view_class = OrganizationIndexView
    # The listing's columns, as shown (labels, not codes), then the website.
    list_export = [
        "name_ja",
        "name_en",
        "body_type_labels",
        "get_prefecture_display",
        "is_active",
        "website",
        "contact_email",
        "local_government_code",
        "corporate_number",
    ]
    export_headings = {
        "body_type_labels": _("Body types"),
        "get_prefecture_display": _("Prefecture"),
    }
    export_filename = "organizations"
    filterset_class = OrganizationFilterSet
    search_fields = ["name_ja", "name_en"]
    # Plain ORM lookups: the registry is small, and the same on SQLite and PostgreSQL.
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("name_ja"), FieldPanel("name_en")])],
            heading=_("Name"),
        ),
        FieldPanel("body_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("prefecture"),
        FieldPanel("website"),
        FieldPanel("contact_email"),
        FieldRowPanel([FieldPanel("local_government_code"), FieldPanel("corporate_number")]),
        FieldPanel("members"),
        FieldPanel("is_active"),
    ]

    def get_queryset(self, request):
        return Organization.objects.prefetch_related("body_types")


def warn_members_of_non_public_body(request, instance):
    """``after_create_snippet`` / ``after_edit_snippet``: members of an
    organization that is not a public body cannot enter events (FAQ 2);
    say so when such an organization has members."""
    from django.contrib import messages

    if not isinstance(instance, Organization) or instance.is_public_body():
        return
    if instance.members.exists():
        messages.warning(
            request,
            _(
                "“%(name)s” is not a public body (posting rule 2, FAQ 1): its members cannot "
                "enter, submit or delegate events. They may still be invited as proxies for "
                "one event by a public body's staff (posting rule 6, FAQ 2)."
            )
            % {"name": instance.name},
        )
