"""What of a run's results can be downloaded, and as what: the read side of ``outputs``.

Kept apart from the writers (rasterio, matplotlib), so the web process that
serves downloads never imports them.
"""

CONTENT_TYPES = {
    "cog": "image/tiff; application=geotiff; profile=cloud-optimized",
    "png": "image/png",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}


def find(outputs, name):
    """The entry of file ``name`` in a run's ``outputs`` (None when it is not one of them)."""
    return next((entry for entry in outputs.get("files", ()) if entry["name"] == name), None)
