"""Matplotlib figures of the results for the report: maps with the building outlines, and the wind rose."""

import numpy as np
import shapely
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch

from .overlays import colour, norm
from .plotting import FONT_FAMILY, new_figure, png_bytes

MAX_OUTLINES = 20_000  # more buildings than this are left out of a map figure (it would only be ink)


def map_figure(overlay, grid, outlines=()):
    """A map of an overlay (see ``rasters.Overlay``) on ``grid`` with building outlines and a colour bar.

    ``outlines``: (shapely geometries in EPSG:5186, edge colour) pairs, drawn in that order.
    """
    figure = new_figure(5.2, 4.6)
    axes = figure.add_subplot()
    x_min, y_min, x_max, y_max = grid.bounds
    axes.imshow(colour(overlay), extent=(x_min, x_max, y_min, y_max), interpolation="nearest")
    for geometries, edge in outlines:
        rings = _exteriors(geometries)
        if 0 < len(rings) <= MAX_OUTLINES:
            axes.add_collection(PolyCollection(rings, facecolors="none", edgecolors=edge, linewidths=0.4))
    axes.set_xlim(x_min, x_max)
    axes.set_ylim(y_min, y_max)
    axes.set_aspect("equal")
    axes.tick_params(labelsize=7)
    axes.ticklabel_format(useOffset=False, style="plain")
    axes.set_xlabel("EPSG:5186 x (m)", fontsize=7)
    axes.set_ylabel("EPSG:5186 y (m)", fontsize=7)
    if overlay.scale != "categories":
        mappable = ScalarMappable(norm=norm(overlay), cmap=colormaps[overlay.colormap])
        bar = figure.colorbar(mappable, ax=axes, shrink=0.8)
        bar.set_label(overlay.label, fontfamily=FONT_FAMILY, fontsize=8)
        bar.ax.tick_params(labelsize=7)
    else:
        handles = [Patch(facecolor=c, edgecolor="#333333", label=str(label)) for _v, label, c in overlay.categories]
        axes.legend(handles=handles, loc="lower left", fontsize=7, prop={"family": FONT_FAMILY, "size": 7})
    return png_bytes(figure)


def wind_rose_figure(rose, title):
    """A wind rose (``parameters.wind_rose`` form): one bar per direction, its length the frequency (%)."""
    directions = np.radians(np.asarray(rose["directions_deg"], dtype=float))
    frequencies = np.asarray(rose["frequency_pct"], dtype=float)
    speeds = np.asarray(rose["speed_ms"], dtype=float)
    figure = new_figure(3.6, 3.8)
    axes = figure.add_subplot(projection="polar")
    axes.set_theta_zero_location("N")
    axes.set_theta_direction(-1)
    width = 2 * np.pi / max(len(directions), 1) * 0.85
    top = max(float(speeds.max()), 1e-9)
    shades = colormaps["Blues"](0.35 + 0.65 * speeds / top)
    axes.bar(directions, frequencies, width=width, color=shades, edgecolor="#1f3f6f", linewidth=0.5)
    axes.set_xticks(np.radians(np.arange(0, 360, 45)), ["N", "NE", "E", "SE", "S", "SW", "W", "NW"], fontsize=8)
    axes.tick_params(axis="y", labelsize=7)
    axes.set_title(title, fontfamily=FONT_FAMILY, fontsize=10)
    return png_bytes(figure)


def _exteriors(geometries):
    polygons = shapely.get_parts(np.asarray(geometries, dtype=object))
    return [np.asarray(polygon.exterior.coords) for polygon in polygons if not polygon.is_empty]
