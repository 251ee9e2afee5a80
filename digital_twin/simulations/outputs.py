"""The result files of one attempt, written into its folder, and the list of them kept on the run.

For every layer: ``<name>.tif`` (COG, EPSG:5186) and, when it is drawn on the
map, ``<name>.png`` (the overlay) and ``<name>.legend.png``; then
``statistics.json``, ``wind_rose.png`` for runs with a wind rose and
``report.html`` for comparisons. ``outputs`` on the run lists them:

    {"files": [{"name", "format", "layer", "bytes"}],
     "overlays": [{"layer", "image", "legend", "corners"}],   # corners: lon/lat, TL TR BR BL
     "report": "report.html" | None, "wind_rose": "wind_rose.png" | None}

Only names in that list can be downloaded (``downloads.find``), so no request can reach another file.
"""

from .layout import lonlat_corners
from .overlays import legend_png, overlay_png
from .rasters import write_cog


class Outputs:
    def __init__(self, folder):
        self.folder = folder
        self.files, self.overlays = [], []
        self.report = self.wind_rose = None

    def layers(self, grid, layers):
        """Write each layer on ``grid``: its COG, and its overlay and legend when it has one."""
        corners = lonlat_corners(grid)
        for layer in layers:
            path = self.folder / f"{layer.name}.tif"
            self.files.append({"name": path.name, "format": "cog", "layer": layer.name,
                               "bytes": write_cog(path, layer, grid)})  # fmt: skip
            if layer.overlay is not None:
                image = self.add(f"{layer.name}.png", overlay_png(layer.overlay), "png", layer.name)
                legend = self.add(f"{layer.name}.legend.png", legend_png(layer.overlay), "png", layer.name)
                self.overlays.append({"layer": layer.name, "image": image, "legend": legend, "corners": corners})

    def add(self, name, data, format_, layer=""):
        """Write ``data`` (bytes) as ``name``; returns the name."""
        (self.folder / name).write_bytes(data)
        self.files.append({"name": name, "format": format_, "layer": layer, "bytes": len(data)})
        return name

    def as_dict(self):
        return {"files": self.files, "overlays": self.overlays, "report": self.report, "wind_rose": self.wind_rose}
