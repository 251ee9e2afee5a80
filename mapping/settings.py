"""Django settings for Urban-Life Map, read from environment variables.

Every setting that differs between a laptop and production comes from the
environment (see the configuration table in README.md). The defaults are safe
for local development; with ``DEBUG`` off the app refuses to start on the
development secret key.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "django-insecure-urbanlife-development-key-do-not-use-in-production"  # noqa: S105

env = environ.Env()
# A local .env (written by scripts/bootstrap.sh for development) fills in what the
# real environment does not set; real environment variables always win.
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "DEBUG is off but SECRET_KEY is the development key. Set SECRET_KEY to a long random "
        "value (python -c 'import secrets; print(secrets.token_urlsafe(50))'), or set "
        "DEBUG=true for local development."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "mapping",  # first: its registration/ templates override the admin's
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "layers",
    "tiles",
    "digital_twin",
    "imports",
    "guides",
    "web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "mapping.urls"
WSGI_APPLICATION = "mapping.wsgi.application"
ASGI_APPLICATION = "mapping.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL",
        default="postgis://urbanlife:urbanlife@127.0.0.1:5432/urbanlife",
        engine="django.contrib.gis.db.backends.postgis",
    )
}
DATABASES["default"]["TEST"] = {
    "NAME": env.str("TEST_DATABASE_NAME", default="test_urbanlife"),
    "TEMPLATE": env.str("TEST_DATABASE_TEMPLATE", default="urbanlife_template"),
}
# PostgreSQL's JIT compiles the heavy PostGIS plans of tile queries for ~0.9 s and saves ~nothing on
# queries that take milliseconds; web requests run without it (set DATABASE_JIT=on to keep it).
DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c jit={env.str('DATABASE_JIT', default='off')}"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="urbanlife"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# An external raster basemap under the app's own layers, for production only: a tile URL template
# ({z}/{x}/{y}) and its attribution. Empty by default, so nothing is fetched from another host.
EXTERNAL_BASEMAP_TILES = env.str("EXTERNAL_BASEMAP_TILES", default="")
EXTERNAL_BASEMAP_ATTRIBUTION = env.str("EXTERNAL_BASEMAP_ATTRIBUTION", default="")
TILE_MEMORY_CACHE_BYTES = env.int("TILE_MEMORY_CACHE_BYTES", default=32 * 1024 * 1024)  # per worker process

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="도시 생활 지도 <noreply@localhost>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)  # seconds; a hung mail server fails the try instead of the worker

# Notifications: e-mails and webhooks leave through the task worker, each retried after the next delay
# (seconds; the last repeats) until it is sent or has been tried NOTIFICATION_MAX_ATTEMPTS times.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")  # where links in e-mails point
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=6)
NOTIFICATION_RETRY_DELAYS = env.list("NOTIFICATION_RETRY_DELAYS", cast=int, default=[60, 300, 1800, 7200, 21600])
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=10.0)
WEBHOOK_SECRET = env.str("WEBHOOK_SECRET", default="")  # when set, webhooks carry an HMAC-SHA256 signature

AUTH_USER_MODEL = "mapping.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env.bool("MANIFEST_STATIC", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploads: photos are limited per file; the request body limit leaves room for multipart overhead.
VOTES_REQUIRE_VERIFIED = env.bool("VOTES_REQUIRE_VERIFIED", default=False)  # 공감 only from verified residents
# Reports in sensitive categories are shown to the public snapped to a grid of this many metres (layers/privacy.py).
SENSITIVE_LOCATION_GRID_METRES = env.float("SENSITIVE_LOCATION_GRID_METRES", default=250.0)
STANDALONE_EXPORT_MAX_FEATURES = env.int("STANDALONE_EXPORT_MAX_FEATURES", default=20_000)
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=15 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=50_000_000)
PHOTO_DISPLAY_SIZE = env.int("PHOTO_DISPLAY_SIZE", default=1600)
PHOTO_THUMBNAIL_SIZE = env.int("PHOTO_THUMBNAIL_SIZE", default=400)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Imports and exports (imports/): the largest upload (HTTP 413 above it), what an archive may unpack to and how
# tightly its members may be packed (zip bombs), the most rows of one import, where uploads wait for their
# import (outside MEDIA_ROOT, never served) and extra folders of import presets (YAML or JSON files).
IMPORT_MAX_UPLOAD_BYTES = env.int("IMPORT_MAX_UPLOAD_BYTES", default=200 * 1024 * 1024)
IMPORT_MAX_UNCOMPRESSED_BYTES = env.int("IMPORT_MAX_UNCOMPRESSED_BYTES", default=500 * 1024 * 1024)
IMPORT_MAX_COMPRESSION_RATIO = env.float("IMPORT_MAX_COMPRESSION_RATIO", default=100.0)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=1_000_000)
IMPORT_UPLOAD_ROOT = Path(env.str("IMPORT_UPLOAD_ROOT", default=str(BASE_DIR / "var" / "imports")))
IMPORT_PRESETS_DIRS = env.list("IMPORT_PRESETS_DIRS", default=[])
OGC_MAX_LIMIT = env.int("OGC_MAX_LIMIT", default=1000)  # most features in one page of /ogc/…/items

# Geometry rules for user features.
FEATURE_MAX_VERTICES = env.int("FEATURE_MAX_VERTICES", default=10_000)
KOREA_EXTENT = (124.0, 33.0, 132.0, 39.0)  # lon/lat bounds of South Korea's land and near seas

API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=30)
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="urbanlife-demo")
SHARED_DATA_DIR = Path(env.str("SHARED_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data")))

SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # embeddable pages opt out per view

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Debian 12 ships GDAL 3.6, which cannot block file/network access from a malicious spatial
# reference. No user-supplied spatial reference reaches Django's GDAL binding: uploaded files are
# read by pyogrio and pyproj, and only EPSG codes from an allow-list reach GeoDjango.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# Digital twin: largest building file or DEM a planner may upload for import (the command line has no limit).
TWIN_IMPORT_MAX_BYTES = env.int("TWIN_IMPORT_MAX_BYTES", default=1024 * 1024 * 1024)

# Planner simulations: where result files are kept (outside MEDIA_ROOT; served only to planners through the API),
# and how long a running simulation may go without a heartbeat from its worker before it shows as stale.
SIMULATION_RESULTS_ROOT = Path(env.str("SIMULATION_RESULTS_ROOT", default=str(BASE_DIR / "var" / "simulations")))
SIMULATION_STALE_SECONDS = env.int("SIMULATION_STALE_SECONDS", default=300)

# Guides and participation (guides/): points and badges can be switched off, because some cities may not
# reward participation by law (then no page or API response shows any trace of them); guide steps and
# campaign areas have size limits.
RECOGNITION_ENABLED = env.bool("RECOGNITION_ENABLED", default=True)
GUIDE_STEP_MAX_CHARS = env.int("GUIDE_STEP_MAX_CHARS", default=50_000)
CAMPAIGN_MAX_CELLS = env.int("CAMPAIGN_MAX_CELLS", default=20_000)
