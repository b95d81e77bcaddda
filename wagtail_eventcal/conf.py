"""Every setting of the plugin, with its default, in one place.

A project overrides a setting by defining ``EVENTCAL_<NAME>`` in its Django
settings; code reads it through :func:`get_setting` so that
``override_settings`` works in tests.
"""

from django.conf import settings

DEFAULTS = {
    # Time zone in which event times are entered, shown and exported.
    "TIME_ZONE": "Asia/Tokyo",
    # Events per page in the upcoming list and the archive.
    "PAGE_SIZE": 20,
    # Events shown in one day cell of the month grid; the others are behind a
    # "+N more" link to the day's list (a month of 1,000 events stays light).
    "MONTH_EVENTS_PER_DAY": 3,
    # Highest page number accepted in a query string (guards against abuse).
    "MAX_PAGE": 1000,
    # --- Review (issue 3) ---
    # An event covering more days than this is flagged: probably a programme.
    "PROGRAMME_DAYS": 14,
    # Other signs of a programme (rules/programmes.py): applications closing at
    # least this many days before the start ...
    "PROGRAMME_APPLICATION_LEAD_DAYS": 21,
    # ... and another event of the same body, titled the same but for its
    # session number (第N回), starting within this many days.
    "PROGRAMME_SERIES_DAYS": 92,
    # The secretariat aims to decide within this many business days of receipt.
    "REVIEW_BUSINESS_DAYS": 3,
    # Extra closure dates ("YYYY-MM-DD" strings or dates) besides weekends,
    # national holidays and 29 Dec - 3 Jan.
    "EXTRA_CLOSURE_DATES": (),
    # Shown to submitters and in mails (default: the rules document's contact).
    "SECRETARIAT": {
        "name_ja": "ジェトロ 高度外国人材活躍推進プラットフォーム事務局",
        "name_en": "JETRO Open for Professionals Platform Secretariat",
        "email": "OpenforProfessionals@jetro.go.jp",
        "phone": "03-3582-4941",
    },
    # Groups (by name) of the reviewers and of the public-body staff.
    "REVIEWER_GROUP": "Event reviewers",
    "SUBMITTER_GROUP": "Event submitters",
    # Check detail URLs in the background (off in the test settings: no network).
    "URL_CHECK_ENABLED": True,
    # Seconds before the background detail-URL check gives up.
    "URL_CHECK_TIMEOUT": 5,
    # Redirects the detail-URL check follows (each one checked again).
    "URL_CHECK_MAX_REDIRECTS": 5,
    # Hosts the detail-URL check may reach although they resolve to a
    # loopback, private, link-local or reserved address (an intranet
    # calendar): host names, addresses or networks ("10.1.0.0/16").
    # Empty by default: the check is never a probe of the internal network.
    "URL_CHECK_ALLOWED_HOSTS": (),
    # Reverse proxies in front of the site that append the address they
    # received a request from to X-Forwarded-For (0: clients connect
    # directly). The client address (sign-in throttling) is read behind them.
    "PROXY_COUNT": 0,
    # Attempts at delivering one notification mail before it is left failed.
    "MAIL_MAX_ATTEMPTS": 5,
    # Proxy entry: a delegation ends at the latest this many days after the
    # event's end (the official may choose an earlier moment, never a later one).
    "DELEGATION_EXPIRY_DAYS": 30,
    # --- Feeds and API (issue 5) ---
    # Feeds list upcoming events and those that ended up to this many days ago.
    "FEED_PAST_DAYS": 30,
    # REFRESH-INTERVAL / X-PUBLISHED-TTL of the iCalendar feeds, and the
    # max-age of feed and API responses.
    "FEED_REFRESH_MINUTES": 60,
    # Items in an RSS / Atom feed (the soonest upcoming first).
    "SYNDICATION_ITEMS": 50,
    # Django cache alias holding whole iCalendar feeds (keyed on the
    # publication token, so a per-process cache stays correct).
    "FEED_CACHE": "default",
    # --- Headless (issue 16) ---
    # The front-end page that shows a preview (absolute, or a path on this
    # site); None hides the admin's "Front-end" preview mode.
    "HEADLESS_PREVIEW_URL": None,
    # Minutes a preview token stays valid.
    "PREVIEW_TOKEN_MINUTES": 10,
    # --- Publication webhooks (issue 16) ---
    # Seconds before a webhook POST gives up (delivery runs after commit, in
    # the task worker: a slow endpoint never holds up publishing there).
    "WEBHOOK_TIMEOUT": 5,
    # Hosts webhook endpoints may be on although they resolve to a loopback,
    # private, link-local or reserved address (like URL_CHECK_ALLOWED_HOSTS):
    # empty by default, so that an endpoint is never a probe of the network.
    "WEBHOOK_ALLOWED_HOSTS": (),
    # Attempts at one delivery before it is left failed (resend from the admin).
    "WEBHOOK_MAX_ATTEMPTS": 8,
    # First retry after this many seconds, doubling each time (30 s … 64 min).
    "WEBHOOK_RETRY_SECONDS": 30,
    # --- Import and open data (issue 15) ---
    # Largest file (bytes) and most events one import accepts.
    "IMPORT_MAX_BYTES": 10_000_000,
    "IMPORT_MAX_ROWS": 5_000,
    # Seconds reading one XLSX file may take, whatever it declares.
    "IMPORT_MAX_SECONDS": 20,
    # Files with more drafts to create than this are created in the
    # background (django-tasks), with a progress page.
    "IMPORT_BACKGROUND_ROWS": 50,
    # Seconds before fetching an .ics URL gives up.
    "IMPORT_URL_TIMEOUT": 10,
    # Fetch .ics URLs on loopback/private addresses too (tests, intranets).
    "IMPORT_URL_ALLOW_PRIVATE": False,
    # 全国地方公共団体コード (or other code) of the body publishing the
    # open data, first column of the recommended event format.
    "OPEN_DATA_PUBLISHER_CODE": "",
    # The licence of the open-data export: linked from the calendar page and
    # sent in the HTTP Link header (rel="license").
    "OPEN_DATA_LICENCE": {
        "name_ja": "政府標準利用規約（第2.0版）（CC BY 4.0 互換）",
        "name_en": "Government of Japan Standard Terms of Use (Version 2.0), "
        "compatible with CC BY 4.0",
        "url": "https://www.digital.go.jp/resources/open_data/",
    },
    # --- Event images (issue 15) ---
    # Collections (children of the root, made on first use) for the images
    # that submitters upload, and for those that proxies upload (no submitter
    # group may browse the latter).
    "IMAGE_COLLECTION": "Event images",
    "PROXY_IMAGE_COLLECTION": "Event images (proxy entry)",
    # Widths of the renditions offered in ``srcset`` on the event page and
    # the list cards (the browser picks one for the screen).
    "IMAGE_WIDTHS": (400, 800, 1200),
    # What a shared link, the JSON-LD, RSS/Atom enclosures and the API show:
    # Wagtail filter specs. The first is the 16:9 picture of Open Graph /
    # Twitter cards and feed enclosures; JSON-LD lists all three (Google asks
    # for 16:9, 4:3 and 1:1, at least 50,000 pixels each).
    "IMAGE_SHARE_FILTERS": ("fill-1200x675", "fill-1200x900", "fill-1200x1200"),
    # --- Two-factor sign-in (docs/two-factor.md) ---
    # Superusers and reviewers confirm every admin sign-in with a code from an
    # authenticator app or a recovery code. Off only where the site's single
    # sign-on asks for a second factor already.
    "TWO_FACTOR_ENFORCED": True,
    # Proxies must set up two-factor sign-in too (submitters may opt in).
    "TWO_FACTOR_FOR_PROXIES": False,
}


def get_setting(name):
    if name not in DEFAULTS:
        raise KeyError(f"Unknown wagtail-eventcal setting: {name}")
    return getattr(settings, f"EVENTCAL_{name}", DEFAULTS[name])
