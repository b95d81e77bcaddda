"""Admin screens of the review: the reviewers' open-submissions report and
turnaround report, and the submitters' own submissions."""

from datetime import timedelta

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.forms import BoundField
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, Table, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from ..bilingual import active_language, lang_marked
from ..conf import get_setting
from ..dates import format_datetime
from ..exports import ExcelFriendlyExportMixin
from ..integers import parse_id, parse_int
from ..models import EventPage, Organization
from ..rules.eligibility import ELIGIBLE, INELIGIBLE, NEEDS_REVIEW
from ..sentences import join_sentences
from . import turnaround
from .context import submission_contexts
from .models import Decision, EventReviewTaskState, is_reviewer, today_in_japan
from .rounds import verdict_for_event


class TitledBreadcrumbsMixin:
    """The screen's own title after "Home" in the breadcrumbs, which the
    slim header shows as the screen's heading (without it the header says
    only "Home")."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class ReviewerRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_reviewer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def open_rounds():
    """Open review rounds with what their listings show, in one query."""
    return EventReviewTaskState.objects.filter(
        status=EventReviewTaskState.STATUS_IN_PROGRESS
    ).for_contexts()


def decorate(task_states, today):
    """The rows of a listing: copy what it shows from
    :func:`submission_contexts` onto each round, so that columns and the CSV
    export read plain attributes (in a constant number of queries)."""
    contexts = submission_contexts(task_states, today=today)
    return [_decorated(context) for context in contexts]


def _decorated(context):
    task_state = context["task_state"]
    proxy = context["proxy"]
    task_state.context = context
    task_state.event_title = context["title"]
    task_state.event_title_marked = lang_marked(context["title"], context["title_language"])
    task_state.edit_url = context["edit_url"]
    task_state.organization_names = ", ".join(str(o) for o in context["organizations"])
    submitter = context["submitter"] or context["requested_by"]
    task_state.submitter_name = (
        (submitter.get_full_name() or submitter.get_username()) if submitter else ""
    )
    task_state.proxy_label = (
        (proxy["label_en"] if active_language() == "en" else proxy["label_ja"]) if proxy else ""
    )
    verdict = context["verdict"]
    reasons = verdict.reasons if verdict else []
    task_state.verdict_label = verdict.label if verdict else ""
    task_state.verdict_reason_text = join_sentences(reason.message for reason in reasons)
    task_state.days_left = context["business_days_left"]
    task_state.days_overdue = max(-(task_state.days_left or 0), 0)
    task_state.overdue = context["overdue"]
    return task_state


class VerdictColumn(Column):
    cell_template_name = "wagtail_eventcal/admin/review/verdict_cell.html"


class DateTimeColumn(Column):
    """A date and time in the plugin's one format (``dates``), not Django's
    ``DATETIME_FORMAT`` that Wagtail's plain column would print."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = format_datetime(context["raw_value"]) or self.empty_value_display
        return context


class DueColumn(Column):
    cell_template_name = "wagtail_eventcal/admin/review/due_cell.html"


class OpenSubmissionsTable(Table):
    def get_row_classname(self, instance):
        return "eventcal-overdue" if getattr(instance, "overdue", False) else ""

    def get_row_attrs(self, instance):
        attrs = super().get_row_attrs(instance)
        if getattr(instance, "overdue", False):
            attrs["data-overdue"] = "true"
        return attrs


class WagtailFieldErrors(BoundField):
    """Wagtail's field template (formattedfield) shows a filter's error
    without the ``<id>_error`` id that Django 5.2 names in the field's
    aria-describedby, a reference to nothing: leave it out (the field keeps
    aria-invalid and the error is shown beside it). Only a hand-edited URL
    makes these selects invalid. Upstream: Wagtail's formatted_field.html
    should give its errors container that id."""

    @property
    def aria_describedby(self):
        return " ".join(
            reference
            for reference in super().aria_describedby.split()
            if reference != f"{self.auto_id}_error"
        )


class FilterForm(forms.Form):
    bound_field_class = WagtailFieldErrors


