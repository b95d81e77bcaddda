"""The calendar's filters, shared by the HTML pages, the feeds and the API.

One form validates the query string; an invalid value never reaches the
database and is reported back in the visitor's language.
"""

from datetime import date, datetime, time, timedelta

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.forms.boundfield import BoundField
from django.utils.http import urlencode
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from ..bilingual import localized
from ..choices import BodyType, Category, EventFormat, Prefecture
from ..dates import format_date
from ..folding import fold
from ..integers import NumberField
from ..models import Organization
from ..models.pages import event_zone

#: Dates a filter accepts (the month pages' range too). Beyond them, the
#: day after ``date_to`` or ``date_from`` in UTC leaves Python's and the
#: databases' date range: a 400 with the usual message, never a 500.
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2999, 12, 31)
#: At most this many characters of a submitted value are echoed back (in the
#: form, its links and its error messages): a 10,000-character query must
#: not come back fifty times.
ECHO_CHARS = 100


class DateInput(forms.DateInput):
    """``<input type="date">`` that never echoes an impossible date typed into
    the URL (``2026-02-31``): it is invalid HTML there and no browser can show
    it; the field's error message says what is wrong instead."""

    input_type = "date"

    def format_value(self, value):
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


def _blank(choices, label):
    return [("", label), *choices]


def _largest_id():
    """The largest organization id the database can compare (SQLite raises
    OverflowError beyond 64 bits)."""
    return connection.ops.integer_field_range(Organization._meta.pk.get_internal_type())[1]


def shorten(value):
    """``value`` cut to :data:`ECHO_CHARS` (marked with an ellipsis)."""
    if isinstance(value, str) and len(value) > ECHO_CHARS:
        return value[:ECHO_CHARS] + "…"
    return value


class EchoLimitedBoundField(BoundField):
    """Renders at most :data:`ECHO_CHARS` of what was submitted."""

    def value(self):
        return shorten(super().value())


class BoundedChoiceField(forms.ChoiceField):
    """A choice field whose "not one of the available choices" error quotes
    at most :data:`ECHO_CHARS` of the value. A shortened value ends in "…",
    which no choice does, so it stays invalid."""

    def validate(self, value):
        super().validate(shorten(value))

    def __deepcopy__(self, memo):
        # Each form copies its fields: the choices are copied shallowly, as
        # nothing changes them in place (facet_options gives a form its own
        # list). A deep copy was most of what a public page's form cost.
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = list(self._choices)
        return result


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=DateInput,
        validators=[MinValueValidator(FIRST_DATE), MaxValueValidator(LAST_DATE)],
    )


