"""Building files and DEMs written by the tests: S-Map Shapefiles, CityJSON and CityGML solids, GeoTIFFs.

The cube (10 m × 10 m, 10 m high) and the L-shaped building (300 m², 25 m
high, ``measuredHeight`` 24.5) stand a short walk from Seoul City Hall, in
EPSG:5186; their heights and areas are known exactly, so the readers'
footprints and heights can be checked to the centimetre.
"""

import json

import numpy as np
import rasterio
import shapely
from pyproj import Transformer
from rasterio.transform import from_origin

from tests.imports.helpers import write_shapefile, zip_shapefile

CITY_HALL_5186 = (198_056.4, 551_885.0)
X0, Y0 = CITY_HALL_5186
CUBE = shapely.box(X0, Y0, X0 + 10, Y0 + 10)
L_SHAPE = shapely.Polygon([(X0 + 50, Y0), (X0 + 70, Y0), (X0 + 70, Y0 + 10), (X0 + 60, Y0 + 10),
                           (X0 + 60, Y0 + 20), (X0 + 50, Y0 + 20)])  # fmt: skip
L_AREA = 300.0
GROUND_Z = 30.0


def lonlat(geometry):
    transformer = Transformer.from_crs(5186, 4326, always_xy=True)
    return shapely.transform(geometry, transformer.transform, interleaved=False)


def smap_rows():
    """Four buildings with S-Map columns: measured, zero height with floors, missing height, a tall one."""
    return [
        {"UFID": "B0001", "BLD_NM": "서울특별시청", "HEIGHT": 56.0, "GRND_FLR": 13, "UGRND_FLR": 5,
         "USABILITY": "14000", "geometry": lonlat(CUBE)},
        {"UFID": "B0002", "BLD_NM": "덕수궁 매표소", "HEIGHT": 0.0, "GRND_FLR": 2, "UGRND_FLR": 0,
         "USABILITY": "제1종근린생활시설", "geometry": lonlat(L_SHAPE)},
        {"UFID": "B0003", "BLD_NM": "정동 주택", "HEIGHT": 0.0, "GRND_FLR": 4, "UGRND_FLR": 1,
         "USABILITY": "02001", "geometry": lonlat(shapely.box(X0 + 100, Y0, X0 + 112, Y0 + 9))},
        {"UFID": "B0004", "BLD_NM": "시청 앞 타워", "HEIGHT": 151.5, "GRND_FLR": 38, "UGRND_FLR": 7,
         "USABILITY": "업무시설", "geometry": lonlat(shapely.box(X0 + 150, Y0, X0 + 190, Y0 + 40))},
    ]  # fmt: skip


def write_smap_zip(folder, rows=None, *, srid=5174, name="AL_D010_11_20240101"):
    """A zipped Shapefile as agencies hand it out: CP949 without .cpg, with a .prj."""
    shp = write_shapefile(folder, rows or smap_rows(), name=name, srid=srid, encoding="CP949")
    return zip_shapefile(shp)


def solid_boundaries(polygon, bottom, top):
    """LoD1 solid of an extruded polygon: (vertices, one shell of faces as vertex-index rings, semantics)."""
    ring = list(shapely.geometry.polygon.orient(polygon, 1).exterior.coords)[:-1]
    n = len(ring)
    vertices = [(x, y, bottom) for x, y in ring] + [(x, y, top) for x, y in ring]
    ground = [list(reversed(range(n)))]
    roof = [list(range(n, 2 * n))]
    walls = [[i, (i + 1) % n, n + (i + 1) % n, n + i] for i in range(n)]
    faces = [ground, roof] + [[wall] for wall in walls]
    semantics = [0, 1] + [2] * n
    return vertices, faces, semantics


def cityjson_document(version="2.0", srid=5186, measured_l=24.5):
    """The cube (no measuredHeight: 10 m from its geometry) and the L-shape (measuredHeight 24.5; geometry 25 m)."""
    vertices, objects = [], {}
    for key, polygon, top, attributes in (
        ("cube", CUBE, GROUND_Z + 10, {"name": "큐브"}),
        ("l-shape", L_SHAPE, GROUND_Z + 25, {"measuredHeight": measured_l, "storeysAboveGround": 7,
                                             "function": "office"}),
    ):  # fmt: skip
        solid_vertices, faces, semantics = solid_boundaries(polygon, GROUND_Z, top)
        offset = len(vertices)
        vertices += solid_vertices
        shell = [[[offset + i for i in ring] for ring in face] for face in faces]
        objects[key] = {
            "type": "Building",
            "attributes": attributes,
            "geometry": [{
                "type": "Solid", "lod": "1", "boundaries": [shell],
                "semantics": {"surfaces": [{"type": "GroundSurface"}, {"type": "RoofSurface"},
                                           {"type": "WallSurface"}], "values": [semantics]},
            }],
        }  # fmt: skip
    scale = 0.001
    translate = [X0, Y0, 0.0]
    integers = [[round((v[i] - translate[i]) / scale) for i in range(3)] for v in vertices]
    document = {
        "type": "CityJSON",
        "version": version,
        "transform": {"scale": [scale] * 3, "translate": translate},
        "CityObjects": objects,
        "vertices": integers,
    }
    if srid:
        document["metadata"] = {"referenceSystem": f"https://www.opengis.net/def/crs/EPSG/0/{srid}"}
    return document


