"""PNG overlays of result layers for the map, each with a legend image, drawn the same way every time.

An overlay is the layer's image at one pixel per cell, north up, coloured by a
matplotlib colormap (or by categories) with the hidden and empty cells
transparent; MapLibre stretches it over the grid's four corners. The legend is
a small matplotlib figure: a colour bar with the scale's ends and units, or a
swatch per category. PNGs are written without a timestamp or software tag, so
the same layer gives the same bytes.
"""

import io

import numpy as np
from matplotlib import colormaps, colors
from matplotlib.cm import ScalarMappable
from matplotlib.patches import Patch
from PIL import Image

from .plotting import FONT_FAMILY, new_figure, png_bytes

OPACITY = 210  # of 255: the buildings and the ground show through a little


def overlay_png(overlay):
    """The overlay as PNG bytes (RGBA)."""
    rgba = colour(overlay)
    buffer = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buffer, "PNG", optimize=False)
    return buffer.getvalue()


def colour(overlay):
    """RGBA pixels (uint8, rows × cols × 4) of an overlay."""
    image = np.asarray(overlay.image, dtype=np.float64)
    if overlay.scale == "categories":
        rgba = np.zeros((*image.shape, 4), dtype=np.uint8)
        for value, _label, hex_colour in overlay.categories:
            red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
            rgba[image == value] = (red, green, blue, OPACITY)
    else:
        rgba = colormaps[overlay.colormap](norm(overlay)(image), bytes=True)
        rgba[..., 3] = np.where(np.isfinite(image), OPACITY, 0)
    if overlay.hidden is not None:
        rgba[np.asarray(overlay.hidden, dtype=bool)] = 0
    return rgba


def norm(overlay):
    if overlay.scale == "diverging":
        reach = max(abs(overlay.low), abs(overlay.high), 1e-9)
        return colors.TwoSlopeNorm(vcenter=0.0, vmin=-reach, vmax=reach)
    high = overlay.high if overlay.high > overlay.low else overlay.low + 1e-9
    return colors.Normalize(vmin=overlay.low, vmax=high, clip=True)


def legend_png(overlay):
    """A legend for the overlay as PNG bytes."""
    height = 0.9 if overlay.scale != "categories" else 0.35 + 0.25 * len(overlay.categories)
    figure = new_figure(3.2, height, constrained=False)
    if overlay.scale == "categories":
        handles = [Patch(facecolor=c, edgecolor="#333333", label=str(label)) for _v, label, c in overlay.categories]
        figure.legend(handles=handles, loc="center left", frameon=False, prop={"family": FONT_FAMILY, "size": 9})
    else:
        axes = figure.add_axes((0.05, 0.55, 0.9, 0.25))
        mappable = ScalarMappable(norm=norm(overlay), cmap=colormaps[overlay.colormap])
        bar = figure.colorbar(mappable, cax=axes, orientation="horizontal")
        bar.set_label(overlay.label, fontfamily=FONT_FAMILY, fontsize=9)
        bar.ax.tick_params(labelsize=8)
    return png_bytes(figure)
