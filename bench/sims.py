"""Planner simulations at full size: the city-scale wind study, and sunlight against pybdshadow, in one run.

Run from the project root::

    .venv/bin/python -m bench.sims                 # 600,000 buildings over 25 km; 1 km² at 2 m against pybdshadow
    .venv/bin/python -m bench.sims --part city     # only the wind study
    .venv/bin/python -m bench.sims --small         # a quick look: 50,000 buildings over 7 km, 400 m square

What it measures (``digital_twin/sim``; no database, no server):

1. **City scale.** Seeded synthetic buildings (rotated rectangles on a
   jittered lattice, with a 1 km river, boulevards and parks left open;
   lognormal heights with a few towers) over a square, a 100 m grid and 16
   wind directions: the conversion from shapely polygons, the morphometry (λp,
   heights, λf × 16, Macdonald z0/zd) and the corridors of all 16 directions
   combined by Seoul's winter wind rose.
2. **Sunlight.** A seeded 1 km² neighbourhood (apartment slabs, mid-rise
   blocks, low-rise houses, parks) at 2 m; the winter solstice, 08:00–16:00
   every 10 minutes (49 instants). This kernel computes the shadow rasters at
   those instants (NOAA sun included); pybdshadow (``bdshadow_sunlight``,
   ground shadows with the footprints, its own sun from suncalc) computes the
   shadow polygons of the same buildings at the same instants. Only
   ``bdshadow_sunlight`` is timed on its side — not the conversion of its
   input nor the union of its output needed to measure the area — which
   favours the peer. The answers are compared as the shaded area of the square
   per instant: with each side's own sun, and with the kernel given suncalc's
   sun (the shading alone). The kernel's full product — sun hours and the
   sunlight-right map over 48 ten-minute intervals — is timed too.

Each measured part runs in a child process of its own, so that each has its
own peak memory: peak RSS is sampled every 50 ms over the timed part
(``bench/harness.PeakRss``) and ``getrusage``'s lifetime maximum is given
beside it. The first call of every numba kernel is made on a tiny scene
before the clock starts, and its time (compilation, or loading numba's cache)
is shown apart. Tables are Markdown; no time is asserted: the targets are
printed beside the results.
"""

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import shapely

from bench import harness

ROOT = Path(__file__).resolve().parent.parent
X0, Y0 = 188_000.0, 540_000.0  # south-west corner of the synthetic city (EPSG:5186, south-west Seoul)
SOLSTICE = dt.date(2025, 12, 22)  # 동지 2025 in Korea (21 Dec 15:03 UTC)
AREA_TOLERANCE = 0.02  # "the same answer": shaded areas summed over the instants within 2 %
CITY_TARGET_S = 60.0
SUN_TARGET_RATIO = 5.0
CARDINAL = ("0.0", "90.0", "180.0", "270.0")
MEMORY_ROWS = (
    ("RSS before the timed part", "baseline_rss"),
    ("peak RSS during it (sampled every 50 ms)", "peak_rss"),
    ("process maximum RSS (getrusage)", "max_rss"),
)


def say(message):
    print(message, flush=True)


# --- synthetic data ----------------------------------------------------------------------------------------------


def city_buildings(count, extent, seed):
    """``count`` non-overlapping rotated rectangles over an ``extent`` m square, and their heights (m).

    Open ground, scaled to the square (at 25 km): an east–west river 1 km wide at 40 % of the height,
    120 m boulevards every 3 km both ways, a dozen round parks. Buildings stand on a jittered lattice whose
    pitch is the widest that leaves ``count`` points off the open ground; ``count`` of them are drawn.
    """
    rng = np.random.default_rng(seed)
    parks = np.column_stack([rng.uniform(0, extent, (12, 2)), rng.uniform(0.006, 0.018, 12) * extent])
    pitch = extent / np.sqrt(count / 0.72)
    while True:
        side = np.arange(pitch / 2, extent, pitch)
        x, y = (a.ravel() for a in np.meshgrid(side, side))
        free = np.flatnonzero(~_open_ground(x, y, extent, parks))
        if len(free) >= count:
            break
        pitch *= 0.97
    chosen = np.sort(rng.choice(free, count, replace=False))
    x, y = x[chosen] + rng.uniform(-1, 1, count), y[chosen] + rng.uniform(-1, 1, count)
    width, depth = rng.uniform(8, 0.6 * pitch, count), rng.uniform(8, 0.6 * pitch, count)
    angle = np.radians(rng.uniform(-25, 25, count))
    heights = np.clip(rng.lognormal(np.log(10.0), 0.55, count), 3.0, 60.0)
    towers = rng.random(count) < 0.03
    heights[towers] = rng.uniform(40, 150, towers.sum())
    return rectangles(X0 + x, Y0 + y, width, depth, angle), heights


