"""Configuration from the environment: production refuses the development key, deploy checks are clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "mapping.settings", **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' Playwright fixture
    if "SECRET_KEY" not in env:
        environment.pop("SECRET_KEY", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_debug_off_refuses_the_development_secret_key():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is the development key" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="map.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_redis_cache_is_used_when_redis_url_is_set():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = manage("shell", "--no-imports", "-c", code, REDIS_URL="redis://127.0.0.1:6379/1")
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache", result.stderr


def test_email_url_configures_smtp():
    code = "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)"
    result = manage("shell", "--no-imports", "-c", code, EMAIL_URL="smtp://mailer:pw@mail.example.org:2525")
    assert result.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "mail.example.org", "2525"]
