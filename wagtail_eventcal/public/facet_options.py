"""The filter form's options with their facet counts ("Seminar (12)",
"セミナー（12件）"), options without events left out.

The count is part of the option's text, so it is part of its accessible
name; the selects point (``aria-describedby``) at one sentence saying what
the numbers are, read once when a select gets focus.
"""

from django.utils.translation import pgettext

from .facets import CHOICE_FACETS

#: id of the sentence that explains the counts (filters.html).
HINT_ID = "eventcal-filter-counts-hint"


def option_label(label, count):
    return pgettext("filter option with its number of events", "%(label)s (%(count)s)") % {
        "label": label,
        "count": count,
    }


def add_counts(form, tally):
    """Give the choice filters of ``form`` (valid or unbound) the counts of
    ``tally``: each option with its number of events, an option with none
    left out unless it is the one selected (shown with 0, so that a visitor
    can always unselect it)."""
    selected = form.cleaned_data if form.is_bound else {}
    for name, counts in tally.counts.items():
        if name not in CHOICE_FACETS or name not in form.fields:
            continue
        field = form.fields[name]
        blank, *options = field.choices
        field.choices = [
            blank,
            *(
                (value, option_label(label, counts.get(value, 0)))
                for value, label in options
                if counts.get(value) or value == selected.get(name)
            ),
        ]
        field.widget.attrs["aria-describedby"] = HINT_ID
    form.facet_counts = tally
