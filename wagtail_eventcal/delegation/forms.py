from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from ..conf import get_setting
from ..rules import quotes
from . import service as rules
from . import usernames

# Posting rule 6, FAQ 2, in the document's words and restated in English, whatever
# the admin language: the official confirms what the rule asks.
FAQ2_JA = quotes.FAQ_2.text
FAQ2_EN = (
    "Events are normally entered by staff of the public body. At that staff member's "
    "request, the body running the event (a supported organisation or a contractor) may "
    "enter it as a proxy. When asking, the staff member must tell the proxy (1) that this "
    "is proxy entry on the body's behalf and (2) that it is for this event only."
)
ACK_PROXY_ENTRY = (
    "① 本件は代理入力であることを代理入力者に伝えました。 / "
    "(1) I have told the proxy that this is proxy entry on our body's behalf."
)
ACK_THIS_EVENT_ONLY = (
    "② 当該イベントに限っての入力依頼であることを代理入力者に伝えました。 / "
    "(2) I have told the proxy that the request covers this event only."
)


class DelegationForm(forms.Form):
    email = forms.EmailField(
        label=_("Proxy's email address"),
        help_text=_(
            "An invitation is mailed to this address. Whoever follows its link becomes "
            "the proxy: logged in to their account, or setting up a new one. Nobody can "
            "sign up without an invitation."
        ),
    )
    organization = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)
    expires_at = forms.DateTimeField(label=_("Expires"), widget=AdminDateTimeInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    acknowledged_proxy_entry = forms.BooleanField(label=ACK_PROXY_ENTRY, required=True)
    acknowledged_this_event_only = forms.BooleanField(label=ACK_THIS_EVENT_ONLY, required=True)

    def __init__(self, *args, event, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.event, self.user = event, user
        self.fields["organization"].queryset = rules.delegating_organizations(user, event)
        # Why this user may not delegate this event at all (FAQ 2), or None.
        self.refusal = rules.delegation_refusal(user, event)
        latest = rules.default_expiry(event.end)
        self.fields["expires_at"].initial = latest
        self.fields["expires_at"].help_text = _(
            "The proxy loses access at this moment (JST): at the latest %(days)s days "
            "after the event ends, %(latest)s."
        ) % {"days": get_setting("DELEGATION_EXPIRY_DAYS"), "latest": rules.format_jst(latest)}

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        rules.check_expiry(self.event, expires_at, timezone.now())
        return expires_at

    def clean(self):
        data = super().clean()
        if self.refusal is not None:
            raise ValidationError(self.refusal, code="not_allowed")
        return data

    def save(self):
        """Mail-bound invitation (a pending delegation), or ValidationError."""
        data = self.cleaned_data
        return rules.invite(
            self.event,
            email=data["email"],
            granted_by=self.user,
            organization=data["organization"],
            acknowledged_proxy_entry=data["acknowledged_proxy_entry"],
            acknowledged_this_event_only=data["acknowledged_this_event_only"],
            note=data["note"],
            expires_at=data["expires_at"],
        )


class InvitedAccountForm(forms.Form):
    """A new account for the holder of an invitation link: its address is
    the invited one (the link proved it), the username and password theirs."""

    username = forms.CharField(label=_("Username"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, delegation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.delegation = delegation
        self.fields["username"].initial = delegation.email

    def clean_username(self):
        username = usernames.normalise(self.cleaned_data["username"])
        try:
            ASCIIUsernameValidator()(username)
        except ValidationError:
            raise ValidationError(
                _(
                    "Use only the letters A–Z and a–z, digits and the characters "
                    "@ . + - _ in a username."
                ),
                code="username_not_ascii",
            ) from None
        existing = get_user_model()._default_manager.values_list("username", flat=True)
        if usernames.look_alike_of(username, existing.iterator()):
            raise ValidationError(
                _(
                    "This username is taken, or looks too much like one that is. Choose "
                    "another, or log in if it is yours."
                ),
                code="username_taken",
            )
        return username

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            user = get_user_model()(username=data.get("username", ""), email=self.delegation.email)
            try:
                password_validation.validate_password(first, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return data

    def save(self):
        user = get_user_model()(username=self.cleaned_data["username"], email=self.delegation.email)
        user.set_password(self.cleaned_data["password1"])
        user.save()
        return user
