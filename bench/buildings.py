"""Building import and building tiles at the size of Seoul: this app against ogr2ogr, in one run.

Run from the project root::

    .venv/bin/python -m bench.buildings                 # 600,000 buildings, 400 tiles over z13–z16
    .venv/bin/python -m bench.buildings --small         # a quick check: 20,000 buildings, 80 tiles

What it does:

1. **Data.** ``bench/tiles_data.py`` generates the footprints (one per lot of
   a rotated street grid over 10 km × 10 km of central Seoul, denser and
   taller in the centres, none overlapping), deterministic for a seed. They
   are written as the file planners bring: a zipped Shapefile with the
   S-Map columns (UFID, HEIGHT, GRND_FLR, UGRND_FLR, USABILITY, BLD_NM), its
   text in CP949 without a ``.cpg``, in EPSG:5186, one in ten heights left at
   0 so the app estimates them from floors.
2. **Import**, into one database of the benchmark's own
   (``urbanlife_bench_buildings``, recreated from ``urbanlife_template`` and
   migrated), timed from the outside with peak RSS of the process tree
   (``bench/harness.py``):

   - *app*: ``manage.py import_buildings FILE --source bench`` — encoding and
     CRS detection, field map, checks of every footprint and height,
     estimated heights, COPY into a staging table, one upsert (with the
     generated Web Mercator copy, the area and both spatial indexes);
   - *app re-import*: the same file again, which updates every row by
     (source, source_id);
   - *ogr2ogr*: ``ogr2ogr -f PostgreSQL`` of the same zip into a table of its
     own (COPY, one spatial index, no checks), as the floor of plain loading.

3. **Building tiles** z13–z16 from the imported stock through gunicorn (2
   workers, each warmed up with requests that render nothing), Redis
   flushed: a cold pass, then the same tiles warm; p50/p95 per zoom. The
   client is ``harness.CLIENT``.

It prints Markdown tables and never asserts a time.
"""

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np
import psycopg
import shapely
from pyogrio import raw

from bench import harness, tiles_data
from bench.tiles import (  # bench.tiles configures Django
    PG_HOST,
    PG_PASSWORD,
    PG_PORT,
    PG_USER,
    ROOT,
    WORKERS,
    app_env,
    app_server,
    dsn,
    flush_redis,
    migrate,
    recreate_database,
    say,
)

DATABASE = "urbanlife_bench_buildings"
SOURCE = "bench"
ZOOMS = (13, 14, 15, 16)
KOREAN_USE = {"residential": "공동주택", "commercial": "제1종근린생활시설", "office": "업무시설", "mixed": "주상복합",
              "public": "교육연구시설", "industrial": "공장", "other": "창고시설"}  # fmt: skip
ESTIMATED_SHARE = 0.1
OGR_TABLE = "bench_ogr2ogr"
WARM_UP_PATH = "/tiles/buildings/12/3492/1586.mvt"


# --- the file ----------------------------------------------------------------------------------------------------


def smap_columns(rows, index_offset):
    """The S-Map attribute columns of one chunk of ``tiles_data.BuildingRow``s (heights 0 for one in ten)."""
    count = len(rows)
    estimated = (np.arange(index_offset, index_offset + count) % round(1 / ESTIMATED_SHARE)) == 0
    return {
        "UFID": np.array([row.source_id for row in rows], dtype=object),
        "HEIGHT": np.where(estimated, 0.0, [row.height for row in rows]),
        "GRND_FLR": np.array([row.floors_above for row in rows], dtype=np.int64),
        "UGRND_FLR": np.array([row.floors_below for row in rows], dtype=np.int64),
        "USABILITY": np.array([KOREAN_USE[row.use] for row in rows], dtype=object),
        "BLD_NM": np.array([f"건물 {index_offset + i + 1}" for i in range(count)], dtype=object),
    }


