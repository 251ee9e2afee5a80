"""Sensitive reports for the privacy tests, placed off the blurring grid, and the blurred point worked out by hand.

The expected blurred point is computed here with pyproj, independently of the
SQL function: the tests check the rule (snap to the nearest node of a grid in
EPSG:5186 metres), not only that the code agrees with itself.
"""

import pytest
from django.contrib.gis.geos import Point
from pyproj import Transformer

from layers.models import Feature

from .conftest import make_user

TO_5186 = Transformer.from_crs(4326, 5186, always_xy=True)
TO_4326 = Transformer.from_crs(5186, 4326, always_xy=True)
GRID = 250.0
CLOSE = 1e-6  # degrees, about 10 cm: pyproj and PostGIS agree far better than this


def snapped(x, y, grid=GRID):
    return round(x / grid) * grid, round(y / grid) * grid


def node_near(lon, lat, grid=GRID):
    """The grid node (EPSG:5186) nearest to lon/lat."""
    return snapped(*TO_5186.transform(lon, lat), grid)


def lonlat(x, y):
    return TO_4326.transform(x, y)


def blurred_by_hand(lon, lat, grid=GRID):
    return lonlat(*snapped(*TO_5186.transform(lon, lat), grid))


NODE = node_near(126.99, 37.56)
EXACT = lonlat(NODE[0] + 70, NODE[1] - 90)  # 114 m from its node, well inside the node's cell (±125 m)
BLURRED = lonlat(*NODE)
NEIGHBOUR_EXACT = lonlat(NODE[0] + 530, NODE[1] + 20)
NEIGHBOUR_BLURRED = lonlat(NODE[0] + 500, NODE[1])


def near(a, b, tolerance=CLOSE):
    return abs(a[0] - b[0]) <= tolerance and abs(a[1] - b[1]) <= tolerance


def add_report(layer, author, category, place, title):
    return Feature.objects.create(
        layer=layer,
        geometry=Point(*place, srid=4326),
        category=layer.categories.get(key=category),
        title=title,
        author=author,
        district=layer.map.district,
    )


@pytest.fixture
def sensitive(scenario, users):
    """On the scenario's public safety layer (중구): the resident's 범죄 불안 report ``crime`` and their
    어두운 골목 report ``alley`` at the same place, and a 범죄 불안 report of ``neighbour``, another resident."""
    layer = scenario["layer"]
    neighbour = make_user("neighbour")
    return {
        **scenario,
        "neighbour": neighbour,
        "crime": add_report(layer, users["resident"], "crime-worry", EXACT, "밤길이 무서운 곳"),
        "alley": add_report(layer, users["resident"], "dark-alley", EXACT, "가로등 없는 골목"),
        "neighbours_crime": add_report(layer, neighbour, "crime-worry", NEIGHBOUR_EXACT, "이웃의 제보"),
    }
