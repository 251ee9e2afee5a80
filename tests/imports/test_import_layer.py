"""Importing into a layer: the real files, every format, history and moderation, progress, all or nothing."""

import os
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import transaction

from imports import importing
from imports.importing import ImportFailed, run_import
from imports.jobs import confirm_job, execute_job
from imports.models import ImportJob, JobState
from imports.progress import JobProgress
from layers.models import Feature, FeatureChange, FeatureStatus
from layers.services.layers import create_layer
from layers.services.snapshots import snapshot
from mapping.district_names import SEOUL_DISTRICTS

from .files import GPX, KML, write_geopackage, write_text, write_xlsx
from .helpers import CITY_HALL

pytestmark = pytest.mark.django_db

LIGHTS = "이름,경도,위도,등개수\n가로등 1,126.9779,37.5663,2\n가로등 2,126.99,37.57,\n가로등 3,,,1\n"


def import_layer(*args):
    out, err = StringIO(), StringIO()
    call_command("import_layer", *map(str, args), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def titles(layer):
    return sorted(Feature.objects.filter(layer=layer).values_list("title", flat=True))


@pytest.fixture
def areas(city_map):
    return create_layer(city_map, {"name": "구역", "geometry_kinds": ["Polygon"]})


@pytest.fixture
def points(city_map):
    return create_layer(city_map, {"name": "지점", "geometry_kinds": ["Point"]})


class TestRealFiles:
    def test_the_cp949_shapefile_gives_the_25_districts_with_their_hangul_names(self, shared_data, areas):
        output = import_layer(areas.pk, shared_data / "seoul_gu_5186_cp949.zip")
        assert "Text encoding: cp949" in output and "Coordinates: EPSG:5186" in output
        assert titles(areas) == sorted(name for name, _ in SEOUL_DISTRICTS.values())
        jongno = Feature.objects.get(layer=areas, title="종로구")
        assert jongno.geometry.contains(Point(126.978, 37.573, srid=4326))
        assert jongno.district.code == "11110" or jongno.district.name_ko in ("종로구", "중구")

    def test_the_geojson_gives_the_same_25_districts(self, shared_data, areas):
        import_layer(areas.pk, shared_data / "seoul_gu_2022.geojson")
        assert titles(areas) == sorted(name for name, _ in SEOUL_DISTRICTS.values())

    def test_the_dong_centroids_land_in_korea_and_seoul_ones_in_their_district(self, shared_data, layer):
        call_command("import_districts", shared_data / "seoul_gu_2022.geojson", stdout=StringIO())
        output = import_layer(
            layer.pk, shared_data / "admin_dong_centroids_utmk.tsv", "--preset", "admin-dong-centroids"
        )
        assert "Coordinates: EPSG:5179" in output and "from the preset admin-dong-centroids" in output
        features = Feature.objects.filter(layer=layer).select_related("district")
        assert features.count() == 1229
        west, south, east, north = settings.KOREA_EXTENT
        seoul = 0
        for feature in features:
            lon, lat = feature.geometry.coords
            assert west <= lon <= east and south <= lat <= north
            if feature.summary.startswith("서울특별시"):
                seoul += 1
                assert feature.district.name_ko == feature.summary.split()[1], feature.summary
        assert seoul > 400
        sajik = features.get(properties__code="1101053")
        assert (sajik.title, sajik.properties["dong"]) == ("종로구 사직동", "사직동")


class TestFormats:
    def test_gpx_waypoints_into_a_point_layer_and_tracks_skipped_with_the_reason(self, points, tmp_path):
        output = import_layer(points.pk, write_text(tmp_path / "walk.gpx", GPX))
        assert titles(points) == ["시청 앞", "종묘"]
        assert "a geometry kind the layer does not take" in output and "no geometry" in output

    def test_kml_folders_become_categories(self, layer, tmp_path):
        import_layer(layer.pk, write_text(tmp_path / "map.kml", KML))
        found = {
            f.title: (f.category.key, f.geometry.geom_type, f.properties) for f in Feature.objects.filter(layer=layer)
        }
        assert found == {
            "골목 입구": ("dark-alley", "Point", {"lamps": 3}),
            "지하도": ("flooding", "Polygon", {}),
            "물길": ("flooding", "LineString", {}),
        }
        assert Feature.objects.get(title="골목 입구").summary == "가로등이 꺼져 있음"

    def test_xlsx(self, layer, tmp_path):
        rows = [
            ["이름", "경도", "위도", "작동"],
            ["CCTV 1", 126.9779, 37.5663, "예"],
            ["CCTV 2", 126.99, 37.57, "아니오"],
        ]
        import_layer(layer.pk, write_xlsx(tmp_path / "cctv.xlsx", rows))
        assert {f.title: f.properties for f in Feature.objects.filter(layer=layer)} == {
            "CCTV 1": {"working": True},
            "CCTV 2": {"working": False},
        }

    def test_geopackage_in_a_korean_tm(self, layer, tmp_path):
        path = write_geopackage(tmp_path / "p.gpkg", [{"name": "시청", "geometry": CITY_HALL}], srid=5186)
        import_layer(layer.pk, path)
        hall = Feature.objects.get(layer=layer)
        assert hall.title == "시청"
        assert hall.geometry.coords == pytest.approx((CITY_HALL.x, CITY_HALL.y), abs=1e-6)
        assert hall.district.code == "11140"  # the 중구 fixture holds City Hall


class TestWrites:
    def test_history_rows_are_those_of_any_other_write(self, layer, tmp_path, users):
        import_layer(layer.pk, write_text(tmp_path / "l.csv", LIGHTS), "--user", "editor")
        for feature in Feature.objects.filter(layer=layer).select_related("category"):
            change = FeatureChange.objects.get(feature_id=feature.pk)
            assert (change.action, change.version, change.user, change.old) == ("create", 1, users["editor"], None)
            assert change.new == snapshot(feature)
            assert feature.author == users["editor"] and feature.status == FeatureStatus.PUBLISHED
            assert feature.published_at is not None

    def test_a_pre_moderated_layer_gets_pending_features(self, moderated_layer, tmp_path):
        import_layer(moderated_layer.pk, write_text(tmp_path / "l.csv", LIGHTS))
        statuses = set(Feature.objects.filter(layer=moderated_layer).values_list("status", "published_at"))
        assert statuses == {(FeatureStatus.PENDING, None)}

    def test_the_layer_revision_moves_so_tiles_are_refreshed(self, layer, tmp_path):
        before = layer.revision
        import_layer(layer.pk, write_text(tmp_path / "l.csv", LIGHTS))
        layer.refresh_from_db()
        assert layer.revision > before

    def test_dry_run_writes_nothing(self, layer, tmp_path):
        output = import_layer(layer.pk, write_text(tmp_path / "l.csv", LIGHTS), "--dry-run")
        assert "2 to import, 1 to skip" in output and "no coordinates (line 4)" in output
        assert not Feature.objects.exists() and not ImportJob.objects.exists()

    def test_progress_reaches_the_total(self, layer, tmp_path, users):
        calls = []
        run_import(write_text(tmp_path / "l.csv", LIGHTS), layer, users["owner"], {}, lambda *done: calls.append(done))
        assert calls[-1] == (2, 2)


class TestAllOrNothing:
    def test_strict_refuses_a_file_with_a_bad_row_and_names_its_line(self, layer, tmp_path):
        with pytest.raises(CommandError, match="1 of 3 rows cannot be imported") as caught:
            import_layer(layer.pk, write_text(tmp_path / "l.csv", LIGHTS), "--strict")
        assert not Feature.objects.exists() and not FeatureChange.objects.exists()
        job = ImportJob.objects.get()
        assert job.state == JobState.FAILED and job.errors[0]["where"] == "line 4"
        assert "Nothing imported" in str(caught.value)

    def test_a_row_the_database_refuses_rolls_everything_back_and_is_named(self, layer, tmp_path, users, monkeypatch):
        plan_of = importing.build_plan

        def with_a_bad_third_row(*args):
            plan = plan_of(*args)
            plan.titles[1] = "x" * 300  # longer than Feature.title: PostgreSQL refuses the second row
            return plan

        monkeypatch.setattr(importing, "build_plan", with_a_bad_third_row)
        with pytest.raises(ImportFailed) as caught:
            run_import(write_text(tmp_path / "l.csv", LIGHTS), layer, users["owner"], {})
        assert "value too long" in caught.value.message
        assert caught.value.errors[0]["where"] == "line 3"
        assert not Feature.objects.exists() and not FeatureChange.objects.exists()

    def test_an_unreadable_file_is_reported(self, layer, tmp_path):
        with pytest.raises(CommandError, match="Nothing imported.*not a supported file"):
            import_layer(layer.pk, write_text(tmp_path / "notes.docx", "hello"))


class TestJobs:
    def test_a_confirmed_job_runs_in_the_task_and_deletes_its_upload(
        self, layer, users, immediate_tasks, django_capture_on_commit_callbacks
    ):
        job = ImportJob(layer=layer, user=users["owner"], original_name="l.csv")
        job.file.save("l.csv", ContentFile(LIGHTS.encode()), save=True)
        stored = job.file.path
        with django_capture_on_commit_callbacks(execute=True):
            confirm_job(job, {"strict": False})
        job.refresh_from_db()
        assert (job.state, job.created_count, job.skipped_count, job.rows_done) == (JobState.SUCCEEDED, 2, 1, 3)
        assert job.detection["crs"]["srid"] == 4326 and job.finished is not None
        assert not os.path.exists(stored)
        assert execute_job(job.pk).created_count == 2  # a second run of the task does nothing
        assert Feature.objects.filter(layer=layer).count() == 2

    def test_a_failing_job_records_why(self, layer, users):
        job = ImportJob(layer=layer, user=users["owner"], original_name="x.csv", state=JobState.QUEUED)
        job.file.save("x.csv", ContentFile("이름,주소\n시청,세종대로\n".encode()), save=True)
        execute_job(job.pk)
        job.refresh_from_db()
        assert job.state == JobState.FAILED and "No coordinate columns" in job.message
        assert not job.file


@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_while_the_import_transaction_is_open(layer, users):
    job = ImportJob.objects.create(layer=layer, user=users["owner"], original_name="x.csv", state=JobState.RUNNING)
    with JobProgress(job.pk) as progress, transaction.atomic():
        Feature.objects.filter(layer=layer).delete()  # the import's own transaction, still open
        progress(5, 10)
        assert ImportJob.objects.values_list("rows_done", "rows_total").get(pk=job.pk) == (5, 10)
