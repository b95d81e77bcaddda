"""What the proxy and the delegating official meet (issue 14): the date
picker's script is on the delegation form, the proxy's "Pages" menu opens
on a listing that holds its event, display names in the delegation list."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.admin.navigation import get_site_for_user

from wagtail_eventcal.models import Delegation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", events=12, stdout=io.StringIO())
    return Delegation.objects.select_related("event", "delegate", "granted_by").get(
        delegate__username="proxy"
    )


def login(username):
    client = Client()
    # Through the sign-in form: django-axes needs the request.
    signed_in = client.post("/admin/login/", {"username": username, "password": "demo-password"})
    assert signed_in.status_code == 302
    return client


def test_delegation_form_loads_the_date_pickers_script(demo):
    client = login("submitter_a")
    html = client.get(reverse("wagtail_eventcal_delegations:add", args=[demo.event_id]))
    html = html.content.decode()
    assert "initDateTimeChooser(" in html  # the widget calls it inline …
    assert "wagtailadmin/js/date-time-chooser.js" in html  # … and this defines it


def test_proxy_finds_its_event_on_its_dashboard_not_in_the_explorer(demo):
    proxy = get_user_model().objects.get(username="proxy")
    root = get_site_for_user(proxy)["root_page"]
    # Rooted at the event itself, a Pages menu would list its children: none.
    assert root.pk == demo.event.get_parent().pk
    client = login("proxy")
    # The explorer is not on a proxy's allow-list (issue 18): its dashboard is
    # where it finds its one event.
    explorer = client.get(reverse("wagtailadmin_explore", args=[root.pk]))
    assert explorer.status_code == 403
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[demo.event.pk]) in html
    others = demo.event.get_siblings(inclusive=False).specific()
    assert not any(other.title in html for other in others)


def test_delegation_list_shows_display_names(demo):
    official = demo.granted_by
    official.first_name, official.last_name = "花子", "経産"
    official.save()
    client = login("submitter_a")
    html = client.get(reverse("wagtail_eventcal_delegations:index")).content.decode()
    assert official.get_full_name() in html
    assert f"<td>{official.get_username()}</td>" not in html
