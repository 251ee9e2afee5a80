"""With Redis configured (as ``REDIS_URL`` does), tiles are cached there and served from there."""

import socket

import pytest
from django.core.cache import caches

from tiles import views

from .helpers import tile_of, tile_url

REDIS = ("127.0.0.1", 6379)


def redis_reachable():
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache(settings):
    if not redis_reachable():
        pytest.skip(f"no Redis server on {REDIS[0]}:{REDIS[1]} to test the Redis tile cache against")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": "urbanlife-test",
        }
    }
    cache = caches.create_connection("default")
    cache.clear()
    yield cache
    cache.clear()


def test_tiles_are_cached_in_redis(redis_cache, scenario, client, monkeypatch):
    calls = []
    real_run = views.run
    monkeypatch.setattr(views, "run", lambda *args: calls.append(args) or real_run(*args))
    (z, x, y), _ = tile_of(126.99, 37.56, 16)
    url = tile_url(scenario["layer"].pk, z, x, y)
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(calls) == 1
    keys = redis_cache._cache.get_client().keys("urbanlife-test:*mvt:l*")
    assert len(keys) == 1
