"""OGC API – Features, Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) for the public layers, at ``/ogc/``.

A collection is a layer of a public map; its items are its published
features, as the public sees them (sensitive places blurred), with no
author names. QGIS, ArcGIS Pro and GDAL (``OAPIF:``)
read it as a WFS 3 / OAPIF source.
"""
