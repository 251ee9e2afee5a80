"""The privacy rules of ``layers.privacy``: the blurred place, who sees the exact one, and how authors are named."""

import json
import math

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.gis.geos import Polygon
from django.utils import translation

from layers.models import Category, Feature, Layer
from layers.privacy import author_label, blurred_geojson, is_privileged, visible_extent, with_visible_location
from layers.services.layers import create_layer

from .. import privacy_fixtures
from ..api import conftest as api_fixtures
from ..privacy_fixtures import BLURRED, EXACT, NODE, add_report, blurred_by_hand, lonlat, near

scenario = api_fixtures.scenario
sensitive = privacy_fixtures.sensitive


def blur(*places):
    """The blurred places PostGIS gives for lon/lat points."""
    geometries = blurred_geojson([{"type": "Point", "coordinates": list(place)} for place in places])
    return [tuple(geometry["coordinates"]) for geometry in geometries]


def metres_apart(a, b):
    """Rough ground distance between two lon/lat points near Seoul."""
    return math.hypot((a[0] - b[0]) * 88_000, (a[1] - b[1]) * 111_000)


def shown(viewer, *features):
    """{feature id: ((lon, lat), blurred)} as ``viewer`` sees the features, read in one query."""
    rows = with_visible_location(Feature.objects.filter(pk__in=[f.pk for f in features]), viewer)
    return {row.pk: (tuple(json.loads(row.visible_geojson)["coordinates"]), row.location_blurred) for row in rows}


# --- the blurred place -----------------------------------------------------------------------------------------


def test_the_blurred_place_is_the_nearest_node_of_the_grid(db):
    (blurred,) = blur(EXACT)
    assert near(blurred, blurred_by_hand(*EXACT))
    assert near(blurred, BLURRED)
    assert metres_apart(blurred, EXACT) > 100


def test_the_same_place_and_small_moves_inside_a_cell_give_the_same_point(db):
    moved = [lonlat(NODE[0] + 70 + dx, NODE[1] - 90 + dy) for dx, dy in ((10, 0), (0, 10), (-30, 25), (40, -20))]
    first, again, *others = blur(EXACT, EXACT, *moved)
    assert first == again == blur(EXACT)[0]
    assert all(near(point, first) for point in others)


def test_a_move_into_the_next_cell_gives_the_next_node(db):
    (blurred,) = blur(lonlat(NODE[0] + 140, NODE[1] - 90))
    assert near(blurred, lonlat(NODE[0] + 250, NODE[1]))


def test_the_grid_setting_sets_the_blurring(db, settings):
    coarse = blurred_by_hand(*EXACT, grid=1000)
    assert not near(coarse, BLURRED)
    settings.SENSITIVE_LOCATION_GRID_METRES = 1000
    assert near(blur(EXACT)[0], coarse)


def test_a_shape_is_blurred_to_the_node_nearest_a_point_on_its_surface(sensitive):
    square = Polygon.from_bbox((EXACT[0] - 0.0003, EXACT[1] - 0.0002, EXACT[0] + 0.0003, EXACT[1] + 0.0002))
    square.srid = 4326
    crime = sensitive["crime"]
    Feature.objects.filter(pk=crime.pk).update(geometry=square)
    ((place, blurred),) = shown(AnonymousUser(), crime).values()
    assert blurred
    assert near(place, blurred_by_hand(*square.point_on_surface.coords))


# --- who sees the exact place ----------------------------------------------------------------------------------

EXACT_FOR = {"resident", "reviewer", "admin"}


@pytest.mark.parametrize(
    "role", [None, "resident", "neighbour", "owner", "editor", "reviewer", "other_reviewer", "staff", "admin"]
)
def test_only_the_author_the_districts_reviewers_and_admins_see_the_exact_place(role, sensitive, users):
    viewer = sensitive["neighbour"] if role == "neighbour" else users.get(role, AnonymousUser())
    crime, alley = sensitive["crime"], sensitive["alley"]
    places = shown(viewer, crime, alley)
    assert places[alley.pk] == (pytest.approx(EXACT, abs=1e-7), False)
    place, blurred = places[crime.pk]
    assert blurred == (role not in EXACT_FOR)
    assert near(place, EXACT if role in EXACT_FOR else BLURRED)


def test_one_query_shows_a_residents_own_report_exactly_and_others_blurred(sensitive):
    neighbour = sensitive["neighbour"]
    places = shown(neighbour, sensitive["crime"], sensitive["neighbours_crime"])
    assert places[sensitive["crime"].pk][1] is True
    assert places[sensitive["neighbours_crime"].pk][1] is False
    assert near(places[sensitive["neighbours_crime"].pk][0], sensitive["neighbours_crime"].geometry.coords)


