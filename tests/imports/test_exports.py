"""Exports of a layer or a map: every format, what the requester may see, blurred places, safe spreadsheet
cells, Shapefiles with .cpg and .prj in CP949 or UTF-8, and round trips through the importer."""

import csv
import io
import json
import zipfile

import pytest
import shapely
from django.urls import reverse
from pyogrio import raw

from imports.importing import run_import
from layers.models import Feature, FeatureStatus
from layers.services.features import create_feature
from layers.services.layers import create_layer
from mapping.models import Map

from .conftest import LAYER_FIELDS

pytestmark = pytest.mark.django_db

FORMATS = {"geojson": "geojson", "csv": "csv", "shp": "zip", "gpkg": "gpkg", "kml": "kml"}
SQUARE = {"type": "Polygon", "coordinates": [[[126.97, 37.55], [126.975, 37.55], [126.975, 37.555], [126.97, 37.55]]]}
STREET = {"type": "LineString", "coordinates": [[126.98, 37.565], [126.985, 37.566], [126.99, 37.5655]]}
CRIME_PLACE = (126.9812345, 37.5612345)


def add(layer, user, geometry, title, category="dark-alley", summary="", properties=None):
    data = {"geometry": geometry, "category": category, "title": title, "summary": summary}
    return create_feature(user, layer, {**data, "properties": properties or {}})


@pytest.fixture
def reports(layer, users):
    """Four reports of different kinds, one in a sensitive category; one pending in 종로구, hidden from the public."""
    resident = users["resident"]
    add(
        layer,
        resident,
        {"type": "Point", "coordinates": [126.9779, 37.5663]},
        '=HYPERLINK("http://x")',
        summary="가로등 두 개가 꺼짐",
        properties={"lamps": 2, "working": False, "code": "A-1"},
    )
    add(layer, resident, SQUARE, "공사장", category="walkway-danger", summary="@경고", properties={"dong": "명동"})
    add(layer, resident, STREET, "+물길", category="flooding", summary="-비 오면 잠김")
    add(layer, resident, {"type": "Point", "coordinates": list(CRIME_PLACE)}, "불안한 골목", category="crime-worry")
    pending = add(layer, users["other_reviewer"], {"type": "Point", "coordinates": [126.99, 37.60]}, "검토 중")
    Feature.objects.filter(pk=pending.pk).update(status=FeatureStatus.PENDING)
    return layer


def download(client, layer, fmt, **params):
    response = client.get(reverse("api-v1:layer-export", args=[layer.pk]), {"format": fmt, **params})
    assert response.status_code == 200, response.content[:300]
    return response, b"".join(response.streaming_content)


def as_features(layer):
    rows = Feature.objects.filter(layer=layer).select_related("category").order_by("title")
    return [(f.title, f.summary, f.category.key, f.properties, shapely.from_wkb(bytes(f.geometry.wkb))) for f in rows]


def same(features, others):
    assert len(features) == len(others)
    for (*attributes, geometry), (*other_attributes, other_geometry) in zip(features, others, strict=True):
        assert attributes == other_attributes
        assert shapely.equals_exact(shapely.normalize(geometry), shapely.normalize(other_geometry), tolerance=1e-6)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_then_import_gives_the_same_features_and_attributes(client, reports, users, city_map, tmp_path, fmt):
    client.force_login(users["admin"])  # sees every report, at its exact place
    _, body = download(client, reports, fmt, encoding="utf-8" if fmt == "shp" else "cp949")
    path = tmp_path / f"export.{FORMATS[fmt]}"
    path.write_bytes(body)
    copy = create_layer(city_map, {"name": "사본", "fields": LAYER_FIELDS})
    prepared = run_import(path, copy, users["admin"], {"strict": True})
    assert prepared.plan.repaired == []
    same(as_features(copy), as_features(reports))


def test_the_public_gets_published_features_blurred_where_sensitive_and_no_names(client, reports, users):
    _, body = download(client, reports, "geojson")
    text = body.decode()
    assert "검토 중" not in text  # pending: not public
    assert users["resident"].username not in text and ("주민" in text or "Resident" in text)
    features = {f["properties"]["title"]: f for f in json.loads(text)["features"]}
    assert len(features) == 4
    assert features["불안한 골목"]["geometry"]["coordinates"] != list(CRIME_PLACE)


