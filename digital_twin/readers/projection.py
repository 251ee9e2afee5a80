"""Footprints from the file's coordinate system into EPSG:5186, and CRS names as CityJSON and CityGML write them."""

import re
from functools import cache

import numpy as np
import shapely
from pyproj import Transformer

from imports.detection import detect_crs

from .chunks import TARGET_SRID
from .errors import TwinFileError

EPSG_IN_NAME = re.compile(r"EPSG(?:/0/|::?|/)(\d{4,5})\b", re.IGNORECASE)


def srid_from_name(name):
    """The EPSG code in ``EPSG:5186``, ``urn:ogc:def:crs:EPSG::5186``, ``…/def/crs/EPSG/0/5186`` (None if none).

    A compound code such as ``EPSG:5186+5711`` (horizontal + height) gives its horizontal part.
    """
    match = EPSG_IN_NAME.search(name or "")
    return int(match.group(1)) if match else None


@cache
def _to_target(srid):
    return Transformer.from_crs(srid, TARGET_SRID, always_xy=True)


def to_target(geometries, srid):
    """``geometries`` (a numpy array of shapely geometries in EPSG:``srid``) in EPSG:5186, 2D."""
    geometries = shapely.force_2d(geometries)
    if srid == TARGET_SRID:
        return geometries
    moved = shapely.transform(geometries, _to_target(srid).transform, interleaved=False)
    if not np.isfinite(shapely.get_coordinates(moved)).all():
        raise TwinFileError(f"Some coordinates cannot be converted from EPSG:{srid} to EPSG:{TARGET_SRID}.")
    return moved


def crs_deciding(srid, declared, declared_by):
    """A ``srid_for(bounds)`` for ``ChunkBuilder``: the caller's ``srid`` over the file's ``declared`` EPSG code
    over the coordinates, each checked by ``imports.detection`` to put the buildings in South Korea."""

    def srid_for(bounds):
        prj = f"EPSG:{declared}" if declared else None
        return detect_crs(bounds, prj, srid=srid, declared_by=declared_by).srid

    return srid_for
