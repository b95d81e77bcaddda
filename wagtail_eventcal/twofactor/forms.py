"""The one field of the two-factor pages: a code."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import devices

WRONG_CODE = _(
    "That code is not right. Enter the 6-digit code your app shows now "
    "(check that the device's clock is right), or one of your recovery codes."
)
WRONG_SETUP_CODE = _(
    "That code is not right. Enter the 6-digit code your app shows now for "
    "this account (check that the device's clock is right)."
)


class CodeForm(forms.Form):
    """A code from the user's authenticator or one of their recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=64,
        help_text=_("The 6-digit code from your authenticator app, or a recovery code."),
        error_messages={"required": _("Enter a code.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    #: Checked against the authenticator being set up, not the confirmed ones.
    pending = False
    wrong_code = WRONG_CODE

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self):
        code = devices.normalised(self.cleaned_data["code"])
        self.device, wait = devices.check(self.user, code, pending=self.pending)
        if self.device is not None:
            return code
        if wait:
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong codes. Wait %(seconds)d second and try again.",
                    "Too many wrong codes. Wait %(seconds)d seconds and try again.",
                    wait,
                )
                % {"seconds": wait}
            )
        raise forms.ValidationError(self.wrong_code)


class SetUpForm(CodeForm):
    """The first code of the authenticator being set up."""

    pending = True
    wrong_code = WRONG_SETUP_CODE

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        code = self.fields["code"]
        code.help_text = _("The 6-digit code your authenticator app shows for this account.")
        code.widget.attrs["inputmode"] = "numeric"
