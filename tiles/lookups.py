"""The few facts a tile request needs, read with one small SQL query each.

Tile requests are the hottest path of the service; the ORM's query building
costs more than the query itself here, so these read plain rows. The revision
is always read from the database, never cached, so a tile is never stale.
"""

from dataclasses import dataclass

from django.db import connection

LAYER_SQL = """
SELECT l.id, l.name, l.revision, m.id, m.visibility
FROM layers_layer l JOIN mapping_map m ON m.id = l.map_id
WHERE l.id = %s
"""

SOURCE_SQL = "SELECT revision FROM tiles_sourcerevision WHERE source = %s"


@dataclass(frozen=True)
class TileLayer:
    pk: int
    name: str
    revision: int
    map_id: int
    map_visibility: str


def tile_layer(layer_id):
    with connection.cursor() as cursor:
        cursor.execute(LAYER_SQL, [layer_id])
        row = cursor.fetchone()
    return TileLayer(*row) if row else None


def source_revision(source):
    with connection.cursor() as cursor:
        cursor.execute(SOURCE_SQL, [source])
        row = cursor.fetchone()
    return row[0] if row else 0
