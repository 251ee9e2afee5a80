"""Vector tiles side by side: the raw PostGIS query, tipg and this app (cold and warm cache), in one run.

Run from the project root::

    .venv/bin/python -m bench.tiles                      # 100,000 reports, 200,000 buildings, 1,000 tiles
    .venv/bin/python -m bench.tiles --small              # a quick check on a small database
    .venv/bin/python -m bench.tiles --features 100000 --buildings 200000 --tiles 1000 --seed 1

What it does:

1. **Data.** A database of its own (``urbanlife_bench``; ``urbanlife_bench_small``
   for ``--small``), created from ``urbanlife_template`` and migrated with the
   project's migrations, holding one public safety map with one open layer of
   reports and the building stock (``bench/tiles_data.py`` says how they are
   generated). Rows go in with ``COPY``; the database is reused when it already
   holds the same counts, seed, generator and migrations (``--rebuild`` forces).
2. **Tiles.** A seeded list of distinct tiles over z10–z16 weighted like real
   browsing. Layer tiles use all of them; building tiles the ones at zoom ≥ 13
   (``tiles.tilemath.BUILDINGS_MIN_ZOOM``): the app's style never asks for
   buildings below it, where the app answers 204 without a query, so counting
   them would flatter the app.
3. **Measures**, per source and overall, with the same client and concurrency
   for every server (``bench/harness.py``):

   - *raw*: the app's own ``tiles/sql/*.sql`` through psycopg (client-side
     binding, as Django does), with exactly the parameters the view passes
     (``tiles.params`` / ``tiles.tilemath`` for the zoom-dependent ones). A
     first, untimed raw pass warms PostgreSQL's buffers for everyone; the
     second one, on the same connections, is the floor;
   - *tipg* (uvicorn, 2 workers) on the same two tables, ``WebMercatorQuad``,
     asking for the same attributes and the same clipping buffer;
   - *app*: gunicorn with 2 sync workers, Redis cache flushed, then the same
     list again (warm). ``SECURE_SSL_REDIRECT=false``: plain HTTP on loopback.

   The app's tiles are checked against the raw query's: byte for byte, and
   decoded (features compared whatever their order) where the bytes differ.
   It prints Markdown tables and never asserts a time: the targets are
   printed beside the ratios.

PostgreSQL's JIT: the app turns it off on its own connections (the tile
queries' high cost estimates make JIT compile for hundreds of milliseconds on
low-zoom tiles). By default (``--jit off``) the benchmark database gets
``jit = off`` too, so the floor and tipg run under the same conditions as the
app; ``--jit server`` leaves the server's setting to the floor and tipg.
"""

import argparse
import hashlib
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import django
import psycopg
from psycopg import sql

# The raw pass builds its parameters with tiles.params, which reads settings and the privacy rules' models:
# Django is configured first. This process never queries through Django.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping.settings")
django.setup()

from bench import harness, tiles_data  # noqa: E402 - after django.setup(), see above
from layers.categories import SAFETY_CATEGORIES  # noqa: E402
from tiles.tilemath import (  # noqa: E402
    BUFFER,
    BUILDINGS_MIN_ZOOM,
    Tile,
    min_building_footprint,
    min_polygon_area,
    point_grid,
)

try:  # noqa: E402 - the view's own parameter builder (tiles/params.py), when the tiles app has one
    from tiles.params import layer_tile_params
except ImportError:  # pragma: no cover - older trees build the parameters in the view
    layer_tile_params = None

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PG_HOST, PG_PORT, PG_USER, PG_PASSWORD = "127.0.0.1", 5432, "urbanlife", "urbanlife"
TEMPLATE = "urbanlife_template"
GENERATOR_VERSION = 1
LAYER_NAME = "안전 제보"
RESIDENTS = 2_000
WORKERS = 2
TIPG_FEATURE_PROPERTIES = "id,category_id,title,status,created"  # what the app's layer tile carries, from the table
TIPG_BUILDING_PROPERTIES = "id,height,floors_above,use"
SOURCE_QUERIES = ("layer_features", "buildings")  # tiles/sql/*.sql, read as the app reads them
TARGETS = {"vs_tipg": 1.0, "vs_raw": 1.25, "warm": 10.0, "largest": 500 * 1024}

SQL = {name: (ROOT / "tiles" / "sql" / f"{name}.sql").read_text(encoding="utf-8") for name in SOURCE_QUERIES}


