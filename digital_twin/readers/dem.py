"""DEM GeoTIFFs: reprojected to EPSG:5186 with rasterio, and sampled under building footprints.

A DEM may come in any CRS with a CRS rasterio knows; it is warped
(bilinear) onto a grid of square cells in EPSG:5186, written as a tiled,
DEFLATE-compressed GeoTIFF, and must land in South Korea. A building's
ground height is the lowest DEM value at its footprint's vertices and an
interior point, so that on a slope its base never floats above the terrain;
outside the DEM or on no-data cells it is NaN. Pure rasterio and numpy.
"""

from dataclasses import dataclass

import numpy as np
import rasterio
import shapely
from rasterio.crs import CRS
from rasterio.errors import CRSError, RasterioIOError
from rasterio.warp import Resampling, calculate_default_transform, reproject, transform_bounds
from rasterio.windows import Window

from imports.detection import SOUTH_KOREA

from .chunks import TARGET_SRID
from .errors import TerrainError

NODATA = -9999.0
WINDOW_MAX_CELLS = 64_000_000  # 256 MB of float32: above it, points are read one by one through GDAL's block cache
MIN_ELEVATION, MAX_ELEVATION = -500.0, 9000.0


@dataclass(frozen=True)
class DemInfo:
    """What a reprojected DEM covers: bounds in EPSG:5186, cell size (m), size in cells, elevation range."""

    bounds: tuple
    resolution: float
    width: int
    height: int
    min_elevation: float
    max_elevation: float
    original_srid: int | None


def reproject_dem(source, target, *, srid=None, resolution=None):
    """Warp the DEM ``source`` into a GeoTIFF ``target`` in EPSG:5186; ``srid`` when the file has no CRS."""
    try:
        with rasterio.open(source) as dem:
            crs = _crs(dem, srid)
            _check_in_korea(crs, dem.bounds)
            cell = resolution or _native_cell(crs, dem)
            transform, width, height = calculate_default_transform(
                crs, CRS.from_epsg(TARGET_SRID), dem.width, dem.height, *dem.bounds, resolution=cell
            )
            warped = np.full((height, width), NODATA, dtype="float32")
            reproject(
                rasterio.band(dem, 1),
                warped,
                src_nodata=dem.nodata,
                dst_transform=transform,
                dst_crs=CRS.from_epsg(TARGET_SRID),
                dst_nodata=NODATA,
                resampling=Resampling.bilinear,
            )
            original = crs.to_epsg()
    except RasterioIOError as exc:
        raise TerrainError(f"The DEM cannot be read as a GeoTIFF ({exc}).") from None
    valid = warped[(warped != NODATA) & (warped > MIN_ELEVATION) & (warped < MAX_ELEVATION)]
    if not valid.size:
        raise TerrainError("The DEM holds no elevation values (every cell is no-data).")
    _write(target, warped, transform)
    bounds = rasterio.transform.array_bounds(height, width, transform)
    return DemInfo(
        (bounds[0], bounds[1], bounds[2], bounds[3]),
        float(cell),
        width,
        height,
        float(valid.min()),
        float(valid.max()),
        original,
    )


def _crs(dem, srid):
    if srid is not None:
        try:
            return CRS.from_epsg(srid)
        except CRSError:
            raise TerrainError(f"EPSG:{srid} is not a coordinate system rasterio knows.") from None
    if dem.crs is None:
        raise TerrainError("The DEM declares no coordinate system; give it with --srid.")
    return dem.crs


def _check_in_korea(crs, bounds):
    try:
        west, south, east, north = transform_bounds(crs, CRS.from_epsg(4326), *bounds)
    except Exception:  # noqa: BLE001 - rasterio raises several kinds for an unusable CRS
        raise TerrainError(f"The DEM's coordinate system ({crs}) cannot be converted to longitude/latitude.") from None
    k_west, k_south, k_east, k_north = SOUTH_KOREA
    if not (west < k_east and east > k_west and south < k_north and north > k_south):
        raise TerrainError(
            f"The DEM lies at lon {west:.3f}–{east:.3f}, lat {south:.3f}–{north:.3f}, outside South Korea: "
            "check its coordinate system, or give the right one with --srid."
        )


def _native_cell(crs, dem):
    """The source's cell size in metres (about, for a DEM in degrees), so the warp neither blurs nor bloats it."""
    size = min(abs(dem.res[0]), abs(dem.res[1]))
    return round(size * 111_320.0 * 0.79, 3) if crs.is_geographic else size


def _write(target, array, transform):
    profile = {
        "driver": "GTiff",
        "dtype": "float32",
        "count": 1,
        "width": array.shape[1],
        "height": array.shape[0],
        "crs": CRS.from_epsg(TARGET_SRID),
        "transform": transform,
        "nodata": NODATA,
        "tiled": True,
        "blockxsize": 256,
        "blockysize": 256,
        "compress": "deflate",
        "predictor": 3,
    }
    with rasterio.open(target, "w", **profile) as out:
        out.write(array, 1)


def sample_ground(dem_path, footprints):
    """The lowest DEM value under each footprint (numpy array of shapely geometries in EPSG:5186); NaN off the DEM."""
    footprints = np.asarray(footprints, dtype=object)
    result = np.full(len(footprints), np.nan)
    present = np.flatnonzero(~shapely.is_missing(footprints) & ~shapely.is_empty(footprints))
    if not len(present):
        return result
    points, owners = _probe_points(footprints[present])
    with rasterio.open(dem_path) as dem:
        values = _values(dem, points)
    lowest = np.full(len(present), np.inf)
    np.minimum.at(lowest, owners, np.where(np.isnan(values), np.inf, values))
    result[present] = np.where(np.isfinite(lowest), lowest, np.nan)
    return result


def _probe_points(footprints):
    """Vertices and an interior point of each footprint, with the index of the footprint each belongs to."""
    coordinates, owners = shapely.get_coordinates(footprints, return_index=True)
    inside = shapely.get_coordinates(shapely.point_on_surface(footprints))
    points = np.vstack([coordinates, inside])
    return points, np.concatenate([owners, np.arange(len(footprints))])


def _values(dem, points):
    rows, cols = rasterio.transform.rowcol(dem.transform, points[:, 0], points[:, 1])
    rows, cols = np.asarray(rows), np.asarray(cols)
    inside = (rows >= 0) & (rows < dem.height) & (cols >= 0) & (cols < dem.width)
    values = np.full(len(points), np.nan)
    if not inside.any():
        return values
    r0, r1, c0, c1 = rows[inside].min(), rows[inside].max() + 1, cols[inside].min(), cols[inside].max() + 1
    if (r1 - r0) * (c1 - c0) <= WINDOW_MAX_CELLS:
        block = dem.read(1, window=Window(c0, r0, c1 - c0, r1 - r0))
        found = block[rows[inside] - r0, cols[inside] - c0].astype(float)
    else:
        found = np.array([v[0] for v in dem.sample(points[inside])], dtype=float)
    nodata = dem.nodata if dem.nodata is not None else NODATA
    values[inside] = np.where((found == nodata) | (found <= MIN_ELEVATION), np.nan, found)
    return values
