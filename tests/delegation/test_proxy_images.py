"""A proxy gives its delegated event a picture: it uploads and chooses its
own images, and never sees or uses anybody else's (issue 15, item 4).

The image admin URLs are enumerated from the URL resolver (every URL whose
view name or route speaks of images), filled in with the id of another
user's image: a URL Wagtail adds later is covered the day it appears.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model

from tests.admin_urls import admin_patterns
from tests.factories import (
    image_bytes,
    make_delegation,
    make_event,
    make_image,
    make_organization,
    make_user,
)
from tests.review_helpers import browser_post_data, edit_url, post_edit
from wagtail_eventcal.delegation.access import PROXY_ALLOW_LIST
from wagtail_eventcal.editing.images import ImageNotAllowed
from wagtail_eventcal.event_images import event_collection, proxy_collection
from wagtail_eventcal.models import EventPage
from wagtail_eventcal.workflow.setup import setup_review

pytestmark = pytest.mark.django_db

CHOOSER_URLS = {name for name in PROXY_ALLOW_LIST if name.startswith("wagtailimages_chooser:")}


@pytest.fixture
def world(calendar):
    setup_review()
    submitters = Group.objects.get(name="Event submitters")
    org = make_organization(name_ja="経済産業省", name_en="METI")
    official = make_user("official", groups=[submitters])
    org.members.add(official)
    event = make_event(calendar, organizations=[org], title="委託イベント", publish=False)
    other = make_event(calendar, organizations=[org], title="別のイベント", publish=False)
    proxy = make_user("contractor")
    make_delegation(event, proxy, official, org)
    other_proxy = make_user("contractor_b")
    make_delegation(other, other_proxy, official, org)
    return {
        "event": event,
        "other": other,
        "official": official,
        "proxy": proxy,
        # Pictures the proxy must never see: a submitter's (of a draft), a
        # superuser's in the root collection, another proxy's.
        "official_image": make_image(
            "officialsecret", user=official, collection=event_collection()
        ),
        "root_image": make_image("rootsecret"),
        "other_proxy_image": make_image(
            "otherproxysecret", user=other_proxy, collection=proxy_collection()
        ),
        "own_image": make_image("ownpicture", user=proxy, collection=proxy_collection()),
    }


SECRETS = ("officialsecret", "rootsecret", "otherproxysecret")


def logged_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def refused(response):
    """403, Wagtail's "no permission" redirect to the dashboard, or 405
    (a chooser URL only answers GET)."""
    home = reverse("wagtailadmin_home")
    return response.status_code in (403, 405) or (
        response.status_code == 302 and response["Location"] == home
    )


def image_admin_urls(image_id):
    """(view name, URL) of every admin URL about images, with ``image_id``
    in every parameter."""
    for name, route in admin_patterns():
        if not name:
            continue
        if "image" not in name and "image" not in route and name != "wagtail_bulk_action":
            continue
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        kwargs = {p: image_id for p in params}
        if name == "wagtail_bulk_action":
            for action in ("delete", "add_to_collection", "add_tags"):
                yield name, reverse(
                    name,
                    kwargs={"app_label": "wagtailimages", "model_name": "image", "action": action},
                ) + f"?id={image_id}"
            continue
        kwargs.update({k: "original" for k in params if k == "filter_spec"})
        yield name, reverse(name, kwargs=kwargs)


def test_every_image_admin_url_is_closed_or_shows_only_own_images(world):
    # Some image URL of each kind is found (the sweep is not empty).
    urls = list(image_admin_urls(world["official_image"].pk))
    names = {name for name, _url in urls}
    assert {"wagtailimages:index", "wagtailimages:edit", "wagtailimages:add_multiple"} <= names
    assert CHOOSER_URLS <= names
    failures = []
    for name, url in urls:
        for method in ("get", "post"):
            client = logged_in(world["proxy"])
            response = client.get(url) if method == "get" else client.post(url, {})
            body = response.content.decode(errors="replace")
            leaks = [secret for secret in SECRETS if secret in body]
            if name in CHOOSER_URLS:
                if leaks:
                    failures.append((method, url, response.status_code, leaks))
                if name == "wagtailimages_chooser:chosen" and not refused(response):
                    failures.append((method, url, response.status_code, "chosen"))
            elif response.status_code != 403 or leaks:
                failures.append((method, url, response.status_code, leaks))
    assert failures == [], "\n".join(map(str, failures))
    # Nothing was changed or deleted on the way.
    assert get_image_model().objects.filter(title="officialsecret").exists()


def test_chooser_lists_the_proxys_own_uploads_only(world):
    client = logged_in(world["proxy"])
    html = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "ownpicture" in html
    assert not [secret for secret in SECRETS if secret in html]
    found = client.get(reverse("wagtailimages_chooser:choose_results"), {"q": "secret"})
    assert not [secret for secret in SECRETS if secret in found.content.decode()]
    chosen = client.get(reverse("wagtailimages_chooser:chosen", args=[world["own_image"].pk]))
    assert chosen.status_code == 200


def test_proxy_uploads_into_the_proxy_collection(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = logged_in(world["proxy"])
    response = client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "会場写真",
            "image-chooser-upload-file": SimpleUploadedFile(
                "venue.jpg", image_bytes(), content_type="image/jpeg"
            ),
        },
    )
    assert response.status_code == 200, response.content[:500]
    image = get_image_model().objects.get(title="会場写真")
    assert image.uploaded_by_user == world["proxy"]
    assert image.collection == proxy_collection()
    # Submitters may not browse the proxies' collection.
    official = logged_in(world["official"])
    html = official.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "会場写真" not in html and "officialsecret" in html


def test_proxy_sets_its_own_image_on_its_event(world):
    client = logged_in(world["proxy"])
    response = post_edit(
        client,
        world["event"],
        image=str(world["own_image"].pk),
        image_alt_ja="会場の外観",
    )
    assert response.status_code == 302
    draft = EventPage.objects.get(pk=world["event"].pk).get_latest_revision_as_object()
    assert draft.image == world["own_image"]


@pytest.mark.parametrize("key", ["official_image", "root_image", "other_proxy_image"])
def test_proxy_cannot_put_another_users_image_on_its_event(world, key):
    client = logged_in(world["proxy"])
    before = EventPage.objects.get(pk=world["event"].pk).latest_revision_id
    response = post_edit(
        client, world["event"], image=str(world[key].pk), image_alt_ja="写真"
    )
    assert response.status_code == 200
    assert "You may not use this image" in response.content.decode() or (
        "この画像は使えません" in response.content.decode()
    )
    assert EventPage.objects.get(pk=world["event"].pk).latest_revision_id == before


def test_the_revision_itself_refuses_another_users_image(world):
    """Whatever the route (autosave, the admin API, site code acting for a
    user), ``save_revision`` checks the image where the state changes."""
    page = EventPage.objects.get(pk=world["event"].pk)
    page.image = world["official_image"]
    page.image_alt_ja = "写真"
    with pytest.raises(ImageNotAllowed):
        page.save_revision(user=world["proxy"])
    page.image = world["own_image"]
    page.save_revision(user=world["proxy"])  # its own: fine


def test_keeping_the_image_a_colleague_chose_is_allowed(world):
    """The official chose a picture; the proxy edits the text and keeps it."""
    official = logged_in(world["official"])
    assert (
        post_edit(
            official,
            world["event"],
            image=str(world["official_image"].pk),
            image_alt_ja="写真",
        ).status_code
        == 302
    )
    proxy = logged_in(world["proxy"])
    response = proxy.get(edit_url(world["event"]))
    assert response.status_code == 200
    data = browser_post_data(response.context["form"], {"summary_ja": "更新した概要"})
    assert proxy.post(edit_url(world["event"]), data).status_code == 302
    draft = EventPage.objects.get(pk=world["event"].pk).get_latest_revision_as_object()
    assert draft.image == world["official_image"] and draft.summary_ja == "更新した概要"


def test_a_staff_member_with_a_delegation_keeps_wagtails_rights(world):
    """Only a proxy-only user is narrowed: the official's group rights are
    Wagtail's (add and choose in the event-images collection)."""
    client = logged_in(world["official"])
    assert client.get(reverse("wagtailimages_chooser:choose")).status_code == 200
    assert client.get(reverse("wagtailimages:index")).status_code == 200
