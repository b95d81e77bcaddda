"""Production settings of the example site (``make serve-prod``; README,
"Deployment").

Everything secret or specific to a site comes from the environment; a
missing required variable stops the start with a clear message instead of
running with a development default.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .caches import cache_settings
from .mail import mail_settings
from .settings import *  # noqa: F403
from .settings import INSTALLED_APPS, MIDDLEWARE


def env(name, default=None):
    value = os.environ.get(name, default)
    if value in (None, ""):
        raise ImproperlyConfigured(f"Set the environment variable {name} (README, Deployment).")
    return value


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")

# PostgreSQL; persistent connections, checked before reuse.
DATABASES = {
    "default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=600, conn_health_checks=True)
}

# Static files: collected (collectstatic) and served by WhiteNoise from the
# gunicorn workers, with hashed names and compressed copies.
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware first
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405

# One Redis shared by every server (REDIS_URL, e.g. redis://cache.internal:6379/0;
# several comma-separated URLs: the first is written to, the others are read
# replicas), answering misses while it is unreachable; without REDIS_URL each
# process keeps its own LocMem cache (one server).
CACHES = cache_settings(os.environ.get("REDIS_URL"))

# Background work (notification mails, detail-URL checks) goes to the
# database queue; `manage.py db_worker` runs it.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# In production detail URLs are checked (the example site turns it off for
# its demo data); EVENTCAL_URL_CHECK=0 turns it off.
EVENTCAL_URL_CHECK_ENABLED = env("EVENTCAL_URL_CHECK", "1") == "1"

# Mail through SMTP unless EMAIL_BACKEND says otherwise.
if os.environ.get("EMAIL_BACKEND"):
    globals().update(mail_settings(os.environ["EMAIL_BACKEND"]))
else:
    globals().update(
        mail_settings(
            "django.core.mail.backends.smtp.EmailBackend",
            host=os.environ.get("EMAIL_HOST", "localhost"),
            port=int(os.environ.get("EMAIL_PORT", "25")),
            username=os.environ.get("EMAIL_HOST_USER", ""),
            password=os.environ.get("EMAIL_HOST_PASSWORD", ""),
            use_tls=os.environ.get("EMAIL_USE_TLS", "0") == "1",
        )
    )
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Behind an HTTPS proxy; DJANGO_HTTPS=0 for a plain-HTTP trial on localhost.
HTTPS = os.environ.get("DJANGO_HTTPS", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS only: Django redirects plain HTTP (the proxy's X-Forwarded-Proto says
# which is which) and sends HSTS, so the site is safe even when the proxy
# does neither. A year by default; DJANGO_HSTS_SECONDS=0 leaves HSTS to the
# proxy. Subdomains and preloading are the domain owner's decision (they
# bind every other site of the domain): off unless DJANGO_HSTS_SUBDOMAINS=1,
# and their two deploy-check reminders are silenced for that reason.
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("DJANGO_HSTS_SUBDOMAINS", "0") == "1"
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

# Login throttling counts per username and client address: the client is
# read behind this many proxies (one nginx by default; docs/deployment.md).
EVENTCAL_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1"))

# Webhook endpoints on internal hosts (comma-separated hosts or networks):
# none by default, whatever the development settings allow.
_webhook_hosts = os.environ.get("DJANGO_WEBHOOK_ALLOWED_HOSTS", "").split(",")
EVENTCAL_WEBHOOK_ALLOWED_HOSTS = [host.strip() for host in _webhook_hosts if host.strip()]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
