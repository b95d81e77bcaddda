"""submission_contexts(): the bulk description of review rounds agrees with
the description of each round alone, and proxy labels follow the
delegation in force when the round was submitted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_delegation, make_event, make_organization, make_user
from tests.review_helpers import Cast
from wagtail_eventcal.delegation.labels import delegations_at
from wagtail_eventcal.models import EventReviewTaskState, Organization, Participation
from wagtail_eventcal.workflow.context import submission_context, submission_contexts

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(calendar):
    cast = Cast(calendar)
    cast.proxy = make_user("contractor", first_name="Taro")
    cast.university = make_organization(body_types=("university",), name_ja="大学")
    cast.by_hand = make_event(
        calendar, organizations=[cast.ministry, (cast.university, "supporter")], publish=False
    )
    cast.by_proxy = make_event(calendar, organizations=[cast.ministry], publish=False)
    cast.delegation = make_delegation(
        cast.by_proxy,
        delegate=cast.proxy,
        granted_by=cast.submitter,
        organization=cast.ministry,
    )
    cast.by_hand.get_workflow().start(cast.by_hand, cast.submitter)
    cast.by_proxy.get_workflow().start(cast.by_proxy, cast.proxy)
    return cast


def rounds():
    return list(EventReviewTaskState.objects.order_by("pk"))


def comparable(context):
    verdict = context["verdict"]
    return {
        **{
            key: context[key]
            for key in ("title", "submitter", "due_date", "edit_url", "proxy", "extra_recipients")
        },
        "page": context["page"].pk,
        "organizations": [o.pk for o in context["organizations"]],
        "participations": [(o.pk, str(role)) for o, role in context["participations"]],
        "verdict": (verdict.status, verdict.codes) if verdict else None,
    }


def test_bulk_and_single_descriptions_agree(cast):
    bulk = submission_contexts(rounds())
    single = [submission_context(task_state) for task_state in rounds()]
    assert [comparable(c) for c in bulk] == [comparable(c) for c in single]
    by_hand, by_proxy = bulk
    assert by_hand["proxy"] is None
    assert [o.pk for o in by_hand["organizations"]] == [cast.ministry.pk, cast.university.pk]
    assert by_proxy["proxy"]["delegation"] == cast.delegation
    assert by_proxy["extra_recipients"] == [cast.proxy, cast.submitter]
    assert submission_contexts([]) == []


def test_the_label_follows_the_delegation_in_force_at_submission(cast):
    granted = cast.delegation.created_at
    cast.delegation.revoked_at = granted + timedelta(hours=1)
    cast.delegation.save()
    event_id, proxy = cast.by_proxy.pk, cast.proxy
    acts = [
        (event_id, proxy, granted - timedelta(seconds=1)),  # before the grant
        (event_id, proxy, granted + timedelta(minutes=5)),  # in force
        (event_id, proxy, granted + timedelta(hours=2)),  # after the revocation
        (event_id, cast.submitter, granted + timedelta(minutes=5)),  # not the delegate
        (cast.by_hand.pk, proxy, granted + timedelta(minutes=5)),  # another event
        (event_id, None, timezone.now()),
    ]
    assert delegations_at(acts) == [None, cast.delegation, None, None, None, None]


def test_an_organization_gone_since_submission_is_left_out(cast):
    Participation.objects.filter(event=cast.by_hand, organization=cast.university).delete()
    Organization.objects.filter(pk=cast.university.pk).delete()
    by_hand = submission_contexts(rounds())[0]
    assert [o.pk for o in by_hand["organizations"]] == [cast.ministry.pk]
