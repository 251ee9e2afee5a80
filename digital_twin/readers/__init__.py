"""Readers of the digital twin's input files, pure Python (no Django): building files in chunks and DEMs.

``gis_building`` (zipped Shapefiles such as GIS건물통합정보), ``cityjson`` and
``citygml`` yield ``chunks.BuildingChunk``s with footprints in EPSG:5186;
``checks`` validates them and estimates missing heights; ``dem`` reprojects
DEMs and samples ground heights. The Django side (``digital_twin.importing``)
writes what they read.
"""