def test_a_reviewer_of_the_district_gets_exact_places_and_names(client, reports, users):
    client.force_login(users["reviewer"])
    _, body = download(client, reports, "csv")
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}
    crime = rows["불안한 골목"]
    assert (float(crime["lon"]), float(crime["lat"])) == CRIME_PLACE
    assert crime["author"] == users["resident"].username
    assert "검토 중" not in rows  # pending in 종로구: not this reviewer's


def test_the_author_of_a_pending_report_finds_it_in_their_export(client, reports, users):
    client.force_login(users["other_reviewer"])
    _, body = download(client, reports, "geojson")
    assert "검토 중" in body.decode()


def test_csv_has_a_bom_lon_lat_wkt_and_no_formulas(client, reports):
    response, body = download(client, reports, "csv")
    assert body.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    cells = [value for row in rows for value in row.values()]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert '\'=HYPERLINK("http://x")' in cells and "'+물길" in cells and "'-비 오면 잠김" in cells and "'@경고" in cells
    assert {"lon", "lat", "wkt", "title", "category", "lamps"} <= set(rows[0])
    line = next(row for row in rows if row["category"] == "flooding")
    assert line["wkt"].startswith("LINESTRING")


@pytest.mark.parametrize(("encoding", "cpg"), [("cp949", "CP949"), ("utf-8", "UTF-8")])
def test_shapefile_parts_carry_cpg_and_prj_in_the_chosen_encoding(client, reports, tmp_path, encoding, cpg):
    response, body = download(client, reports, "shp", encoding=encoding)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body))
    names = archive.namelist()
    stems = {name.rsplit(".", 1)[0] for name in names}
    assert stems == {f"layer-{reports.pk}_points", f"layer-{reports.pk}_lines", f"layer-{reports.pk}_polygons"}
    for stem in stems:
        assert {f"{stem}.{suffix}" for suffix in ("shp", "shx", "dbf", "prj", "cpg")} <= set(names)
        assert archive.read(f"{stem}.cpg").decode().strip() == cpg
        assert "WGS" in archive.read(f"{stem}.prj").decode()
    archive.extractall(tmp_path)
    _, _, _, values = raw.read(tmp_path / f"layer-{reports.pk}_polygons.shp", encoding=cpg)
    assert "공사장" in [str(value) for column in values for value in column]


def test_a_whole_map_names_each_features_layer(client, reports, city_map, users):
    other = create_layer(city_map, {"name": "두 번째"})
    add(other, users["resident"], {"type": "Point", "coordinates": [126.98, 37.56]}, "다른 층")
    response = client.get(reverse("api-v1:map-export", args=[city_map.pk]), {"format": "kml"})
    body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200 and "<Folder><name>가로등</name>" in body and "<name>두 번째</name>" in body
    assert "다른 층" in body and "검토 중" not in body


def test_a_private_map_is_not_found_and_unknown_formats_are_400(client, users, junggu, reports):
    private = Map.objects.create(title="비공개", owner=users["owner"], visibility="private")
    assert client.get(reverse("api-v1:map-export", args=[private.pk]), {"format": "csv"}).status_code == 404
    response = client.get(reverse("api-v1:layer-export", args=[reports.pk]), {"format": "xls"})
    assert response.status_code == 400 and "geojson" in response.json()["detail"]


def test_the_share_panel_links_the_downloads_and_the_imports_for_managers(client, reports, users):
    page = client.get(reverse("map-view", args=[reports.map_id])).content.decode()
    assert f"/api/v1/maps/{reports.map_id}/export?format=shp&amp;encoding=cp949" in page
    assert "/ogc/" in page and reverse("import-upload", args=[reports.pk]) not in page
    client.force_login(users["owner"])
    assert (
        reverse("import-upload", args=[reports.pk])
        in client.get(reverse("map-view", args=[reports.map_id])).content.decode()
    )
