"""What a run sees: the buildings of the base city or of a scenario, and the ground under them.

Inside the study area the buildings are the scenario's state
(``scenarios.state``: overrides applied, removed ones gone, added ones in);
around it, up to the edge of the compute grid, they are the base city's (a
scenario only edits buildings of its own area), because a tower next door
still shades the area. Each building gets an integer id the kernels carry:
a base building's primary key, or minus the id of a building the scenario
added, so that base and scenario results can be matched building by building.

The terrain is the newest registered DEM that overlaps the grid, resampled
bilinearly onto it; cells beyond the DEM's edge take the nearest value it has.
"""

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np
import rasterio
import shapely
from django.contrib.gis.geos import Polygon
from django.db import connection
from rasterio.transform import Affine
from rasterio.warp import Resampling, reproject
from scipy import ndimage

from ..models import BUILDING_SRID, BuildingUse, Terrain
from ..scenarios.state import state_params, state_sql
from ..sim.footprints import Footprints
from ..sim.grid import CRS


@cache
def buildings_sql():
    return files("digital_twin.simulations").joinpath("sql", "buildings.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class CityBuildings:
    footprints: Footprints
    geometries: np.ndarray  # shapely footprints, in the order of ``footprints``
    keys: tuple  # "base:12", "added:3"
    names: tuple
    uses: tuple
    statuses: tuple  # base, changed, added (in the study area) or neighbour (around it)

    @property
    def in_area(self):
        return np.array([status != "neighbour" for status in self.statuses])

    def chosen(self, which):
        """Indices of the buildings whose façades are checked: the study area's residential ones, all of them, or
        those a list of keys names (wherever they stand on the grid)."""
        if isinstance(which, list):
            return np.flatnonzero(np.isin(np.array(self.keys, dtype=object), which))
        if which == "none":
            return np.zeros(0, dtype=np.int64)
        residential = np.array([use == BuildingUse.RESIDENTIAL for use in self.uses])
        wanted = self.in_area & (residential if which == "residential" else True)
        return np.flatnonzero(wanted)

    def added(self):
        """Footprints of the buildings the scenario added (shapely)."""
        return self.geometries[[key.startswith("added:") for key in self.keys]]

    def describe(self, ids):
        """Key, name and use of the buildings with these kernel ids, in their order."""
        where = {int(v): i for i, v in enumerate(self.footprints.ids)}
        return [
            {"id": int(v), "key": self.keys[where[int(v)]], "name": self.names[where[int(v)]],
             "use": self.uses[where[int(v)]]}
            for v in ids
        ]  # fmt: skip

    def digest(self):
        """SHA-256 of every footprint vertex, height and id: the same digest, the same buildings."""
        digest = hashlib.sha256()
        for array in (*self.footprints.arrays(), self.footprints.ids):
            digest.update(np.ascontiguousarray(array).tobytes())
        return digest.hexdigest()


def city_buildings(study_area, scenario, bounds):
    """The buildings over ``bounds`` (EPSG:5186) as ``scenario`` (None: the base city) has them."""
    x_min, y_min, x_max, y_max = bounds
    params = {**state_params(study_area, scenario), "x_min": x_min, "y_min": y_min, "x_max": x_max, "y_max": y_max}
    sql = buildings_sql().replace("{state}", state_sql())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    ids = np.array([row[0] if row[1] is None else -row[1] for row in rows], dtype=np.int64)
    geometries = shapely.from_wkb([bytes(row[2]) for row in rows]) if rows else np.array([], dtype=object)
    footprints = Footprints.from_shapely(geometries, [row[3] for row in rows], ids)
    keys = tuple(f"base:{row[0]}" if row[1] is None else f"added:{row[1]}" for row in rows)
    return CityBuildings(footprints, geometries, keys, *(tuple(row[k] for row in rows) for k in (4, 5, 6)))


def terrain_raster(grid):
    """(ground elevation on ``grid`` in metres, the terrain's name), or (None, "") when no DEM overlaps it."""
    x_min, y_min, x_max, y_max = grid.bounds
    box = Polygon.from_bbox((x_min, y_min, x_max, y_max))
    box.srid = BUILDING_SRID
    terrain = Terrain.objects.filter(extent__intersects=box).order_by("-created", "-pk").first()
    if terrain is None:
        return None, ""
    ground = np.full(grid.shape, np.nan, dtype=np.float64)
    with rasterio.open(terrain.file.path) as dem:
        reproject(
            source=rasterio.band(dem, 1),
            destination=ground,
            src_nodata=dem.nodata,
            dst_transform=Affine.from_gdal(*grid.geotransform),
            dst_crs=CRS,
            dst_nodata=np.nan,
            resampling=Resampling.bilinear,
        )
    missing = np.isnan(ground)
    if missing.all():
        return None, ""
    if missing.any():
        nearest = ndimage.distance_transform_edt(missing, return_distances=False, return_indices=True)
        ground = ground[tuple(nearest)]
    return ground, terrain.name
