from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from . import service as rules

# Posting rule FAQ 2, quoted in both languages whatever the admin language:
# the official confirms what the rule asks, in the rule's own words.
FAQ2_JA = (
    "イベントのフォームへの入力者は原則として公的機関(省庁・自治体・独立行政法人・"
    "商工会議所・商工会・大学)の担当者を想定している。ただし、同担当者からの依頼によって、"
    "事業実施主体である後援先や業務委託先に依頼をし、代理入力することも可とする。"
    "その場合は、担当者から実施主体に入力を依頼する際に、①本件は代理入力であることを"
    "伝えるとともに、②当該イベントに限っての入力依頼であることを伝えること。"
)
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
    proxy = forms.CharField(
        label=_("Proxy"),
        max_length=254,
        help_text=_(
            "The username or email address of an existing account, or the email "
            "address of a person to invite: an account is created and a link to set "
            "a password is mailed to them. Nobody can sign up by themselves."
        ),
    )
    organization = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)
    expires_at = forms.DateTimeField(
        label=_("Expires"),
        widget=AdminDateTimeInput,
        help_text=_("The proxy loses access at this moment (JST)."),
    )
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
        self.fields["expires_at"].initial = rules.default_expiry(event.end)
        self.account = None

    def clean_proxy(self):
        self.account = rules.find_account(self.cleaned_data["proxy"])
        return self.cleaned_data["proxy"].strip()

    def clean(self):
        data = super().clean()
        if self.refusal is not None:
            raise ValidationError(self.refusal, code="not_allowed")
        if self.errors or self.account is None:
            return data
        try:
            rules.check_delegation(
                self.event,
                self.account,
                self.user,
                data["organization"],
                data["expires_at"],
                timezone.now(),
            )
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return data

    def save(self):
        """Create the delegation; invites the account first when needed.
        Returns (delegation, invited)."""
        data = self.cleaned_data
        invited = self.account is None
        account = rules.invite_account(data["proxy"]) if invited else self.account
        delegation = rules.delegate_event(
            self.event,
            delegate=account,
            granted_by=self.user,
            organization=data["organization"],
            acknowledged_proxy_entry=data["acknowledged_proxy_entry"],
            acknowledged_this_event_only=data["acknowledged_this_event_only"],
            note=data["note"],
            expires_at=data["expires_at"],
        )
        return delegation, invited
