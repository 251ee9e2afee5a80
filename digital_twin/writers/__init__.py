"""Writers of the digital twin's exports (GeoJSON, CityJSON 2.0, binary glTF): pure Python, numpy, shapely, trimesh.

Each takes ``ExportBuilding`` records with footprints in EPSG:5186 and
returns bytes, so they can run in a worker or a test without Django.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExportBuilding:
    """One building to export: a key unique in the export, its footprint (shapely, EPSG:5186), base and height."""

    key: str
    footprint: object
    height: float
    ground: float = 0.0
    attributes: dict = field(default_factory=dict)
