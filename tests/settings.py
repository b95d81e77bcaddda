from example_site.mail import mail_settings
from example_site.settings import *  # noqa: F401,F403
from example_site.settings import INSTALLED_APPS, MIDDLEWARE

# The benchmark app (a bare page type, the django-ical baseline) is tested too.
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]

# Every API response of the suite is checked against the OpenAPI document.
MIDDLEWARE = [*MIDDLEWARE, "tests.api_contract.ValidateAPIResponses"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
globals().update(mail_settings("django.core.mail.backends.locmem.EmailBackend"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Review workflow (issue 3): background work runs inline, and tests never
# touch the network (URL-check tests enable it against a local server).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EVENTCAL_URL_CHECK_ENABLED = False

# Issue 19: every page a test renders is checked for ARIA references to
# missing ids (tests/aria_refs.py; the test that rendered one fails).
MIDDLEWARE = [*MIDDLEWARE, "tests.aria_refs.AriaReferenceCheck"]

# Two-factor sign-in: the tests that sign reviewers in with force_login work
# on the admin itself; tests/twofactor/ turn the enforcement on.
EVENTCAL_TWO_FACTOR_ENFORCED = False
