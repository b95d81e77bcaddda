"""Draftail with an accessible name.

Wagtail 8.0.1 points the field's <label> at the hidden input that Draftail
replaces, so the editor's text box (contenteditable, role="textbox") has no
accessible name (wagtail/wagtail#14205; axe rule "aria-input-field-name").
Draftail takes an ``ariaLabelledBy`` option, which Wagtail passes on to it,
and the label's id is "<input id>-label" (wagtailadmin/shared/formatted_field.html).
A site selects this widget in WAGTAILADMIN_RICH_TEXT_EDITORS (README).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.admin.rich_text import DraftailRichTextArea


class LabelledDraftailRichTextArea(DraftailRichTextArea):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        if attrs.get("id"):
            options = {**self.options, "ariaLabelledBy": f"{attrs['id']}-label"}
            attrs["data-w-init-detail-value"] = json.dumps(options, cls=DjangoJSONEncoder)
        return context
