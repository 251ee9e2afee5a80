"""TileJSON and MapLibre style documents: validity (the MapLibre validator), URLs, revisions, permissions."""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.gis.geos import LineString, Point, Polygon

from layers.models import Feature, FeatureStatus
from layers.services.layers import create_layer
from mapping.district_names import BOUNDARY_ATTRIBUTION
from mapping.models import Map
from tiles.models import SourceRevision

from .helpers import features_in, tile_of

FRONTEND = Path(__file__).resolve().parents[2] / "web" / "frontend"
VALIDATOR = FRONTEND / "scripts" / "validate-style.mjs"
STYLE_SPEC = FRONTEND / "node_modules" / "@maplibre" / "maplibre-gl-style-spec"
URL = re.compile(r"https?://[^/\s\"'?#]+", re.IGNORECASE)
FIELDS = {"id", "category", "title", "status", "votes", "created"}

POINT = Point(126.99, 37.56, srid=4326)
LINE = LineString((126.985, 37.555), (126.995, 37.565), srid=4326)
AREA = Polygon.from_bbox((126.97, 37.55, 126.98, 37.56))
AREA.srid = 4326


def draw(layer, geometry, author, status=FeatureStatus.PUBLISHED, title="제보"):
    return Feature.objects.create(
        layer=layer,
        geometry=geometry,
        category=layer.categories.first(),
        title=title,
        author=author,
        status=status,
        district=layer.map.district,
    )


@pytest.fixture
def mixed_map(users, junggu):
    """A public safety map of 중구 with a point, a line and a polygon layer, one published feature each."""
    owner, resident = users["owner"], users["resident"]
    map_ = Map.objects.create(title="중구 생활 지도", kind="safety", owner=owner, district=junggu)
    kinds = {"points": ["Point"], "lines": ["LineString"], "areas": ["Polygon"]}
    layers = {key: create_layer(map_, {"name": f"{key} 레이어", "geometry_kinds": kind}) for key, kind in kinds.items()}
    draw(layers["points"], POINT, resident)
    draw(layers["lines"], LINE, resident)
    draw(layers["areas"], AREA, resident)
    for layer in layers.values():
        layer.refresh_from_db()
    return map_, layers


def get_style(client, map_, **headers):
    return client.get(f"/maps/{map_.pk}/style.json", headers=headers)


def get_tilejson(client, layer, **headers):
    return client.get(f"/tiles/layers/{layer.pk}.json", headers=headers)


def validate(style):
    node = shutil.which("node")
    assert node, "node is needed to validate styles (the bootstrap installs nodejs)"
    assert STYLE_SPEC.is_dir(), f"{STYLE_SPEC} is missing: run 'npm ci' in web/frontend"
    return subprocess.run(
        [node, str(VALIDATOR)], input=json.dumps(style), capture_output=True, text=True, cwd=FRONTEND, check=False
    )


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def fetch_tile(client, template, lon, lat, z):
    (z, x, y), _ = tile_of(lon, lat, z)
    url = urlsplit(template.replace("{z}", str(z)).replace("{x}", str(x)).replace("{y}", str(y)))
    assert url.netloc == "testserver"
    return client.get(f"{url.path}?{url.query}")


def style_layers(style, source):
    return {layer["id"]: layer for layer in style["layers"] if layer.get("source") == source}


# --- the style document ---------------------------------------------------------------------


def test_style_passes_the_maplibre_validator(mixed_map, client):
    response = get_style(client, mixed_map[0])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    result = validate(response.json())
    assert (result.returncode, result.stderr) == (0, "")


def test_validator_rejects_a_broken_style(mixed_map, client):
    style = get_style(client, mixed_map[0]).json()
    style["layers"].append({"id": "broken", "type": "no-such-type", "source": "districts"})
    result = validate(style)
    assert result.returncode == 1
    assert "no-such-type" in result.stderr


def test_validator_rejects_a_colour_that_is_not_one(mixed_map, client):
    style = get_style(client, mixed_map[0]).json()
    next(layer for layer in style["layers"] if layer["type"] == "circle")["paint"]["circle-color"] = "not a colour"
    result = validate(style)
    assert result.returncode == 1
    assert "circle-color" in result.stderr


