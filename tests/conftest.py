import pytest
from django.core.cache import cache
from django.utils import translation

from tests import tools
from tests.factories import make_calendar


def pytest_terminal_summary(terminalreporter):
    # A skipped browser or validator test must not pass unnoticed.
    lines = tools.summary_lines(terminalreporter.stats.get("skipped", []))
    if lines:
        terminalreporter.section("MISSING TOOLS: these tests did NOT run", sep="!", red=True)
        for line in lines:
            terminalreporter.write_line(line, red=True, bold=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached public output is keyed on database state (the publication
    # token), which every test rolls back: a fresh cache per test.
    cache.clear()


@pytest.fixture(autouse=True)
def _reset_language():
    # Tests that switch language must not leak it into the next test.
    yield
    translation.activate("ja")


@pytest.fixture
def calendar(db):
    return make_calendar()


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="pw"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def use_mail_backend(settings):
    """``use_mail_backend(dotted_path)``: the site's mail goes through that
    backend for the test (EMAIL_BACKEND or MAILERS, as the Django version wants)."""
    from example_site.mail import mail_settings

    def use(backend):
        for name, value in mail_settings(backend).items():
            setattr(settings, name, value)

    return use