def dsn(database):
    return f"postgresql://{PG_USER}:{PG_PASSWORD}@{PG_HOST}:{PG_PORT}/{database}"


def say(message):
    print(message, flush=True)


# --- the database ------------------------------------------------------------------------------------------------


def migrations_fingerprint():
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def wanted_meta(args):
    return {
        "generator": GENERATOR_VERSION,
        "features": args.features,
        "buildings": args.buildings,
        "seed": args.seed,
        "migrations": migrations_fingerprint(),
    }


def stored_meta(database):
    """The parameters the database was filled with, or None when it is missing or incomplete."""
    try:
        with psycopg.connect(dsn(database), connect_timeout=5) as conn:
            row = conn.execute("SELECT value FROM bench_meta WHERE key = 'params'").fetchone()
    except psycopg.Error:
        return None
    return json.loads(row[0]) if row else None


def recreate_database(database):
    if not database.startswith("urbanlife_bench"):
        raise SystemExit(f"refusing to drop {database!r}: the benchmark only drops databases named urbanlife_bench*")
    with psycopg.connect(dsn("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        for attempt in range(20):
            try:
                conn.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(database), sql.Identifier(TEMPLATE))
                )
                return
            except psycopg.errors.ObjectInUse:  # someone is connected to the template; it is brief
                if attempt == 19:
                    raise
                time.sleep(3)


def app_env(database, redis_db):
    """The environment of every Django process of the benchmark (migrate and gunicorn)."""
    env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE", "PYTHONPATH"}}
    env.update(
        DATABASE_URL=f"postgis://{PG_USER}:{PG_PASSWORD}@{PG_HOST}:{PG_PORT}/{database}",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        REDIS_URL=f"redis://127.0.0.1:6379/{redis_db}",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback; production sits behind TLS
        LOG_LEVEL="WARNING",
    )
    return env