def test_style_has_the_basemap_and_one_source_per_layer_pinned_to_revisions(mixed_map, client):
    map_, layers = mixed_map
    style = get_style(client, map_).json()
    assert style["version"] == 8
    assert style["name"] == map_.title
    assert set(style["sources"]) == {"districts", "buildings"} | {f"layer-{layer.pk}" for layer in layers.values()}
    for layer in layers.values():
        source = style["sources"][f"layer-{layer.pk}"]
        assert source["type"] == "vector"
        assert source["tiles"] == [
            f"http://testserver/tiles/layers/{layer.pk}/{{z}}/{{x}}/{{y}}.mvt?v={layer.revision}"
        ]
    for name in ("districts", "buildings"):
        template = f"http://testserver/tiles/{name}/{{z}}/{{x}}/{{y}}.mvt?v={SourceRevision.current(name)}"
        assert style["sources"][name]["tiles"] == [template]
    assert style["sources"]["districts"]["attribution"] == BOUNDARY_ATTRIBUTION
    assert style["sources"]["buildings"]["minzoom"] == 13


def test_style_colours_each_layer_by_category_and_filters_by_geometry(mixed_map, client):
    map_, layers = mixed_map
    style = get_style(client, map_).json()
    for layer in layers.values():
        drawn = style_layers(style, f"layer-{layer.pk}")
        assert {(s["type"], s["source-layer"]) for s in drawn.values()} == {
            ("fill", layer.name),
            ("line", layer.name),
            ("circle", layer.name),
        }
        pairs = [value for c in layer.categories.all() for value in (c.key, c.color)]
        expected = ["match", ["get", "category"], *pairs, "#7f8c8d"]
        circle = drawn[f"layer-{layer.pk}-circle"]
        assert circle["paint"]["circle-color"] == expected
        assert drawn[f"layer-{layer.pk}-line"]["paint"]["line-color"] == expected
        assert drawn[f"layer-{layer.pk}-fill"]["paint"]["fill-color"] == expected
        assert circle["filter"] == ["match", ["geometry-type"], ["Point", "MultiPoint"], True, False]
        assert drawn[f"layer-{layer.pk}-line"]["filter"][2] == ["LineString", "MultiLineString"]
        assert drawn[f"layer-{layer.pk}-fill"]["filter"][2] == ["Polygon", "MultiPolygon"]


def test_points_lie_above_lines_above_areas_across_layers(mixed_map, client):
    style = get_style(client, mixed_map[0]).json()
    rank = {"fill": 0, "outline": 0, "line": 1, "circle": 2}
    ranks = [rank[layer["id"].rsplit("-", 1)[1]] for layer in style["layers"] if layer["id"].startswith("layer-")]
    assert ranks == sorted(ranks)
    assert ranks.count(2) == len(mixed_map[1])


def test_style_has_2d_buildings_and_a_hidden_3d_extrusion_of_the_tile_height(mixed_map, client):
    style = get_style(client, mixed_map[0]).json()
    buildings = style_layers(style, "buildings")
    assert buildings["buildings"]["type"] == "fill"
    extrusion = buildings["buildings-3d"]
    assert extrusion["type"] == "fill-extrusion"
    assert extrusion["source-layer"] == "buildings"
    assert extrusion["layout"]["visibility"] == "none"
    assert ["get", "height"] in extrusion["paint"]["fill-extrusion-height"]
    assert style["metadata"]["urbanlife:toggles"]["3d"] == ["buildings-3d"]
    districts = style_layers(style, "districts")
    assert {layer["type"] for layer in districts.values()} == {"fill", "line"}
    assert style["layers"][0]["type"] == "background"


