"""Query strings of the feeds: one filter form, and a clear 400 when invalid."""

from django.http import HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .filters import EventFilterForm, shorten

#: Parameters a public page passes on in its links besides the filters.
ECHOED_EXTRA = ("page",)


def bound_filter_form(request):
    """The calendar's filter form, bound only when a filter is given (a
    feed reader's cache-busting parameter does not make a feed "filtered")."""
    data = {name: request.GET[name] for name in EventFilterForm.base_fields if name in request.GET}
    return EventFilterForm(data or None)


def echoed_query(request, extra=ECHOED_EXTRA):
    """The filters of ``request`` to put into links (other views, other
    languages, feeds): known parameters only, each value shortened
    (:func:`~.filters.shorten`), so that no link repeats a huge input."""
    names = (*EventFilterForm.base_fields, *extra)
    query = QueryDict(mutable=True)
    for name in names:
        for value in request.GET.getlist(name):
            if value:
                query.appendlist(name, shorten(value))
    return query


def error_message(form):
    """``Invalid query parameter "category": Select a valid choice. …``"""
    parts = []
    for name, errors in form.errors.items():
        label = name if name != "__all__" else _("query")
        parts.append(
            _("Invalid query parameter “%(name)s”: %(errors)s")
            % {"name": label, "errors": " ".join(errors)}
        )
    return " ".join(parts)


def feed_title(title, form):
    """A filtered feed names its filters: "Event calendar — Seminar, Osaka"."""
    filters = form.describe()
    if not filters:
        return title
    return pgettext("filtered feed title", "%(calendar)s — %(filters)s") % {
        "calendar": title,
        "filters": filters,
    }


def with_query(url, form):
    """``url`` with the form's valid filters as its query string."""
    query = form.query_string()
    return f"{url}?{query}" if query else url


def bad_request(form):
    return HttpResponseBadRequest(error_message(form), content_type="text/plain; charset=utf-8")
