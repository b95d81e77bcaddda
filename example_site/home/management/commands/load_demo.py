"""Demo data for the example site: organizations, accounts and events
around today's date. Safe to run again: existing demo data is kept."""

import random
from base64 import b32decode
from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page, Site

from home.demo_images import demo_picture
from wagtail_eventcal.base_url import base_url
from wagtail_eventcal.choices import Audience, Category, EventFormat, Prefecture, Role
from wagtail_eventcal.conf import get_setting
from wagtail_eventcal.delegation.service import delegate_event
from wagtail_eventcal.models import (
    BodyTypeTag,
    CalendarPage,
    Delegation,
    EventPage,
    EventReviewTaskState,
    Organization,
    WebhookEndpoint,
)
from wagtail_eventcal.models.pages import event_zone
from wagtail_eventcal.twofactor import devices
from wagtail_eventcal.workflow.rounds import round_due_date
from wagtail_eventcal.workflow.setup import setup_review

DEMO_PASSWORD = "demo-password"
# The demo's admin and reviewer sign in with a second factor (as every
# reviewer and superuser must): this authenticator key, the same for both and
# published in docs/two-factor.md — add it to an authenticator app, or let
# `make demo-code` show the current code — or a recovery code load_demo prints.
DEMO_TOTP_SECRET = "EVENTCALDEMOTOTP"
TWO_FACTOR_ACCOUNTS = ("admin", "reviewer")


def demo_code():
    """The code an authenticator app holding the demo key shows now."""
    return f"{TOTP(b32decode(DEMO_TOTP_SECRET)).token():06d}"

# name_ja, name_en, body types, prefecture, and the registry's public
# details: website, public contact address, 全国地方公共団体コード.
ORGANIZATIONS = [
    (
        "経済産業省",
        "Ministry of Economy, Trade and Industry",
        ["ministry"],
        "tokyo",
        {"website": "https://www.meti.go.jp/"},
    ),
    (
        "東京都",
        "Tokyo Metropolitan Government",
        ["local_government"],
        "tokyo",
        {"website": "https://www.metro.tokyo.lg.jp/", "local_government_code": "130001"},
    ),
    (
        "大阪府",
        "Osaka Prefectural Government",
        ["local_government"],
        "osaka",
        {
            "website": "https://www.pref.osaka.lg.jp/",
            "local_government_code": "270008",
            "contact_email": "talent@osaka.example.jp",
        },
    ),
    (
        "日本貿易振興機構",
        "JETRO",
        ["incorporated_administrative_agency"],
        "tokyo",
        {"website": "https://www.jetro.go.jp/"},
    ),
    (
        "名古屋商工会議所",
        "Nagoya Chamber of Commerce and Industry",
        ["chamber_of_commerce"],
        "aichi",
        {"website": "https://www.nagoya-cci.or.jp/"},
    ),
    (
        "福岡県商工会連合会",
        "",
        ["society_of_commerce"],
        "fukuoka",
        {"website": "https://fukuoka-shokokai.example.jp/"},
    ),
    (
        "国立大学法人 東北大学",
        "Tohoku University",
        ["university"],
        "miyagi",
        {"website": "https://www.tohoku.ac.jp/"},
    ),
    (
        "一般社団法人 グローバル人材協会",
        "Global Talent Association",
        ["general_incorporated_association"],
        "tokyo",
        {"website": "https://global-talent.example.jp/"},
    ),
    (
        "株式会社キャリアブリッジ",
        "CareerBridge Inc.",
        ["company"],
        "kanagawa",
        {"website": "https://careerbridge.example.jp/"},
    ),
]

#: Where the demo's in-person events take place, by prefecture: postal
#: code and street, municipality (ja, en), street in English.
VENUES = {
    "tokyo": ("〒100-0005 千代田区丸の内3-5-1", "千代田区", "Chiyoda-ku", "3-5-1 Marunouchi"),
    "osaka": (
        "〒530-0005 大阪市北区中之島5-3-51",
        "大阪市北区",
        "Kita-ku, Osaka",
        "5-3-51 Nakanoshima",
    ),
    "aichi": (
        "〒460-0008 名古屋市中区栄2-10-19",
        "名古屋市中区",
        "Naka-ku, Nagoya",
        "2-10-19 Sakae",
    ),
    "miyagi": (
        "〒980-8577 仙台市青葉区片平2-1-1",
        "仙台市青葉区",
        "Aoba-ku, Sendai",
        "2-1-1 Katahira",
    ),
    "fukuoka": (
        "〒812-0027 福岡市博多区下川端町2-1",
        "福岡市博多区",
        "Hakata-ku, Fukuoka",
        "2-1 Shimokawabata-machi",
    ),
}
SPEAKERS = ("山田 花子、ジョン・スミス", "Hanako Yamada, John Smith")