def test_a_report_outside_every_district_is_blurred_to_reviewers(sensitive, users):
    crime = sensitive["crime"]
    Feature.objects.filter(pk=crime.pk).update(district=None)
    assert shown(users["reviewer"], crime)[crime.pk][1] is True
    assert shown(users["resident"], crime)[crime.pk][1] is False
    assert shown(users["admin"], crime)[crime.pk][1] is False


def test_the_extent_is_that_of_the_places_shown(sensitive, users):
    layer = create_layer(sensitive["public"], {"name": "범죄 불안만"})
    add_report(layer, users["resident"], "crime-worry", EXACT, "혼자만 있는 제보")
    features = Feature.objects.filter(layer=layer)
    public = visible_extent(features, AnonymousUser())
    assert public == pytest.approx((*BLURRED, *BLURRED), abs=1e-6)
    assert visible_extent(features, users["resident"]) == pytest.approx((*EXACT, *EXACT), abs=1e-9)
    assert visible_extent(Feature.objects.none(), AnonymousUser()) is None


# --- naming the author -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "named"),
    [
        (None, False),
        ("owner", False),
        ("editor", False),
        ("staff", False),
        ("other_reviewer", False),
        ("resident", True),
        ("reviewer", True),
        ("admin", True),
    ],
)
def test_the_author_is_named_to_themselves_the_districts_reviewers_and_admins(role, named, users, junggu):
    viewer = users.get(role, AnonymousUser())
    author = users["resident"]
    assert author_label(viewer, author, junggu.pk) == ("resident" if named else "주민")
    assert is_privileged(viewer, author.pk, junggu.pk) is named


def test_everyone_else_reads_resident_in_their_language(users, junggu):
    with translation.override("en"):
        assert author_label(AnonymousUser(), users["resident"], junggu.pk) == "Resident"
    with translation.override("ko"):
        assert author_label(users["owner"], users["resident"], junggu.pk) == "주민"


def test_an_author_who_chose_to_show_their_name_is_named_to_everyone(users, junggu):
    author = users["resident"]
    author.show_name_publicly = True
    author.save()
    assert author_label(AnonymousUser(), author, junggu.pk) == "resident"
    assert author_label(users["owner"], author, None) == "resident"


def test_a_deleted_author_is_a_resident_and_a_known_privilege_is_taken_as_given(users, junggu):
    assert author_label(users["admin"], None, junggu.pk) == "주민"
    assert author_label(AnonymousUser(), users["resident"], junggu.pk, privileged=True) == "resident"
    assert author_label(users["reviewer"], users["resident"], junggu.pk, privileged=False) == "주민"


def test_the_privileged_annotation_matches_the_rule(sensitive, users):
    crime = sensitive["crime"]
    for viewer in [AnonymousUser(), *users.values(), sensitive["neighbour"]]:
        row = with_visible_location(Feature.objects.filter(pk=crime.pk), viewer).get()
        assert row.viewer_privileged is is_privileged(viewer, crime.author_id, crime.district_id)


# --- category changes move the tile revision -------------------------------------------------------------------


def revision(layer):
    return Layer.objects.values_list("revision", flat=True).get(pk=layer.pk)


def test_making_a_category_sensitive_or_removing_one_moves_the_layers_revision(sensitive):
    layer = sensitive["layer"]
    before = revision(layer)
    alley = layer.categories.get(key="dark-alley")
    alley.sensitive = True
    alley.save()
    after_change = revision(layer)
    assert after_change > before
    layer.categories.get(key="other").delete()
    assert revision(layer) > after_change


def test_adding_a_category_leaves_the_revision(sensitive):
    layer = sensitive["layer"]
    before = revision(layer)
    Category.objects.create(layer=layer, key="new-worry", label_ko="새 걱정", sensitive=True)
    assert revision(layer) == before


def test_the_assigned_departments_staff_see_the_exact_place_but_not_the_author(db, users, junggu):
    from layers.models import Feature
    from layers.privacy import with_visible_location
    from layers.services.features import create_feature
    from layers.services.layers import create_layer
    from mapping.models import Map

    map_ = Map.objects.create(title="지도", kind="safety", district=junggu, owner=users["owner"], visibility="public")
    layer = create_layer(map_, {"name": "위험", "workflow": True})
    geometry = {"type": "Point", "coordinates": [126.9912345, 37.5612345]}
    report = create_feature(users["resident"], layer, {"geometry": geometry, "category": "crime-worry", "title": "t"})
    staff = users["staff"]
    seen = with_visible_location(Feature.objects.filter(pk=report.pk), staff).get()
    assert seen.location_blurred
    Feature.objects.filter(pk=report.pk).update(department=staff.department)
    seen = with_visible_location(Feature.objects.filter(pk=report.pk), staff).get()
    assert not seen.location_blurred and not seen.viewer_privileged
