import pytest
from wagtail.models import ModelLogEntry

from tests.factories import make_organization
from wagtail_eventcal.models import BodyTypeTag, Organization

pytestmark = pytest.mark.django_db

BASE = "/admin/snippets/wagtail_eventcal/organization/"


def test_list_search_and_filter(admin_client):
    make_organization(name_ja="経済産業省", name_en="METI", body_types=("ministry",))
    make_organization(name_ja="東北大学", name_en="Tohoku University", body_types=("university",))
    listing = admin_client.get(BASE)
    assert listing.status_code == 200
    assert "経済産業省" in listing.content.decode() and "東北大学" in listing.content.decode()

    found = admin_client.get(BASE, {"q": "Tohoku"}).content.decode()
    assert "東北大学" in found and "経済産業省" not in found

    university = BodyTypeTag.objects.get(code="university")
    filtered = admin_client.get(BASE, {"body_type": university.pk}).content.decode()
    assert "東北大学" in filtered and "経済産業省" not in filtered


def test_create_edit_and_history(admin_client):
    tags = BodyTypeTag.objects.filter(code__in=["university", "incorporated_administrative_agency"])
    response = admin_client.post(
        BASE + "add/",
        {
            "name_ja": "国立大学法人 九州大学",
            "name_en": "Kyushu University",
            "body_types": [t.pk for t in tags],
            "prefecture": "fukuoka",
            "website": "https://www.kyushu-u.ac.jp/",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    organization = Organization.objects.get(name_en="Kyushu University")
    assert sorted(organization.body_type_codes()) == [
        "incorporated_administrative_agency",
        "university",
    ]
    response = admin_client.post(
        BASE + f"edit/{organization.pk}/",
        {
            "name_ja": organization.name_ja,
            "name_en": "Kyushu Univ.",
            "prefecture": "fukuoka",
            "body_types": [t.pk for t in tags],
            "website": "",
            "is_active": "",
        },
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name_en == "Kyushu Univ." and not organization.is_active
    actions = list(
        ModelLogEntry.objects.for_instance(organization).values_list("action", flat=True)
    )
    assert "wagtail.create" in actions and "wagtail.edit" in actions
    history = admin_client.get(BASE + f"history/{organization.pk}/")
    assert history.status_code == 200


def test_website_must_be_http(admin_client):
    tag = BodyTypeTag.objects.get(code="ministry")
    response = admin_client.post(
        BASE + "add/",
        {
            "name_ja": "省",
            "body_types": [tag.pk],
            "website": "javascript:alert(1)",
            "prefecture": "",
        },
    )
    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    assert not Organization.objects.exists()


def test_csv_export(admin_client):
    make_organization(name_ja="大阪府", name_en="Osaka", body_types=("local_government",))
    response = admin_client.get(BASE, {"export": "csv"})
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )
    # Labels as on the screen, not codes (issue 14).
    assert "大阪府" in body and "自治体" in body and "local_government" not in body


def test_organization_in_use_cannot_be_deleted(admin_client, calendar):
    from tests.factories import make_event

    event = make_event(calendar)
    organization = event.participations.first().organization
    admin_client.post(BASE + f"delete/{organization.pk}/")
    assert Organization.objects.filter(pk=organization.pk).exists()