class OpenSubmissionsFilterSet(WagtailFilterSet):
    verdict_status = django_filters.ChoiceFilter(
        label=_("Verdict"),
        choices=[
            (ELIGIBLE, _("Eligible")),
            (NEEDS_REVIEW, _("Needs review")),
            (INELIGIBLE, _("Not eligible")),
        ],
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.NullBooleanSelect
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"), queryset=Organization.objects.all(), method="filter_organization"
    )

    class Meta:
        model = EventReviewTaskState
        fields = ["verdict_status"]
        form = FilterForm

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(due_date__lt=today_in_japan())
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_organization(self, queryset, name, value):
        if not value:
            return queryset
        ids = (
            EventPage.objects.filter(participations__organization=value)
            .annotate(pk_text=Cast("pk", CharField()))
            .values("pk_text")
        )
        return queryset.filter(workflow_state__object_id__in=ids)


class OpenSubmissionsView(ReviewerRequiredMixin, ExcelFriendlyExportMixin, ReportView):
    """Open submissions, soonest due first; sortable, filterable, CSV/XLSX."""

    page_title = _("Open submissions")
    header_icon = "tasks"
    index_url_name = "eventcal_review:open"
    index_results_url_name = "eventcal_review:open_results"
    filterset_class = OpenSubmissionsFilterSet
    table_class = OpenSubmissionsTable
    default_ordering = "due_date"
    export_filename = "open-submissions"
    list_export = [
        "event_title",
        "organization_names",
        "submitter_name",
        "proxy_label",
        "verdict_label",
        "verdict_reason_text",
        "started_at",
        "due_date",
        "days_left",
        "edit_url",
    ]
    export_headings = {
        "event_title": _("Event"),
        "organization_names": _("Organizations"),
        "submitter_name": _("Submitter"),
        "proxy_label": _("Proxy entry"),
        "verdict_label": _("Verdict"),
        "verdict_reason_text": _("Reasons"),
        "started_at": _("Received"),
        "due_date": _("Due"),
        "days_left": _("Business days left"),
        "edit_url": _("URL"),
    }

    @property
    def columns(self):
        return [
            TitleColumn(
                "event_title",
                accessor="event_title_marked",
                label=_("Event"),
                get_url=lambda ts: ts.edit_url,
            ),
            Column("organization_names", label=_("Organizations")),
            Column("submitter_name", label=_("Submitter")),
            Column("proxy_label", label=_("Proxy entry")),
            VerdictColumn("verdict_label", label=_("Verdict"), sort_key="verdict_status"),
            DateTimeColumn("started_at", label=_("Received"), sort_key="started_at"),
            DueColumn("due_date", label=_("Due"), sort_key="due_date"),
        ]

    def get_queryset(self):
        self.queryset = open_rounds()
        return super().get_queryset()

    def order_queryset(self, queryset):
        # A stable order for equal due dates: first received first.
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "started_at", "pk")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        today = today_in_japan()
        rows = decorate(context["object_list"], today)
        context["object_list"] = rows  # what the CSV export writes, too
        context["table"] = self.get_table(rows)
        return context


class TurnaroundView(
    ReviewerRequiredMixin, TitledBreadcrumbsMixin, WagtailAdminTemplateMixin, TemplateView
):
    page_title = _("Review turnaround")
    header_icon = "time"
    template_name = "wagtail_eventcal/admin/review/turnaround.html"
    months = 12
    notifications_shown = 200

    def get_context_data(self, **kwargs):
        from ..rules.business_days import local_date

        context = super().get_context_data(**kwargs)
        since = timezone.now() - timedelta(days=31 * self.months)
        decided = list(
            EventReviewTaskState.objects.filter(
                finished_at__gte=since, decision__in=Decision.values
            )
            .select_related("page")
            .only("started_at", "finished_at", "days_taken", "due_date", "decision", "page__title")
            .order_by("-finished_at", "-pk")
        )
        context["target"] = get_setting("REVIEW_BUSINESS_DAYS")
        stats = turnaround.monthly(
            ((local_date(ts.finished_at), ts.business_days_taken()) for ts in decided),
            target=context["target"],
        )
        context["stats"] = stats
        # Each notification (publication, return, question) with its own time.
        context["notifications"] = decided[: self.notifications_shown]
        context["chart"] = mark_safe(  # built from numbers and escaped text only
            turnaround.svg_chart(
                stats,
                title=gettext("Business days to decision per month"),
                target=context["target"],
                labels={
                    "median": gettext("Median"),
                    "p90": gettext("90th percentile"),
                    "target": gettext("Aim: %(days)s business days") % {"days": context["target"]},
                },
            )
        )
        return context


