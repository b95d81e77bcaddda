"""Forms of the review actions (shown in Wagtail's workflow action modal)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional; sent to the submitter with the publication notice."),
    )


class ReturnForm(forms.Form):
    # CharField strips whitespace, so a blank comment is refused as missing.
    comment = forms.CharField(
        label=_("What needs to change"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required. The submitter sees this in the admin and by mail."),
        error_messages={"required": _("Say what needs to change.")},
    )


class ConfirmationForm(forms.Form):
    comment = forms.CharField(
        label=_("Question to the submitter"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required. The submitter answers by editing and resubmitting the event."),
        error_messages={"required": _("Enter the question.")},
    )
