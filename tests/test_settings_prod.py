"""The production settings (example_site/settings_prod.py) start only with
their required environment, and then pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE_SITE = Path(__file__).resolve().parents[1] / "example_site"
REQUIRED = {
    "DJANGO_SETTINGS_MODULE": "example_site.settings_prod",
    "DJANGO_SECRET_KEY": "a-long-random-secret-for-the-test-" + "x" * 30,
    "DJANGO_ALLOWED_HOSTS": "events.example.org",
    "WAGTAILADMIN_BASE_URL": "https://events.example.org",
    "DATABASE_URL": "postgres://eventcal:secret@db.example.org:5432/eventcal",
}


def manage(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "REDIS_URL"
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=EXAMPLE_SITE,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    # Not a single warning: HTTPS redirect and HSTS are on (W004, W008); only
    # HSTS for subdomains / preload is left to the domain owner (README).
    result = manage("check", "--deploy", "--fail-level", "WARNING", **REQUIRED)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (2 silenced)." in result.stdout
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SILENCED_SYSTEM_CHECKS)"
    )
    result = manage("shell", "-c", code, **REQUIRED)
    assert result.stdout.strip().splitlines()[-1] == (
        "True 31536000 ['security.W005', 'security.W021']"
    )


def test_production_settings_use_whitenoise_postgres_and_the_task_database():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.STORAGES['staticfiles']['BACKEND'],"
        " s.TASKS['default']['BACKEND'], s.MIDDLEWARE[1], s.ALLOWED_HOSTS)"
    )
    result = manage("shell", "-c", code, **REQUIRED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-6:] == [
        "False",
        "django.db.backends.postgresql",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "django_tasks_db.DatabaseBackend",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "['events.example.org']",
    ]


def test_a_missing_secret_key_stops_the_start_with_a_clear_message():
    env = dict(REQUIRED)
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "Set the environment variable DJANGO_SECRET_KEY" in result.stderr


def test_the_example_site_passes_its_checks_on_postgresql():
    # Django 6 wants django.contrib.postgres beside Wagtail's PostgreSQL search index.
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="example_site.settings",
        DATABASE_URL=REQUIRED["DATABASE_URL"],
    )
    assert result.returncode == 0, result.stderr


def test_production_mail_goes_through_smtp_from_the_environment():
    # EMAIL_BACKEND on Django 5.2, MAILERS on 6.1 (which deprecates the former).
    code = (
        "from django.core.mail import get_connection as g; c = g();"
        "print(type(c).__module__, c.host, c.port, c.username, c.use_tls)"
    )
    env = {**REQUIRED, "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "587"}
    env.update(EMAIL_HOST_USER="calendar", EMAIL_USE_TLS="1", PYTHONWARNINGS="always")
    result = manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    smtp = "django.core.mail.backends.smtp"
    assert result.stdout.split()[-5:] == [smtp, "smtp.example.org", "587", "calendar", "True"]
    assert "Migrate to MAILERS" not in result.stderr

    code = "from django.core.mail import get_connection as g; print(type(g()).__module__)"
    console = "django.core.mail.backends.console"
    result = manage("shell", "-c", code, **REQUIRED, EMAIL_BACKEND=f"{console}.EmailBackend")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == console


def test_redis_url_gives_every_server_one_shared_cache_that_survives_an_outage():
    code = (
        "from django.conf import settings as s; c = s.CACHES['default'];"
        "print(c['BACKEND'], c.get('LOCATION'))"
    )
    urls = "redis://cache-a.internal:6379/0,redis://cache-b.internal:6379/0"
    result = manage("shell", "-c", code, REDIS_URL=urls, **REQUIRED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["wagtail_eventcal.redis_cache.RedisCache", urls]
    # Without it, each process keeps its own cache (one server).
    result = manage("shell", "-c", code, **REQUIRED)
    assert result.stdout.split()[-2:] == ["django.core.cache.backends.locmem.LocMemCache", "None"]


def test_the_number_of_proxies_comes_from_the_environment():
    code = (
        "from django.conf import settings as s;"
        "print(s.EVENTCAL_PROXY_COUNT, s.AXES_CLIENT_IP_CALLABLE, s.AXES_LOCKOUT_PARAMETERS,"
        " sep='|')"
    )
    result = manage("shell", "-c", code, **REQUIRED)
    assert result.stdout.strip().splitlines()[-1] == (
        "1|wagtail_eventcal.client_address.client_address|[['username', 'ip_address']]"
    )
    result = manage("shell", "-c", code, **REQUIRED, DJANGO_PROXY_COUNT="2")
    assert result.stdout.strip().splitlines()[-1].startswith("2|")
