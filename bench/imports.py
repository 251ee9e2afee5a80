"""Imports side by side: this app (validation, reprojection, districts, history) and ``ogr2ogr -f PostgreSQL``.

Run from the project root::

    .venv/bin/python -m bench.imports                    # 200,000 CSV points and 100,000 Shapefile polygons
    .venv/bin/python -m bench.imports --points 20000 --polygons 10000 --repeat 3

What it does:

1. **Data** (``bench/imports_data.py``): a seeded CSV of points (X좌표/Y좌표 in
   EPSG:5186, CP949, Korean columns) and a seeded Shapefile of polygons
   (EPSG:5186 with a .prj, CP949 attributes without a .cpg), written to a
   temporary folder.
2. **Database**: ``urbanlife_bench_imports`` (its own, so the tile
   benchmark's ``urbanlife_bench`` is left alone), created from
   ``urbanlife_template`` and migrated when missing, with Seoul's 25 districts
   from ``../shared/data/`` when present (so the app places each feature in
   its district, as it does in production).
3. **Measures**, one after the other on the same database, each file:

   - *ogr2ogr*: ``ogr2ogr -f PostgreSQL`` into a new table, reprojected to
     EPSG:4326 (``-s_srs EPSG:5186 -t_srs EPSG:4326``), COPY and a spatial
     index as GDAL does by default; CP949 recoded by GDAL (``ENCODING=CP949``
     for the Shapefile) or by PostgreSQL (``PGCLIENTENCODING=UHC`` for the CSV);
   - *app*: ``imports.importing.run_import`` into an open layer: reading,
     encoding detection, reprojection, every check of ``imports.plan``,
     districts, COPY of the features and their history rows, in one
     transaction.

   Times are wall-clock seconds; peak RSS is the importing process's (this
   process for the app, ogr2ogr's for GDAL; PostgreSQL's backends are not
   counted for either). It prints a Markdown table with the ratio and the
   target (≤ 1.5×) and never asserts a time.
"""

import argparse
import functools
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from bench import harness
from bench.imports_data import write_points_csv, write_polygons_shapefile

DATABASE = "urbanlife_bench_imports"
PG_HOST, PG_PORT, PG_USER, PG_PASSWORD = "127.0.0.1", 5432, "urbanlife", "urbanlife"  # as bench/tiles.py
TARGET = 1.5
OGR_TABLES = ("bench_ogr_points", "bench_ogr_polygons")
PHASES = ("read and check", "districts", "write", "commit")


say = functools.partial(print, flush=True)


def dsn(database):
    """bench/tiles.py's connection string (imported late: that module reads the tile code, which needs Django)."""
    from bench.tiles import dsn as tiles_dsn

    return tiles_dsn(database)


def ensure_database():
    """The benchmark's database, created and migrated with bench/tiles.py's helpers (imported once Django is set up,
    since that module reads the tile code)."""
    from bench.tiles import migrate, recreate_database

    try:
        psycopg.connect(dsn(DATABASE), connect_timeout=5).close()
    except psycopg.OperationalError:
        say(f"creating {DATABASE} from the template and migrating it …")
        recreate_database(DATABASE)
    migrate(DATABASE, redis_db=0)


