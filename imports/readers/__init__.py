"""Readers for the vector files users bring: GeoJSON and (zipped) ESRI Shapefiles.

Readers are pure (no Django): they return shapely geometries in EPSG:4326,
attribute rows, and the encoding and coordinate system they chose, with why.
"""

from .vector import (
    DEFAULT_MAX_UNCOMPRESSED_BYTES,
    GeometryError,
    LayerChoiceError,
    ReaderError,
    TextDecodingError,
    TooLarge,
    UnsafeArchive,
    UnsupportedFile,
    VectorData,
    read_vector,
)

__all__ = [
    "DEFAULT_MAX_UNCOMPRESSED_BYTES",
    "GeometryError",
    "LayerChoiceError",
    "ReaderError",
    "TextDecodingError",
    "TooLarge",
    "UnsafeArchive",
    "UnsupportedFile",
    "VectorData",
    "read_vector",
]
