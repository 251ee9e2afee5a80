"""Shared fixtures: a district with its reviewer, users of every role, and where the real data lives."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Polygon

from mapping.models import Department, District, User

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def shared_data():
    """The folder of real third-party data; tests that need it skip with a reason when it is absent."""
    folder = Path(settings.SHARED_DATA_DIR)
    if not folder.is_dir():
        pytest.skip(f"real data folder {folder} is absent (see ../shared/data/README.md)")
    return folder


def box(min_lon, min_lat, max_lon, max_lat):
    return MultiPolygon(Polygon.from_bbox((min_lon, min_lat, max_lon, max_lat)), srid=4326)


@pytest.fixture
def junggu(db):
    """중구 (11140) as a square around City Hall, lon 126.96–127.02, lat 37.54–37.58."""
    return District.objects.create(
        code="11140", name_ko="중구", name_en="Jung-gu", boundary=box(126.96, 37.54, 127.02, 37.58)
    )


@pytest.fixture
def jongnogu(db):
    """종로구 (11110) as a square north of 중구, lon 126.96–127.02, lat 37.58–37.64."""
    return District.objects.create(
        code="11110", name_ko="종로구", name_en="Jongno-gu", boundary=box(126.96, 37.58, 127.02, 37.64)
    )


def make_user(username, **fields):
    return User.objects.create_user(username=username, password=PASSWORD, **fields)


@pytest.fixture
def users(junggu, jongnogu):
    """One user per role of the permission matrix, keyed by role name."""
    reviewer = make_user("reviewer")
    reviewer.review_districts.add(junggu)
    other_reviewer = make_user("other-reviewer")
    other_reviewer.review_districts.add(jongnogu)
    department = Department.objects.create(district=junggu, name="도로과")
    return {
        "resident": make_user("resident"),
        "owner": make_user("owner"),
        "editor": make_user("editor"),
        "reviewer": reviewer,
        "other_reviewer": other_reviewer,
        "staff": make_user("staff", department=department),
        "planner": make_user("planner", is_planner=True),
        "admin": make_user("admin", is_superuser=True, is_staff=True),
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 costs ~0.3 s per user; tests create many users and do not test hashing strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Uploads and files the code writes (photos, terrain GeoTIFFs of load_demo) go to a folder of the test run."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
