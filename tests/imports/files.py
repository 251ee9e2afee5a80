"""Files written by the tests the way other tools write them: GPX, KML/KMZ, XLSX, GeoPackage, CSV."""

import zipfile

import numpy as np
import shapely
from openpyxl import Workbook
from pyogrio import raw

from .helpers import project

GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="37.5663" lon="126.9779"><ele>38</ele><time>2024-05-01T09:00:00Z</time>
    <name>시청 앞</name><desc>출발</desc></wpt>
  <wpt lat="37.5700" lon="126.9920"><name>종묘</name></wpt>
  <trk><name>아침 산책</name><desc>청계천 따라</desc>
    <trkseg><trkpt lat="37.5690" lon="126.9780"><time>2024-05-01T09:05:00Z</time></trkpt>
      <trkpt lat="37.5692" lon="126.9850"/><trkpt lat="37.5695" lon="126.9900"/></trkseg>
  </trk>
  <trk><name>한 점뿐</name><trkseg><trkpt lat="37.5600" lon="126.9800"/></trkseg></trk>
</gpx>
"""

KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>동네 지도</name>
  <Folder><name>어두운 골목</name>
    <Placemark><name>골목 입구</name><description>가로등이 꺼져 있음</description>
      <ExtendedData><Data name="lamps"><value>3</value></Data></ExtendedData>
      <Point><coordinates>126.9853,37.5637,0</coordinates></Point></Placemark>
  </Folder>
  <Folder><name>침수</name>
    <Placemark><name>지하도</name>
      <Polygon><outerBoundaryIs><LinearRing><coordinates>
        126.990,37.560 126.992,37.560 126.992,37.562 126.990,37.562 126.990,37.560
      </coordinates></LinearRing></outerBoundaryIs>
      <innerBoundaryIs><LinearRing><coordinates>
        126.9905,37.5605 126.9910,37.5605 126.9910,37.5610 126.9905,37.5605
      </coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>
    <Placemark><name>물길</name>
      <LineString><coordinates>126.980,37.565 126.985,37.566</coordinates></LineString></Placemark>
  </Folder>
</Document></kml>
"""

XXE_KML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE kml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&secret;</name>
<Point><coordinates>126.98,37.56</coordinates></Point></Placemark></kml>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>
<gpx xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="37.56" lon="126.98"><name>&c;</name></wpt></gpx>
"""


def write_text(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def write_kmz(path, kml=KML):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("doc.kml", kml)
        archive.writestr("files/icon.png", b"\x89PNG")
    return path


def write_xlsx(path, rows, sheet="가로등"):
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    workbook.save(path)
    return path


def write_geopackage(path, rows, *, srid=5186, layer="facilities"):
    """``rows``: dicts with a lon/lat ``geometry``; written in EPSG:``srid``."""
    columns = [key for key in rows[0] if key != "geometry"]
    geometry = np.array([shapely.to_wkb(project(row["geometry"], srid)) for row in rows], dtype=object)
    values = [np.array([row[column] for row in rows], dtype=object) for column in columns]
    raw.write(path, geometry, values, columns, driver="GPKG", layer=layer, geometry_type="Unknown", crs=f"EPSG:{srid}")
    return path
