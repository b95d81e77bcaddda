"""A small file that decodes to a huge bitmap (11000×11000 PNG, 15 KB) is
refused from its header, before any decoding: the worker's memory stays
bounded (WAGTAILIMAGES_MAX_IMAGE_PIXELS, docs/uploads.md)."""

import io
import resource

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from wagtail_eventcal.workflow.setup import setup_review

from .factories import make_organization, make_user

pytestmark = pytest.mark.django_db


def bomb(side=11000):
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture
def submitter(calendar):
    setup_review()
    user = make_user("official", groups=[Group.objects.get(name="Event submitters")])
    make_organization().members.add(user)
    client = Client()
    client.force_login(user)
    return client


def test_the_site_bounds_the_pixels_of_an_upload():
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 25_000_000  # about 6000×4000


def test_a_pixel_bomb_is_refused_before_it_is_decoded(submitter):
    data = bomb()
    assert len(data) < 40_000
    before = peak_mb()
    response = submitter.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "bomb",
            "image-chooser-upload-file": SimpleUploadedFile("bomb.png", data, "image/png"),
        },
        headers={"accept-language": "en"},
    )
    grown = peak_mb() - before
    print(f"\npeak memory grew by {grown:.0f} MB")
    assert response.status_code == 200
    # "The number of pixels (121000000) is too large; the maximum is 25000000."
    fragment = response.json()["htmlFragment"]
    assert "(121000000)" in fragment and "25000000" in fragment
    assert not get_image_model().objects.filter(title="bomb").exists()
    assert grown < 100
