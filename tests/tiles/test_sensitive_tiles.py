"""Sensitive reports in tiles: decoded MVT positions at the blurred place for the public and the exact one for the
privileged, kept apart in the cache; TileJSON and style bounds, and the PMTiles archive, from blurred places."""

import gzip
import io

import mapbox_vector_tile
import pytest
from django.core.management import call_command
from pmtiles.reader import MmapSource, Reader, all_tiles
from pyproj import Transformer

from layers.services.layers import create_layer
from mapping.models import Map
from tiles.tilemath import Tile, mercator_bounds
from tiles.visibility import visibility_for

from .. import privacy_fixtures
from ..privacy_fixtures import BLURRED, EXACT, NEIGHBOUR_BLURRED, NEIGHBOUR_EXACT, add_report, blurred_by_hand
from .helpers import features_in, tile_of, tile_url

sensitive = privacy_fixtures.sensitive

Z = 20  # tiles about 30 m wide: the exact and the blurred place (114 m apart) never share one
EXACT_TILE, EXACT_AT = tile_of(*EXACT, Z)
BLURRED_TILE, BLURRED_AT = tile_of(*BLURRED, Z)
TO_3857 = Transformer.from_crs(4326, 3857, always_xy=True)
PRIVILEGED = {"resident", "reviewer", "admin"}
ROLES = [None, "resident", "neighbour", "owner", "editor", "reviewer", "other_reviewer", "staff", "admin"]


def drawn(client, layer, zxy):
    """{feature id: (x, y) in tile units} of the points in one tile of ``layer``."""
    response = client.get(tile_url(layer.pk, *zxy))
    return {f["id"]: tuple(f["geometry"]["coordinates"]) for f in features_in(response, layer.name)}


def at(position, expected):
    return abs(position[0] - expected[0]) <= 1 and abs(position[1] - expected[1]) <= 1


@pytest.fixture
def viewer_client(sensitive, users, client_as):
    def make(role):
        return client_as(sensitive["neighbour"] if role == "neighbour" else users.get(role))

    return make


def test_the_blurred_place_lies_in_another_tile_than_the_report():
    assert EXACT_TILE != BLURRED_TILE
    x, y = TO_3857.transform(*EXACT)
    xmin, ymin, xmax, ymax = mercator_bounds(Tile(*BLURRED_TILE))
    assert not (xmin <= x <= xmax and ymin <= y <= ymax)


@pytest.mark.parametrize("role", ROLES)
def test_a_sensitive_report_is_drawn_at_its_blurred_place_unless_privileged(role, sensitive, viewer_client):
    client, layer, crime = viewer_client(role), sensitive["layer"], sensitive["crime"].pk
    exact_tile, blurred_tile = drawn(client, layer, EXACT_TILE), drawn(client, layer, BLURRED_TILE)
    if role in PRIVILEGED:
        assert at(exact_tile[crime], EXACT_AT)
        assert crime not in blurred_tile
    else:
        assert crime not in exact_tile
        assert at(blurred_tile[crime], BLURRED_AT)
    assert at(exact_tile[sensitive["alley"].pk], EXACT_AT)


def test_a_resident_sees_their_own_report_exactly_and_their_neighbours_blurred(sensitive, viewer_client):
    client, layer = viewer_client("neighbour"), sensitive["layer"]
    own_tile, own_at = tile_of(*NEIGHBOUR_EXACT, Z)
    assert at(drawn(client, layer, own_tile)[sensitive["neighbours_crime"].pk], own_at)
    assert at(drawn(client, layer, BLURRED_TILE)[sensitive["crime"].pk], BLURRED_AT)
    other_tile, other_at = tile_of(*NEIGHBOUR_BLURRED, Z)
    assert at(drawn(viewer_client("owner"), layer, other_tile)[sensitive["neighbours_crime"].pk], other_at)


