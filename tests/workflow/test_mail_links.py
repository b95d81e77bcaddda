"""Links in mails (issue 14, item 2): every kind of mail, in both languages,
links only to the site's configured base URL; the HTML part links every URL
of the text part — the Japanese part too, where a label runs into its URL
("公開ページ：https://…") — with the URL itself as ``href``; and each link
answers when followed."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from wagtail.users.models import UserProfile

from tests.factories import make_event
from tests.review_helpers import Cast, post_edit
from wagtail_eventcal.delegation.mails import notify_invitation
from wagtail_eventcal.delegation.service import invite
from wagtail_eventcal.models import EventReviewTaskState
from wagtail_eventcal.workflow.context import submission_context
from wagtail_eventcal.workflow.models import Notification
from wagtail_eventcal.workflow.notifications import compose, text_to_html

pytestmark = pytest.mark.django_db

REVIEW_KINDS = (
    "submitted",
    "resubmitted",
    "receipt",
    "return",
    "request_confirmation",
    "approve",
    "overdue",
)
BASE = "http://testserver"
URL = re.compile(r"https?://[^\s「」（）、。]+")


class Links(HTMLParser):
    """``[(lang of the enclosing section, href, link text)]``."""

    def __init__(self):
        super().__init__()
        self.links, self.lang, self.href, self.text = [], None, None, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.lang = attrs.get("lang")
        elif tag == "a":
            self.href, self.text = attrs.get("href"), ""

    def handle_data(self, data):
        if self.href is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "a":
            self.links.append((self.lang, self.href, self.text))
            self.href = None


def links_of(html):
    parser = Links()
    parser.feed(html)
    return parser.links


@pytest.fixture
def review(client, calendar, django_capture_on_commit_callbacks):
    """A live event with a change under review (so every link exists)."""
    cast = Cast(calendar)
    event = make_event(
        calendar,
        organizations=[cast.ministry],
        title="高度人材セミナー",
        title_en="Seminar for professionals",
        owner=cast.submitter,
        detail_url="https://example.org/apply",
    )
    client.force_login(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(client, event, "action-submit")
    task_state = EventReviewTaskState.objects.get(workflow_state__object_id=str(event.pk))
    context = submission_context(task_state)
    context["comment"] = "定員は？"
    return cast, event, context


def messages(review):
    cast, event, context = review
    for kind in REVIEW_KINDS:
        for language in ("ja", "en"):
            yield f"{kind}-{language}", compose(kind, context, language)


def check_message(name, text, html, client):
    """Every URL of the text is a link in the HTML part of its language, on
    the base URL (or the event's own detail page), and answers when followed."""
    links = links_of(html)
    assert links, name
    for lang, href, label in links:
        assert href == label, (name, lang, href, label)  # no label inside an href
        assert href.startswith(BASE + "/") or href == "https://example.org/apply", (name, href)
    text_urls = [url.rstrip(".,)") for url in URL.findall(text)]
    for lang in ("ja", "en"):
        hrefs = [href for link_lang, href, _ in links if link_lang == lang]
        assert hrefs, f"{name}: no link in the {lang} part"
    assert sorted(text_urls) == sorted(href for _, href, _ in links), name
    for _lang, href, _label in links:
        if href.startswith(BASE):
            parts = urlsplit(href)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            response = client.get(path, follow=True)
            assert response.status_code == 200, (name, href, response.status_code)


def test_every_review_mail_links_the_base_url_in_both_parts(review, client, superuser):
    client.force_login(superuser)
    checked = 0
    for name, (_subject, text, html) in messages(review):
        check_message(name, text, html, client)
        checked += 1
    assert checked == 2 * len(REVIEW_KINDS)


def test_delegation_mails_link_the_base_url(review, client, django_capture_on_commit_callbacks):
    cast, event, _context = review
    for language in ("ja", "en"):
        # An invitation is written in the delegating official's language first.
        profile = UserProfile.get_for_user(cast.submitter)
        profile.preferred_language = language
        profile.save()
        Notification.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=True):
            delegation = invite(
                event,
                email=f"proxy-{language}@example.org",
                granted_by=cast.submitter,
                organization=cast.ministry,
                acknowledged_proxy_entry=True,
                acknowledged_this_event_only=True,
            )
            notify_invitation(delegation)
        invitation = Notification.objects.get(kind="delegation_invitation")
        client.logout()
        check_message(f"invitation-{language}", invitation.body_text, invitation.body_html, client)
        delegation.delete()


def test_merge_mail_links_the_kept_event(
    review, client, superuser, django_capture_on_commit_callbacks
):
    """The mail to the submitter of an event merged into another (issue 15,
    item 2), in each language first: it links the kept event's public pages
    (the kept event is live) on the base URL."""
    from wagtail_eventcal.workflow.merge import merge

    cast, event, _context = review
    for language in ("ja", "en"):
        other = make_event(
            event.get_parent(),
            organizations=[cast.ministry],
            title=f"高度人材セミナー（重複 {language}）",
            owner=cast.submitter,
        )
        profile = UserProfile.get_for_user(cast.submitter)
        profile.preferred_language = language
        profile.save()
        with django_capture_on_commit_callbacks(execute=True):
            merge(event.pk, other.pk, superuser, comment="一本化しました。", withdraw_live=True)
        note = Notification.objects.get(kind="merged", language=language)
        assert note.recipient == cast.submitter.email
        assert f"{BASE}/{language}/events/{event.slug}/" in note.body_text
        client.force_login(superuser)
        check_message(f"merged-{language}", note.body_text, note.body_html, client)


def test_japanese_label_and_url_without_space_become_one_link():
    html = text_to_html(
        "公開ページ：http://testserver/ja/events/a/\n審査画面：http://testserver/admin/pages/1/edit/。"
    )
    assert links_of(f'<section lang="ja">{html}</section>') == [
        ("ja", "http://testserver/ja/events/a/", "http://testserver/ja/events/a/"),
        ("ja", "http://testserver/admin/pages/1/edit/", "http://testserver/admin/pages/1/edit/"),
    ]
    assert "公開ページ：<a" in html


def test_mails_use_the_configured_base_url(review, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://events.example.org"
    _cast, event, _context = review
    task_state = EventReviewTaskState.objects.get(workflow_state__object_id=str(event.pk))
    with translation.override("en"):
        context = submission_context(task_state)
    _subject, text, html = compose("approve", context, "ja")
    hrefs = [href for _, href, _ in links_of(html)]
    assert "https://events.example.org/ja/events/" + event.slug + "/" in hrefs
    assert all(
        href.startswith("https://events.example.org/") or href == "https://example.org/apply"
        for href in hrefs
    )
