"""Check a chunk of buildings and complete it: valid footprints, plausible heights, estimated heights, ground.

A height that is missing or zero is estimated from the floors above ground
times the storey height and marked as estimated; a building that then still
has no height, a negative height, one over 600 m, a footprint that is not a
valid polygon, a missing or repeated id are problems: each is reported with
its row and id, and the loader refuses the file. Pure numpy and shapely.
"""

from dataclasses import dataclass

import numpy as np
import shapely

from .chunks import TARGET_SRID
from .dem import sample_ground
from .limits import DEFAULT_STOREY_HEIGHT_M, MAX_FLOORS, MAX_HEIGHT_M, SOURCE_ID_MAX_LENGTH

MAX_PROBLEMS = 20


@dataclass
class CheckedChunk:
    """Rows ready to be written: footprints as hex EWKB multipolygons in EPSG:5186."""

    source_ids: list
    footprints: list
    heights: np.ndarray
    estimated: np.ndarray
    floors_above: np.ndarray
    floors_below: np.ndarray
    uses: list
    names: list
    ground: np.ndarray

    def rows(self):
        ground = [None if np.isnan(g) else float(g) for g in self.ground]
        return zip(
            self.source_ids,
            self.footprints,
            self.heights.tolist(),
            self.estimated.tolist(),
            self.floors_above.tolist(),
            self.floors_below.tolist(),
            self.uses,
            self.names,
            ground,
            strict=True,
        )

    def __len__(self):
        return len(self.source_ids)


class Problems:
    """The first ``MAX_PROBLEMS`` problems of a file, and how many there are in all."""

    def __init__(self):
        self.listed, self.total = [], 0

    def add(self, row, source_id, text):
        self.total += 1
        if len(self.listed) < MAX_PROBLEMS:
            self.listed.append(f"row {row}{f' ({source_id})' if source_id else ''}: {text}")

    def __bool__(self):
        return self.total > 0


def estimate_heights(heights, floors_above, storey_height):
    """(heights, estimated): a missing or zero height becomes floors × storey height (NaN without floors)."""
    missing = np.isnan(heights) | (heights == 0)
    estimated = missing & (floors_above > 0)
    filled = np.where(estimated, floors_above * storey_height, heights)
    return np.where(missing & ~estimated, np.nan, filled), estimated


def check_chunk(chunk, problems, seen_ids, *, storey_height=DEFAULT_STOREY_HEIGHT_M, dem_paths=()):
    """Check ``chunk`` (adding to ``problems`` and ``seen_ids``) and return it as a ``CheckedChunk``."""
    footprints = _multipolygons(chunk.footprints)
    heights, estimated = estimate_heights(chunk.heights, chunk.floors_above, storey_height)
    reasons = _footprint_reasons(footprints)
    for index, source_id in enumerate(chunk.source_ids):
        row = chunk.first_row + index
        text = (
            reasons[index] or _height_problem(heights[index], chunk.heights[index]) or _id_problem(source_id, seen_ids)
        )
        if text:
            problems.add(row, source_id, text)
        seen_ids.add(source_id)
    return CheckedChunk(
        source_ids=list(chunk.source_ids),
        footprints=_ewkb(footprints),
        heights=np.round(heights, 2),
        estimated=estimated,
        floors_above=np.clip(chunk.floors_above, 0, MAX_FLOORS),
        floors_below=np.clip(chunk.floors_below, 0, MAX_FLOORS),
        uses=list(chunk.uses),
        names=list(chunk.names),
        ground=_ground(footprints, dem_paths),
    )


def _multipolygons(footprints):
    footprints = np.asarray(footprints, dtype=object)
    polygons = np.flatnonzero(shapely.get_type_id(footprints) == 3)
    if len(polygons):
        footprints[polygons] = shapely.multipolygons(footprints[polygons], indices=np.arange(len(polygons)))
    return footprints


def _footprint_reasons(footprints):
    """Per footprint: None when it is a valid, non-empty (multi)polygon, else why not."""
    kinds = shapely.get_type_id(footprints)
    valid = shapely.is_valid(footprints)
    reasons = []
    for footprint, kind, is_valid in zip(footprints, kinds, valid, strict=True):
        if footprint is None or shapely.is_empty(footprint):
            reasons.append("it has no footprint")
        elif kind != 6:
            reasons.append(f"the footprint is a {footprint.geom_type}, not a polygon")
        elif not is_valid:
            reasons.append(f"the footprint is not a valid polygon ({shapely.is_valid_reason(footprint)})")
        else:
            reasons.append(None)
    return reasons


def _height_problem(height, given):
    if not np.isnan(given) and given < 0:
        return f"the height {given:g} m is negative"
    if np.isnan(height):
        return "it has no height and no floors to estimate one from"
    if height > MAX_HEIGHT_M:
        return f"the height {height:g} m is over {MAX_HEIGHT_M:g} m"
    return None


def _id_problem(source_id, seen_ids):
    if not source_id:
        return "it has no id"
    if len(source_id) > SOURCE_ID_MAX_LENGTH:
        return f"its id is longer than {SOURCE_ID_MAX_LENGTH} characters"
    if source_id in seen_ids:
        return "its id appears twice in the file"
    return None


def _ewkb(footprints):
    with_srid = shapely.set_srid(footprints, TARGET_SRID)
    return shapely.to_wkb(with_srid, hex=True, include_srid=True).tolist()


def _ground(footprints, dem_paths):
    """Ground height from the first DEM (newest first) that has a value under each footprint; NaN elsewhere."""
    ground = np.full(len(footprints), np.nan)
    usable = np.array([f is not None and shapely.get_type_id(f) == 6 for f in footprints], dtype=bool)
    for path in dem_paths:
        todo = usable & np.isnan(ground)
        if not todo.any():
            break
        ground[todo] = sample_ground(path, footprints[todo])
    return np.round(ground, 2)