def migrate(database, redis_db):
    command = [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"]
    done = subprocess.run(command, cwd=ROOT, env=app_env(database, redis_db), capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        raise SystemExit(f"manage.py migrate failed on {database}:\n{done.stdout}\n{done.stderr}")


FILL_BY_TYPE = {
    "character varying": "",
    "text": "",
    "smallint": 0,
    "integer": 0,
    "bigint": 0,
    "double precision": 0.0,
    "real": 0.0,
    "numeric": 0,
    "boolean": False,
    "jsonb": "{}",
    "json": "{}",
    "ARRAY": "{}",
}


def fillers(conn, table, given):
    """Values for the NOT NULL columns without a database default that ``given`` leaves out.

    Django keeps most defaults in Python, so a raw ``COPY`` must name them;
    a column added later by someone else gets its type's zero instead of
    breaking the benchmark.
    """
    rows = conn.execute(
        "SELECT column_name, data_type, is_nullable, column_default, is_identity "
        "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s",
        (table,),
    ).fetchall()
    if not rows:
        raise SystemExit(f"table {table} does not exist after migrate")
    now = datetime.now(UTC)
    values = {}
    for name, data_type, nullable, default, identity in rows:
        if name in given or nullable == "YES" or default is not None or identity == "YES":
            continue
        if data_type.startswith("timestamp") or data_type == "date":
            values[name] = now
        elif data_type in FILL_BY_TYPE:
            values[name] = FILL_BY_TYPE[data_type]
        else:
            raise SystemExit(f"{table}.{name} ({data_type}) is NOT NULL without a default; teach bench/tiles.py")
    return values


def insert_row(conn, table, values):
    values = {**values, **fillers(conn, table, values)}
    query = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING id").format(
        sql.Identifier(table),
        sql.SQL(", ").join(map(sql.Identifier, values)),
        sql.SQL(", ").join(sql.Placeholder() * len(values)),
    )
    return conn.execute(query, list(values.values())).fetchone()[0]


def copy_rows(conn, table, columns, rows):
    """COPY an iterable of value tuples (in ``columns`` order) into ``table``; returns the row count."""
    extra = fillers(conn, table, columns)
    names = [*columns, *extra]
    tail = tuple(extra.values())
    query = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    count = 0
    with conn.cursor() as cursor, cursor.copy(query) as copy:
        for row in rows:
            copy.write_row((*row, *tail))
            count += 1
    return count


def fill(database, args):
    """Generate the map, its layer and categories, the reports and the buildings; returns the layer id."""
    now = datetime.now(UTC)
    with psycopg.connect(dsn(database)) as conn:
        owner = insert_row(
            conn, "mapping_user", {"username": "bench-owner", "password": "!", "is_active": True, "date_joined": now}
        )
        copy_rows(
            conn,
            "mapping_user",
            ("username", "password", "is_active", "date_joined"),
            ((f"bench-resident-{i:05d}", "!", True, now) for i in range(RESIDENTS)),
        )
        residents = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM mapping_user WHERE username LIKE 'bench-resident-%' ORDER BY username"
            )
        ]
        map_id = insert_row(
            conn,
            "mapping_map",
            {
                "title": "벤치마크 안전지도",
                "slug": "bench-safety",
                "kind": "safety",
                "visibility": "public",
                "contribution": "anyone",
                "owner_id": owner,
                "version": 1,
                "created": now,
                "updated": now,
            },
        )
        layer_id = insert_row(
            conn,
            "layers_layer",
            {
                "map_id": map_id,
                "name": LAYER_NAME,
                "description": "우리 동네 위험 요소 제보 (벤치마크 데이터)",
                "geometry_kinds": ["Point", "LineString", "Polygon"],
                "moderation": "open",
                "fields": "[]",
                "order": 0,
                "version": 1,
                "revision": 0,
                "created": now,
                "updated": now,
            },
        )
        category_ids = {}
        for order, category in enumerate(SAFETY_CATEGORIES):
            category_ids[category["key"]] = insert_row(
                conn, "layers_category", {"layer_id": layer_id, "order": order, **category}
            )
        started = time.perf_counter()

        def feature_rows():
            for chunk in tiles_data.feature_chunks(args.features, args.seed, authors=RESIDENTS):
                for f in chunk:
                    yield (
                        layer_id,
                        f.geometry,
                        category_ids[f.category],
                        f.title,
                        f.summary,
                        "{}",
                        residents[f.author],
                        f.status,
                        1,
                        f.created,
                        f.created,
                    )

        columns = (
            "layer_id",
            "geometry",
            "category_id",
            "title",
            "summary",
            "properties",
            "author_id",
            "status",
            "version",
            "created",
            "updated",
        )
        n = copy_rows(conn, "layers_feature", columns, feature_rows())
        say(f"  {n:,} reports in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()

        constant, stamps = ("", "bench"), (False, now, now)  # name, source; height_estimated, created, updated

        def building_rows():
            for chunk in tiles_data.building_chunks(args.buildings, args.seed):
                for b in chunk:
                    yield (b.geometry, b.height, b.floors_above, b.floors_below, b.use, *constant, b.source_id, *stamps)

        columns = (
            "footprint",
            "height",
            "floors_above",
            "floors_below",
            "use",
            "name",
            "source",
            "source_id",
            "height_estimated",
            "created",
            "updated",
        )
        n = copy_rows(conn, "digital_twin_building", columns, building_rows())
        say(f"  {n:,} buildings in {time.perf_counter() - started:.1f} s")
        conn.commit()
    with psycopg.connect(dsn(database), autocommit=True) as conn:
        started = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        say(f"  VACUUM ANALYZE in {time.perf_counter() - started:.1f} s")
    return layer_id


def prepare_database(args):
    """Reuse the benchmark database when it holds the same data, otherwise build it; returns the layer id."""
    wanted = wanted_meta(args)
    if not args.rebuild and stored_meta(args.database) == wanted:
        with psycopg.connect(dsn(args.database)) as conn:
            layer_id = int(conn.execute("SELECT value FROM bench_meta WHERE key = 'layer'").fetchone()[0])
        say(f"Reusing {args.database}: {args.features:,} reports, {args.buildings:,} buildings, seed {args.seed}.")
        return layer_id
    say(f"Building database {args.database} from {TEMPLATE} …")
    started = time.perf_counter()
    recreate_database(args.database)
    migrate(args.database, args.redis_db)
    say(f"  created and migrated in {time.perf_counter() - started:.1f} s")
    layer_id = fill(args.database, args)
    with psycopg.connect(dsn(args.database)) as conn:
        conn.execute("CREATE TABLE bench_meta (key text PRIMARY KEY, value text NOT NULL)")
        conn.execute("INSERT INTO bench_meta VALUES ('params', %s), ('layer', %s)", (json.dumps(wanted), str(layer_id)))
    say(f"  ready in {time.perf_counter() - started:.1f} s")
    return layer_id


def set_jit(database, jit):
    """``server``: the server's own setting; ``on``/``off``: set for this database, so every server gets it alike."""
    statement = "ALTER DATABASE {} RESET jit" if jit == "server" else f"ALTER DATABASE {{}} SET jit = {jit}"
    with psycopg.connect(dsn(database), autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(database)))
    with psycopg.connect(dsn(database)) as conn:  # a new session sees the new default
        version = conn.execute("SHOW server_version").fetchone()[0].split()[0]
        postgis = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'postgis'").fetchone()[0]
        return f"PostgreSQL {version}, PostGIS {postgis}, jit {conn.execute('SHOW jit').fetchone()[0]} ({jit})"