def _open_ground(x, y, extent, parks):
    river = np.abs(y - 0.4 * extent) < 0.02 * extent
    spacing = extent / 8
    boulevards = (np.abs((x % spacing) - spacing / 2) < 60) | (np.abs((y % spacing) - spacing / 2) < 60)
    in_park = np.zeros(x.shape, bool)
    for cx, cy, radius in parks:
        in_park |= np.hypot(x - cx, y - cy) < radius
    return river | boulevards | in_park


def rectangles(cx, cy, width, depth, angle):
    """Shapely rectangles centred on (cx, cy), turned counter-clockwise by ``angle`` radians."""
    corners = np.array([(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5), (-0.5, -0.5)])
    dx, dy = corners[None, :, 0] * width[:, None], corners[None, :, 1] * depth[:, None]
    cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
    ring = np.stack([cx[:, None] + dx * cos - dy * sin, cy[:, None] + dx * sin + dy * cos], axis=-1)
    return shapely.polygons(ring)


def neighbourhood(size, seed):
    """A Seoul-like ``size`` m square: 100 m blocks of apartment slabs, mid-rise blocks, low-rise houses or parks."""
    rng = np.random.default_rng(seed)
    polygons, heights = [], []

    def add(x_min, y_min, x_max, y_max, height):
        polygons.append(shapely.box(X0 + x_min, Y0 + y_min, X0 + x_max, Y0 + y_max))
        heights.append(height)

    for bx in np.arange(0, size - 99, 100.0):
        for by in np.arange(0, size - 99, 100.0):
            kind = rng.choice(["apartments", "houses", "midrise", "park"], p=[0.3, 0.55, 0.1, 0.05])
            x0, y0 = bx + 6, by + 6  # 12 m streets between the 88 m blocks
            if kind == "apartments":  # 2 slabs facing south, 15–25 floors
                for k in range(2):
                    add(x0 + 8, y0 + 8 + 44 * k, x0 + 80, y0 + 22 + 44 * k, rng.uniform(45, 75))
            elif kind == "houses":  # a 5 × 5 lattice of 2–4 storey houses
                for i in range(5):
                    for j in range(5):
                        w, d = rng.uniform(10, 14), rng.uniform(9, 13)
                        left, bottom = x0 + 17.6 * i + 1, y0 + 17.6 * j + 1
                        add(left, bottom, left + w, bottom + d, rng.uniform(6, 15))
            elif kind == "midrise":
                for i in range(2):
                    for j in range(2):
                        add(x0 + 4 + 44 * i, y0 + 4 + 44 * j, x0 + 34 + 44 * i, y0 + 26 + 44 * j, rng.uniform(20, 35))
    return np.array(polygons, dtype=object), np.array(heights)


# --- measuring ---------------------------------------------------------------------------------------------------


class Clock:
    """Named stages timed one after the other, under one peak-RSS sampler."""

    def __init__(self):
        self.stages = {}
        self.peak = harness.PeakRss()

    def __enter__(self):
        self.baseline = harness.rss_bytes(os.getpid())
        self.peak.__enter__()
        return self

    def __exit__(self, *exc):
        self.peak.__exit__(*exc)

    def stage(self, name, work, *args, **kwargs):
        started = time.perf_counter()
        result = work(*args, **kwargs)
        self.stages[name] = time.perf_counter() - started
        return result

    def report(self, **extra):
        return {
            "stages": self.stages,
            "baseline_rss": self.baseline,
            "peak_rss": self.peak.self_peak,
            "max_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            **extra,
        }


