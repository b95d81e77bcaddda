"""Wagtail's account settings (/admin/account/) in Japanese: no string of
Wagtail's that its Japanese catalogue leaves untranslated (issue 14, item 8).
The plugin's catalogue supplies them (wagtail_strings.py)."""

import gettext
import html
import json
import re
from functools import cache
from pathlib import Path

import pytest
import wagtail
from django.urls import reverse
from django.utils import translation

from tests.admin_screens import set_admin_language
from tests.factories import make_user
from tests.review_helpers import Cast

pytestmark = pytest.mark.django_db

WAGTAIL = Path(wagtail.__file__).parent
ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.M)


def _unquote(lines):
    return "".join(
        bytes(line[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        for line in lines.splitlines()
    )


@cache
def untranslated_in_wagtail(domain="django"):
    """Wagtail's msgids (its source catalogues, ``en``) that its Japanese
    catalogues leave out or empty."""
    msgids = set()
    for po in WAGTAIL.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
        msgids |= {_unquote(msgid) for msgid, _msgstr in ENTRY.findall(po.read_text("utf-8"))}
    translated = set()
    for mo in WAGTAIL.glob(f"**/locale/ja/LC_MESSAGES/{domain}.mo"):
        with mo.open("rb") as file:
            catalog = gettext.GNUTranslations(file)._catalog
        translated |= {key for key, value in catalog.items() if isinstance(key, str) and value}
    return msgids - translated - {""}


def shown_strings(page):
    """Text nodes, the attributes people read (labels, titles, placeholders)
    and the sidebar's menu labels (JSON the sidebar script renders)."""
    sidebar = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', page, re.S)
    labels = re.findall(r'"label": ("(?:[^"\\]|\\.)*")', sidebar.group(1)) if sidebar else []
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    texts = re.findall(r">([^<>]+)<", page)
    texts += re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', page)
    texts += [json.loads(label) for label in labels]
    return {" ".join(html.unescape(t).split()) for t in texts} - {""}


def still_english(page):
    """The Wagtail strings a Japanese page shows in English."""
    with translation.override("ja"):
        return {
            text
            for text in shown_strings(page)
            if text in untranslated_in_wagtail() and translation.gettext(text) == text
        }


def test_the_finder_sees_wagtails_untranslated_strings():
    # A string the plugin translates for Wagtail is one Wagtail leaves empty.
    assert "Autosave is paused" in untranslated_in_wagtail()
    assert "Collapse all" in untranslated_in_wagtail("djangojs")
    assert still_english("<p>Autosave is paused</p>") == set()


@pytest.mark.parametrize("person", ["submitter", "reviewer", "superuser"])
def test_the_japanese_account_settings_show_no_english_from_wagtail(client, calendar, person):
    cast = Cast(calendar)
    user = make_user("root", is_superuser=True) if person == "superuser" else getattr(cast, person)
    set_admin_language(user, "ja")
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    found = still_english(response.content.decode())
    assert found == set(), "\n".join(sorted(found))


def test_wagtails_javascript_catalogue_has_the_plugins_japanese(client, calendar):
    """Wagtail serves its JS strings from ``wagtail.admin``'s catalogue plus
    the project's LOCALE_PATHS, where the example site lists the plugin's
    ``WAGTAIL_JS_LOCALE``: every string Wagtail leaves untranslated is there."""
    cast = Cast(calendar)
    set_admin_language(cast.submitter, "ja")
    client.force_login(cast.submitter)
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\n  \});", script, re.S).group(1))
    assert catalog["Collapse all"] == "すべて折りたたむ"
    assert catalog["%(num)s error"] == ["エラー%(num)s件"]
    assert untranslated_in_wagtail("djangojs") - set(catalog) == set()
    assert all(catalog[msgid] for msgid in untranslated_in_wagtail("djangojs"))
