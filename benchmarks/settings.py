"""Settings for ``make bench`` and ``make load``: the example site as it
would run in production (DEBUG off, persistent connections), plus the
benchmark app. The database comes from DATABASE_URL.
``make load``'s scale-out scenario sets LOAD_REDIS_URL (one Redis cache shared
by every instance) and LOAD_TASKS_DB (django-tasks' database backend, run by
``db_worker``); without them the cache is LocMem per process, the default."""

import os

from example_site.caches import cache_settings
from example_site.mail import mail_settings
from example_site.settings import *  # noqa: F401,F403
from example_site.settings import INSTALLED_APPS

DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]
ROOT_URLCONF = "benchmarks.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if os.environ.get("LOAD_REDIS_URL"):
    CACHES = cache_settings(os.environ["LOAD_REDIS_URL"])
if os.environ.get("LOAD_TASKS_DB"):
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
globals().update(mail_settings("django.core.mail.backends.locmem.EmailBackend"))
# No network from a benchmark (the review's background detail-URL check).
EVENTCAL_URL_CHECK_ENABLED = False
# Errors on stderr (with DEBUG off Django would only mail them): a 5xx under
# load must leave its traceback. Not the 404s the scale-out check expects.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}},
}
