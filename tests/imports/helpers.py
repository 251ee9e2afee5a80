"""Build small Shapefiles, zips and GeoJSON files the way Korean agencies hand them out."""

import json
import zipfile

import numpy as np
import shapely
from pyogrio import raw
from pyproj import Transformer

from mapping.district_names import BUILTIN_JUNGGU_BOUNDARY

JUNGGU = shapely.Polygon(BUILTIN_JUNGGU_BOUNDARY)
JONGNO_SQUARE = shapely.box(126.96, 37.58, 127.02, 37.63)
DISTRICT_ROWS = [
    {"SIG_CD": "11140", "SIG_KOR_NM": "중구", "geometry": JUNGGU},
    {"SIG_CD": "11110", "SIG_KOR_NM": "종로구", "geometry": JONGNO_SQUARE},
]
CITY_HALL = shapely.Point(126.9779, 37.5663)  # inside 중구


def project(geometry, srid):
    """``geometry`` (lon/lat) in EPSG:``srid``."""
    transformer = Transformer.from_crs(4326, srid, always_xy=True)
    return shapely.transform(geometry, transformer.transform, interleaved=False)


def write_shapefile(
    folder,
    rows=DISTRICT_ROWS,
    *,
    name="districts",
    srid=5186,
    encoding="CP949",
    prj=True,
    cpg=False,
):
    """Write ``rows`` (dicts with a lon/lat ``geometry``) as ``folder/name.shp``; return its path.

    ``prj`` and ``cpg`` say whether the sidecar files are kept, as agencies often drop them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.shp"
    columns = [key for key in rows[0] if key != "geometry"]
    geometry = np.array([shapely.to_wkb(project(row["geometry"], srid)) for row in rows], object)
    values = [np.array([row[column] for row in rows], dtype=object) for column in columns]
    raw.write(
        path,
        geometry,
        values,
        columns,
        driver="ESRI Shapefile",
        geometry_type="Polygon",
        crs=f"EPSG:{srid}",
        encoding=encoding,
    )
    for suffix, keep in ((".prj", prj), (".cpg", cpg)):
        if not keep:
            path.with_suffix(suffix).unlink()
    return path


def zip_files(zip_path, files, arcnames=None):
    """Zip ``files`` flat (or under ``arcnames``) into ``zip_path``."""
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, file in enumerate(files):
            archive.write(file, arcnames[index] if arcnames else file.name)
    return zip_path


def zip_shapefile(shp, zip_path=None):
    """Zip a Shapefile with all its sidecar files."""
    files = sorted(shp.parent.glob(f"{shp.stem}.*"))
    return zip_files(zip_path or shp.with_suffix(".zip"), files)


def write_geojson(path, rows=DISTRICT_ROWS, *, encoding="utf-8"):
    """Write ``rows`` as a lon/lat GeoJSON FeatureCollection in ``encoding``."""
    features = [
        {
            "type": "Feature",
            "properties": {key: value for key, value in row.items() if key != "geometry"},
            "geometry": shapely.geometry.mapping(row["geometry"]),
        }
        for row in rows
    ]
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    path.write_bytes(text.encode(encoding))
    return path
