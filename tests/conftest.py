import pytest
from django.core.cache import cache
from django.utils import translation

from tests import aria_refs
from tests.factories import make_calendar


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


@pytest.fixture(autouse=True)
def _aria_references_resolve():
    """Fail a test whose pages reference missing ids (tests/aria_refs.py)."""
    aria_refs.take()
    yield
    missing = aria_refs.take()
    assert not missing, "ARIA references to missing ids:\n" + "\n".join(
        f"  {path}: {refs}" for path, refs in missing
    )


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
