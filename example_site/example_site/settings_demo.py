"""`make demo`: the example site served as in production, on SQLite and one
machine — DEBUG off (visitors get the site's own 404 page in their
language), static files through WhiteNoise (straight from the apps' static
folders: no collectstatic step), no request to any outside host."""

import os

from .settings import *  # noqa: F403
from .settings import MIDDLEWARE

DEBUG = False
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
WHITENOISE_USE_FINDERS = True
# Nothing is collected for the demo: without a STATIC_ROOT WhiteNoise does not
# look for (and warn about) the missing directory.
STATIC_ROOT = None
# The demo events' pictures (uploaded media): served by Django here only.
DEMO_SERVE_MEDIA = True
WHITENOISE_AUTOREFRESH = False
