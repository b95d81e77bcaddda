"""The admin import: upload or URL → preview → create drafts."""

import base64

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..conf import get_setting
from ..dates import format_datetime
from ..models import EventPage, ImportJob
from . import importer, jobs
from .duplicates import Features, candidates, describe, safe_direction, warning_text
from .fetch import fetch
from .forms import ImportForm, importable_calendars, importing_organizations
from .readers import FileError


def may_import(user):
    return (
        user.is_authenticated
        and importing_organizations(user).exists()
        and bool(importable_calendars(user))
    )


class ImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtail_eventcal/admin/exchange/import.html"
    form_class = ImportForm
    page_title = _("Import events")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            max_bytes=get_setting("IMPORT_MAX_BYTES"),
            max_rows=get_setting("IMPORT_MAX_ROWS"),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        size = None
        try:
            if data.get("data") is not None:
                content, filename = data["data"], data.get("filename", "")
            elif data.get("file"):
                upload = data["file"]
                # Only the start of a file that is too large is read; the
                # message states its real size.
                size = upload.size
                content = upload.read(get_setting("IMPORT_MAX_BYTES") + 1)
                filename = upload.name
            else:
                content, filename = fetch(data["url"]), data["url"]
            rows, notes = importer.read_rows(content, filename, size=size)
        except FileError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        calendar = form.calendars[data["calendar"]]
        options = {
            "organization": data["organization"],
            "role": data["role"],
            "defaults": form.defaults(),
        }
        importer.prepare(rows, **options)
        if "confirm" in self.request.POST and data.get("data") is not None:
            importable = sum(1 for r in rows if r.action in (importer.CREATE, importer.UPDATE))
            if jobs.in_background(importable):
                job = jobs.start_job(
                    content=content,
                    filename=filename,
                    calendar=calendar,
                    user=self.request.user,
                    total=importable,
                    **options,
                )
                return redirect(reverse("wagtail_eventcal_exchange:job", args=[job.pk]))
            created, updated = importer.apply(
                rows, calendar=calendar, user=self.request.user, **options
            )
            messages.success(
                self.request,
                ngettext(
                    "%(created)d draft created, %(updated)d updated. Complete and submit "
                    "each one for review: nothing was published.",
                    "%(created)d drafts created, %(updated)d updated. Complete and submit "
                    "each one for review: nothing was published.",
                    len(created),
                )
                % {"created": len(created), "updated": len(updated)},
            )
            return redirect(reverse("wagtailadmin_explore", args=[calendar.pk]))
        form.data = form.data.copy()
        form.data["payload"] = base64.b64encode(content).decode()
        form.data["filename"] = filename
        user = self.request.user
        for row in rows:
            row.duplicate_warnings = [
                (warning_text(d), d["url"]) for d in (describe(e, user) for _s, e in row.duplicates)
            ]
        return self.render_to_response(
            self.get_context_data(
                form=form,
                rows=rows,
                notes=notes,
                calendar=calendar,
                importable=sum(1 for r in rows if r.action in ("create", "update")),
            )
        )


class ImportJobView(WagtailAdminTemplateMixin, TemplateView):
    """The progress of drafts being created in the background, for the
    submitter who started it; it reloads itself until the job is over."""

    template_name = "wagtail_eventcal/admin/exchange/job.html"
    page_title = _("Import events")
    header_icon = "download"

    def dispatch(self, request, job_id):
        if not may_import(request.user):
            raise PermissionDenied
        self.job = get_object_or_404(
            ImportJob.objects.select_related("calendar"), pk=job_id, user=request.user
        )
        return super().dispatch(request, job_id)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtail_eventcal_exchange:import"), "label": self.page_title},
            {"url": "", "label": self.job.filename},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            job=self.job,
            explore_url=reverse("wagtailadmin_explore", args=[self.job.calendar_id]),
            **kwargs,
        )


def may_review(user):
    return user.is_superuser or user.has_perm("wagtail_eventcal.review_eventpage")


COMPARED = (
    ("title", _("Title (Japanese)")),
    ("title_en", _("Title (English)")),
    ("start", _("Start")),
    ("end", _("End")),
    ("venue_name_ja", _("Venue")),
    ("address_ja", _("Address")),
    ("detail_url", _("Detail URL")),
    ("organizations", _("Organizations")),
    ("status", _("Status")),
)


def _cells(event):
    """The compared values as shown: dates in the one date format of the
    admin's language, organizations as the rest of the admin lists them."""
    latest = event.get_latest_revision_as_object()
    values = {name: getattr(latest, name, "") for name, _label in COMPARED[:7]}
    values["start"], values["end"] = format_datetime(latest.start), format_datetime(latest.end)
    values["organizations"] = pgettext("list separator", ", ").join(
        pgettext("organization and its role", "%(name)s (%(role)s)")
        % {"name": p.organization.name, "role": p.get_role_display()}
        for p in latest.participations.all()
    )
    values["status"] = event.status_string
    return values


class DuplicatesView(WagtailAdminTemplateMixin, TemplateView):
    """For reviewers: an event and its possible duplicates side by side,
    the differing values marked."""

    template_name = "wagtail_eventcal/admin/exchange/duplicates.html"
    page_title = _("Possible duplicates")
    header_icon = "copy"

    def dispatch(self, request, page_id):
        if not may_review(request.user):
            raise PermissionDenied
        self.event = get_object_or_404(EventPage, pk=page_id)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        mine = _cells(self.event)
        found = candidates(
            Features.of_event(self.event.get_latest_revision_as_object()), exclude=[self.event.pk]
        )
        pairs = []
        for similarity, other in found:
            theirs = _cells(other)
            rows = [
                {
                    "label": label,
                    "mine": mine[name],
                    "theirs": theirs[name],
                    "differs": mine[name] != theirs[name],
                }
                for name, label in COMPARED
            ]
            kept, withdrawn = safe_direction(self.event, other)
            pairs.append(
                {
                    "other": other,
                    "score": round(similarity * 100),
                    "rows": rows,
                    "same": pgettext("list separator", ", ").join(
                        str(row["label"]) for row in rows if not row["differs"] and row["mine"]
                    ),
                    "kept": kept,
                    "withdrawn": withdrawn,
                }
            )
        return super().get_context_data(
            event=self.event,
            reason=self.event.get_latest_revision_as_object().duplicate_reason,
            pairs=pairs,
            **kwargs,
        )
