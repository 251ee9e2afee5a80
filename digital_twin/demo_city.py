"""A deterministic demo city around Seoul City Hall: streets, blocks, lots and about 2,000 buildings.

Pure Python (numpy and shapely; no Django, no outside data), so it runs the same
in tests, benchmarks and workers. Coordinates are EPSG:5186 (Korea 2000 /
Central Belt 2010) metres. Seoul City Hall, lon 126.978 lat 37.5665, lies at
x 198 056.4, y 551 885.0 there (pyproj, ``Transformer.from_crs(4326, 5186,
always_xy=True)``, rounded to 0.1 m): the default centre.

The plan imitates central Seoul. A few arterial roads 30–40 m wide, one of
them diagonal like 남대문로, cut the study area into superblocks; each
superblock has its own slightly rotated, unevenly spaced grid of local streets
8–12 m wide. Blocks are cut into lots, wide ones in blocks on an arterial and
narrow ones elsewhere, and each building stands in its lot behind a setback,
so no two buildings touch and none stands on a street. Most buildings are
low-rise housing; offices and mixed use line the arterials; a cluster of
towers over 100 m stands near the arterial crossing closest to the centre.

The same seed gives the same city, byte for byte: every random draw comes from
one ``numpy.random.default_rng(seed)`` in a fixed order, and footprints are
snapped to a centimetre grid.
"""

import math
from dataclasses import dataclass, replace
from itertools import combinations, pairwise

import numpy as np
import shapely
from shapely import Point, Polygon, box
from shapely.affinity import rotate
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import nearest_points

__all__ = [
    "CITY_HALL_5186",
    "DEFAULT_SEED",
    "DEFAULT_SIZE_M",
    "DemoBuilding",
    "DemoCity",
    "Street",
    "generate_demo_city",
]

CITY_HALL_5186 = (198_056.4, 551_885.0)
DEFAULT_SEED = 11140
DEFAULT_SIZE_M = 1_160.0
GRID_M = 0.01
SLIVER_M = 0.05

ARTERIAL_WIDTH_M = (30.0, 40.0)
LOCAL_WIDTH_M = (8.0, 12.0)
LOCAL_SPACING_M = {"across": (80.0, 140.0), "along": (55.0, 95.0)}
BLOCK_MIN_AREA_M2 = 400.0
PARK_SHARE = 0.03

LOT_WIDTH_M = {"cbd": (30.0, 55.0), "arterial": (20.0, 40.0), "local": (9.0, 16.0)}
LOT_DEPTH_M = {"cbd": 45.0, "arterial": 36.0, "local": 19.0}
CBD_RADIUS_M = 350.0
LOT_MIN_AREA_M2 = 60.0
FRONTAGE_M = 20.0
TRANSITION_M = 90.0
VACANT_SHARE = 0.05

FOOTPRINT_MIN_AREA_M2 = 35.0
FOOTPRINT_MIN_WIDTH_M = 4.0
SETBACK_M = ((25, (4.0, 7.0)), (6, (2.0, 3.5)), (0, (1.0, 2.0)))
TOWER_COUNT = (6, 10)
TOWER_MIN_FOOTPRINT_M2 = 700.0
TOWER_SPACING_M = 40.0
TOWER_NAME = "중구 타워 {}"


@dataclass(frozen=True)
class Street:
    """A street: ``kind`` is "arterial" or "local"; ``area`` is the polygon it covers, clipped to its land."""

    kind: str
    width: float
    centreline: BaseGeometry
    area: BaseGeometry


@dataclass(frozen=True)
class DemoBuilding:
    """One building: its footprint (EPSG:5186), height in metres, floors and use (a ``Building.use`` value)."""

    source_id: str
    footprint: Polygon
    height: float
    floors_above: int
    floors_below: int
    use: str
    name: str = ""


@dataclass(frozen=True)
class DemoCity:
    """The generated city; ``blocks`` are the land between streets, parks included."""

    seed: int
    centre: tuple[float, float]
    study_area: Polygon
    streets: tuple[Street, ...]
    blocks: tuple[Polygon, ...]
    buildings: tuple[DemoBuilding, ...]


@dataclass(frozen=True)
class Profile:
    """A kind of building: its use, its weight in a draw, floors (inclusive range) and storey height in metres."""

    use: str
    weight: float
    floors: tuple[int, int]
    storey: tuple[float, float]


