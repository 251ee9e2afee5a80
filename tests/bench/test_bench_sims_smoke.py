"""The simulation benchmark at toy sizes: its data are what it says, its parts run, its tables print.

No timing is asserted: these tests guard the inputs of ``bench/sims.py`` (seeded, valid, non-overlapping
buildings where the generator promises them) and the plumbing of its child processes, so that the full run
measures what its report claims.
"""

import numpy as np
import shapely

from bench import sims


def overlapping_pairs(polygons):
    left, right = shapely.STRtree(polygons).query(polygons, predicate="intersects")
    return int((left != right).sum())


def test_city_generator_is_seeded_exact_and_non_overlapping_with_its_open_ground_left_open():
    polygons, heights = sims.city_buildings(4_000, 3_000.0, seed=5)
    again, _ = sims.city_buildings(4_000, 3_000.0, seed=5)
    assert len(polygons) == 4_000 and shapely.equals(polygons, again).all()
    assert shapely.is_valid(polygons).all() and overlapping_pairs(polygons) == 0
    assert heights.min() >= 3.0 and heights.max() <= 150.0 and (heights > 40).mean() > 0.01
    centres = shapely.centroid(polygons)
    y = shapely.get_y(centres) - sims.Y0
    assert not (np.abs(y - 0.4 * 3_000.0) < 0.02 * 3_000.0 - 15).any()  # nothing stands in the river
    minx, miny, maxx, maxy = shapely.total_bounds(polygons)
    assert minx > sims.X0 - 20 and maxx < sims.X0 + 3_020 and miny > sims.Y0 - 20 and maxy < sims.Y0 + 3_020


def test_neighbourhood_generator_is_seeded_and_holds_slabs_midrise_and_houses():
    polygons, heights = sims.neighbourhood(400.0, seed=2)
    again, again_heights = sims.neighbourhood(400.0, seed=2)
    assert shapely.equals(polygons, again).all() and np.array_equal(heights, again_heights)
    assert overlapping_pairs(polygons) == 0
    assert heights.max() > 40 and heights.min() < 15  # apartment slabs and houses
    assert shapely.within(polygons, shapely.box(sims.X0, sims.Y0, sims.X0 + 400, sims.Y0 + 400)).all()


def test_city_part_finds_the_river_as_an_east_west_corridor():
    result = sims.run_city(3_000, 3_000.0, 100.0, 16, seed=1)
    assert set(result["stages"]) == {"footprints", "morphometry", "corridors"}
    assert result["cells"] == 900 and result["directions"] == 16
    assert result["corridors"][90.0] >= 1 and result["corridors"][270.0] >= 1
    assert 0 < result["plan_mean"] < 0.5 and result["peak_rss"] > 0


def test_sun_parts_agree_on_the_shaded_area_and_the_report_prints(tmp_path):
    sizes = {"size": 200.0, "cell": 2.0, "step_minutes": 120, "seed": 3}
    ours = sims.run_sun_ours(**sizes, masks=tmp_path / "ours.npz")
    peer = sims.run_sun_peer(**sizes, masks=tmp_path / "peer.npz")
    assert ours["instants"] == peer["instants"] == 5  # 08:00, 10:00, 12:00, 14:00, 16:00
    mine, theirs = np.array(ours["area"]), np.array(peer["area"])
    assert abs(mine.sum() - theirs.sum()) / theirs.sum() < sims.AREA_TOLERANCE
    cells = sims.cell_agreement(np.load(tmp_path / "ours.npz"), np.load(tmp_path / "peer.npz"))
    assert cells["own_sun"][1] < 0.05
    args = sims.parse_args(["--sun-size", "200", "--step", "120"])
    table = sims.sun_table(ours, peer, cells, args)
    assert "| shadows, 5 instants |" in table and "same answer" in table and "pybdshadow" in table


def test_the_command_runs_each_part_in_a_child_process(capsys):
    sims.main(["--buildings", "2000", "--extent", "2000", "--sun-size", "100", "--step", "240"])
    printed = capsys.readouterr().out
    assert "## City scale: 2,000 buildings" in printed and "**total**" in printed
    assert "## Sunlight against pybdshadow" in printed and "| shadows, 3 instants |" in printed
