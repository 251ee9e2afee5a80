"""Write the buildings of a file into the base stock: checked, chunked, all or nothing, updated by source id.

Chunks from the readers are checked (``readers.checks``) and streamed with
``COPY`` into a temporary table; only when the whole file has been read
without a problem are they inserted or updated in one statement, matched on
(source, source_id). Everything runs in one transaction, so a bad row, an
unknown CRS or an interrupted run writes nothing. Memory stays at one chunk
whatever the file's size.
"""

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from django.db import connection, transaction

from ..models import Terrain
from ..readers.checks import Problems, check_chunk
from ..readers.errors import BadBuildings, UnknownFormat
from ..readers.limits import DEFAULT_STOREY_HEIGHT_M
from .files import building_chunks
from .progress import Progress

STAGING = """
DROP TABLE IF EXISTS pg_temp.twin_import;
CREATE TEMPORARY TABLE twin_import (
    source_id text, footprint geometry(MultiPolygon, 5186), height double precision, height_estimated boolean,
    floors_above integer, floors_below integer, use text, name text, ground_height double precision
) ON COMMIT DROP
"""
COLUMNS = "source_id, footprint, height, height_estimated, floors_above, floors_below, use, name, ground_height"
UPSERT = f"""
WITH written AS (
    INSERT INTO digital_twin_building (source, {COLUMNS}, created, updated)
    SELECT %(source)s, {COLUMNS}, now(), now() FROM twin_import
    ON CONFLICT (source, source_id) DO UPDATE SET
        footprint = EXCLUDED.footprint, height = EXCLUDED.height, height_estimated = EXCLUDED.height_estimated,
        floors_above = EXCLUDED.floors_above, floors_below = EXCLUDED.floors_below, use = EXCLUDED.use,
        name = EXCLUDED.name, ground_height = EXCLUDED.ground_height, updated = now()
    RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written
"""  # noqa: S608 - made of the constants above
WOULD_CHANGE = """
SELECT count(*) FILTER (WHERE b.id IS NULL), count(*) FILTER (WHERE b.id IS NOT NULL)
FROM twin_import i LEFT JOIN digital_twin_building b ON b.source = %(source)s AND b.source_id = i.source_id
"""


@dataclass
class BuildingImport:
    """What an import did (or, with ``dry_run``, would do)."""

    source: str
    file_format: str
    read: int = 0
    created: int = 0
    updated: int = 0
    estimated: int = 0
    with_ground: int = 0
    dry_run: bool = False
    crs: str = ""
    encoding: str = ""
    field_map: str = ""

    def as_dict(self):
        return asdict(self)


def import_buildings(
    path,
    *,
    source,
    field_map=None,
    storey_height=DEFAULT_STOREY_HEIGHT_M,
    srid=None,
    encoding=None,
    dry_run=False,
    progress=None,
):
    """Import the buildings of ``path`` under ``source``; raises a ``TwinFileError`` and writes nothing on bad input."""
    progress = progress or Progress()
    if not source or len(source) > 50:
        raise UnknownFormat("Give a source name of 1–50 characters (e.g. gis-building-2024).")
    opened = building_chunks(Path(path), srid=srid, encoding=encoding, field_map=field_map)
    outcome = BuildingImport(source=source, file_format=opened.file_format, dry_run=dry_run, **opened.described)
    dem_paths = [terrain.file.path for terrain in Terrain.objects.all()]
    problems, seen = Problems(), set()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(STAGING)
        progress.stage("read", opened.count)
        for chunk in opened.chunks():
            checked = check_chunk(chunk, problems, seen, storey_height=storey_height, dem_paths=dem_paths)
            if not problems:
                _copy(cursor, checked)
            outcome.read += len(checked)
            outcome.estimated += int(checked.estimated.sum())
            outcome.with_ground += int((~np.isnan(checked.ground)).sum())
            progress.advance(len(checked))
        if problems:
            raise BadBuildings(problems.listed, problems.total)
        if not outcome.read:
            raise UnknownFormat(f"{Path(path).name} holds no buildings.")
        progress.stage("write", outcome.read)
        cursor.execute(WOULD_CHANGE if dry_run else UPSERT, {"source": source})
        outcome.created, outcome.updated = cursor.fetchone()
        progress.advance(outcome.read)
        if dry_run:
            transaction.set_rollback(True)
    return outcome


def _copy(cursor, checked):
    with cursor.copy(f"COPY twin_import ({COLUMNS}) FROM STDIN") as copy:
        for row in checked.rows():
            copy.write_row(row)