def warm_up():
    """Call every kernel once on a tiny scene (numba compiles or loads its cache); returns the seconds taken."""
    from digital_twin.sim.facades import facade_points
    from digital_twin.sim.footprints import Footprints
    from digital_twin.sim.grid import Grid
    from digital_twin.sim.morphometry import morphometry
    from digital_twin.sim.rasterize import rasterize
    from digital_twin.sim.shadows import shadow_masks
    from digital_twin.sim.sunlight import facade_sunlight, sunlight_right
    from digital_twin.sim.ventilation import rose_corridors
    from digital_twin.sim.windrose import seoul_wind_rose

    started = time.perf_counter()
    fp = Footprints.from_shapely([shapely.box(X0 + 10, Y0 + 10, X0 + 30, Y0 + 30)], [20.0])
    grid = Grid(X0, Y0 + 100, 10.0, 10, 10)
    rose = seoul_wind_rose("winter")
    rose_corridors(morphometry(fp, grid, rose.directions), rose)
    rasters = rasterize(fp, grid)
    shadow_masks(rasters.surface_height, grid, [30.0], [180.0], receiver=np.zeros(grid.shape))
    sunlight_right(rasters.surface_height, grid, SOLSTICE)
    facade_sunlight(rasters.surface_height, rasters.building_index, grid, facade_points(fp), SOLSTICE)
    return time.perf_counter() - started


def run_city(count, extent, cell, directions, seed):
    """The wind study; returns stage seconds, memory and what it found."""
    from digital_twin.sim.footprints import Footprints
    from digital_twin.sim.grid import Grid
    from digital_twin.sim.morphometry import morphometry
    from digital_twin.sim.ventilation import rose_corridors
    from digital_twin.sim.windrose import WindRose, seoul_wind_rose

    compile_s = warm_up()
    polygons, heights = city_buildings(count, extent, seed)
    if directions == 16:
        rose = seoul_wind_rose("winter")
    else:
        even = np.full(directions, 100.0 / directions)
        rose = WindRose(np.arange(directions) * 360.0 / directions, even, np.full(directions, 2.5))
    grid = Grid.covering((X0, Y0, X0 + extent, Y0 + extent), cell)
    with Clock() as clock:
        fp = clock.stage("footprints", Footprints.from_shapely, polygons, heights)
        morph = clock.stage("morphometry", morphometry, fp, grid, rose.directions)
        combined = clock.stage("corridors", rose_corridors, morph, rose)
    by_direction = {d: len(r.corridors) for d, r in combined.by_direction.items()}
    return clock.report(
        compile_s=compile_s,
        buildings=count,
        cells=grid.cells,
        directions=len(rose.directions),
        plan_mean=float(morph.plan.mean()),
        frontal_mean=float(morph.frontal.mean()),
        z0_median_built=float(np.median(morph.z0[0][morph.plan > 0.05])),
        corridors=by_direction,
        corridor_length_km={d: r.total_length_m / 1000 for d, r in combined.by_direction.items()},
        weighted_length_km=combined.weighted_length_m() / 1000,
    )


def sun_instants(step_minutes):
    """The solstice from 08:00 to 16:00 every ``step_minutes``, both ends included, as aware datetimes (KST)."""
    kst = dt.timezone(dt.timedelta(hours=9), "KST")
    start = dt.datetime.combine(SOLSTICE, dt.time(8, 0), tzinfo=kst)
    return [start + dt.timedelta(minutes=m) for m in range(0, 8 * 60 + 1, step_minutes)]


def sun_grid(size, cell):
    from digital_twin.sim.grid import Grid

    return Grid(X0, Y0 + size, float(cell), int(size / cell), int(size / cell))


