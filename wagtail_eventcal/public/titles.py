"""Page titles of the calendar's views that say what is shown (issue 19):
"Seminar, Osaka — Upcoming events — page 2 — Event calendar", and
"Error: …" when the filters are not valid, "no events" when none match.

A title is what a screen-reader user hears first and what a tab or a
bookmark shows: two different lists must not share one.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..bilingual import localized
from ..dates import format_date

SEPARATOR = " — "


def filters_description(form):
    """The chosen filters in words ("Seminar, Osaka, “talent”"), or ""."""
    if not (form.is_bound and form.is_valid()):
        return ""
    data = form.cleaned_data
    parts = []
    for name in ("category", "prefecture", "format", "body_type"):
        if data.get(name):
            parts.append(form.choice_label(name))
    if organization := form.organization_choice():
        parts.append(str(organization.name))
    if data.get("q"):
        parts.append(_("“%(keyword)s”") % {"keyword": data["q"]})
    date_from, date_to = data.get("date_from"), data.get("date_to")
    if date_from and date_to:
        parts.append(
            _("%(start)s to %(end)s")
            % {"start": format_date(date_from), "end": format_date(date_to)}
        )
    elif date_from:
        parts.append(_("from %(date)s") % {"date": format_date(date_from)})
    elif date_to:
        parts.append(_("until %(date)s") % {"date": format_date(date_to)})
    return _(", ").join(parts)


def day_name(day, *, year=True):
    """ "1 December 2026" / "2026年12月1日" (without the year: "1 December")."""
    if year:
        return date_format(day, pgettext("day with year, Django date format", "j F Y"))
    return date_format(day, pgettext("day without year, Django date format", "j F"))


def calendar_title(calendar, form, view, *, page_obj=None, month=None, day=None):
    parts = []
    if form.is_bound and not form.is_valid():
        parts.append(_("Error: please correct the filters"))
    elif description := filters_description(form):
        parts.append(description)
    if view == "month":
        parts.append(date_format(month.first_day, "YEAR_MONTH_FORMAT"))
    elif view == "day":
        parts.append(_("Events on %(day)s") % {"day": day_name(day)})
    elif view == "archive":
        parts.append(_("Past events"))
    else:
        parts.append(_("Upcoming events"))
    if page_obj is not None:
        if not page_obj.paginator.count and not (form.is_bound and not form.is_valid()):
            parts.append(_("no events found"))
        elif page_obj.number > 1:
            parts.append(_("page %(number)s") % {"number": page_obj.number})
    parts.append(str(localized(calendar, "title")))
    return SEPARATOR.join(parts)
