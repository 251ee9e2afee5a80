"""Register a DEM as terrain: reproject it to EPSG:5186, keep it under MEDIA_ROOT, sample ground heights.

The warped GeoTIFF is written beside its final place first; the row, the
file and the ground heights of the buildings standing on it are committed
together, and the file is removed again when anything fails. A DEM that
overlaps none of the buildings already stored is refused (it is almost
always in the wrong CRS); with no buildings yet, any DEM in Korea is taken.
"""

import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import shapely
from django.conf import settings
from django.contrib.gis.geos import Polygon
from django.db import connection, transaction

from ..models import BUILDING_SRID, Building, Terrain
from ..readers.chunks import CHUNK_SIZE
from ..readers.dem import reproject_dem, sample_ground
from ..readers.errors import TerrainError
from .progress import Progress

GROUND_STAGING = """
DROP TABLE IF EXISTS pg_temp.twin_ground;
CREATE TEMPORARY TABLE twin_ground (id bigint, ground double precision) ON COMMIT DROP
"""
APPLY_GROUND = """
UPDATE digital_twin_building b SET ground_height = g.ground FROM twin_ground g WHERE b.id = g.id
"""


@dataclass
class TerrainImport:
    terrain_id: int
    name: str
    resolution: float
    min_elevation: float
    max_elevation: float
    original_srid: int | None
    buildings_sampled: int

    def as_dict(self):
        return asdict(self)


def import_terrain(path, *, name=None, source="upload", srid=None, resolution=None, progress=None):
    """Register the DEM ``path`` (any CRS; ``srid`` when it declares none) and sample the buildings on it."""
    progress = progress or Progress()
    name = (name or Path(path).stem)[:200]
    folder = Path(settings.MEDIA_ROOT) / "terrain"
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{uuid.uuid4().hex}.tif"
    progress.stage("reproject")
    try:
        info = reproject_dem(path, final, srid=srid, resolution=resolution)
        extent = Polygon.from_bbox(info.bounds)
        extent.srid = BUILDING_SRID
        _check_overlap(extent)
        with transaction.atomic():
            terrain = _register(name, source, final, extent, info)
            sampled = resample_ground(terrain, progress)
    except BaseException:
        final.unlink(missing_ok=True)
        raise
    return TerrainImport(
        terrain.pk, name, info.resolution, info.min_elevation, info.max_elevation, info.original_srid, sampled
    )


def _check_overlap(extent):
    if Building.objects.exists() and not Building.objects.filter(footprint__bboverlaps=extent).exists():
        bounds = ", ".join(f"{value:.0f}" for value in extent.extent)
        raise TerrainError(
            f"The DEM (EPSG:5186 bounds {bounds}) does not overlap any building: check its coordinate system, "
            "or give the right one with --srid."
        )


def _register(name, source, final, extent, info):
    replaced = Terrain.objects.filter(source=source, name=name).first()
    if replaced is not None:
        old = Path(replaced.file.path)
        transaction.on_commit(lambda: old.unlink(missing_ok=True))
        replaced.delete()
    return Terrain.objects.create(
        name=name,
        source=source,
        file=str(final.relative_to(settings.MEDIA_ROOT)),
        extent=extent,
        original_srid=info.original_srid or 0,
        resolution=info.resolution,
        width=info.width,
        height=info.height,
        min_elevation=info.min_elevation,
        max_elevation=info.max_elevation,
    )


def resample_ground(terrain, progress=None):
    """Set the ground height of every building on ``terrain`` where it has a value; returns how many were set."""
    progress = progress or Progress()
    buildings = Building.objects.filter(footprint__bboverlaps=terrain.extent)
    progress.stage("ground", buildings.count())
    sampled = 0
    with connection.cursor() as staging:
        staging.execute(GROUND_STAGING)
        rows = buildings.order_by("pk").values_list("pk", "footprint").iterator(chunk_size=CHUNK_SIZE)
        for batch in _batches(rows):
            ids = np.array([pk for pk, _ in batch])
            footprints = shapely.from_wkb([bytes(footprint.wkb) for _, footprint in batch])
            ground = sample_ground(terrain.file.path, footprints)
            found = ~np.isnan(ground)
            with staging.copy("COPY twin_ground (id, ground) FROM STDIN") as copy:
                for pk, value in zip(ids[found].tolist(), np.round(ground[found], 2).tolist(), strict=True):
                    copy.write_row((pk, value))
            sampled += int(found.sum())
            progress.advance(len(batch))
        staging.execute(APPLY_GROUND)
    return sampled


def _batches(rows):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch
