"""The unit every building reader yields: a chunk of buildings as columns, footprints already in EPSG:5186.

Columns rather than one object per building, so that the checks and the
height estimation run as numpy operations over thousands of buildings at a
time and a 600,000-building file never sits in memory whole: readers yield
chunks of ``CHUNK_SIZE`` buildings and the loader writes each before asking
for the next.
"""

from dataclasses import dataclass

import numpy as np
import shapely

CHUNK_SIZE = 10_000
TARGET_SRID = 5186


@dataclass
class BuildingChunk:
    """Buildings in file order. Missing numbers are NaN (heights) or 0 (floors); missing text is ""."""

    source_ids: list[str]
    footprints: np.ndarray  # shapely geometries in EPSG:5186 (None where a feature has none)
    heights: np.ndarray  # metres, NaN where the file has none
    floors_above: np.ndarray  # int, 0 where unknown
    floors_below: np.ndarray
    uses: list[str]  # a ``BuildingUse`` value
    names: list[str]
    first_row: int = 1  # 1-based number of the chunk's first feature in the file, for error messages

    def __len__(self):
        return len(self.source_ids)


class ChunkBuilder:
    """Collects buildings one at a time (footprints in the file's CRS) and hands them out as chunks in EPSG:5186.

    ``srid_for(bounds)`` decides the file's CRS once, from the bounds of the first chunk (and whatever the file
    or the caller declared), so a declared CRS that would put the buildings outside Korea is refused too.
    """

    def __init__(self, reproject, srid_for, size=CHUNK_SIZE):
        self.reproject, self.srid_for, self.size = reproject, srid_for, size
        self.srid = None
        self.rows = []
        self.emitted = 0

    def add(self, source_id, footprint, height, floors_above=0, floors_below=0, use="other", name=""):
        self.rows.append((source_id, footprint, height, floors_above, floors_below, use, name))
        if len(self.rows) >= self.size:
            return self.flush()
        return None

    def flush(self):
        if not self.rows:
            return None
        ids, footprints, heights, above, below, uses, names = zip(*self.rows, strict=True)
        footprints = np.array(footprints, dtype=object)
        if self.srid is None:
            self.srid = self.srid_for(tuple(shapely_bounds(footprints)))
        chunk = BuildingChunk(
            source_ids=list(ids),
            footprints=self.reproject(footprints, self.srid),
            heights=np.array(heights, dtype=float),
            floors_above=np.array(above, dtype=np.int64),
            floors_below=np.array(below, dtype=np.int64),
            uses=list(uses),
            names=list(names),
            first_row=self.emitted + 1,
        )
        self.emitted += len(self.rows)
        self.rows = []
        return chunk


def shapely_bounds(geometries):
    present = geometries[~shapely.is_missing(geometries)]
    return shapely.total_bounds(present) if len(present) else (np.nan,) * 4
