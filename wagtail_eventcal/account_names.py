"""The name on the account settings (/admin/account/) as the portal's staff
have it: accounts are issued with one name (often a section's name, with no
family name), so neither name is required — otherwise nobody could change
their language, time zone or password — and in Japanese the family name (姓)
comes before the given name (名).

Wagtail builds the account panels itself (no setting or hook chooses the
name form), so :func:`install` sets the form class of its name panel."""

from django.utils.translation import get_language
from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.views import account

#: Languages that write the family name first.
FAMILY_NAME_FIRST = ("ja",)


def family_name_first(language):
    return (language or "").split("-")[0] in FAMILY_NAME_FIRST


class AccountNameForm(NameEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = False
        self.fields["last_name"].required = False
        if family_name_first(get_language()):
            order = ["last_name", "first_name"]
            self.order_fields(order + [name for name in self.fields if name not in order])


def install():
    panel = account.NameEmailSettingsPanel
    if panel.form_class is NameEmailForm:  # a project's own form is left alone
        panel.form_class = AccountNameForm
