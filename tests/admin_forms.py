"""Turn a Wagtail admin form (with its inline formsets) into the POST data a
browser would send, so tests edit pages through the real edit view."""

import json

from django.forms.widgets import CheckboxInput


def _field_values(form, data):
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        key = bound.html_name
        if isinstance(field.widget, CheckboxInput):
            if value:
                data[key] = "on"
            continue
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[key] = [str(v) for v in value]
            continue
        # The widget's own rendering: Draftail turns HTML into contentstate
        # JSON, date widgets format dates, selects give strings.
        formatted = field.widget.format_value(value)
        if isinstance(formatted, dict):
            formatted = json.dumps(formatted)
        elif isinstance(formatted, list):
            formatted = formatted[0] if len(formatted) == 1 else formatted
        data[key] = "" if formatted is None else formatted


def form_to_post(form, overrides=None):
    data = {}
    _field_values(form, data)
    for formset in getattr(form, "formsets", {}).values():
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for subform in formset.forms:
            _field_values(subform, data)
    data.update(overrides or {})
    return data