def write_cityjson(path, **options):
    path.write_text(json.dumps(cityjson_document(**options)), encoding="utf-8")
    return path


def poslist(points):
    return " ".join(f"{x:.3f} {y:.3f} {z:.3f}" for x, y, z in points)


def gml_polygon(points, polygon_id):
    ring = [*points, points[0]]
    return (
        f'<gml:Polygon gml:id="{polygon_id}"><gml:exterior><gml:LinearRing>'
        f'<gml:posList srsDimension="3">{poslist(ring)}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>'
    )


def citygml_building(building_id, polygon, top, *, measured=None, lod=2):
    """A CityGML building: LoD2 as boundedBy Ground/Roof/Wall surfaces and a solid pointing at them by xlink."""
    vertices, faces, semantics = solid_boundaries(polygon, GROUND_Z, top)
    names = ["GroundSurface", "RoofSurface", "WallSurface"]
    surfaces, members = [], []
    for index, (face, semantic) in enumerate(zip(faces, semantics, strict=True)):
        polygon_id = f"{building_id}-p{index}"
        points = [vertices[i] for i in face[0]]
        surfaces.append(
            f"<bldg:boundedBy><bldg:{names[semantic]}><bldg:lod{lod}MultiSurface><gml:MultiSurface><gml:surfaceMember>"
            f"{gml_polygon(points, polygon_id)}</gml:surfaceMember></gml:MultiSurface></bldg:lod{lod}MultiSurface>"
            f"</bldg:{names[semantic]}></bldg:boundedBy>"
        )
        members.append(f'<gml:surfaceMember xlink:href="#{polygon_id}"/>')
    measured_xml = f'<bldg:measuredHeight uom="m">{measured}</bldg:measuredHeight>' if measured else ""
    solid = (
        f"<bldg:lod{lod}Solid><gml:Solid><gml:exterior><gml:CompositeSurface>{''.join(members)}"
        f"</gml:CompositeSurface></gml:exterior></gml:Solid></bldg:lod{lod}Solid>"
    )
    return (
        f'<core:cityObjectMember><bldg:Building gml:id="{building_id}"><gml:name>{building_id}</gml:name>'
        f"{measured_xml}<bldg:storeysAboveGround>3</bldg:storeysAboveGround>{solid}{''.join(surfaces)}"
        "</bldg:Building></core:cityObjectMember>"
    )


def write_citygml(path, *, srs="EPSG:5186"):
    members = citygml_building("cube", CUBE, GROUND_Z + 10) + citygml_building(
        "l-shape", L_SHAPE, GROUND_Z + 25, measured=24.5
    )
    srs_attribute = f' srsName="{srs}"' if srs else ""
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<core:CityModel xmlns:core="http://www.opengis.net/citygml/2.0" '
        'xmlns:bldg="http://www.opengis.net/citygml/building/2.0" xmlns:gml="http://www.opengis.net/gml" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<gml:boundedBy><gml:Envelope{srs_attribute} srsDimension="3"><gml:lowerCorner>{X0} {Y0} 0</gml:lowerCorner>'
        f"<gml:upperCorner>{X0 + 70} {Y0 + 20} 60</gml:upperCorner></gml:Envelope></gml:boundedBy>"
        f"{members}</core:CityModel>"
    )
    path.write_text(text, encoding="utf-8")
    return path


def write_dem(path, *, srid=4326, base=20.0, slope=0.1, bounds=None, cell=None, nodata=-32768.0):
    """A DEM GeoTIFF whose elevation is ``base + slope × (metres east of City Hall)``, in EPSG:``srid``."""
    to_lonlat = Transformer.from_crs(5186, 4326, always_xy=True)
    west, south, east, north = bounds or (X0 - 500, Y0 - 500, X0 + 500, Y0 + 500)
    if srid == 4326:
        (lon0, lat0), (lon1, lat1) = to_lonlat.transform(west, south), to_lonlat.transform(east, north)
        cell = cell or 0.00005
        width, height = int((lon1 - lon0) / cell), int((lat1 - lat0) / cell)
        transform = from_origin(lon0, lat1, cell, cell)
        lons = lon0 + (np.arange(width) + 0.5) * cell
        lats = lat1 - (np.arange(height) + 0.5) * cell
        grid_lon, grid_lat = np.meshgrid(lons, lats)
        xs, _ = Transformer.from_crs(4326, 5186, always_xy=True).transform(grid_lon, grid_lat)
    else:
        cell = cell or 5.0
        width, height = int((east - west) / cell), int((north - south) / cell)
        transform = from_origin(west, north, cell, cell)
        xs = np.tile(west + (np.arange(width) + 0.5) * cell, (height, 1))
    elevation = (base + slope * (xs - X0)).astype("float32")
    profile = {"driver": "GTiff", "width": width, "height": height, "count": 1, "dtype": "float32",
               "crs": f"EPSG:{srid}" if srid else None, "transform": transform, "nodata": nodata}  # fmt: skip
    with rasterio.open(path, "w", **profile) as dem:
        dem.write(elevation, 1)
    return path