def suncalc_sun(instants, grid):
    """Elevation and azimuth (degrees, from north) that suncalc gives pybdshadow for these instants."""
    from suncalc import get_position

    lon, lat = grid.centre_lonlat
    position = [get_position(t, lon, lat) for t in instants]
    elevation = np.degrees([p["altitude"] for p in position])
    azimuth = (np.degrees([p["azimuth"] for p in position]) + 180.0) % 360.0  # suncalc: from south, westward
    return elevation, azimuth


def run_sun_ours(size, cell, step_minutes, seed, masks=None):
    """This kernel: shadow rasters at the instants, then sun hours and the sunlight-right map.

    ``masks``: a path where the shaded cells (shadow or footprint) of each instant are saved, for the
    cell-by-cell comparison.
    """
    from digital_twin.sim.footprints import Footprints
    from digital_twin.sim.rasterize import rasterize
    from digital_twin.sim.shadows import shadow_masks
    from digital_twin.sim.solar import solar_position
    from digital_twin.sim.sunlight import sunlight_right

    compile_s = warm_up()
    polygons, heights = neighbourhood(size, seed)
    grid = sun_grid(size, cell)
    instants = sun_instants(step_minutes)
    lon, lat = grid.centre_lonlat
    ground = np.zeros(grid.shape)

    def shadows(surface):
        sun = solar_position(instants, lat, lon)
        return shadow_masks(surface, grid, sun.elevation, sun.azimuth, receiver=ground)

    with Clock() as clock:
        rasters = clock.stage("rasterise", rasterize, Footprints.from_shapely(polygons, heights), grid)
        surface = rasters.surface_height
        shaded = clock.stage("shadows", shadows, surface)
        rule = clock.stage("sunlight_right", sunlight_right, surface, grid, SOLSTICE)
    same_sun = shadow_masks(surface, grid, *suncalc_sun(instants, grid), receiver=ground)
    built = surface > 0
    if masks:
        np.savez_compressed(masks, own_sun=shaded | built, same_sun=same_sun | built)
    return clock.report(
        compile_s=compile_s,
        buildings=len(polygons),
        cells=grid.cells,
        instants=len(instants),
        area=((shaded | built).sum(axis=(1, 2)) * grid.cell_area).tolist(),
        area_same_sun=((same_sun | built).sum(axis=(1, 2)) * grid.cell_area).tolist(),
        passing_share=float(rule.passes[~rule.covered].mean()),
    )


def run_sun_peer(size, cell, step_minutes, seed, masks=None):
    """pybdshadow on the same buildings and instants; areas measured in EPSG:5186 over the same square.

    ``masks``: a path where its shadows sampled at the cell centres are saved.
    """
    import geopandas as gpd
    import pybdshadow
    from pyproj import Transformer

    polygons, heights = neighbourhood(size, seed)
    grid = sun_grid(size, cell)
    instants = sun_instants(step_minutes)
    to_lonlat = Transformer.from_crs("EPSG:5186", "EPSG:4326", always_xy=True)
    to_metres = Transformer.from_crs("EPSG:4326", "EPSG:5186", always_xy=True)
    lonlat = shapely.transform(polygons, lambda xy: np.column_stack(to_lonlat.transform(xy[:, 0], xy[:, 1])))
    buildings = gpd.GeoDataFrame(
        {"building_id": np.arange(len(polygons)), "height": heights}, geometry=lonlat, crs="EPSG:4326"
    )
    square = shapely.box(*grid.bounds)
    outputs = []
    with Clock() as clock, warnings.catch_warnings():
        # pybdshadow concatenates its own frames without a CRS; the warning is about its internals
        warnings.filterwarnings("ignore", message="CRS not set", category=UserWarning)
        started = time.perf_counter()
        for instant in instants:
            outputs.append(pybdshadow.bdshadow_sunlight(buildings, instant, roof=False, include_building=True))
        clock.stages["shadows"] = time.perf_counter() - started
    areas, sampled = [], []
    xs, ys = grid.centres()
    x, y = np.meshgrid(xs, ys)
    for shadows in outputs:
        union = shapely.union_all(shadows.geometry.to_numpy())
        metres = shapely.transform(union, lambda xy: np.column_stack(to_metres.transform(xy[:, 0], xy[:, 1])))
        areas.append(float(shapely.area(shapely.intersection(metres, square))))
        if masks:
            shapely.prepare(metres)
            sampled.append(shapely.contains_xy(metres, x, y))
    if masks:
        np.savez_compressed(masks, shaded=np.array(sampled))
    return clock.report(buildings=len(polygons), instants=len(instants), area=areas)


