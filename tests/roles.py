"""Groups as the review setup makes them: submitters may add and change pages
below the calendars, reviewers may also publish, delete, lock and unlock; both
may use the admin."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission


def _group(name, calendars, codenames):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for calendar in calendars:
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=calendar,
                permission=Permission.objects.get(
                    codename=codename, content_type__app_label="wagtailcore"
                ),
            )
    return group


def submitters_group(*calendars):
    return _group("Event submitters", calendars, ["add_page", "change_page"])


def reviewers_group(*calendars):
    return _group(
        "Event reviewers",
        calendars,
        ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
    )