PROFILES = {
    "frontage": (
        Profile("office", 0.40, (6, 20), (3.7, 4.0)),
        Profile("mixed", 0.30, (6, 16), (3.5, 3.8)),
        Profile("commercial", 0.25, (3, 10), (3.8, 4.2)),
        Profile("public", 0.05, (4, 12), (3.8, 4.2)),
    ),
    "transition": (
        Profile("residential", 0.40, (3, 7), (2.9, 3.1)),
        Profile("commercial", 0.22, (2, 5), (3.6, 4.0)),
        Profile("mixed", 0.20, (4, 10), (3.3, 3.6)),
        Profile("office", 0.10, (5, 12), (3.6, 3.9)),
        Profile("industrial", 0.08, (1, 3), (4.0, 4.5)),
    ),
    "interior": (
        Profile("residential", 0.82, (2, 5), (2.9, 3.1)),
        Profile("commercial", 0.08, (1, 3), (3.6, 4.0)),
        Profile("mixed", 0.04, (3, 5), (3.2, 3.5)),
        Profile("public", 0.02, (2, 4), (3.8, 4.2)),
        Profile("industrial", 0.02, (1, 2), (4.0, 4.5)),
        Profile("other", 0.02, (1, 2), (2.8, 3.2)),
    ),
}
TOWER_PROFILES = (
    Profile("office", 0.7, (27, 47), (3.9, 4.2)),
    Profile("mixed", 0.3, (27, 47), (3.8, 4.0)),
)


@dataclass(frozen=True)
class Lot:
    """A lot and its zone ("frontage", "transition" or "interior"), which sets what is built on it."""

    polygon: Polygon
    zone: str


def generate_demo_city(
    seed: int = DEFAULT_SEED, centre: tuple[float, float] = CITY_HALL_5186, size_m: float = DEFAULT_SIZE_M
) -> DemoCity:
    """The demo city in a square of ``size_m`` metres centred on ``centre`` (EPSG:5186)."""
    rng = np.random.default_rng(seed)
    study_area = box(centre[0] - size_m / 2, centre[1] - size_m / 2, centre[0] + size_m / 2, centre[1] + size_m / 2)
    grid_angle = rng.uniform(-6.0, 6.0)
    arterials = arterial_streets(rng, study_area, grid_angle)
    arterial_area = shapely.union_all([street.area for street in arterials])
    local_streets, blocks = local_streets_and_blocks(rng, opened(study_area.difference(arterial_area)), grid_angle)
    cluster_centre = tower_cluster_centre(arterials, centre)
    lots = zoned_lots(rng, blocks, arterial_area, cluster_centre)
    buildings = place_buildings(rng, lots, cluster_centre)
    return DemoCity(
        seed=seed,
        centre=(float(centre[0]), float(centre[1])),
        study_area=study_area,
        streets=tuple(arterials + local_streets),
        blocks=tuple(blocks),
        buildings=buildings,
    )


def arterial_streets(rng, study_area, grid_angle):
    """Two roughly east–west and two roughly north–south arterials near the thirds, and one diagonal."""
    (cx, cy), size = study_area.centroid.coords[0], study_area.bounds[2] - study_area.bounds[0]
    streets = []
    for angle, (ax, ay) in ((grid_angle, (0.0, 1.0)), (grid_angle + 90.0, (1.0, 0.0))):
        for third in (-1 / 6, 1 / 6):
            offset = (third + rng.uniform(-0.08, 0.08)) * size
            width = round(rng.uniform(*ARTERIAL_WIDTH_M), 1)
            streets.append(
                street("arterial", width, (cx + ax * offset, cy + ay * offset), angle + rng.uniform(-3, 3), study_area)
            )
    through = (cx + rng.uniform(-0.1, 0.1) * size, cy + rng.uniform(-0.1, 0.1) * size)
    width = round(rng.uniform(*ARTERIAL_WIDTH_M), 1)
    streets.append(street("arterial", width, through, grid_angle + rng.uniform(50.0, 65.0), study_area))
    return streets


def local_streets_and_blocks(rng, land, grid_angle):
    """The local streets of each superblock of ``land``, and the blocks they leave."""
    local_streets, blocks = [], []
    for superblock in polygons(land, BLOCK_MIN_AREA_M2):
        streets = local_grid(rng, superblock, grid_angle + rng.uniform(-5.0, 5.0))
        local_streets.extend(streets)
        land_left = superblock.difference(shapely.union_all([s.area for s in streets]))
        blocks.extend(polygons(opened(land_left), BLOCK_MIN_AREA_M2))
    return local_streets, blocks