def setup_django():
    os.environ.update(
        DATABASE_URL=f"postgis://{PG_USER}:{PG_PASSWORD}@{PG_HOST}:{PG_PORT}/{DATABASE}",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        REDIS_URL="",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping.settings")
    import django

    django.setup()


def load_districts():
    from django.conf import settings

    from imports.districts import load_districts as load
    from mapping.models import District

    source = Path(settings.SHARED_DATA_DIR) / "seoul_gu_2022.geojson"
    if District.objects.count() < 25 and source.exists():
        load(source)
    return District.objects.count()


def bench_layer():
    from layers.services.layers import create_layer
    from mapping.models import Map, User

    owner, _ = User.objects.get_or_create(username="bench-importer")
    map_ = Map.objects.create(title="import benchmark", kind="safety", owner=owner)
    return create_layer(map_, {"name": "imported"}), owner


def app_import(path, srid):
    """(seconds, peak RSS, features written) of one import by the app into a new layer, removed afterwards."""
    from imports.importing import run_import

    layer, owner = bench_layer()
    timings = {}
    try:
        with harness.PeakRss() as peak:
            started = time.perf_counter()
            prepared = run_import(path, layer, owner, {"srid": srid}, timings=timings)
            seconds = time.perf_counter() - started
        return seconds, peak.self_peak, prepared.plan.count, timings
    finally:
        empty_bench_tables()


def empty_bench_tables():
    """The benchmark's database holds nothing else: its features and history go at once (untimed)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE layers_featurechange, layers_feature, mapping_map CASCADE")


def ogr2ogr_command(path, table, kind):
    connection = f"PG:host={PG_HOST} port={PG_PORT} dbname={DATABASE} user={PG_USER} password={PG_PASSWORD}"
    command = ["ogr2ogr", "-f", "PostgreSQL", connection, str(path), "-nln", table, "-overwrite"]
    command += ["-s_srs", "EPSG:5186", "-t_srs", "EPSG:4326", "-lco", "GEOMETRY_NAME=geom"]
    if kind == "points":
        command += ["-oo", "X_POSSIBLE_NAMES=X좌표", "-oo", "Y_POSSIBLE_NAMES=Y좌표", "-oo", "KEEP_GEOM_COLUMNS=NO"]
        command += ["-nlt", "POINT"]
    else:
        command += ["-oo", "ENCODING=CP949", "-nlt", "PROMOTE_TO_MULTI"]
    return command


def ogr_import(path, table, kind):
    """(seconds, peak RSS, rows written) of ogr2ogr into ``table``, dropped afterwards."""
    env = {**os.environ, "PGCLIENTENCODING": "UHC" if kind == "points" else "UTF8"}
    started = time.perf_counter()
    process = subprocess.Popen(ogr2ogr_command(path, table, kind), env=env, stderr=subprocess.PIPE)  # noqa: S603
    with harness.PeakRss(roots=[process.pid]) as peak:
        _, errors = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"ogr2ogr failed: {errors.decode(errors='replace')[-2000:]}")
    with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
        rows = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608 - our own table name
        conn.execute(f'DROP TABLE IF EXISTS "{table}"')
    return seconds, peak.server_peak, rows


def best(runs):
    """The fastest of repeated runs (the least disturbed by others on a shared machine)."""
    return min(runs, key=lambda run: run[0])


def measure(args, folder):
    points = write_points_csv(folder / "facilities_5186_cp949.csv", args.points)
    polygons = write_polygons_shapefile(folder / "buildings_5186.shp", args.polygons)
    cases = [
        ("points (CSV)", points, "points", OGR_TABLES[0]),
        ("polygons (Shapefile)", polygons, "polygons", OGR_TABLES[1]),
    ]
    rows, phases = [], []
    for name, path, kind, table in cases:
        ogr = best([ogr_import(path, table, kind) for _ in range(args.repeat)])
        app = best([app_import(path, 5186) for _ in range(args.repeat)])
        ratio = app[0] / ogr[0]
        phases.append([name, *(f"{app[3].get(phase, 0):.2f} s" for phase in PHASES)])
        rows.append(
            [
                name,
                f"{app[2]:,}",
                f"{app[0]:.2f} s",
                harness.megabytes(app[1]),
                f"{ogr[0]:.2f} s",
                harness.megabytes(ogr[1]),
                f"{ratio:.2f}×",
                f"≤ {TARGET}× {'met' if ratio <= TARGET else 'missed'}",
            ]
        )
    return rows, phases


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=200_000)
    parser.add_argument("--polygons", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each import; the fastest is reported")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    setup_django()
    ensure_database()
    districts = load_districts()
    with tempfile.TemporaryDirectory() as folder:
        rows, phases = measure(args, Path(folder))
    header = ["file", "features", "app", "app peak RSS", "ogr2ogr", "ogr2ogr peak RSS", "app / ogr2ogr", "target"]
    say(f"\nImports into {DATABASE} ({districts} districts for the app's spatial join), best of {args.repeat}:\n")
    say(harness.markdown_table(header, rows))
    say("\nWhere the app's time goes (run_import's phases; write = COPY of the features and the history rows built")
    say("from them by PostgreSQL, commit = the deferred foreign-key checks of every row):\n")
    say(harness.markdown_table(["file", *PHASES], phases))
    say(
        "\nThe app validates every geometry and field, places each feature in its district and writes a history "
        "row per feature; ogr2ogr copies rows into a bare table. Machine: "
        f"{os.cpu_count()} cores, shared with other work while it ran; Python {sys.version.split()[0]}."
    )


if __name__ == "__main__":
    main()
