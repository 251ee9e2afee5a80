"""``manage.py load_demo``: districts, one account per role, two demo maps; deterministic and re-runnable."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from layers.models import Feature, FeatureChange, FeatureStatus
from mapping.models import District, Map


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def demo_snapshot():
    return sorted(
        (f.layer.map.slug, f.category.key, f.title, f.status, f.geometry.wkt)
        for f in Feature.objects.select_related("layer__map", "category")
    )


@pytest.mark.django_db
def test_demo_loads_districts_accounts_and_maps(shared_data, settings):
    output = load()
    assert District.objects.count() == 25
    assert "urbanlife-demo" in output
    for role in ["resident", "reviewer", "staff", "planner", "admin"]:
        user = authenticate(username=f"demo-{role}", password=settings.DEMO_PASSWORD)
        assert user is not None, role
        assert role in user.roles
    reviewer = authenticate(username="demo-reviewer", password=settings.DEMO_PASSWORD)
    assert list(reviewer.review_districts.values_list("code", flat=True)) == ["11140"]
    for slug, kind in [("demo-safety", "safety"), ("demo-sharing", "sharing")]:
        map_ = Map.objects.get(slug=slug)
        assert map_.kind == kind and map_.visibility == "public"
        assert Feature.objects.filter(layer__map=map_).count() == 50
    junggu = District.objects.get(code="11140")
    assert all(junggu.boundary.intersects(f.geometry) for f in Feature.objects.all())
    safety = Feature.objects.filter(layer__map__slug="demo-safety")
    assert safety.filter(status=FeatureStatus.PENDING).exists()
    assert safety.filter(status=FeatureStatus.PUBLISHED).exists()
    assert FeatureChange.objects.filter(action="create").count() == 100


@pytest.mark.django_db
def test_demo_is_deterministic_and_a_second_run_changes_nothing(shared_data):
    load()
    first = demo_snapshot()
    assert "already present" in load()
    assert demo_snapshot() == first
    load("--reset")
    assert demo_snapshot() == first


@pytest.mark.django_db
def test_demo_without_shared_data_uses_the_builtin_junggu(settings, tmp_path):
    settings.SHARED_DATA_DIR = tmp_path
    output = load()
    assert "built-in" in output
    assert list(District.objects.values_list("code", "name_ko")) == [("11140", "중구")]
    assert Feature.objects.count() == 100