WORKERS = {"city": run_city, "sun-ours": run_sun_ours, "sun-peer": run_sun_peer}


def in_child(worker, **kwargs):
    """Run one worker in a fresh Python process; its JSON result is its last line of output."""
    command = [sys.executable, "-m", "bench.sims", "--worker", worker, "--worker-args", json.dumps(kwargs)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise RuntimeError(f"worker {worker} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- report ------------------------------------------------------------------------------------------------------


def city_table(result, args):
    stages = result["stages"]
    total = sum(stages.values())
    rows = [
        [f"shapely → Footprints ({result['buildings']:,} buildings)", f"{stages['footprints']:.2f}"],
        [f"morphometry: λp, heights, λf × {result['directions']}, Macdonald z0/zd", f"{stages['morphometry']:.2f}"],
        [f"corridors × {result['directions']} + winter wind rose", f"{stages['corridors']:.2f}"],
        ["**total**", f"**{total:.2f}** (target < {CITY_TARGET_S:.0f} s)"],
        ["numba first calls (tiny scene, before the clock)", f"{result['compile_s']:.2f}"],
    ]
    memory = [[label, harness.megabytes(result[key])] for label, key in MEMORY_ROWS]
    found = [
        ["grid", f"{args.extent / 1000:g} km square at {args.cell:g} m = {result['cells']:,} cells"],
        ["mean λp / mean λf (all cells, directions)", f"{result['plan_mean']:.3f} / {result['frontal_mean']:.3f}"],
        ["median z0 (north wind, cells with λp > 0.05)", f"{result['z0_median_built']:.2f} m"],
        ["corridors found (N, E, S, W)", ", ".join(str(result["corridors"].get(d, "–")) for d in CARDINAL)],
        ["corridor length, rose-weighted", f"{result['weighted_length_km']:.1f} km"],
    ]
    tables = [(["stage", "seconds"], rows), (["memory", ""], memory), (["result", ""], found)]
    return "\n\n".join(harness.markdown_table(header, body) for header, body in tables)


def cell_agreement(ours, peer):
    """Share of the cells (%) where the kernel and pybdshadow's polygons disagree: mean and worst instant."""
    result = {}
    for sun in ("own_sun", "same_sun"):
        differ = (ours[sun] != peer["shaded"]).mean(axis=(1, 2))
        result[sun] = (float(differ.mean()), float(differ.max()))
    return result


def sun_table(ours, peer, cells, args):
    mine, theirs, same = np.array(ours["area"]), np.array(peer["area"]), np.array(ours["area_same_sun"])
    total_gap = abs(mine.sum() - theirs.sum()) / theirs.sum()
    same_gap = abs(same.sum() - theirs.sum()) / theirs.sum()
    per_instant = np.abs(mine - theirs) / theirs
    per_instant_same = np.abs(same - theirs) / theirs
    ratio = peer["stages"]["shadows"] / ours["stages"]["shadows"]
    verdict = "same answer" if total_gap <= AREA_TOLERANCE else "DIFFERENT"
    seconds = {name: f"{value:.2f} s" for name, value in ours["stages"].items()}
    rows = [
        [
            f"shadows, {ours['instants']} instants",
            seconds["shadows"],
            f"{peer['stages']['shadows']:.2f} s",
            f"**{ratio:.1f}×** (target ≥ {SUN_TARGET_RATIO:g}×)",
        ],
        ["rasterise the footprints", seconds["rasterise"], "–", ""],
        ["sun hours + sunlight-right map (48 intervals)", seconds["sunlight_right"], "–", ""],
        *([label, harness.megabytes(ours[key]), harness.megabytes(peer[key]), ""] for label, key in MEMORY_ROWS),
        [
            "shaded area, mean over the instants",
            f"{mine.mean() / 1e6:.4f} km²",
            f"{theirs.mean() / 1e6:.4f} km²",
            f"Σ differs by {total_gap:.2%}; per instant ≤ {per_instant.max():.1%} → {verdict} "
            f"(tolerance: Σ within {AREA_TOLERANCE:.0%})",
        ],
        [
            "… with suncalc's sun given to this kernel",
            f"{same.mean() / 1e6:.4f} km²",
            "",
            f"Σ differs by {same_gap:.2%}; per instant ≤ {per_instant_same.max():.1%}",
        ],
        [
            "cells that disagree (own sun / suncalc's sun)",
            "",
            "",
            f"mean {cells['own_sun'][0]:.2%} / {cells['same_sun'][0]:.2%}, "
            f"worst instant {cells['own_sun'][1]:.2%} / {cells['same_sun'][1]:.2%}",
        ],
    ]
    head = (
        f"{peer['buildings']:,} buildings on {args.sun_size / 1000:g} km × {args.sun_size / 1000:g} km, "
        f"{args.sun_cell:g} m cells ({ours['cells']:,}); {SOLSTICE} 08:00–16:00 every {args.step} min; "
        f"numba first calls before the clock: {ours['compile_s']:.2f} s; "
        f"cells passing the sunlight-right check (open ground): {ours['passing_share']:.0%}"
    )
    return head + "\n\n" + harness.markdown_table(["", "this kernel", "pybdshadow", "ratio / agreement"], rows)


# --- main --------------------------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.sims", description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("all", "city", "sun"), default="all")
    parser.add_argument("--buildings", type=int, default=600_000, help="city buildings (default 600,000)")
    parser.add_argument("--extent", type=float, default=25_000.0, help="city square side, m (default 25,000)")
    parser.add_argument("--cell", type=float, default=100.0, help="city cell size, m (default 100)")
    parser.add_argument("--directions", type=int, default=16, help="wind directions (16 uses Seoul's winter rose)")
    parser.add_argument("--sun-size", type=float, default=1000.0, help="sunlight square side, m (default 1,000)")
    parser.add_argument("--sun-cell", type=float, default=2.0, help="sunlight cell size, m (default 2)")
    parser.add_argument("--step", type=int, default=10, help="minutes between sun instants (default 10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", action="store_true", help="50,000 buildings over 7 km; a 400 m square")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--worker-args", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.small:
        args.buildings, args.extent, args.sun_size = 50_000, 7_000.0, 400.0
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](**json.loads(args.worker_args))), flush=True)
        return
    started = time.perf_counter()
    say(f"numba {_version('numba')}, {os.cpu_count()} CPUs, numpy {np.__version__}; each part in its own process\n")
    if args.part in ("all", "city"):
        say(f"## City scale: {args.buildings:,} buildings, {args.extent / 1000:g} km square, {args.cell:g} m cells\n")
        sizes = {"count": args.buildings, "extent": args.extent, "cell": args.cell, "directions": args.directions}
        city = in_child("city", **sizes, seed=args.seed)
        say(city_table(city, args) + "\n")
    if args.part in ("all", "sun"):
        say("## Sunlight against pybdshadow\n")
        sizes = {"size": args.sun_size, "cell": args.sun_cell, "step_minutes": args.step, "seed": args.seed}
        with tempfile.TemporaryDirectory(prefix="bench-sims-") as folder:
            ours = in_child("sun-ours", **sizes, masks=f"{folder}/ours.npz")
            peer = in_child("sun-peer", **sizes, masks=f"{folder}/peer.npz")
            cells = cell_agreement(np.load(f"{folder}/ours.npz"), np.load(f"{folder}/peer.npz"))
        say(sun_table(ours, peer, cells, args) + "\n")
    say(f"(total {time.perf_counter() - started:.0f} s)")


def _version(package):
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    main()
