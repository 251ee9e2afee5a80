"""Result rasters as Cloud-Optimised GeoTIFFs in EPSG:5186, and the names every result layer goes by.

A ``Layer`` is one named result on the output grid: one band or several (one
per wind direction), the units, and how it is drawn on the map when it is
(``Overlay``, see ``overlays``). Each is written with rasterio's COG driver
(tiled, DEFLATE, overviews where the raster is large enough), the transform
from ``Grid.geotransform`` and every band described, so QGIS shows "λf 225°"
rather than "Band 12". Nothing that differs between two runs of the same
request — no run id, no date — goes into a file: the same parameters give the
same bytes.
"""

from dataclasses import dataclass, field

import numpy as np
import rasterio
from rasterio.transform import Affine

from ..sim.grid import CRS


@dataclass(frozen=True)
class Overlay:
    """How a layer is drawn: a 2-D ``image`` (one band, or a summary of the bands) coloured by a scale."""

    image: np.ndarray
    scale: str  # "sequential", "diverging" or "categories"
    colormap: str = "viridis"
    low: float = 0.0
    high: float = 1.0
    hidden: np.ndarray | None = None  # cells left transparent (e.g. under buildings)
    categories: tuple = ()  # (value, label, "#rrggbb") for scale "categories"
    label: str = ""  # what the legend's axis says


@dataclass(frozen=True)
class Layer:
    name: str
    data: np.ndarray  # (rows, cols) or (bands, rows, cols)
    bands: tuple = ()  # band descriptions
    units: str = ""
    nodata: float | None = None
    overlay: Overlay | None = field(default=None, repr=False)

    def stack(self):
        data = np.asarray(self.data)
        return data[None] if data.ndim == 2 else data


def direction_bands(prefix, directions):
    return tuple(f"{prefix} {float(d):g}°" for d in directions)


def write_cog(path, layer, grid):
    """Write ``layer`` on ``grid`` as a COG at ``path``; returns the file's size in bytes."""
    data = layer.stack()
    floating = np.issubdtype(data.dtype, np.floating)
    data = data.astype(np.float32) if floating else data
    profile = {
        "driver": "COG",
        "width": grid.n_cols,
        "height": grid.n_rows,
        "count": data.shape[0],
        "dtype": data.dtype.name,
        "crs": CRS,
        "transform": Affine.from_gdal(*grid.geotransform),
        "compress": "DEFLATE",
        "predictor": 3 if floating else 2,
        "blocksize": 256,
    }
    if layer.nodata is not None:
        profile["nodata"] = layer.nodata
    with rasterio.open(path, "w", **profile) as out:
        out.write(data)
        for index, description in enumerate(layer.bands or (layer.name,), start=1):
            out.set_band_description(index, description)
        out.update_tags(name=layer.name, units=layer.units)
    return path.stat().st_size
