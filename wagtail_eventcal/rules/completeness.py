"""What an event still lacks before it can be submitted for review.

A draft may be incomplete (an imported event often is: calendar apps write
no detail page, no prefecture, no category, no audience, no fee); submission is where
the admin form requires these fields and the model checks the online URL
and the fee. These functions name what is missing so that the import
preview and the draft's edit form can list it.
"""

from ..choices import EventFormat

#: Fields a draft may leave blank that a submission needs.
NEEDED_FOR_SUBMISSION = ("detail_url", "prefecture", "category", "residence_audiences")


def missing_for_submission(event):
    """Names of the fields ``event`` must fill in before submission."""
    missing = [name for name in NEEDED_FOR_SUBMISSION if not getattr(event, name)]
    if event.event_format in (EventFormat.ONLINE, EventFormat.HYBRID) and not event.online_url:
        missing.append("online_url")
    if not event.is_free and not event.fee_ja:
        missing.append("fee_ja")
    return missing


def field_labels(event, names):
    return [event._meta.get_field(name).verbose_name for name in names]
