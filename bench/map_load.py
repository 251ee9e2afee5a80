"""How long the demo map takes to draw in headless Chromium, and how big the page's scripts are.

Measured: the time from navigation start to MapLibre's first ``load`` event
(the page stores ``performance.now()`` at that moment in ``data-loaded-at``)
and to "all visible tiles loaded", on the demo safety map served by gunicorn
with DEBUG off (WhiteNoise, compressed static files), a new browser context
per run so no HTTP cache carries over.

Peer, in the same run and on the same server: a bare page that loads only
MapLibre GL JS and the same style URL, with none of the app's own script or
CSS. The ratio app ÷ bare is what the app adds on top of drawing the map.
Runs alternate between the two pages so drift hits both alike.

Peak memory: the server's process tree, and this process's tree (Python, the
Playwright driver and Chromium). No time is asserted anywhere.

    .venv/bin/python -m bench.map_load [--runs 9]
"""

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import harness
from bench.tiles import ROOT, app_env, migrate, recreate_database

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-quic"]
BUILD = ROOT / "web" / "static" / "web" / "build"
BARE_PATH = "/__bench_bare_maplibre__"
BARE_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{css}"><script src="{js}"></script>
<style>html,body,#map{{margin:0;width:100%;height:100%}}</style></head>
<body><div id="map"></div><script>
const map = new maplibregl.Map({{container: "map", style: "{style}"}});
map.once("load", () => {{ document.getElementById("map").dataset.loadedAt = String(performance.now()); }});
window.urbanLifeMap = map;
</script></body></html>"""


def say(message):
    print(message, flush=True)


def manage(env, *arguments):
    command = [sys.executable, "manage.py", *arguments]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(arguments)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def bundle_sizes():
    """(file, raw bytes, gzipped bytes) of the page's scripts and styles as built."""
    files = sorted(BUILD.glob("app/*.js")) + [
        BUILD / "vendor/maplibre/maplibre-gl.js",
        BUILD / "vendor/maplibre/maplibre-gl.css",
        ROOT / "web/static/web/site.css",
        ROOT / "web/static/web/map-panels.css",
        ROOT / "web/static/web/editor.css",
    ]
    rows = []
    for path in files:
        data = path.read_bytes()
        rows.append((path.relative_to(ROOT).as_posix(), len(data), len(gzip.compress(data, 9))))
    return rows


def shell_value(env, code):
    """The last line ``code`` prints in ``manage.py shell`` (the shell may print a banner first)."""
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


def static_url(env, name):
    return shell_value(env, f"from django.templatetags.static import static; print(static({name!r}))")


def one_load(browser, url, bare_html=None):
    """Milliseconds from navigation start to the map's load event and to all tiles loaded."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ko-KR")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    if bare_html is not None:
        page.route(f"**{BARE_PATH}", lambda route: route.fulfill(status=200, content_type="text/html", body=bare_html))
    page.goto(url)
    try:
        page.wait_for_selector("#map[data-loaded-at]", timeout=120_000)
    except Exception as exc:
        raise SystemExit(f"{url} never drew its map; errors in the page: {errors or 'none'}") from exc
    page.wait_for_function("window.urbanLifeMap.areTilesLoaded()", timeout=120_000)
    tiles_ms = page.evaluate("performance.now()")
    load_ms = float(page.get_attribute("#map", "data-loaded-at"))
    context.close()
    return load_ms, tiles_ms


def measure(args, port, env):
    from playwright.sync_api import sync_playwright

    map_id = shell_value(env, "from mapping.models import Map; print(Map.objects.get(slug='demo-safety').pk)")
    base = f"http://127.0.0.1:{port}"
    bare = BARE_PAGE.format(
        css=static_url(env, "web/build/vendor/maplibre/maplibre-gl.css"),
        js=static_url(env, "web/build/vendor/maplibre/maplibre-gl.js"),
        style=f"/maps/{map_id}/style.json",
    )
    results = {"app": [], "bare": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        one_load(browser, f"{base}/maps/{map_id}/")  # warm the server's caches once, untimed
        for run in range(args.runs):
            results["app"].append(one_load(browser, f"{base}/maps/{map_id}/"))
            results["bare"].append(one_load(browser, f"{base}{BARE_PATH}", bare))
            say(f"run {run + 1}/{args.runs}: app {results['app'][-1][0]:.0f} ms, bare {results['bare'][-1][0]:.0f} ms")
        browser.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--database", default="urbanlife_bench_web")
    args = parser.parse_args()

    rows = bundle_sizes()
    say(harness.markdown_table(["file", "raw", "gzip -9"], [(f, f"{r:,} B", f"{g:,} B") for f, r, g in rows]))
    app_js = sum(g for f, _, g in rows if "/app/" in f and f.endswith(".js"))
    say(f"\napp's own JavaScript (MapLibre excluded), gzipped: {app_js / 1024:.1f} KB of the 350 KB budget\n")

    redis_db = 13
    recreate_database(args.database)
    migrate(args.database, redis_db)
    with tempfile.TemporaryDirectory() as scratch:
        env = {**app_env(args.database, redis_db), "STATIC_ROOT": f"{scratch}/static", "MEDIA_ROOT": f"{scratch}/m"}
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_demo")
        port = harness.free_port()
        command = [str(Path(sys.executable).parent / "gunicorn"), "mapping.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"]
        server = harness.Server("app", command, env=env, cwd=ROOT, port=port, log_dir=scratch)
        with server:
            server.wait_ready("/", ok=(200,))
            with harness.PeakRss(roots=[server.process.pid]) as server_rss, harness.PeakRss(roots=[os.getpid()]) as own:
                results = measure(args, port, env)
    report(results, server_rss.server_peak, own.server_peak, args.runs)


def report(results, server_peak, client_peak, runs):
    table = []
    for name, label in (("bare", "bare MapLibre page, same style (peer)"), ("app", "Urban-Life Map page")):
        loads = [load for load, _ in results[name]]
        tiles = [tile for _, tile in results[name]]
        table.append((label, f"{statistics.median(loads):.0f} ms", f"{max(loads):.0f} ms",
                      f"{statistics.median(tiles):.0f} ms"))  # fmt: skip
    ratio = statistics.median(load for load, _ in results["app"]) / statistics.median(
        load for load, _ in results["bare"]
    )
    say("")
    say(harness.markdown_table(["page", "navigation → load (median)", "worst", "→ all tiles (median)"], table))
    say(f"\napp ÷ bare (median navigation → load): {ratio:.2f} over {runs} runs each")
    say(f"peak RSS: server (gunicorn, 2 workers) {harness.megabytes(server_peak)}; "
        f"client (Python + Playwright driver + Chromium) {harness.megabytes(client_peak)}")  # fmt: skip


if __name__ == "__main__":
    main()
