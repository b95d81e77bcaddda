"""The image field of the event form: alt text required in Japanese with an
image, errors in the editor's language, submitters' image rights (issue 15)."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories import make_event, make_image, make_organization, make_user
from tests.review_helpers import post_edit
from wagtail_eventcal.event_images import event_collection, proxy_collection
from wagtail_eventcal.models import EventPage
from wagtail_eventcal.workflow.setup import setup_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitter(calendar):
    setup_review()
    user = make_user("official", groups=[Group.objects.get(name="Event submitters")])
    org = make_organization()
    org.members.add(user)
    user.org = org
    return user


def client_for(user, language):
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "language, message",
    [
        ("ja", "画像の説明（何が写っているか）を日本語で入力するか、画像を外してください。"),
        ("en", "Describe the image in Japanese (what it shows), or remove the image."),
    ],
)
def test_an_image_needs_a_japanese_description(calendar, submitter, language, message):
    event = make_event(calendar, organizations=[submitter.org], publish=False)
    image = make_image("poster", user=submitter, collection=event_collection())
    client = client_for(submitter, language)
    response = post_edit(client, event, image=str(image.pk), image_alt_ja=" ", image_alt_en="x")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert EventPage.objects.get(pk=event.pk).get_latest_revision_as_object().image is None
    # With the description it saves; English may stay blank.
    response = post_edit(client, event, image=str(image.pk), image_alt_ja="ポスター")
    assert response.status_code == 302
    saved = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    assert saved.image == image and saved.image_alt_en == ""


def test_model_validation_applies_outside_the_form(calendar):
    event = make_event(calendar, publish=False)
    event.image = make_image()
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "image_alt_ja" in error.value.message_dict
    event.image_alt_ja = "写真"
    event.full_clean()


def test_the_form_offers_help_in_both_tabs(calendar, submitter):
    event = make_event(calendar, organizations=[submitter.org], publish=False)
    html = client_for(submitter, "ja").get(
        reverse("wagtailadmin_pages:edit", args=[event.pk])
    ).content.decode()
    assert "画像があるときは必須" in html  # the Japanese description's help text
    assert "英語ページには日本語の説明" in html  # the English one


def test_submitters_use_the_event_collection_not_the_proxies(calendar, submitter):
    own = make_image("colleaguepic", collection=event_collection())
    hidden = make_image("proxypic", collection=proxy_collection())
    client = client_for(submitter, "en")
    html = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "colleaguepic" in html and "proxypic" not in html
    event = make_event(calendar, organizations=[submitter.org], publish=False)
    response = post_edit(client, event, image=str(hidden.pk), image_alt_ja="写真")
    assert response.status_code == 200
    assert "You may not use this image" in response.content.decode()
    assert post_edit(client, event, image=str(own.pk), image_alt_ja="写真").status_code == 302
