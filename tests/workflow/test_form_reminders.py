"""Overview note ※2 (the posting form is not public) where submitters and
proxies work, and the secretariat's contact on the proxy's dashboard."""

import pytest
from django.urls import reverse

from wagtail_eventcal.conf import get_setting

from ..admin_screens import set_admin_language
from ..factories import make_delegation, make_event, make_user
from ..review_helpers import Cast, add_url

pytestmark = pytest.mark.django_db

NOTE_2 = "※2：本フォームの一般公開はしていないことから、不特定多数へ送信することは避けてください。"
IN_OTHER_WORDS = {
    "ja": "このフォームのアドレスを多数の人に送ったり、公開の場所に掲載したりしないでください",
    "en": "do not send the address of this form to many people",
}


@pytest.fixture
def cast(calendar):
    return Cast(calendar)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_submitters_dashboard_and_new_event_form_carry_note_2(client, cast, language):
    set_admin_language(cast.submitter, language)
    client.force_login(cast.submitter)
    for url in (reverse("wagtailadmin_home"), add_url(cast.calendar)):
        html = client.get(url).content.decode()
        assert NOTE_2 in html and "（概要※2）" in html, url
        assert IN_OTHER_WORDS[language] in html, url


def test_reviewers_new_event_form_has_no_reminder(client, cast):
    client.force_login(cast.reviewer)
    assert "data-eventcal-note2" not in client.get(add_url(cast.calendar)).content.decode()


@pytest.mark.parametrize(
    ("language", "name_key", "reminder"),
    [
        ("ja", "name_ja", "連絡がない場合"),
        ("en", "name_en", "If you hear nothing, please contact"),
    ],
)
def test_the_proxys_dashboard_gives_the_secretariats_contact(
    client, cast, language, name_key, reminder
):
    event = make_event(cast.calendar, organizations=[cast.ministry], publish=False)
    proxy = make_user("contractor")
    make_delegation(event, proxy, cast.submitter, cast.ministry)
    set_admin_language(proxy, language)
    client.force_login(proxy)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    secretariat = get_setting("SECRETARIAT")
    panel = html[html.index('id="eventcal-delegated-events') :]
    assert secretariat[name_key] in panel
    assert secretariat["email"] in panel and secretariat["phone"] in panel
    assert reminder in panel
    assert NOTE_2 in panel