def test_style_metadata_has_the_title_layer_ids_and_legend(mixed_map, client):
    map_, layers = mixed_map
    style = get_style(client, map_).json()
    metadata = style["metadata"]
    assert metadata["urbanlife:map"] == {"id": map_.pk, "title": map_.title}
    assert metadata["urbanlife:layers"] == [layer.pk for layer in layers.values()]
    ids = {layer["id"] for layer in style["layers"]}
    for entry, layer in zip(metadata["urbanlife:legend"], layers.values(), strict=True):
        assert entry["layer_id"] == layer.pk
        assert entry["name"] == layer.name
        assert set(entry["style_layers"]) <= ids
        assert entry["categories"] == [
            {"key": c.key, "label_ko": c.label_ko, "label_en": c.label_en, "color": c.color}
            for c in layer.categories.order_by("order", "pk")
        ]


def test_style_opens_on_the_maps_district(mixed_map, junggu, client):
    style = get_style(client, mixed_map[0]).json()
    west, south, east, north = junggu.boundary.extent
    lon, lat = style["center"]
    assert west < lon < east and south < lat < north
    assert 11 <= style["zoom"] <= 14


def test_style_names_no_server_but_the_one_it_came_from(mixed_map, client):
    style = get_style(client, mixed_map[0]).json()
    hosts = {urlsplit(match).netloc for text in strings(style) for match in URL.findall(text)}
    assert hosts == {"testserver"}
    assert all(not layer.get("layout", {}).get("text-field") for layer in style["layers"])
    assert "glyphs" not in style and "sprite" not in style


def test_every_tile_url_of_the_style_resolves(mixed_map, client):
    map_, layers = mixed_map
    style = get_style(client, map_).json()
    for name, source in style["sources"].items():
        response = fetch_tile(client, source["tiles"][0], POINT.x, POINT.y, max(source["minzoom"], 14))
        assert response.status_code in (200, 204), (name, response.status_code)
    points = style["sources"][f"layer-{layers['points'].pk}"]["tiles"][0]
    response = fetch_tile(client, points, POINT.x, POINT.y, 16)
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"  # ?v= names the current revision
    assert [f["properties"]["title"] for f in features_in(response, layers["points"].name)] == ["제보"]


