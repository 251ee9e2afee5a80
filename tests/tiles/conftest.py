"""Fixtures for tile tests: a safety map in 중구 with features of every status, and HTTP clients."""

import pytest
from django.core.cache import cache
from django.test import Client

from mapping.models import ApiToken
from tiles.delivery import memory_cache

from ..api.conftest import scenario  # noqa: F401  (re-exported fixture)


@pytest.fixture(autouse=True)
def empty_cache():
    """Test transactions roll revisions back, which production never does: start every test with no tiles."""
    cache.clear()
    memory_cache.clear()
    yield
    cache.clear()
    memory_cache.clear()


@pytest.fixture
def client_as(db):
    """``client_as(user)`` → a test client sending that user's bearer token; ``client_as(None)`` → anonymous."""

    def make(user):
        if user is None:
            return Client()
        return Client(headers={"Authorization": f"Bearer {ApiToken.issue(user)}"})

    return make
