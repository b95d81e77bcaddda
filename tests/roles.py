"""Groups as the demo sets them up: submitters may add and change pages below
the calendar, reviewers may also publish; both may use the admin."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission


def _group(name, calendar, codenames):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=calendar,
            permission=Permission.objects.get(
                codename=codename, content_type__app_label="wagtailcore"
            ),
        )
    return group


def submitters_group(calendar):
    return _group("Event submitters", calendar, ["add_page", "change_page"])


def reviewers_group(calendar):
    return _group("Event reviewers", calendar, ["add_page", "change_page", "publish_page"])
