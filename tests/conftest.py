import pytest
from django.core.cache import cache
from django.utils import translation

from .factories import make_calendar


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
