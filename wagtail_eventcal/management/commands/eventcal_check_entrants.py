"""What posting rule 6 (FAQ 2, issue 12) refuses in existing data.

Since issue 12 only staff of a public body enter events and ask for proxy
entry. A site upgrading from an earlier version may hold memberships of
companies, associations or foundations (whose members entered events before)
and delegations made on behalf of such organizations. This command lists
them; ``--revoke`` ends those delegations (their proxies lose access).
Memberships are left alone: members of non-public organizations may still be
invited as proxies, and the secretariat decides whom to move.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from wagtail_eventcal.delegation.service import revoke
from wagtail_eventcal.models import Delegation, Organization


def refused_memberships():
    """``(organization, user)`` pairs: members of organizations that are not
    public bodies under the rules in force."""
    organizations = Organization.objects.not_public_bodies().prefetch_related("members")
    return [
        (organization, user)
        for organization in organizations.order_by("name_ja", "pk")
        for user in organization.members.order_by("username")
    ]


def refused_delegations(now=None):
    """Active delegations made on behalf of an organization that is not a
    public body (FAQ 2: only a public body's staff may ask for proxy entry)."""
    return (
        Delegation.objects.active(now)
        .filter(organization__in=Organization.objects.not_public_bodies())
        .select_related("event", "delegate", "granted_by", "organization")
        .order_by("pk")
    )


class Command(BaseCommand):
    help = (
        "List memberships of non-public organizations (they no longer allow entering "
        "or delegating events) and active delegations on behalf of such organizations "
        "(posting rule 6, FAQ 2). --revoke ends those delegations."
    )

    def add_arguments(self, parser):
        parser.add_argument("--revoke", action="store_true", help="Revoke the delegations listed.")

    def handle(self, *args, **options):
        memberships = refused_memberships()
        self.stdout.write(
            f"{len(memberships)} membership(s) of organizations that are not public bodies "
            "(these accounts can no longer enter, submit or delegate events):"
        )
        for organization, user in memberships:
            self.stdout.write(
                f"  membership: {user.get_username()} in {organization.name_ja} "
                f"[{', '.join(organization.body_type_codes()) or '-'}]"
            )
        delegations = list(refused_delegations())
        self.stdout.write(
            f"{len(delegations)} active delegation(s) on behalf of an organization that is "
            "not a public body:"
        )
        now = timezone.now()
        for delegation in delegations:
            self.stdout.write(
                f"  delegation #{delegation.pk}: {delegation.delegate.get_username()} for "
                f"“{delegation.event.title}” on behalf of {delegation.organization.name_ja}, "
                f"by {delegation.granted_by.get_username()}"
            )
            if options["revoke"]:
                revoke(delegation, by=None, now=now)
        if options["revoke"]:
            self.stdout.write(f"Revoked {len(delegations)} delegation(s).")
