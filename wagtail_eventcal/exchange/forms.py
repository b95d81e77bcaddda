"""The import form: where the drafts go, for which organization, and the file."""

import base64
import binascii

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import Category, Prefecture, Role
from ..models import CalendarPage, Organization


def importable_calendars(user):
    return [
        calendar
        for calendar in CalendarPage.objects.all().order_by("path")
        if calendar.permissions_for_user(user).can_add_subpage()
    ]


def importing_organizations(user):
    """Only staff of an organization import (never a proxy: a proxy enters
    one delegated event and nothing else)."""
    return Organization.objects.active().filter(members=user)


class ImportForm(forms.Form):
    calendar = forms.TypedChoiceField(label=_("Calendar"), coerce=int)
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), empty_label=None
    )
    role = forms.ChoiceField(
        label=_("Its role in the events"), choices=Role.choices, initial=Role.ORGANIZER
    )
    category = forms.ChoiceField(
        label=_("Default category"),
        choices=[("", "—"), *Category.choices],
        required=False,
        help_text=_(
            "Each draft's category is guessed from its words (セミナー, 説明会, 交流会, "
            "job fair …). This one is given to the rows where no guess is possible; "
            "without it, choose their category in each draft."
        ),
    )
    prefecture = forms.ChoiceField(
        label=_("Default prefecture"),
        choices=[("", "—"), *Prefecture.choices],
        required=False,
        help_text=_(
            "For rows whose prefecture cannot be read from 都道府県名, the address, "
            "the venue, a postcode or a city name."
        ),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "An iCalendar file (.ics), or a CSV (UTF-8 or Shift_JIS) or XLSX file in the "
            "open-data event format 「イベント一覧」 (the 自治体標準オープンデータセット "
            "or the 2019 推奨データセット layout)."
        ),
    )
    url = forms.URLField(
        label=_("or the address of an .ics file"), required=False, assume_scheme="https"
    )
    # The previewed file, posted back with "Create drafts" (re-read, re-checked).
    payload = forms.CharField(widget=forms.HiddenInput, required=False)
    filename = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.calendars = {c.pk: c for c in importable_calendars(user)}
        self.fields["calendar"].choices = [(pk, c.title) for pk, c in self.calendars.items()]
        self.fields["organization"].queryset = importing_organizations(user)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("file") or cleaned.get("url") or cleaned.get("payload")):
            raise forms.ValidationError(_("Choose a file or give the address of an .ics file."))
        if cleaned.get("payload"):
            try:
                cleaned["data"] = base64.b64decode(cleaned["payload"], validate=True)
            except (binascii.Error, ValueError) as error:
                raise forms.ValidationError(
                    _("The previewed file was damaged: upload it again.")
                ) from error
        return cleaned

    def defaults(self):
        return {
            "category": self.cleaned_data.get("category") or "",
            "prefecture": self.cleaned_data.get("prefecture") or "",
        }