def local_grid(rng, superblock, angle):
    """Local streets across a superblock, in a grid turned by ``angle`` degrees with uneven spacing."""
    origin = superblock.centroid
    minx, miny, maxx, maxy = rotate(superblock, -angle, origin=origin).bounds
    streets = []
    for x in cuts(rng, minx, maxx, LOCAL_SPACING_M["across"]):
        streets.append(local_street(rng, Point(x, origin.y), angle, angle + 90.0 + rng.uniform(-3, 3), superblock))
    for y in cuts(rng, miny, maxy, LOCAL_SPACING_M["along"]):
        streets.append(local_street(rng, Point(origin.x, y), angle, angle + rng.uniform(-3, 3), superblock))
    return [s for s in streets if not s.area.is_empty]


def local_street(rng, flat_point, frame_angle, angle, superblock):
    """A local street through ``flat_point``, given in the superblock's frame turned by ``frame_angle``."""
    point = rotate(flat_point, frame_angle, origin=superblock.centroid)
    return street("local", round(rng.uniform(*LOCAL_WIDTH_M), 1), point.coords[0], angle, superblock)


def street(kind, width, through, angle, land):
    """A straight street through the point ``through`` at ``angle`` degrees, clipped to ``land``."""
    minx, miny, maxx, maxy = land.bounds
    reach = 2 * math.hypot(maxx - minx, maxy - miny)
    dx, dy = reach * math.cos(math.radians(angle)), reach * math.sin(math.radians(angle))
    line = shapely.LineString([(through[0] - dx, through[1] - dy), (through[0] + dx, through[1] + dy)])
    area = line.buffer(width / 2, cap_style="flat").intersection(land)
    return Street(kind=kind, width=width, centreline=line.intersection(land), area=area)


def cuts(rng, low, high, spacing):
    """Positions between ``low`` and ``high``, ``spacing`` (min, max) apart, none too close to ``high``."""
    positions = []
    position = low + rng.uniform(*spacing)
    while position < high - 0.6 * spacing[0]:
        positions.append(float(position))
        position += rng.uniform(*spacing)
    return positions


def opened(geometry):
    """``geometry`` without the slivers and hair-thin bridges that overlays leave where streets graze an edge."""
    return geometry.buffer(-SLIVER_M, join_style="mitre").buffer(SLIVER_M, join_style="mitre")


def polygons(geometry, min_area):
    """The polygons of ``geometry`` of at least ``min_area`` m², north-west first."""
    parts = [part for part in shapely.get_parts(geometry) if part.geom_type == "Polygon" and part.area >= min_area]
    return sorted(parts, key=lambda part: (-round(part.centroid.y, 2), round(part.centroid.x, 2)))


def zoned_lots(rng, blocks, arterial_area, cluster_centre):
    """The lots of every block but parks, zoned by their distance to the arterials."""
    lots = []
    for block in blocks:
        if rng.random() < PARK_SHARE:
            continue
        kind = lot_kind(block, arterial_area, cluster_centre)
        for polygon in subdivide(rng, block, kind):
            lots.append(Lot(polygon, zone(polygon.distance(arterial_area), kind != "local")))
    return lots


def lot_kind(block, arterial_area, cluster_centre):
    """How a block is cut into lots: large office plots ("cbd") on an arterial near the tower cluster,
    medium ones ("arterial") elsewhere on an arterial, and small ones ("local") inside the superblocks."""
    if block.distance(arterial_area) >= 1.0:
        return "local"
    return "cbd" if block.distance(cluster_centre) < CBD_RADIUS_M else "arterial"


def zone(distance, on_arterial):
    if on_arterial and distance < FRONTAGE_M:
        return "frontage"
    return "transition" if distance < TRANSITION_M else "interior"


def subdivide(rng, block, kind):
    """Lots of a block: rows along its long axis cut into lots; ``kind`` (see ``lot_kind``) sets their size."""
    angle = long_axis_angle(block)
    origin = block.centroid
    flat = rotate(block, -angle, origin=origin)
    minx, miny, maxx, maxy = flat.bounds
    depth = LOT_DEPTH_M[kind]
    rows = [miny, *cuts(rng, miny, maxy, (0.85 * depth, 1.15 * depth)), maxy]
    lots = []
    for y0, y1 in pairwise(rows):
        columns = [minx, *cuts(rng, minx, maxx, LOT_WIDTH_M[kind]), maxx]
        for x0, x1 in pairwise(columns):
            pieces = polygons(box(x0, y0, x1, y1).intersection(flat), LOT_MIN_AREA_M2)
            lots.extend(rotate(piece, angle, origin=origin) for piece in pieces)
    return lots