def write_smap_zip(folder, count, seed):
    """A zipped CP949 Shapefile of ``count`` generated buildings in EPSG:5186; returns (zip path, layer name)."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    shp = Path(folder) / "AL_D010_11_bench.shp"
    written = 0
    for rows in tiles_data.building_chunks(count, seed, chunk=50_000):
        columns = smap_columns(rows, written)
        geometry = shapely.to_wkb(shapely.from_wkt([row.geometry.split(";", 1)[1] for row in rows]))
        raw.write(
            shp, geometry, list(columns.values()), list(columns), driver="ESRI Shapefile",
            geometry_type="MultiPolygon", crs="EPSG:5186", encoding="CP949", append=written > 0,
        )  # fmt: skip
        written += len(rows)
    shp.with_suffix(".cpg").unlink(missing_ok=True)  # as agencies hand them out
    archive = shp.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zipped:
        for part in sorted(shp.parent.glob(f"{shp.stem}.*")):
            if part.suffix != ".zip":
                zipped.write(part, part.name)
                part.unlink()
    return archive, shp.stem


# --- the imports -------------------------------------------------------------------------------------------------


def timed(name, command, env, log_dir):
    """Run ``command`` to its end: (seconds, peak RSS of its process tree, exit status, log tail)."""
    log = Path(log_dir) / f"{name}.log"
    with open(log, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        with harness.PeakRss([process.pid]) as peak:
            status = process.wait()
        seconds = time.perf_counter() - started
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-5:])
    return seconds, peak.server_peak, status, tail


def app_import_command(archive):
    return [sys.executable, "manage.py", "import_buildings", str(archive), "--source", SOURCE]


def ogr2ogr_command(database, archive, layer):
    connection = f"PG:host={PG_HOST} port={PG_PORT} dbname={database} user={PG_USER} password={PG_PASSWORD}"
    return [
        "ogr2ogr", "-f", "PostgreSQL", connection, f"/vsizip/{archive}/{layer}.shp", "-nln", OGR_TABLE,
        "-overwrite", "-a_srs", "EPSG:5186", "-nlt", "PROMOTE_TO_MULTI",
        "-lco", "GEOMETRY_NAME=footprint", "-lco", "SPATIAL_INDEX=GIST",
        "-oo", "ENCODING=CP949", "--config", "PG_USE_COPY", "YES", "-gt", "65536",
    ]  # fmt: skip


def counted(database, query):
    with psycopg.connect(dsn(database)) as conn:
        return conn.execute(query).fetchone()[0]


# --- the tiles ---------------------------------------------------------------------------------------------------


def building_tiles(count, seed):
    """``count`` distinct tiles over z13–z16 where people browse (``tiles_data.pick_tiles``), per zoom."""
    weights = {13: 0.1, 14: 0.25, 15: 0.35, 16: 0.3}
    tiles = tiles_data.pick_tiles(count, seed, zoom_weights=weights)
    return {zoom: [tile for tile in tiles if tile[0] == zoom] for zoom in ZOOMS}


def tile_passes(args, tiles, log_dir):
    """{(state, zoom): Pass} for a cold then a warm pass over the same tiles."""
    server = app_server(args.database, harness.free_port(), args.redis_db, log_dir)
    passes = {}
    with server:
        server.wait_ready("/tiles/buildings/99/0/0.mvt", ok=(400,))
        # every worker opens its database connection and loads the tile view before the cold pass: "cold" is the
        # tile cache, not the processes (a z12 building tile looks up the source's revision and renders nothing)
        warm_up = [(("warm-up", i), WARM_UP_PATH) for i in range(10 * WORKERS)]
        harness.http_pass("warm-up", server.port, warm_up, WORKERS, [])
        flush_redis(args.redis_db)
        root = [server.process.pid]
        for state in ("cold", "warm"):
            for zoom, zoom_tiles in tiles.items():
                requests = [(tile, f"/tiles/buildings/{tile[0]}/{tile[1]}/{tile[2]}.mvt") for tile in zoom_tiles]
                passes[(state, zoom)] = harness.http_pass(
                    f"{state} z{zoom}", server.port, requests, args.concurrency, root
                )
    flush_redis(args.redis_db)
    return passes


# --- the report --------------------------------------------------------------------------------------------------


def report_imports(args, imports, rows, file_bytes):
    say("")
    say(f"## Building import: {args.buildings:,} buildings (zipped CP949 Shapefile, {file_bytes / 1_048_576:.0f} MB)")
    say("")
    app = imports["app"][0]
    header = ["run", "time (s)", "buildings/s", "peak RSS", "rows", "vs ogr2ogr", "exit"]
    table = []
    for name, (seconds, rss, status, _) in imports.items():
        ratio = f"{seconds / imports['ogr2ogr'][0]:.2f}×" if imports["ogr2ogr"][0] else "–"
        table.append([name, f"{seconds:.1f}", f"{args.buildings / seconds:,.0f}", harness.megabytes(rss),
                      f"{rows.get(name, 0):,}", ratio, status])  # fmt: skip
    say(harness.markdown_table(header, table))
    say("")
    say(f"app / ogr2ogr time ratio: {app / imports['ogr2ogr'][0]:.2f} (first import); peak RSS is the importing "
        "process tree (PostgreSQL's own backends not included). ogr2ogr only loads; the app also detects encoding "
        "and CRS, checks every footprint and height, estimates heights and fills the generated Web Mercator column, "
        "area and two spatial indexes.")  # fmt: skip
    for name, (_, _, status, tail) in imports.items():
        if status:
            say(f"\n{name} failed:\n{tail}")


def report_tiles(passes):
    say("")
    say(f"## Building tiles, z13–z16 ({harness.CLIENT}; gunicorn, 2 workers; Redis flushed before the cold pass)")
    say("")
    header = [
        "zoom",
        "tiles",
        "cold p50 (ms)",
        "cold p95 (ms)",
        "warm p50 (ms)",
        "warm p95 (ms)",
        "largest",
        "statuses",
    ]
    table = []
    for zoom in ZOOMS:
        cold, warm = passes[("cold", zoom)], passes[("warm", zoom)]
        table.append([zoom, cold.count, f"{cold.percentile(50):.1f}", f"{cold.percentile(95):.1f}",
                      f"{warm.percentile(50):.1f}", f"{warm.percentile(95):.1f}", harness.kilobytes(cold.largest),
                      cold.statuses])  # fmt: skip
    say(harness.markdown_table(header, table))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.buildings", description=__doc__.split("\n\n")[0])
    parser.add_argument("--buildings", type=int, default=600_000)
    parser.add_argument("--tiles", type=int, default=400, help="distinct building tiles over z13–z16")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", action="store_true", help="20,000 buildings and 80 tiles")
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--redis-db", type=int, default=13)
    args = parser.parse_args(argv)
    if args.small:
        args.buildings, args.tiles = 20_000, 80
    return args


def main(argv=None):
    args = parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-buildings-") as folder:
        say(f"Writing {args.buildings:,} buildings as a zipped CP949 Shapefile …")
        archive, layer = write_smap_zip(folder, args.buildings, args.seed)
        say(f"Database {args.database}: recreated from the template and migrated …")
        recreate_database(args.database)
        migrate(args.database, args.redis_db)
        env = app_env(args.database, args.redis_db)
        imports, rows = {}, {}
        say("app import …")
        imports["app"] = timed("app", app_import_command(archive), env, folder)
        rows["app"] = counted(args.database, "SELECT count(*) FROM digital_twin_building")
        say("app re-import (updates by source id) …")
        imports["app re-import"] = timed("app-again", app_import_command(archive), env, folder)
        rows["app re-import"] = counted(args.database, "SELECT count(*) FROM digital_twin_building")
        say("ogr2ogr …")
        imports["ogr2ogr"] = timed("ogr2ogr", ogr2ogr_command(args.database, archive, layer), env, folder)
        rows["ogr2ogr"] = counted(args.database, f"SELECT count(*) FROM {OGR_TABLE}")  # noqa: S608 - a constant
        report_imports(args, imports, rows, archive.stat().st_size)
        say("\nbuilding tiles, cold then warm …")
        try:
            report_tiles(tile_passes(args, building_tiles(args.tiles, args.seed), folder))
        except RuntimeError as exc:  # the server did not start: the import numbers above still stand
            say(f"The building tiles could not be measured: {exc}")
    say(f"\n(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
