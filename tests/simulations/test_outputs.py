"""Result files: COGs in EPSG:5186 on the study area's grid with every band described, PNG overlays one pixel per
cell with a legend and their corners in lon/lat, statistics JSON, the wind-rose plot."""

import json

import numpy as np
import pytest
import rasterio
from PIL import Image
from pyproj import Transformer
from rasterio.transform import Affine

from digital_twin.simulations.layout import layout

from . import scenes
from .runs import computed

pytestmark = pytest.mark.django_db


@pytest.fixture
def sunlight(area, planner):
    return computed("sunlight", area, None, scenes.SUN, planner)


@pytest.fixture
def corridors(area, planner):
    return computed("corridors", area, None, scenes.WIND, planner)


def test_a_cog_is_readable_by_rasterio_in_epsg_5186_on_the_study_areas_grid(area, sunlight):
    grid = layout(area.area.extent, scenes.SUN["cell_size"]).output
    with rasterio.open(sunlight.folder / "sun_hours.tif") as cog:
        assert cog.crs.to_epsg() == 5186
        assert cog.transform == Affine.from_gdal(*grid.geotransform)
        assert (cog.height, cog.width) == grid.shape == (120, 120)
        assert cog.tags(ns="IMAGE_STRUCTURE")["LAYOUT"] == "COG"
        assert cog.profile["tiled"] and cog.dtypes == ("float32",)
        assert cog.tags()["units"] == "h" and cog.descriptions == ("sun_hours",)
        hours = cog.read(1)
    statistics = json.loads((sunlight.folder / "statistics.json").read_text(encoding="utf-8"))
    daylight = statistics["sun"]["daylight_hours"]
    assert hours.min() >= 0 and hours.max() == pytest.approx(daylight)  # the open middle of the avenue
    with rasterio.open(sunlight.folder / "sunlight_rule.tif") as cog:
        codes = cog.read(1)
        assert cog.nodata == 255 and set(np.unique(codes)) == {0, 1, 255}


def test_every_direction_is_a_described_band(corridors):
    with rasterio.open(corridors.folder / "frontal_area_index.tif") as cog:
        assert cog.descriptions == ("λf 0°", "λf 180°") and cog.count == 2
    with rasterio.open(corridors.folder / "corridors.tif") as cog:
        avenue = cog.read(1)
        assert cog.dtypes == ("uint8", "uint8") and avenue.sum() == 30 * 3  # 600 m × 60 m at 20 m cells


def test_overlays_are_one_pixel_per_cell_with_a_legend_and_lon_lat_corners(area, corridors):
    grid = layout(area.area.extent, scenes.WIND["cell_size"]).output
    overlay = next(o for o in corridors.outputs["overlays"] if o["layer"] == "corridor_frequency")
    with Image.open(corridors.folder / overlay["image"]) as image:
        assert image.mode == "RGBA" and image.size == (grid.n_cols, grid.n_rows)
        alpha = np.asarray(image)[..., 3]
    assert (alpha > 0).sum() == 90  # only the avenue's cells are coloured, the rest is transparent
    with Image.open(corridors.folder / overlay["legend"]) as legend:
        assert legend.width > 200 and legend.height > 50
    to_lonlat = Transformer.from_crs(5186, 4326, always_xy=True)
    top_left, top_right, bottom_right, bottom_left = overlay["corners"]
    assert top_left == pytest.approx(to_lonlat.transform(grid.x_min, grid.y_max), abs=1e-7)
    assert bottom_right == pytest.approx(to_lonlat.transform(grid.x_max, grid.y_min), abs=1e-7)
    assert top_right[0] > top_left[0] and bottom_left[1] < top_left[1]


def test_the_wind_rose_is_plotted_and_the_statistics_are_json(corridors):
    with Image.open(corridors.folder / "wind_rose.png") as image:
        assert image.format == "PNG" and image.width >= 300
    statistics = json.loads((corridors.folder / "statistics.json").read_text(encoding="utf-8"))
    assert statistics == corridors.statistics
    avenue = statistics["wind"]["corridors"]["by_direction"]["0"]["corridors"]
    assert avenue == [{"area_m2": 36000.0, "length_m": 600.0, "min_width_m": 60.0, "width_m": 60.0}]
    assert statistics["inputs"]["grids"]["wind"] == {
        "bounds": list(layout(corridors.study_area.area.extent, 20).output.bounds),
        "cell_size_m": 20.0, "columns": 30, "crs": "EPSG:5186", "rows": 30,
    }  # fmt: skip
    assert "warnings" not in statistics  # the rose is the test's own, not an illustrative default


def test_a_default_seoul_rose_carries_the_illustrative_warning(area, planner):
    run = computed("corridors", area, None, {"cell_size": 50, "wind_rose": {"season": "spring"}}, planner)
    assert run.statistics["warnings"][0].startswith("ILLUSTRATIVE DEFAULTS")
    rose = run.statistics["wind"]["corridors"]["wind_rose"]
    assert rose["illustrative"] is True and rose["name"] == "spring" and len(rose["directions_deg"]) == 16