def test_a_write_moves_the_revision_in_the_style_and_its_etag(mixed_map, users, client):
    map_, layers = mixed_map
    first = get_style(client, map_)
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert get_style(client, map_, if_none_match=first["ETag"]).status_code == 304
    draw(layers["points"], Point(127.0, 37.57, srid=4326), users["resident"], title="새 제보")
    layers["points"].refresh_from_db()
    second = get_style(client, map_, if_none_match=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    source = second.json()["sources"][f"layer-{layers['points'].pk}"]
    assert source["tiles"][0].endswith(f"?v={layers['points'].revision}")
    assert source["tiles"][0] != first.json()["sources"][f"layer-{layers['points'].pk}"]["tiles"][0]


def test_style_of_a_map_without_district_opens_on_its_features(mixed_map, client):
    map_, _ = mixed_map
    Map.objects.filter(pk=map_.pk).update(district=None)
    style = get_style(client, map_).json()
    lon, lat = style["center"]
    assert 126.97 <= lon <= 126.995 and 37.55 <= lat <= 37.565
    assert style["zoom"] >= 13


def test_private_map_style_is_404_to_outsiders_and_private_to_members(scenario, users, client, client_as):
    private = scenario["private"]
    assert get_style(client, private).status_code == 404
    assert get_style(client_as(users["resident"]), private).status_code == 404
    response = get_style(client_as(users["owner"]), private)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert get_style(client, Map(pk=private.pk + 1000)).status_code == 404


def test_unlisted_map_style_is_served_to_anyone_with_the_link(scenario, client):
    response = get_style(client, scenario["unlisted"])
    assert response.status_code == 200
    assert validate(response.json()).returncode == 0


def test_a_bad_token_is_401(scenario, client):
    assert get_style(client, scenario["public"], authorization="Bearer nope").status_code == 401
    assert get_tilejson(client, scenario["layer"], authorization="Bearer nope").status_code == 401


# --- TileJSON ---------------------------------------------------------------------------------


def test_tilejson_describes_the_layer_tiles(scenario, client):
    layer = scenario["layer"]
    layer.refresh_from_db()
    response = get_tilejson(client, layer)
    assert response.status_code == 200
    doc = response.json()
    assert doc["tilejson"] == "3.0.0"
    assert doc["name"] == layer.name
    assert doc["tiles"] == [f"http://testserver/tiles/layers/{layer.pk}/{{z}}/{{x}}/{{y}}.mvt?v={layer.revision}"]
    assert (doc["minzoom"], doc["maxzoom"]) == (0, 22)
    (vector_layer,) = doc["vector_layers"]
    assert vector_layer["id"] == layer.name
    assert set(vector_layer["fields"]) == FIELDS
    assert all(isinstance(text, str) and text for text in vector_layer["fields"].values())
    assert BOUNDARY_ATTRIBUTION in doc["attribution"]
    published = scenario["published"].geometry
    assert doc["bounds"] == pytest.approx([published.x, published.y, published.x, published.y])
    assert doc["center"][:2] == pytest.approx([published.x, published.y])
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert get_tilejson(client, layer, if_none_match=response["ETag"]).status_code == 304


def test_tilejson_tile_url_serves_the_layer(scenario, client):
    doc = get_tilejson(client, scenario["layer"]).json()
    published = scenario["published"]
    response = fetch_tile(client, doc["tiles"][0], published.geometry.x, published.geometry.y, 16)
    assert [f["id"] for f in features_in(response, doc["vector_layers"][0]["id"])] == [published.pk]


def test_tilejson_revision_follows_writes(scenario, users, client):
    layer = scenario["layer"]
    before = get_tilejson(client, layer)
    Feature.objects.filter(pk=scenario["published"].pk).update(title="고친 제보")
    layer.refresh_from_db()
    after = get_tilejson(client, layer, if_none_match=before["ETag"])
    assert after.status_code == 200
    assert after.json()["tiles"][0].endswith(f"?v={layer.revision}")
    assert after.json()["tiles"] != before.json()["tiles"]


def test_tilejson_bounds_reveal_only_what_the_requester_may_see(scenario, users, client, client_as):
    pending = scenario["pending"]
    Feature.objects.filter(pk=pending.pk).update(geometry=Point(127.01, 37.57, srid=4326))
    anonymous = get_tilejson(client, scenario["layer"]).json()
    assert anonymous["bounds"][2] == pytest.approx(scenario["published"].geometry.x)
    author = get_tilejson(client_as(users["resident"]), scenario["layer"])
    assert author.json()["bounds"][2:] == pytest.approx([127.01, 37.57])
    assert author["Cache-Control"] == "private, max-age=0, must-revalidate"


def test_tilejson_of_an_empty_layer_falls_back_to_the_district_then_korea(scenario, junggu, client):
    layer = scenario["layer"]
    Feature.objects.filter(layer=layer).delete()
    assert get_tilejson(client, layer).json()["bounds"] == pytest.approx(list(junggu.boundary.extent))
    Map.objects.filter(pk=layer.map_id).update(district=None)
    doc = get_tilejson(client, layer).json()
    assert doc["bounds"] == [124.5, 33.0, 131.0, 38.7]
    assert doc["center"] == [126.978, 37.5665, 11]


def test_private_layer_tilejson_is_404_anonymously(scenario, users, client, client_as):
    private_layer = scenario["private_layer"]
    assert get_tilejson(client, private_layer).status_code == 404
    assert get_tilejson(client_as(users["resident"]), private_layer).status_code == 404
    response = get_tilejson(client_as(users["editor"]), private_layer)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")
    assert client.get(f"/tiles/layers/{private_layer.pk + 1000}.json").status_code == 404


def test_a_production_setting_adds_an_external_raster_basemap_under_the_districts(mixed_map, client, settings):
    settings.EXTERNAL_BASEMAP_TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.EXTERNAL_BASEMAP_ATTRIBUTION = "© Example"
    style = get_style(client, mixed_map[0]).json()
    assert style["sources"]["external-basemap"] == {
        "type": "raster",
        "tiles": ["https://tiles.example.org/{z}/{x}/{y}.png"],
        "tileSize": 256,
        "attribution": "© Example",
    }
    ids = [layer["id"] for layer in style["layers"]]
    assert ids.index("background") < ids.index("external-basemap") < ids.index("districts-fill")
    result = validate(style)
    assert (result.returncode, result.stderr) == (0, "")
