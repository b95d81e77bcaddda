"""The calendar's filters, shared by the HTML pages, the feeds and the API.

One form validates the query string; an invalid value never reaches the
database and is reported back in the visitor's language.
"""

import unicodedata
from datetime import datetime, time, timedelta

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import BodyType, Category, EventFormat, Prefecture
from ..models import Organization
from ..models.pages import event_zone

SEARCH_FIELDS = (
    "title",
    "title_en",
    "summary_ja",
    "summary_en",
    "venue_name_ja",
    "venue_name_en",
    "address_ja",
    "address_en",
    "participations__organization__name_ja",
    "participations__organization__name_en",
)


def _blank(choices, label):
    return [("", label), *choices]


class EventFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Keyword"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=_blank(Category.choices, _("All categories")),
    )
    prefecture = forms.ChoiceField(
        label=_("Prefecture"),
        required=False,
        choices=_blank(Prefecture.choices, _("All prefectures")),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=_blank(EventFormat.choices, _("All formats")),
    )
    body_type = forms.ChoiceField(
        label=_("Organizer type"),
        required=False,
        choices=_blank(BodyType.choices, _("All types")),
    )
    organization = forms.IntegerField(
        label=_("Organization"), required=False, min_value=1, widget=forms.HiddenInput
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

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

    def filter(self, queryset):
        """Apply the cleaned filters to an EventPage queryset."""
        data = self.cleaned_data
        if data.get("category"):
            queryset = queryset.filter(category=data["category"])
        if data.get("prefecture"):
            queryset = queryset.filter(prefecture=data["prefecture"])
        if data.get("format"):
            queryset = queryset.filter(event_format=data["format"])
        # Organization-based filters go through a subquery so that the outer
        # query never needs DISTINCT.
        if data.get("body_type"):
            queryset = queryset.filter(
                pk__in=_events_with(
                    participations__organization__body_types__code=data["body_type"]
                )
            )
        if data.get("organization"):
            queryset = queryset.filter(
                pk__in=_events_with(participations__organization_id=data["organization"])
            )
        zone = event_zone()
        if data.get("date_from"):
            start = datetime.combine(data["date_from"], time.min, tzinfo=zone)
            queryset = queryset.filter(end__gte=start)
        if data.get("date_to"):
            end = datetime.combine(data["date_to"] + timedelta(days=1), time.min, tzinfo=zone)
            queryset = queryset.filter(start__lt=end)
        if data.get("q"):
            queryset = queryset.filter(pk__in=_events_matching(data["q"]))
        return queryset

    def organization_choice(self):
        pk = self.cleaned_data.get("organization") if self.is_bound else None
        return Organization.objects.filter(pk=pk).first() if pk else None


def _events_with(**lookups):
    from ..models import EventPage

    return EventPage.objects.filter(**lookups).values("pk")


# ASCII "!".."~" → full-width "！".."～".
_FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}


def search_variants(word):
    """The spellings of ``word`` to look for, so that a search ignores case and
    full-width/half-width forms alike on SQLite and PostgreSQL.

    ``icontains`` alone differs: SQLite folds ASCII case only ("ＳＥＭ" misses
    "ｓｅｍ", "CAFÉ" misses "café"), PostgreSQL folds all case but never width
    ("seminar" misses "ＳＥＭＩＮＡＲ"). So the word is looked for as typed, in
    NFKC form (full-width letters and half-width kana to their usual form) and
    in full-width form, each in lower and upper case.
    """
    normalized = unicodedata.normalize("NFKC", word)
    forms = (word, normalized, normalized.translate(_FULL_WIDTH))
    return sorted({spelling for form in forms for spelling in (form, form.lower(), form.upper())})


def _events_matching(text):
    """Every word must appear somewhere (title, summary, venue, organizations)."""
    from ..models import EventPage

    queryset = EventPage.objects.all()
    for word in text.split():
        condition = Q()
        for field in SEARCH_FIELDS:
            for spelling in search_variants(word):
                condition |= Q(**{f"{field}__icontains": spelling})
        queryset = queryset.filter(pk__in=EventPage.objects.filter(condition).values("pk"))
    return queryset.values("pk")