# --- what each server is asked -----------------------------------------------------------------------------------


class _Anonymous:
    """What ``tiles.visibility.PUBLIC`` and ``tiles.filters.NO_FILTERS`` bind (those modules need Django)."""

    @staticmethod
    def visibility():
        return {"see_all": False, "user_id": None, "review_districts": []}

    @staticmethod
    def filters():
        return {"categories": [], "statuses": [], "since": None, "until": None}


def layer_params(layer_id, z, x, y):
    """The parameters ``tiles.views.layer_tile`` passes for an anonymous request without filters.

    Built by the app's own ``tiles.params.layer_tile_params`` when it exists,
    so a change in generalisation reaches the raw pass too.
    """
    if layer_tile_params is not None:
        visibility = SimpleNamespace(sql_params=_Anonymous.visibility)
        filters = SimpleNamespace(sql_params=_Anonymous.filters)
        layer = SimpleNamespace(pk=layer_id, name=LAYER_NAME)
        return layer_tile_params(Tile(z, x, y), layer, visibility, filters)
    return {
        "z": z,
        "x": x,
        "y": y,
        "layer_id": layer_id,
        "layer_name": LAYER_NAME,
        "buffer": BUFFER,
        "point_grid": point_grid(z),
        "min_area": min_polygon_area(z),
        **_Anonymous.visibility(),
        **_Anonymous.filters(),
    }


def building_params(z, x, y):
    """The parameters ``tiles.views.building_tile`` passes (it runs no query below BUILDINGS_MIN_ZOOM)."""
    return {"z": z, "x": x, "y": y, "buffer": BUFFER, "min_footprint": min_building_footprint(z)}


TIPG_GEOMETRY_COLUMNS = {"layers_feature": "geom_3857", "digital_twin_building": "footprint_3857"}


def tipg_path(table, tile, properties=""):
    """tipg reads the same stored Web Mercator column the app reads, so neither transforms per row."""
    z, x, y = tile
    query = f"geom-column={TIPG_GEOMETRY_COLUMNS[table]}" + (f"&properties={properties}" if properties else "")
    return f"/collections/public.{table}/tiles/WebMercatorQuad/{z}/{x}/{y}?{query}"


def app_path(tile, layer_id=None):
    z, x, y = tile
    return f"/tiles/layers/{layer_id}/{z}/{x}/{y}.mvt" if layer_id else f"/tiles/buildings/{z}/{x}/{y}.mvt"


def requests_for(tiles, layer_id):
    """Per source: the tile keys, the raw query of each and the tipg and app paths."""
    building_tiles = [tile for tile in tiles if tile[0] >= BUILDINGS_MIN_ZOOM]
    return {
        "layer": {
            "raw": [(("layer", *t), "layer_features", layer_params(layer_id, *t)) for t in tiles],
            "tipg": [(("layer", *t), tipg_path("layers_feature", t, TIPG_FEATURE_PROPERTIES)) for t in tiles],
            "app": [(("layer", *t), app_path(t, layer_id)) for t in tiles],
        },
        "building": {
            "raw": [(("building", *t), "buildings", building_params(*t)) for t in building_tiles],
            "tipg": [
                (("building", *t), tipg_path("digital_twin_building", t, TIPG_BUILDING_PROPERTIES))
                for t in building_tiles
            ],
            "app": [(("building", *t), app_path(t)) for t in building_tiles],
        },
    }


