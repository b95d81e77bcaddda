"""Forms of the review actions (shown in Wagtail's workflow action modal)
and the submitter's answer to a confirmation request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import checklist


def checklist_field(required):
    return forms.MultipleChoiceField(
        label=_("Relevance checklist (posting rules 1-4, note 1)"),
        choices=checklist.CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text=(
            _("Confirm every item to publish. Recorded with your decision.")
            if required
            else _("Tick what you checked. Recorded with your decision.")
        ),
    )


class DecisionForm(forms.Form):
    """The checklist of the review screen, recorded with every decision."""

    checklist = checklist_field(required=False)

    @classmethod
    def data_from(cls, values):
        """Form data from what Wagtail passes to ``Task.on_action``
        (the cleaned data of this form as the admin posted it)."""
        return {
            "comment": values.get("comment", ""),
            "checklist": list(values.get("checklist") or ()),
            "publish_ended": values.get("publish_ended") or "",
        }


class ApproveForm(DecisionForm):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional; sent to the submitter with the publication notice."),
    )
    checklist = checklist_field(required=True)
    # The calendar lists planned events (概要 「実施予定の…イベント」): an
    # event that ended while in review is published only on purpose.
    publish_ended = forms.BooleanField(
        label=_("Publish although the event has already ended"),
        required=False,
        help_text=_(
            "Only for an event whose end has passed while it was in review (the review "
            "status says so): tick to publish it anyway. Otherwise leave it unticked."
        ),
    )

    def clean_checklist(self):
        codes = self.cleaned_data["checklist"]
        if set(codes) != set(checklist.CODES):
            raise forms.ValidationError(
                _("Confirm every item of the checklist before publishing."), code="checklist"
            )
        return [code for code in checklist.CODES if code in codes]


class ReturnForm(DecisionForm):
    # The comment is what a return needs: first, where the dialog's focus goes.
    field_order = ["comment", "checklist"]

    # CharField strips whitespace, so a blank comment is refused as missing.
    comment = forms.CharField(
        label=_("What needs to change"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Required. The submitter sees this in the admin and by mail, and must change "
            "the event before resubmitting it."
        ),
        error_messages={"required": _("Say what needs to change.")},
    )


class ConfirmationForm(DecisionForm):
    field_order = ["comment", "checklist"]

    comment = forms.CharField(
        label=_("Question to the submitter"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Required. The submitter answers with a message (and may change the event too); "
            "the answer resubmits the event."
        ),
        error_messages={"required": _("Enter the question.")},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Sent to the secretariat with the event, which goes back into review. "
            "To change the event as well, save your changes as a draft first: the latest "
            "saved version is resubmitted with your answer."
        ),
        error_messages={"required": _("Write your answer.")},
    )


class MergeForm(forms.Form):
    """The reviewer's confirmation of a merge of two duplicates; withdrawing
    a published event takes a second, explicit confirmation."""

    comment = forms.CharField(
        label=_("Message to the withdrawn event's organization"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Optional. Added to the mail that tells them their event was merged."),
    )
    withdraw_live = forms.BooleanField(
        label=_("Yes, take the published event off the public site"),
        required=True,
        help_text=_(
            "The withdrawn event is published: its page, its place in the calendar, the feeds "
            "and the open data go away when you merge."
        ),
        error_messages={
            "required": _("Confirm that the published event may leave the public site.")
        },
    )

    def __init__(self, *args, withdrawn_live=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not withdrawn_live:
            del self.fields["withdraw_live"]