class EventFilterForm(forms.Form):
    bound_field_class = EchoLimitedBoundField

    q = forms.CharField(
        label=_("Keyword"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = BoundedChoiceField(
        label=_("Category"),
        required=False,
        choices=_blank(Category.choices, _("All categories")),
    )
    prefecture = BoundedChoiceField(
        label=_("Prefecture"),
        required=False,
        choices=_blank(Prefecture.choices, _("All prefectures")),
    )
    format = BoundedChoiceField(
        label=_("Format"),
        required=False,
        choices=_blank(EventFormat.choices, _("All formats")),
    )
    body_type = BoundedChoiceField(
        label=_("Organizer type"),
        required=False,
        choices=_blank(BodyType.choices, _("All types")),
    )
    organization = NumberField(
        label=_("Organization"),
        required=False,
        min_value=1,
        validators=[MaxValueValidator(_largest_id)],
        widget=forms.HiddenInput,
    )
    date_from = _date_field(_("From"))
    date_to = _date_field(_("To"))

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("“To” must not be before “From”."))
        return cleaned

    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)

    def canonical_query(self):
        """The cleaned filters as a stable string (a cache key): the same
        filters in another order or spelling give the same key."""
        if not self.is_bound:
            return ""
        data = self.cleaned_data
        return "&".join(f"{name}={data[name]}" for name in sorted(self.fields) if data.get(name))

    def query_string(self):
        """The valid filters as a query string (``category=seminar&…``) in
        field order: what a filtered feed calls itself."""
        if not self.is_bound or not self.is_valid():
            return ""
        data = self.cleaned_data
        return urlencode([(name, str(data[name])) for name in self.fields if data.get(name)])

    def choice_label(self, name):
        """The label of the option chosen for ``name``, without the count
        a public page's form adds to it (public/facet_options.py)."""
        return str(dict(self.base_fields[name].choices)[self.cleaned_data[name]])

    def describe(self):
        """The active filters in words in the active language, e.g.
        "Seminar, Osaka, from 2026-12-01" (titles of filtered feeds)."""
        if not self.is_bound or not self.is_valid():
            return ""
        data, parts = self.cleaned_data, []
        for name in ("category", "prefecture", "format", "body_type"):
            if data.get(name):
                parts.append(self.choice_label(name))
        organization = self.organization_choice()
        if organization is not None:
            parts.append(str(localized(organization, "name")))
        if data.get("date_from"):
            parts.append(gettext("from %(date)s") % {"date": format_date(data["date_from"])})
        if data.get("date_to"):
            parts.append(gettext("until %(date)s") % {"date": format_date(data["date_to"])})
        if data.get("q"):
            parts.append(gettext("“%(keyword)s”") % {"keyword": data["q"]})
        return pgettext("list separator", ", ").join(parts)

    def filter(self, queryset, *, per_event=False):
        """Apply the cleaned filters to an EventPage queryset (``per_event``:
        see :func:`condition`); an unbound form (no filters) keeps it all."""
        if not self.is_bound:
            return queryset
        return queryset.filter(*self.conditions(per_event=per_event).values())

    def conditions(self, *, per_event=False):
        """``{filter name: Q}`` for each filter given: what :meth:`filter`
        applies, one by one, so that facet counts (public/facets.py) leave
        out a facet's own filter and count each value with the very
        condition the list applies when that value is chosen."""
        data = self.cleaned_data
        return {
            name: condition(name, data[name], per_event=per_event)
            for name in self.fields
            if data.get(name)
        }

    def organization_choice(self):
        pk = self.cleaned_data.get("organization") if self.is_bound else None
        return Organization.objects.filter(pk=pk).first() if pk else None


def condition(name, value, *, per_event=False):
    """The ``Q`` of one filter with a cleaned, non-empty value.

    Organization-based filters select from a subquery read once (cheap over
    a whole calendar; no join, so no DISTINCT), or with ``per_event`` as a
    correlated EXISTS (cheap when a few events are read: the events a
    publication changed, :mod:`.facets`). Both select the same events."""
    if name == "category":
        return Q(category=value)
    if name == "prefecture":
        return Q(prefecture=value)
    if name == "format":
        return Q(event_format=value)
    if name == "body_type":
        return _with_participation(per_event, organization__body_types__code=value)
    if name == "organization":
        return _with_participation(per_event, organization_id=value)
    if name == "date_from":
        return Q(end__gte=datetime.combine(value, time.min, tzinfo=event_zone()))
    if name == "date_to":
        end = datetime.combine(value + timedelta(days=1), time.min, tzinfo=event_zone())
        return Q(start__lt=end)
    if name == "q":  # every word must appear
        return Q(*(Q(search_text__contains=fold(word)) for word in value.split()))
    raise ValueError(f"No such filter: {name}")


def body_type_bits():
    """Each event's organizer types as one number, a bit per type
    (:func:`body_type_bit`): the events :func:`condition` selects for
    ``body_type=value`` are exactly those with that value's bit set. One
    subquery answers every type (facet counts, public/facets.py)."""
    from ..models import Participation

    bits = Case(
        *(
            When(organization__body_types__code=value, then=Value(body_type_bit(value)))
            for value in BodyType.values
        ),
        default=Value(0),
    )
    return Subquery(
        Participation.objects.filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(bits=Sum(bits, distinct=True))
        .values("bits"),
        output_field=IntegerField(),
    )


def body_type_bit(value):
    return 1 << BodyType.values.index(value)


def _with_participation(per_event, **lookups):
    from ..models import Participation

    participations = Participation.objects.filter(**lookups)
    if per_event:
        return Q(Exists(participations.filter(event=OuterRef("pk"))))
    return Q(pk__in=participations.values("event_id"))