def warmup_paths(layer_id, server):
    """Some z17 tiles near City Hall (the measured ones are z10–16), so that every worker has connected and imported."""
    fx, fy = tiles_data.tile_of(*tiles_data.to_lonlat(*tiles_data.CENTRE), 17)
    tiles = [(17, int(fx) + dx, int(fy) + dy) for dx in range(-2, 2) for dy in range(-2, 2)]
    if server == "app":
        paths = [app_path(t, layer_id) for t in tiles] + [app_path(t) for t in tiles]
    else:
        paths = [tipg_path("layers_feature", t) for t in tiles] + [tipg_path("digital_twin_building", t) for t in tiles]
    return list(enumerate(paths))


# --- passes ------------------------------------------------------------------------------------------------------


def raw_passes(database, requests, threads):
    """The raw query of every tile, twice: a warm-up pass, then the measured one, on the same connections.

    Each thread has its own connection (client-side binding, as Django's
    psycopg backend does); latency is execute + fetch of the MVT bytes.
    """
    connections = [
        psycopg.connect(dsn(database), autocommit=True, cursor_factory=psycopg.ClientCursor) for _ in range(threads)
    ]
    backends = [conn.info.backend_pid for conn in connections]

    def one_pass(name, items):
        local, lock, free = threading.local(), threading.Lock(), list(connections)

        def work(request):
            key, query, params = request
            if not hasattr(local, "conn"):
                with lock:
                    local.conn = free.pop()
            started = time.perf_counter()
            row = local.conn.execute(SQL[query], params).fetchone()
            seconds = time.perf_counter() - started
            body = bytes(row[0]) if row and row[0] else b""
            return key, 200 if body else 204, len(body), body, seconds

        result = harness.Pass(name)
        with harness.PeakRss(extra_pids=backends) as peak:
            harness.run_parallel(items, threads, work, result)
        result.server_rss, result.bench_rss = peak.server_peak, peak.self_peak
        return result

    try:
        for source in requests:
            one_pass("raw warm-up", requests[source]["raw"])
        return {source: one_pass(f"raw {source}", requests[source]["raw"]) for source in requests}
    finally:
        for conn in connections:
            conn.close()


