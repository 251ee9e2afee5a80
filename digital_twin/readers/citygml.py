"""Read buildings from CityGML 2.0 (and 1.0), LoD1 or LoD2, streaming the XML with defusedxml.

Each ``bldg:Building`` under a ``cityObjectMember`` becomes one building,
its ``BuildingPart``s merged in. Every ``gml:Polygon`` inside it is taken once
(solids that point to their surfaces by ``xlink:href`` find them in
``boundedBy``), with the semantic surface it belongs to and its LoD; the
highest LoD up to 2 is used. ``bldg:measuredHeight``,
``storeysAboveGround`` / ``storeysBelowGround``, ``function`` and ``gml:name``
are read. The CRS is the first ``srsName`` of the file, else ``--srid``, else
the coordinates. Elements are cleared as soon as a building is read, so the
file may be larger than memory; defusedxml refuses entity expansion and
external entities. Pure Python and numpy, no Django.
"""

import re
from xml.etree.ElementTree import ParseError

import numpy as np
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from .chunks import ChunkBuilder
from .errors import TwinFileError
from .numbers import count, number
from .projection import crs_deciding, srid_from_name, to_target
from .solids import Surface, height_of, solid_of
from .uses import building_use

GML = "http://www.opengis.net/gml"
BUILDING_NAMESPACES = ("http://www.opengis.net/citygml/building/2.0", "http://www.opengis.net/citygml/building/1.0")
CORE_MEMBER = "cityObjectMember"
LOD_ELEMENT = re.compile(r"^lod(\d)")
SEMANTIC_SURFACES = {"GroundSurface", "RoofSurface", "WallSurface", "ClosureSurface", "OuterCeilingSurface"}


def local(tag):
    return tag.rsplit("}", 1)[-1]


def namespace(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def read_citygml(path, *, srid=None):
    """Yield ``BuildingChunk``s of the buildings in a CityGML file; see the module docstring."""
    declared = root = builder = None
    depth_in_member = 0
    try:
        for event, element in iterparse(str(path), events=("start", "end"), forbid_dtd=True):
            if event == "start":
                root = element if root is None else root
                declared = declared or srid_from_name(element.get("srsName"))
                if local(element.tag) == CORE_MEMBER:
                    depth_in_member += 1
                continue
            if local(element.tag) == CORE_MEMBER:
                depth_in_member -= 1
                element.clear()
                if element in root:
                    root.remove(element)
            elif _is_building(element) and depth_in_member:
                builder = builder or ChunkBuilder(to_target, crs_deciding(srid, declared, "the file's srsName"))
                chunk = _add(builder, element)
                if chunk is not None:
                    yield chunk
    except (ParseError, DefusedXmlException) as exc:
        raise TwinFileError(f"The CityGML file is not well-formed or safe XML ({exc}).") from None
    last = builder.flush() if builder else None
    if last is not None:
        yield last


def _is_building(element):
    return local(element.tag) == "Building" and namespace(element.tag) in BUILDING_NAMESPACES


def _add(builder, building):
    surfaces = _best(list(_polygons(building, lod=None, semantic=None, seen=set())))
    solid = solid_of(surfaces)
    return builder.add(
        source_id=building.get(f"{{{GML}}}id") or f"building-{builder.emitted + len(builder.rows) + 1}",
        footprint=solid.footprint,
        height=height_of(solid, number(_text(building, "measuredHeight"))),
        floors_above=count(_text(building, "storeysAboveGround")),
        floors_below=count(_text(building, "storeysBelowGround")),
        use=building_use(_text(building, "function") or _text(building, "usage")),
        name=(_text(building, "name", GML) or "")[:200],
    )


def _text(building, name, ns=None):
    """The text of the building's own child ``name`` (in the building's namespace unless ``ns``)."""
    child = building.find(f"{{{ns or namespace(building.tag)}}}{name}")
    return child.text.strip() if child is not None and child.text else None


def _polygons(element, lod, semantic, seen):
    """(lod, Surface) for every gml:Polygon under ``element``, each gml:id once."""
    for child in element:
        name = local(child.tag)
        match = LOD_ELEMENT.match(name)
        child_lod = int(match.group(1)) if match else (2 if name == "boundedBy" and lod is None else lod)
        child_semantic = name if name in SEMANTIC_SURFACES else semantic
        if name == "Polygon" and namespace(child.tag) == GML:
            polygon_id = child.get(f"{{{GML}}}id")
            if polygon_id and polygon_id in seen:
                continue
            seen.add(polygon_id)
            rings = _rings(child)
            if rings:
                yield child_lod, Surface(rings, child_semantic)
        else:
            yield from _polygons(child, child_lod, child_semantic, seen)


def _best(found):
    """The surfaces of the highest LoD up to 2 (footprints at LoD0 only when there is nothing else)."""
    lods = {lod for lod, _ in found if lod is not None and lod <= 2}
    best = max(lods) if lods else None
    return [surface for lod, surface in found if lod == best]


def _rings(polygon):
    rings = []
    for ring in polygon.iter(f"{{{GML}}}LinearRing"):
        points = _coordinates(ring)
        if points is not None and len(points) >= 3:
            rings.append(points)
    return tuple(rings)


def _coordinates(ring):
    pos_list = ring.find(f"{{{GML}}}posList")
    if pos_list is not None and pos_list.text:
        dimension = int(pos_list.get("srsDimension") or ring.get("srsDimension") or 3)
        values = np.array(pos_list.text.split(), dtype=float)
    else:
        positions = [p.text.split() for p in ring.iter(f"{{{GML}}}pos") if p.text]
        if not positions:
            return None
        dimension = len(positions[0])
        values = np.array([v for p in positions for v in p], dtype=float)
    if dimension not in (2, 3) or len(values) % dimension:
        raise TwinFileError("A gml:posList does not hold whole 2D or 3D coordinates.")
    points = values.reshape(-1, dimension)
    return points if dimension == 3 else np.column_stack([points, np.zeros(len(points))])
