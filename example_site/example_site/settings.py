"""Settings of the example site.

The lines marked "wagtail-eventcal" are what an existing Wagtail site adds
to install the plugin (README, "Installing into your site").
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from wagtail_eventcal import WAGTAIL_JS_LOCALE

from . import csp
from .caches import cache_settings
from .mail import mail_settings

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-example-key-change-me")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver"
).split(",")

# Japanese for Wagtail's JavaScript strings (README, "Translations").
LOCALE_PATHS = [WAGTAIL_JS_LOCALE]

INSTALLED_APPS = [
    "home",
    "wagtail_eventcal",  # wagtail-eventcal
    "wagtail.contrib.routable_page",  # wagtail-eventcal
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "guardian",  # wagtail-eventcal: per-event grants for proxy entry
    # wagtail-eventcal: two-factor sign-in (authenticator apps, recovery codes)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # wagtail-eventcal: sitemap.xml
    "axes",  # login throttling (README, Deployment)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages, feeds, the API and the sitemap compressed when the client asks
    # (Accept-Encoding: gzip); random padding against BREACH is Django's.
    "django.middleware.gzip.GZipMiddleware",
    csp.MIDDLEWARE,  # Content-Security-Policy (example_site/csp.py)
    "example_site.csp.AdminPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # wagtail-eventcal: /ja/ and /en/
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # wagtail-eventcal: reviewers and superusers give a second factor before
    # any admin page (docs/two-factor.md)
    "django_otp.middleware.OTPMiddleware",
    "wagtail_eventcal.twofactor.middleware.TwoFactorMiddleware",
    # wagtail-eventcal: proxies reach their delegated events only, nobody
    # names another organization's draft in an admin URL
    "wagtail_eventcal.middleware.AdminAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into its page
]

globals().update(csp.SETTINGS)

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "example_site.wsgi.application"

# SQLite by default; DATABASE_URL=postgres://user:pass@host/db switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # wagtail-eventcal on SQLite with several writers (threads, the task
    # worker): a transaction takes the write lock when it begins and waits
    # up to 20 s for it, instead of failing halfway with "database is
    # locked" when a read turns into a write (Django 5.1+).
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}

# LocMem with room for the plugin's many small entries (caches.py); the
# production settings share a Redis when REDIS_URL is set.
CACHES = cache_settings()

# wagtail-eventcal: proxy entry. Guardian checks the grant on the one delegated
# event; DelegationBackend lets a proxy with a live delegation into the admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out sign-ins
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
    "wagtail_eventcal.delegation.backends.DelegationBackend",
]
ANONYMOUS_USER_NAME = None  # no guardian row for anonymous users

# Login throttling (django-axes) on Wagtail's admin sign-in, the only way in:
# after 5 failures for one username from one address, that pair waits 30
# minutes; the page says so and names the secretariat (EVENTCAL_SECRETARIAT).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wagtail_eventcal.lockout.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# The client address, read behind EVENTCAL_PROXY_COUNT trusted proxies.
AXES_CLIENT_IP_CALLABLE = "wagtail_eventcal.client_address.client_address"

# Django 6 refuses to start when a PostgreSQL-only field (Wagtail's search
# index on PostgreSQL) lacks its app (check postgres.E005).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# wagtail-eventcal: both languages, Japanese first; times in Japan.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The import preview posts the previewed file back (base64) with "Create
# drafts": room for EVENTCAL_IMPORT_MAX_BYTES (10 MB) × 4/3.
DATA_UPLOAD_MAX_MEMORY_SIZE = 14_000_000
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "Open for Professionals – Event calendar"
# The account's name in authenticator apps (two-factor sign-in).
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# wagtail-eventcal: Draftail with its label as accessible name (wagtail/wagtail#14205).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail_eventcal.editing.rich_text.LabelledDraftailRichTextArea"}
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# No avatar from gravatar.com: the admin makes no request to an outside
# host (and works offline); Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# wagtail-eventcal: the address the site is served at; every absolute link
# (feeds, API, sitemap, mails) is built on it. `make demo` sets it to the
# address it serves.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The demo's detail URLs are example.org addresses: checking them would
# reach outside (and fail offline), so the check is off unless
# EVENTCAL_URL_CHECK=1; `load_demo` says so.
EVENTCAL_URL_CHECK_ENABLED = os.environ.get("EVENTCAL_URL_CHECK", "0") == "1"
# The example front-end (a static page reading the API) shows previews.
EVENTCAL_HEADLESS_PREVIEW_URL = "/static/frontend/index.html"
# wagtail-eventcal: a bound on the pixels of an uploaded image, so that a
# small file that decodes to a huge bitmap cannot take a worker's memory
# (Wagtail's default is 128 million; docs/uploads.md has the measured peaks).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
# The demo's webhook receiver (`make webhook-receiver`) listens on the
# loopback address: allowed here only (settings_prod reads its own list).
EVENTCAL_WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
# The admin makes no requests to other sites (the CSP would refuse them, and
# they tell third parties who uses the admin): no Gravatar avatars, no
# check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

globals().update(
    mail_settings(
        os.environ.get("EMAIL_BACKEND", "example_site.mail.OneLineConsoleBackend")
    )
)
DEFAULT_FROM_EMAIL = "eventcal@example.org"