class MySubmissionsView(TitledBreadcrumbsMixin, WagtailAdminTemplateMixin, TemplateView):
    """Each submitter's submissions: status, due date, the reviewer's
    comments, and whom to ask when nothing happens."""

    page_title = _("My submissions")
    header_icon = "list-ul"
    template_name = "wagtail_eventcal/admin/review/my_submissions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        mine = EventReviewTaskState.objects.filter(
            Q(submitted_by=user) | Q(workflow_state__requested_by=user)
        ).values("workflow_state_id")
        rounds = (
            EventReviewTaskState.objects.filter(workflow_state_id__in=mine)
            .for_contexts()
            .order_by("-workflow_state__created_at", "started_at", "pk")
        )
        submissions = {}
        for task_state in rounds:
            entry = submissions.setdefault(task_state.workflow_state_id, {"rounds": []})
            entry["rounds"].append(task_state)
        latest = [entry["rounds"][-1] for entry in submissions.values()]
        contexts = submission_contexts(latest, today=today_in_japan())
        # Not ``context``: that is the template context being built.
        for entry, submission in zip(submissions.values(), contexts, strict=True):
            entry["latest"] = submission
            entry["status"] = status_of(submission)
            entry["days_overdue"] = max(-(submission["business_days_left"] or 0), 0)
        context["submissions"] = list(submissions.values())
        context["secretariat"] = get_setting("SECRETARIAT")
        context["review_days"] = get_setting("REVIEW_BUSINESS_DAYS")
        return context


class LiveVerdictView(View):
    """The verdict of the edit form as it stands, for the review status panel
    (POSTed by ``review_status.js`` on every change; nothing is saved)."""

    datetime_field = forms.DateTimeField(
        input_formats=["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"], required=False
    )

    def post(self, request):
        data = request.POST
        event = EventPage(
            detail_url=data.get("detail_url", "").strip(),
            residence_audiences=data.getlist("residence_audiences"),
            start=self._datetime(data.get("start")),
            end=self._datetime(data.get("end")),
        )
        event.pk = parse_id(data.get("page_id"))
        verdict = verdict_for_event(event, participations=self._participations(data))
        return TemplateResponse(
            request, "wagtail_eventcal/admin/review/verdict.html", {"verdict": verdict}
        )

    def _datetime(self, value):
        try:
            return self.datetime_field.clean(value or None)
        except forms.ValidationError:
            return None

    def _participations(self, data):
        prefix = "participations"
        total = min(parse_int(data.get(f"{prefix}-TOTAL_FORMS")) or 0, 100)
        chosen = []
        for i in range(total):
            organization = parse_id(data.get(f"{prefix}-{i}-organization"))
            if organization and not data.get(f"{prefix}-{i}-DELETE"):
                chosen.append((organization, data.get(f"{prefix}-{i}-role", "")))
        organizations = Organization.objects.prefetch_related("body_types").in_bulk(
            [pk for pk, _role in chosen]
        )
        return [(organizations[pk], role) for pk, role in chosen if pk in organizations]


def status_of(context):
    """How a submission stands, for its submitter."""
    workflow_state = context["workflow_state"]
    if workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
        return context["decision_label"]
    if workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        return gettext("In review")
    if workflow_state.status == workflow_state.STATUS_APPROVED:
        return gettext("Published")
    return gettext("Cancelled")