def venue_fields(prefecture):
    """The address fields of an in-person event in ``prefecture``."""
    if prefecture not in VENUES:
        return {}
    street_ja, locality_ja, locality_en, street_en = VENUES[prefecture]
    code, rest = street_ja.split(" ", 1)
    region_ja = dict(Prefecture.choices)[prefecture]
    with translation.override("ja"):
        region_ja = str(region_ja)
    with translation.override("en"):
        region_en = str(dict(Prefecture.choices)[prefecture])
    return {
        "address_ja": f"{code} {region_ja}{rest}",
        "address_en": f"{street_en}, {locality_en}, {region_en} {code.lstrip('〒')}",
        "locality_ja": locality_ja,
        "locality_en": locality_en,
    }


EVENTS = [
    (
        "高度外国人材採用セミナー",
        "Seminar on hiring foreign professionals",
        Category.SEMINAR,
        EventFormat.IN_PERSON,
        "tokyo",
    ),
    (
        "外国人留学生のための合同企業説明会",
        "Job fair for international students",
        Category.JOB_FAIR,
        EventFormat.IN_PERSON,
        "osaka",
    ),
    (
        "オンライン交流会：海外IT人材と地域企業",
        "Online networking: IT talent meets regional companies",
        Category.NETWORKING,
        EventFormat.ONLINE,
        "online",
    ),
    ("在留資格制度説明会", "", Category.BRIEFING, EventFormat.HYBRID, "aichi"),
    (
        "グローバル人材活躍推進フォーラム",
        "Global Talent Forum",
        Category.SEMINAR,
        EventFormat.HYBRID,
        "miyagi",
    ),
    (
        "外国人材受入れ企業向け相談会",
        "Consultation day for employers",
        Category.OTHER,
        EventFormat.IN_PERSON,
        "fukuoka",
    ),
]


# `make webhook-receiver` listens here with this secret.
DEMO_WEBHOOK_URL = "http://127.0.0.1:8009/"
DEMO_WEBHOOK_SECRET = "demo-webhook-secret"