def long_axis_angle(polygon):
    """The direction, in degrees, of the long side of the polygon's minimum rotated rectangle."""
    (x0, y0), (x1, y1), (x2, y2) = shapely.oriented_envelope(polygon).exterior.coords[:3]
    dx, dy = (x1 - x0, y1 - y0) if math.hypot(x1 - x0, y1 - y0) >= math.hypot(x2 - x1, y2 - y1) else (x2 - x1, y2 - y1)
    return math.degrees(math.atan2(dy, dx))


def tower_cluster_centre(arterials, centre):
    """The crossing of two arterials nearest to the centre, where the towers cluster."""
    crossings = shapely.union_all([a.centreline.intersection(b.centreline) for a, b in combinations(arterials, 2)])
    return nearest_points(crossings, Point(centre))[0]


def place_buildings(rng, lots, cluster_centre):
    """A building on each lot but the vacant ones (car parks); towers on the lots ``tower_lots`` picks."""
    towers = tower_lots(rng, lots, cluster_centre)
    buildings = []
    for index, lot in enumerate(lots):
        if index in towers:
            building = build(rng, lot, draw(rng, TOWER_PROFILES), TOWER_NAME.format(towers[index]))
        elif rng.random() < VACANT_SHARE:
            continue
        else:
            building = build(rng, lot, draw(rng, PROFILES[lot.zone]))
        if building is not None:
            buildings.append(building)
    return tuple(replace(building, source_id=f"demo-{n:05d}") for n, building in enumerate(buildings, 1))


def tower_lots(rng, lots, cluster_centre):
    """Lot index → tower number: the frontage lots large enough for a tower nearest the cluster centre."""
    count = int(rng.integers(TOWER_COUNT[0], TOWER_COUNT[1] + 1))
    largest_setback = SETBACK_M[0][1][1]
    candidates = sorted(
        (lot.polygon.distance(cluster_centre), index)
        for index, lot in enumerate(lots)
        if lot.zone == "frontage" and lot.polygon.buffer(-largest_setback).area >= TOWER_MIN_FOOTPRINT_M2
    )
    chosen = []
    for _, index in candidates:
        if all(lots[index].polygon.distance(lots[other].polygon) >= TOWER_SPACING_M for other in chosen):
            chosen.append(index)
        if len(chosen) == count:
            break
    return {index: number for number, index in enumerate(chosen, 1)}


def draw(rng, profiles):
    weights = np.array([profile.weight for profile in profiles])
    return profiles[int(rng.choice(len(profiles), p=weights / weights.sum()))]


def build(rng, lot, profile, name=""):
    """A building of ``profile`` on ``lot``, or None when the setback leaves too little room."""
    floors = int(rng.integers(profile.floors[0], profile.floors[1] + 1))
    storey = rng.uniform(*profile.storey)
    footprint = inset(lot.polygon, rng.uniform(*setback_range(floors)))
    if footprint is None:
        return None
    return DemoBuilding(
        source_id="",
        footprint=footprint,
        height=round(floors * storey, 1),
        floors_above=floors,
        floors_below=floors_below(rng, floors),
        use=profile.use,
        name=name,
    )


def setback_range(floors):
    return next(metres for lowest, metres in SETBACK_M if floors >= lowest)


def floors_below(rng, floors):
    if floors >= 25:
        return int(rng.integers(5, 8))
    if floors >= 6:
        return int(rng.integers(1, 5))
    return int(rng.random() < 0.3)


def inset(lot, setback):
    """The lot shrunk by ``setback`` metres, counter-clockwise on a centimetre grid; None if too small or thin."""
    parts = [
        part
        for part in polygons(lot.buffer(-setback, join_style="mitre"), FOOTPRINT_MIN_AREA_M2)
        if not part.buffer(-FOOTPRINT_MIN_WIDTH_M / 2).is_empty
    ]
    if not parts:
        return None
    largest = max(parts, key=lambda part: part.area)
    return orient(shapely.set_precision(largest, GRID_M))
