"""``manage.py export_pmtiles``: the archive read back with pmtiles' reader, and the maps it refuses."""

import gzip
import io

import mapbox_vector_tile
import pytest
from django.contrib.gis.geos import LineString
from django.core.management import CommandError, call_command
from pmtiles.reader import MmapSource, Reader, all_tiles
from pmtiles.tile import Compression, TileType

from layers.models import Feature
from layers.services.layers import create_layer
from mapping.models import Map

from .helpers import tile_of

LINE = LineString((126.985, 37.555), (127.005, 37.565), srid=4326)
MAXZOOM = 14


@pytest.fixture
def exported_map(scenario, users):
    """The public safety map of the scenario plus a line layer: its point layer has a pending feature too."""
    lines = create_layer(scenario["public"], {"name": "보행 경로"})
    line = Feature.objects.create(
        layer=lines, geometry=LINE, category=lines.categories.first(), title="위험 구간", author=users["resident"]
    )
    return {**scenario, "lines": lines, "line": line}


def export(map_, out, *args):
    stderr = io.StringIO()
    call_command(
        "export_pmtiles", map_.pk, str(out), "--maxzoom", str(MAXZOOM), *args, stderr=stderr, stdout=io.StringIO()
    )
    return stderr.getvalue()


def decode(data):
    return mapbox_vector_tile.decode(gzip.decompress(data), default_options={"y_coord_down": True})


def read(path):
    with path.open("rb") as f:
        get_bytes = MmapSource(f)
        reader = Reader(get_bytes)
        tiles = {zxy: decode(data) for zxy, data in all_tiles(get_bytes)}
        return reader.header(), reader.metadata(), tiles


def ids(tile, layer_name):
    return {feature["id"] for feature in tile.get(layer_name, {}).get("features", [])}


def test_archive_holds_the_published_features_of_every_layer(exported_map, tmp_path):
    out = tmp_path / "map.pmtiles"
    progress = export(exported_map["public"], out)
    header, metadata, tiles = read(out)

    assert header["tile_type"] == TileType.MVT
    assert header["tile_compression"] == Compression.GZIP
    assert (header["min_zoom"], header["max_zoom"]) == (0, MAXZOOM)
    point, line = exported_map["published"].geometry, exported_map["line"].geometry
    west, south, east, north = (min(point.x, line.extent[0]), line.extent[1], line.extent[2], line.extent[3])
    bounds = [header[key] / 1e7 for key in ("min_lon_e7", "min_lat_e7", "max_lon_e7", "max_lat_e7")]
    assert bounds == pytest.approx([west, south, east, north], abs=1e-6)
    assert west <= header["center_lon_e7"] / 1e7 <= east and south <= header["center_lat_e7"] / 1e7 <= north

    layer, lines = exported_map["layer"], exported_map["lines"]
    assert [v["id"] for v in metadata["vector_layers"]] == [layer.name, lines.name]
    assert set(metadata["vector_layers"][0]["fields"]) == {"id", "category", "title", "status", "votes", "created"}

    zxy, position = tile_of(point.x, point.y, MAXZOOM)
    tile = tiles[zxy]
    assert ids(tile, layer.name) == {exported_map["published"].pk}
    assert ids(tile, lines.name) == {exported_map["line"].pk}
    (feature,) = tile[layer.name]["features"]
    assert feature["properties"]["status"] == "published"
    x, y = feature["geometry"]["coordinates"]
    assert abs(x - position[0]) <= 1 and abs(y - position[1]) <= 1
    assert {z for z, _, _ in tiles} == set(range(MAXZOOM + 1))
    assert "100%" in progress


def test_archive_never_holds_a_pending_feature(exported_map, tmp_path):
    out = tmp_path / "map.pmtiles"
    export(exported_map["public"], out)
    _, _, tiles = read(out)
    name = exported_map["layer"].name
    for zxy, tile in tiles.items():
        assert exported_map["pending"].pk not in ids(tile, name), zxy
    assert all(exported_map["published"].pk in ids(tiles[tile_of(126.99, 37.56, z)[0]], name) for z in range(MAXZOOM))


def test_minzoom_limits_the_archive(exported_map, tmp_path):
    out = tmp_path / "map.pmtiles"
    export(exported_map["public"], out, "--minzoom", "12")
    header, _, tiles = read(out)
    assert (header["min_zoom"], header["max_zoom"]) == (12, MAXZOOM)
    assert {z for z, _, _ in tiles} == {12, 13, 14}


@pytest.mark.parametrize("visibility", ["private", "unlisted"])
def test_only_public_maps_are_exported(exported_map, tmp_path, visibility):
    map_ = exported_map["public"]
    Map.objects.filter(pk=map_.pk).update(visibility=visibility)
    out = tmp_path / "map.pmtiles"
    with pytest.raises(CommandError, match=f"is {visibility}: only public maps are exported"):
        export(map_, out)
    assert list(tmp_path.iterdir()) == []


def test_a_refused_export_leaves_an_existing_archive_alone(exported_map, tmp_path):
    out = tmp_path / "map.pmtiles"
    export(exported_map["public"], out)
    before = out.read_bytes()
    Feature.objects.filter(layer__map=exported_map["public"]).update(status="pending")
    with pytest.raises(CommandError, match="no published features"):
        export(exported_map["public"], out)
    assert out.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["map.pmtiles"]


def test_layers_sharing_a_name_are_refused(exported_map, tmp_path):
    create_layer(exported_map["public"], {"name": exported_map["lines"].name})
    with pytest.raises(CommandError, match="rename the layers called 보행 경로"):
        export(exported_map["public"], tmp_path / "map.pmtiles")


def test_bad_arguments_are_clear_errors(exported_map, tmp_path):
    with pytest.raises(CommandError, match="no map with id"):
        call_command("export_pmtiles", 999999, str(tmp_path / "x.pmtiles"), "--maxzoom", "3")
    with pytest.raises(CommandError, match="minzoom ≤ maxzoom"):
        export(exported_map["public"], tmp_path / "x.pmtiles", "--minzoom", "15")
    with pytest.raises(CommandError, match="does not exist"):
        export(exported_map["public"], tmp_path / "missing" / "x.pmtiles")