def test_the_cache_keeps_the_public_and_the_author_apart(sensitive, users, viewer_client):
    layer, crime = sensitive["layer"], sensitive["crime"].pk
    public, author = viewer_client(None), viewer_client("resident")
    assert crime in drawn(public, layer, BLURRED_TILE)
    assert crime in drawn(author, layer, EXACT_TILE) and crime not in drawn(author, layer, BLURRED_TILE)
    assert crime not in drawn(public, layer, EXACT_TILE)
    assert visibility_for(users["resident"], layer).cache_class == f"u{users['resident'].pk}"
    neighbour = sensitive["neighbour"]  # has no unpublished report: their class comes from their sensitive one
    assert visibility_for(neighbour, layer).cache_class == f"u{neighbour.pk}"
    assert visibility_for(users["owner"], layer).cache_class == "public"
    assert "private" in author.get(tile_url(layer.pk, *EXACT_TILE))["Cache-Control"]
    assert "public" in public.get(tile_url(layer.pk, *BLURRED_TILE))["Cache-Control"]


def test_the_grid_setting_moves_the_drawn_place_past_the_cache(sensitive, viewer_client, settings):
    public, layer, crime = viewer_client(None), sensitive["layer"], sensitive["crime"].pk
    assert crime in drawn(public, layer, BLURRED_TILE)
    settings.SENSITIVE_LOCATION_GRID_METRES = 1000
    coarse_tile, coarse_at = tile_of(*blurred_by_hand(*EXACT, grid=1000), Z)
    assert coarse_tile != BLURRED_TILE
    assert crime not in drawn(public, layer, BLURRED_TILE)
    assert at(drawn(public, layer, coarse_tile)[crime], coarse_at)


def test_making_a_category_sensitive_blurs_tiles_already_cached(sensitive, viewer_client):
    public, layer, alley = viewer_client(None), sensitive["layer"], sensitive["alley"].pk
    assert at(drawn(public, layer, EXACT_TILE)[alley], EXACT_AT)
    category = layer.categories.get(key="dark-alley")
    category.sensitive = True
    category.save()
    assert alley not in drawn(public, layer, EXACT_TILE)
    assert at(drawn(public, layer, BLURRED_TILE)[alley], BLURRED_AT)


# --- documents and the archive ---------------------------------------------------------------------------------


@pytest.fixture
def lonely(sensitive, users):
    """A public map with no district and one layer holding only the resident's 범죄 불안 report."""
    map_ = Map.objects.create(title="혼자 지도", kind="safety", owner=users["owner"], visibility="public")
    layer = create_layer(map_, {"name": "범죄 불안"})
    return map_, layer, add_report(layer, users["resident"], "crime-worry", EXACT, "한 곳")


def test_a_layer_with_only_a_sensitive_report_draws_it_in_the_blurred_tile(lonely, client_as):
    _, layer, crime = lonely
    assert at(drawn(client_as(None), layer, BLURRED_TILE)[crime.pk], BLURRED_AT)


@pytest.mark.parametrize(("role", "place"), [(None, BLURRED), ("owner", BLURRED), ("resident", EXACT)])
def test_tilejson_and_style_frame_the_places_the_requester_sees(role, place, lonely, users, client_as):
    map_, layer, _ = lonely
    client = client_as(users.get(role))
    bounds = client.get(f"/tiles/layers/{layer.pk}.json").json()["bounds"]
    assert bounds == pytest.approx([*place, *place], abs=1e-6)
    center = client.get(f"/maps/{map_.pk}/style.json").json()["center"]
    assert center == pytest.approx(list(place), abs=1e-6)


def test_the_pmtiles_archive_holds_the_blurred_place_only(lonely, tmp_path):
    map_, layer, crime = lonely
    out = tmp_path / "lonely.pmtiles"
    call_command("export_pmtiles", map_.pk, str(out), "--maxzoom", str(Z), stderr=io.StringIO(), stdout=io.StringIO())
    with out.open("rb") as f:
        source = MmapSource(f)
        header = Reader(source).header()
        tiles = {
            zxy: mapbox_vector_tile.decode(gzip.decompress(data), default_options={"y_coord_down": True})
            for zxy, data in all_tiles(source)
        }
    bounds = [header[key] / 1e7 for key in ("min_lon_e7", "min_lat_e7", "max_lon_e7", "max_lat_e7")]
    assert bounds == pytest.approx([*BLURRED, *BLURRED], abs=1e-6)
    assert EXACT_TILE not in tiles
    (feature,) = tiles[BLURRED_TILE][layer.name]["features"]
    assert feature["id"] == crime.pk and at(feature["geometry"]["coordinates"], BLURRED_AT)