class Command(BaseCommand):
    help = "Create the example site's demo organizations, accounts and events."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=36, help="Number of demo events.")

    def handle(self, *args, **options):
        self.load(options)
        # After the commit, when the notification mails have gone out: the
        # summary is the last thing printed.
        if not get_setting("URL_CHECK_ENABLED"):
            self.stdout.write(
                "Detail-URL check: off for the demo (its detail URLs are example.org "
                "addresses; EVENTCAL_URL_CHECK=1 turns it on)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {Organization.objects.count()} organizations, "
                f"{EventPage.objects.count()} events. Log in at /admin/ as admin, reviewer, "
                f"submitter_a, submitter_b, proxy or company_member with the password "
                f"'{DEMO_PASSWORD}'."
            )
        )

    @transaction.atomic
    def load(self, options):
        self.site_address()
        home = Page.objects.get(depth=2)
        calendar = CalendarPage.objects.first()
        if calendar is None:
            calendar = CalendarPage(
                title="イベントカレンダー",
                title_en="Event calendar",
                slug="events",
                intro_ja="<p>高度外国人材の活躍推進に関する、公的機関が関与するイベントの一覧です。</p>",
                intro_en=(
                    "<p>Events for highly skilled foreign professionals "
                    "in which a public body takes part.</p>"
                ),
            )
            home.add_child(instance=calendar)
            calendar.save_revision().publish()
        organizations = self.organizations()
        self.accounts(calendar, organizations)
        if not EventPage.objects.exists():
            self.events(calendar, organizations, options["events"])
        self.delegate_one_event(organizations[0])
        self.forum_event(calendar, organizations[2])
        self.open_submissions(calendar, organizations)
        # Last, so that loading the demo sends nothing: `make webhook-receiver`
        # then logs each later publication.
        WebhookEndpoint.objects.get_or_create(
            name="Example front-end",
            defaults={"url": DEMO_WEBHOOK_URL, "secret": DEMO_WEBHOOK_SECRET},
        )
        self.two_factor()

    def two_factor(self):
        """The demo's admin and reviewer come with an authenticator (the
        published demo key) and recovery codes, printed here."""
        self.stdout.write(
            f"admin and reviewer then give a second factor: the code of the authenticator "
            f"key {DEMO_TOTP_SECRET} (`make demo-code` prints it) or a recovery code:"
        )
        for user in get_user_model().objects.filter(username__in=TWO_FACTOR_ACCOUNTS):
            TOTPDevice.objects.get_or_create(
                user=user,
                confirmed=True,
                defaults={"name": "authenticator", "key": b32decode(DEMO_TOTP_SECRET).hex()},
            )
            codes = devices.recovery_codes(user) or devices.new_recovery_codes(user)
            self.stdout.write(f"  {user.username}: {' '.join(codes)}")

    def site_address(self):
        """The Wagtail Site row names the address the demo serves (the base
        URL of every absolute link), so Wagtail's own links agree with ours."""
        parts = urlsplit(base_url())
        site = Site.objects.get(is_default_site=True)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if (site.hostname, site.port) != (parts.hostname, port):
            site.hostname, site.port = parts.hostname, port
            site.save()

    def forum_event(self, calendar, organization):
        """A published event of a fixed date that example_site/samples/events.csv
        repeats (row NO 4), so that an import shows a duplicate warning."""
        if EventPage.objects.filter(slug="forum-2027").exists():
            return
        zone = event_zone()
        event = EventPage(
            title="高度外国人材 就職フォーラム2027",
            title_en="Job Forum for Highly Skilled Foreign Professionals 2027",
            slug="forum-2027",
            summary_ja="企業と高度外国人材をつなぐフォーラムです。",
            start=datetime(2027, 2, 10, 14, 0, tzinfo=zone),
            end=datetime(2027, 2, 10, 17, 0, tzinfo=zone),
            venue_name_ja="大阪国際会議場",
            **venue_fields("osaka"),
            performers_ja=SPEAKERS[0],
            prefecture="osaka",
            category=Category.SEMINAR,
            residence_audiences=["highly_skilled_professional"],
            event_languages=["ja", "en"],
            detail_url="https://example.org/forum-2027",
        )
        # The demo's event with a picture at a fixed address (README).
        event.image, event.image_alt_ja, event.image_alt_en = demo_picture(0)
        event.participations.add(
            event.participations.model(organization=organization, role=Role.ORGANIZER)
        )
        calendar.add_child(instance=event)
        event.save_revision().publish()

    def delegate_one_event(self, organization):
        """Proxy entry demo: submitter_a delegates exactly one upcoming event
        of their ministry to the account ``proxy`` (once)."""
        User = get_user_model()
        proxy = User.objects.get(username="proxy")
        if Delegation.objects.filter(delegate=proxy).exists():
            return
        event = (
            EventPage.objects.filter(participations__organization=organization).upcoming().first()
        )
        if event is not None:
            delegate_event(
                event,
                delegate=proxy,
                granted_by=User.objects.get(username="submitter_a"),
                organization=organization,
                acknowledged_proxy_entry=True,
                acknowledged_this_event_only=True,
                note="デモ：代理入力の例 / Demo: an example of proxy entry",
            )

    def open_submissions(self, calendar, organizations):
        """Three submissions waiting for the reviewer (once): one plain, one
        flagged (Specified Skilled Worker), one received two weeks ago and overdue."""
        if EventReviewTaskState.objects.exists():
            return
        User = get_user_model()
        zone = event_zone()
        start = datetime.combine(
            timezone.localdate(timezone=zone) + timedelta(days=30), time(14, 0), tzinfo=zone
        )
        for n, (title_ja, title_en, org, username, audiences, days_ago) in enumerate(
            [
                ("外国人材向けキャリアセミナー", "Career seminar", 0, "submitter_a", [], 0),
                (
                    "特定技能外国人向け合同面接会",
                    "",
                    2,
                    "submitter_b",
                    ["specified_skilled_worker"],
                    1,
                ),
                ("留学生向け就職ガイダンス", "Job guidance", 0, "submitter_a", [], 14),
            ],
            start=1,
        ):
            submitter = User.objects.get(username=username)
            event = EventPage(
                title=title_ja,
                title_en=title_en,
                slug=f"submission-{n}",
                summary_ja="審査待ちのデモ投稿です。",
                start=start + timedelta(days=n),
                end=start + timedelta(days=n, hours=2),
                prefecture="tokyo",
                category=Category.SEMINAR,
                residence_audiences=audiences or ["highly_skilled_professional"],
                detail_url=f"https://example.org/submissions/{n}",
                owner=submitter,
                live=False,
            )
            event.participations.add(
                event.participations.model(organization=organizations[org], role=Role.ORGANIZER)
            )
            calendar.add_child(instance=event)
            event.save_revision(user=submitter)
            state = event.get_workflow().start(event, submitter)
            if days_ago:
                review = state.current_task_state.specific
                review.started_at = timezone.now() - timedelta(days=days_ago)
                review.due_date = round_due_date(review)
                review.save(update_fields=["started_at", "due_date"])

    def organizations(self):
        result = []
        for name_ja, name_en, codes, prefecture, details in ORGANIZATIONS:
            org, created = Organization.objects.get_or_create(
                name_ja=name_ja,
                defaults={"name_en": name_en, "prefecture": prefecture, **details},
            )
            if created:
                org.body_types.set(BodyTypeTag.objects.filter(code__in=codes))
            result.append(org)
        return result

    def accounts(self, calendar, organizations):
        User = get_user_model()
        # The groups with their permissions, and the review workflow on the calendar.
        setup_review()
        submitters = Group.objects.get(name="Event submitters")
        reviewers = Group.objects.get(name="Event reviewers")

        def account(username, **extra):
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org", **extra}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            return user

        account("admin", is_staff=True, is_superuser=True)
        account("reviewer", first_name="Secretariat").groups.add(reviewers)
        submitter_a = account("submitter_a", first_name="METI staff")
        submitter_a.groups.add(submitters)
        organizations[0].members.add(submitter_a)
        submitter_b = account("submitter_b", first_name="Osaka staff")
        submitter_b.groups.add(submitters)
        organizations[2].members.add(submitter_b)
        account("proxy", first_name="Contractor")
        # Staff of the company that co-organizes some events: a member of a
        # non-public organization, refused when entering or delegating events
        # (posting rule 6, FAQ 2); public bodies' staff may invite it as a proxy.
        company_member = account("company_member", first_name="CareerBridge staff")
        company_member.groups.add(submitters)
        organizations[-1].members.add(company_member)

    def events(self, calendar, organizations, count):
        rng = random.Random(20261126)
        zone = event_zone()
        today = timezone.localdate(timezone=zone)
        public = [
            o
            for o in organizations
            if o.body_type_codes()[0] not in ("company", "general_incorporated_association")
        ]
        for n in range(count):
            title_ja, title_en, category, fmt, prefecture = EVENTS[n % len(EVENTS)]
            day = today + timedelta(days=rng.randint(-60, 90))
            start = datetime.combine(day, time(rng.choice([10, 13, 15, 18]), 0), tzinfo=zone)
            length_days = 2 if n % 9 == 0 else 0
            end = start + timedelta(days=length_days, hours=2)
            event = EventPage(
                title=f"{title_ja}（第{n + 1}回）",
                title_en=f"{title_en} (No. {n + 1})" if title_en else "",
                slug=f"event-{n + 1}",
                summary_ja="企業と高度外国人材をつなぐイベントです。",
                summary_en="An event connecting companies and foreign professionals."
                if title_en
                else "",
                description_ja="<p>プログラム：基調講演、パネルディスカッション、個別相談。</p>",
                description_en=(
                    "<p>Programme: keynote, panel discussion, one-to-one consultations.</p>"
                    if title_en
                    else ""
                ),
                venue_name_ja="" if fmt == EventFormat.ONLINE else "会議センター",
                venue_name_en="" if fmt == EventFormat.ONLINE else "Conference Centre",
                **({} if fmt == EventFormat.ONLINE else venue_fields(prefecture)),
                performers_ja=SPEAKERS[0] if category == Category.SEMINAR else "",
                performers_en=SPEAKERS[1] if category == Category.SEMINAR and title_en else "",
                start=start,
                end=end,
                all_day=length_days > 0 and n % 2 == 0,
                event_format=fmt,
                online_url="https://example.org/live" if fmt != EventFormat.IN_PERSON else "",
                prefecture=prefecture,
                category=category,
                audience=Audience.BOTH,
                residence_audiences=["highly_skilled_professional", "engineer_specialist"],
                event_languages=["ja", "en"] if title_en else ["ja"],
                is_free=n % 4 != 0,
                fee_ja="" if n % 4 else "3,000円",
                fee_en="" if n % 4 else "3,000 yen",
                capacity=rng.choice([None, 50, 100, 300]),
                detail_url=f"https://example.org/events/{n + 1}",
                contact_name_ja="事務局",
                contact_name_en="Secretariat",
                contact_email="events@example.org",
                cancelled=n == 5,
                cancellation_note_ja="講師の都合により中止となりました。" if n == 5 else "",
                cancellation_note_en="Cancelled because the speaker is unavailable."
                if n == 5
                else "",
            )
            if n % 4 == 1:
                # Some events have a picture (drawn locally: demo_images.py).
                event.image, event.image_alt_ja, event.image_alt_en = demo_picture(n // 4)
            organizer = public[n % len(public)]
            event.participations.add(
                event.participations.model(organization=organizer, role=Role.ORGANIZER)
            )
            if n % 3 == 0:
                event.participations.add(
                    event.participations.model(
                        organization=organizations[-1], role=Role.CO_ORGANIZER
                    )
                )
            calendar.add_child(instance=event)
            event.save_revision().publish()