def tipg_server(database, port, log_dir):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TIPG_", "DATABASE_URL"))}
    env.update(
        DATABASE_URL=dsn(database),
        TIPG_DB_SCHEMAS='["public"]',
        TIPG_DB_TABLES='["public.layers_feature", "public.digital_twin_building"]',
        TIPG_DB_EXCLUDE_FUNCTION_SCHEMAS='["public"]',
        TIPG_TILE_BUFFER=str(BUFFER),  # the app clips with the same buffer
        TIPG_CATALOG_TTL="0",  # no catalog refresh in the middle of a pass
        TIPG_DEBUG="false",
    )
    command = [
        str(VENV_BIN / "uvicorn"),
        "tipg.main:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(WORKERS),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    return harness.Server("tipg", command, env=env, cwd=log_dir, port=port, log_dir=log_dir)  # cwd: no stray .env


APP_SERVERS = {
    "gunicorn": lambda port: [
        str(VENV_BIN / "gunicorn"), "mapping.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--timeout", "120"
    ],
    "granian": lambda port: [
        str(VENV_BIN / "granian"), "--interface", "wsgi", "mapping.wsgi:application", "--workers", str(WORKERS),
        "--blocking-threads", "1", "--host", "127.0.0.1", "--port", str(port), "--no-ws",
    ],
}  # fmt: skip


def app_server(database, port, redis_db, log_dir, kind="gunicorn"):
    command = APP_SERVERS[kind](port)
    return harness.Server("app", command, env=app_env(database, redis_db), cwd=ROOT, port=port, log_dir=log_dir)


def flush_redis(redis_db):
    import redis  # the app's own dependency

    redis.Redis.from_url(f"redis://127.0.0.1:6379/{redis_db}").flushdb()


def measure_tipg(args, requests, layer_id, log_dir):
    """Both sources through tipg; returns ({source: Pass}, None) or ({}, reason) when tipg cannot serve them."""
    server = tipg_server(args.database, harness.free_port(), log_dir)
    try:
        server.start()
        status, body = server.wait_ready("/collections?limit=100", ok=(200,))
        ids = {collection["id"] for collection in json.loads(body).get("collections", [])}
        missing = {"public.layers_feature", "public.digital_twin_building"} - ids
        if missing:
            return {}, f"tipg started but does not list {sorted(missing)} (it lists {sorted(ids)})"
        warm = harness.http_pass("tipg warm-up", server.port, warmup_paths(layer_id, "tipg"), args.concurrency, [])
        if set(warm.statuses) - {200, 204}:
            return {}, f"tipg warm-up answered {warm.statuses} {warm.note}\n{server.tail()}"
        root = [server.process.pid]
        return {
            source: harness.http_pass(f"tipg {source}", server.port, requests[source]["tipg"], args.concurrency, root)
            for source in requests
        }, None
    except RuntimeError as exc:
        return {}, str(exc)
    finally:
        server.stop()


FLOOR_PATH = "/tiles/buildings/99/0/0.mvt"  # answered 400 by the tile view: no query, no cache
FLOOR_REQUESTS = 1000


def measure_app(args, requests, layer_id, log_dir, raw):
    server = app_server(args.database, harness.free_port(), args.redis_db, log_dir, args.server)
    with server:
        server.wait_ready("/tiles/buildings/99/0/0.mvt", ok=(400,))  # a 400 renders nothing and caches nothing
        harness.http_pass("app warm-up", server.port, warmup_paths(layer_id, "app"), args.concurrency, [])
        flush_redis(args.redis_db)
        root = [server.process.pid]
        passes = {}
        for state in ("cold", "warm"):
            for source in requests:
                passes[(state, source)] = harness.http_pass(
                    f"app {state} {source}", server.port, requests[source]["app"], args.concurrency, root
                )
        floor_requests = [(("floor", i), FLOOR_PATH) for i in range(FLOOR_REQUESTS)]
        passes[("floor", "http")] = harness.http_pass("app floor", server.port, floor_requests, args.concurrency, root)
        comparisons = {
            source: compare_with_raw(
                args.database, server.port, requests[source], passes[("cold", source)], raw[source]
            )
            for source in requests
        }
    flush_redis(args.redis_db)  # leave no benchmark tiles behind
    return passes, comparisons


def features_of(tile):
    """A tile's features as a sorted list (layer, id, properties, geometry): equal whatever their order in the tile."""
    import mapbox_vector_tile  # a dev dependency of the project; only needed when bytes differ

    decoded = mapbox_vector_tile.decode(tile) if tile else {}
    return sorted(
        (name, feature.get("id"), sorted(feature["properties"].items()), json.dumps(feature["geometry"]))
        for name, layer in decoded.items()
        for feature in layer["features"]
    )


def compare_with_raw(database, port, source_requests, cold, raw):
    """How many app tiles are byte-identical to the raw query's; the others are decoded and compared.

    Run after the timed passes, so that decoding costs nothing measured.
    Without an ORDER BY, PostgreSQL may feed ``ST_AsMVT`` the same rows in
    another order (the bytes differ, the features do not).
    """
    differing = [key for key, digest in raw.digests.items() if cold.digests.get(key) != digest]
    outcome = {"identical": len(raw.digests) - len(differing), "same_features": 0, "different": [], "undecoded": 0}
    if not differing:
        return outcome
    paths, queries = dict(source_requests["app"]), {key: (name, params) for key, name, params in source_requests["raw"]}
    with psycopg.connect(dsn(database), autocommit=True, cursor_factory=psycopg.ClientCursor) as conn:
        for key in differing:
            _, _, decoded, _ = harness.http_get(port, paths[key])
            app_tile = decoded()
            name, params = queries[key]
            row = conn.execute(SQL[name], params).fetchone()
            raw_tile = bytes(row[0]) if row and row[0] else b""
            try:
                same = features_of(app_tile) == features_of(raw_tile)
            except ImportError:
                outcome["undecoded"] += 1
                continue
            if same:
                outcome["same_features"] += 1
            else:
                outcome["different"].append("/".join(map(str, key[1:])))
    return outcome


# --- the report --------------------------------------------------------------------------------------------------

SOURCES = {"layer": "layer tiles", "building": "building tiles", "overall": "overall"}


def statuses(result):
    return " ".join(f"{status}×{n}" for status, n in sorted(result.statuses.items(), key=lambda item: str(item[0])))


def ratio(numerator, denominator):
    return numerator / denominator if numerator and denominator else float("nan")


def verdict(value, target, higher_is_better=True):
    if value != value:  # NaN
        return "n/a"
    met = value >= target if higher_is_better else value <= target
    return "met" if met else "NOT met"


def identical(outcomes):
    """'1000/1000 bytes' or '857/934 bytes + 77 same features in another order' (or the tiles that differ)."""
    total = sum(o["identical"] + o["same_features"] + len(o["different"]) + o["undecoded"] for o in outcomes)
    text = f"{sum(o['identical'] for o in outcomes)}/{total} bytes"
    if same := sum(o["same_features"] for o in outcomes):
        text += f" + {same} same features in another order"
    if undecoded := sum(o["undecoded"] for o in outcomes):
        text += f" + {undecoded} differ (mapbox-vector-tile missing, not decoded)"
    if different := [tile for o in outcomes for tile in o["different"]]:
        text += f"; {len(different)} DIFFERENT, e.g. {', '.join(different[:3])}"
    return text


def report(results, comparisons, tipg_problem, args, tiles, requests, setup_seconds):
    say("")
    say(f"## Vector tiles: raw query vs tipg vs app — {args.features:,} reports, {args.buildings:,} buildings")
    say("")
    say(f"- command: `{' '.join([Path(sys.executable).name, '-m', 'bench.tiles', *sys.argv[1:]])}`")
    say(f"- database `{args.database}` at {PG_HOST}:{PG_PORT} ({args.postgres}), seed {args.seed}")
    say(f"- setup (database reused or built) {setup_seconds:.0f} s")
    touching = sum(
        x0 <= x <= x1 and y0 <= y <= y1 for z, x, y in tiles for x0, x1, y0, y1 in [tiles_data.area_tiles(z)]
    )
    say(
        f"- tiles: {len(tiles)} distinct ({touching} touch the 10 km area, the others are viewport edges and "
        f"neighbouring districts), per zoom {tiles_data.zoom_histogram(tiles)}; layer tiles: all of them; "
        f"building tiles: the {len(requests['building']['app'])} at z ≥ {BUILDINGS_MIN_ZOOM} (the source's minzoom)"
    )
    say(
        f"- client: {harness.CLIENT}; {args.concurrency} threads for every server (raw: {args.concurrency} "
        f"psycopg connections, client-side binding like Django)"
    )
    say(
        f"- servers: tipg {tipg_version()} under uvicorn --workers {WORKERS} (asyncpg; buffer {BUFFER}, "
        f"at most 10,000 features a tile, no thinning); app under {args.server} with {WORKERS} workers (WSGI), "
        f"Redis db {args.redis_db} flushed before the cold pass"
    )
    say(
        f"- peak RSS: {harness.RSS_METHOD}; server = the server's process tree (raw: its {args.concurrency} "
        "PostgreSQL backends); bench = this process"
    )
    say("- time per tile = wall time ÷ tiles at that concurrency; latency p50/p95 per request, connect to last byte")
    say("")
    header = ["source", "server", "tiles", "tiles/s", "p50 ms", "p95 ms", "bytes (wire)", "largest tile",
              "statuses", "server peak RSS", "bench peak RSS"]  # fmt: skip
    rows = []
    for source, title in SOURCES.items():
        for server in ("raw", "tipg", "app cold", "app warm"):
            result = results.get((server, source))
            if result is None:
                rows.append([title, server, "–", "–", "–", "–", "–", "–", tipg_problem and "not run", "–", "–"])
                continue
            rows.append([
                title, server, result.count, f"{result.rate:,.1f}", f"{result.percentile(50):.1f}",
                f"{result.percentile(95):.1f}", f"{result.wire_bytes:,}", harness.kilobytes(result.largest),
                statuses(result) + (f" ({result.note})" if result.note else ""),
                harness.megabytes(result.server_rss), harness.megabytes(result.bench_rss),
            ])  # fmt: skip
    say(harness.markdown_table(header, rows))
    say("")
    header = [
        "source",
        f"app cold ÷ tipg tiles/s (≥ {TARGETS['vs_tipg']})",
        f"app cold ÷ raw time per tile (≤ {TARGETS['vs_raw']})",
        f"app warm ÷ app cold tiles/s (≥ {TARGETS['warm']:.0f})",
        "largest app tile (< 500 KB)",
        "app tiles = raw query tiles",
    ]
    rows = []
    for source, title in SOURCES.items():
        raw, tipg = results.get(("raw", source)), results.get(("tipg", source))
        cold, warm = results[("app cold", source)], results[("app warm", source)]
        vs_tipg = ratio(cold.rate, tipg.rate) if tipg else float("nan")
        vs_raw = ratio(raw.rate, cold.rate)
        warm_ratio = ratio(warm.rate, cold.rate)
        where = "/".join(map(str, cold.largest_key[1:])) if cold.largest_key else ""
        outcomes = [comparisons[name] for name in comparisons if source in (name, "overall")]
        rows.append([
            title,
            f"{vs_tipg:.2f} — {verdict(vs_tipg, TARGETS['vs_tipg'])}",
            f"{vs_raw:.2f} — {verdict(vs_raw, TARGETS['vs_raw'], higher_is_better=False)}",
            f"{warm_ratio:.1f} — {verdict(warm_ratio, TARGETS['warm'])}",
            f"{harness.kilobytes(cold.largest)} at {where} — "
            f"{verdict(cold.largest, TARGETS['largest'], higher_is_better=False)}",
            identical(outcomes),
        ])  # fmt: skip
    say(harness.markdown_table(header, rows))
    if tipg_problem:
        say("")
        say(f"tipg could not be measured: {tipg_problem}")


def tipg_version():
    try:
        from importlib.metadata import version

        return version("tipg")
    except Exception:  # noqa: BLE001
        return "?"


# --- main --------------------------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.tiles", description=__doc__.split("\n\n")[0])
    parser.add_argument("--features", type=int, default=100_000, help="reports in the layer (default 100,000)")
    parser.add_argument("--buildings", type=int, default=200_000, help="building footprints (default 200,000)")
    parser.add_argument("--tiles", type=int, default=1_000, help="distinct tiles over z10–z16 (default 1,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", action="store_true", help="5,000 reports, 10,000 buildings, 150 tiles, own database")
    parser.add_argument("--database", help="default urbanlife_bench (urbanlife_bench_small with --small)")
    parser.add_argument("--concurrency", type=int, default=2, help="client threads, the same for every server")
    parser.add_argument("--redis-db", type=int, default=13, help="Redis database the app's cache uses (flushed)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database even if it matches")
    parser.add_argument("--server", choices=sorted(APP_SERVERS), default="gunicorn", help="WSGI server of the app")
    parser.add_argument(
        "--jit",
        choices=("server", "on", "off"),
        default="off",
        help="PostgreSQL JIT for the benchmark database (default off, as the app's own connections have it)",
    )
    args = parser.parse_args(argv)
    if args.small:
        args.features, args.buildings, args.tiles = 5_000, 10_000, 150
    args.database = args.database or ("urbanlife_bench_small" if args.small else "urbanlife_bench")
    return args


def main(argv=None):
    args = parse_args(argv)
    started = time.perf_counter()
    layer_id = prepare_database(args)
    args.postgres = set_jit(args.database, args.jit)
    setup_seconds = time.perf_counter() - started
    tiles = tiles_data.pick_tiles(args.tiles, args.seed)
    requests = requests_for(tiles, layer_id)
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-tiles-") as log_dir:
        say("Raw queries: a warm-up pass, then the measured pass …")
        for source, result in raw_passes(args.database, requests, args.concurrency).items():
            results[("raw", source)] = result
        say("tipg …")
        passes, tipg_problem = measure_tipg(args, requests, layer_id, log_dir)
        for source, result in passes.items():
            results[("tipg", source)] = result
        say(f"app ({args.server}), cold then warm …")
        raw = {source: results[("raw", source)] for source in requests}
        passes, comparisons = measure_app(args, requests, layer_id, log_dir, raw)
        floor = passes.pop(("floor", "http"))
        for (state, source), result in passes.items():
            results[(f"app {state}", source)] = result
    for server in ("raw", "tipg", "app cold", "app warm"):
        parts = [results[(server, source)] for source in requests if (server, source) in results]
        if parts:
            results[(server, "overall")] = harness.Pass.combined(f"{server} overall", parts)
    report(results, comparisons, tipg_problem, args, tiles, requests, setup_seconds)
    warm = results[("app warm", "overall")]
    say(
        f"\nHTTP floor of this client and the app's server: {floor.rate:.1f} requests/s "
        f"(p50 {floor.percentile(50):.1f} ms) for {FLOOR_PATH} (a 400 from the tile view: no query, no cache); "
        "app warm reaches "
        f"{warm.rate / floor.rate:.0%} of it."
    )
    changed = [
        name for name in SOURCE_QUERIES if (ROOT / "tiles" / "sql" / f"{name}.sql").read_text("utf-8") != SQL[name]
    ]
    if changed:
        say(f"\nWARNING: tiles/sql/{', '.join(changed)}.sql changed during the run; the raw pass used the old text.")
    say(f"\n(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
