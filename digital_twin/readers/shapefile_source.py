"""Where a building Shapefile is: the path GDAL opens, and its .prj and .cpg, from a zip, a folder or a .shp.

Zips are opened through ``imports.readers.archive``, which refuses member
paths that climb out, unpacked sizes and packing ratios over the limits.
"""

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from imports.readers.archive import members_with_suffix, open_archive, read_member
from imports.readers.data import Limits
from imports.readers.errors import UnsupportedFile
from imports.readers.vector import BYTES_AS_TEXT, SIDECAR_MAX_BYTES, choose_layer

SIDECARS = (".prj", ".cpg")


@dataclass(frozen=True)
class ShapefileSource:
    gdal_path: str
    layer: str
    prj: str | None
    cpg: str | None


def locate_shapefile(path, limits=None):
    """The one Shapefile in ``path`` (a .zip, a folder or a .shp)."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        with open_archive(path, limits or Limits()) as archive:
            member = choose_layer(path.name, members_with_suffix(archive, (".shp",)), None, "Shapefile")
            prj, cpg = (_zip_sidecar(archive, member, suffix) for suffix in SIDECARS)
        return ShapefileSource(f"/vsizip/{path.resolve()}/{member}", PurePosixPath(member).stem, prj, cpg)
    if path.is_dir():
        names = sorted(child.name for child in path.iterdir() if child.name.lower().endswith(".shp"))
        path = path / choose_layer(path.name, names, None, "Shapefile")
    if path.suffix.lower() != ".shp":
        raise UnsupportedFile(f"{path.name} is not a Shapefile (.shp, or a .zip holding one).")
    prj, cpg = (_disk_sidecar(path, suffix) for suffix in SIDECARS)
    return ShapefileSource(str(path), path.stem, prj, cpg)


def _zip_sidecar(archive, member, suffix):
    wanted = (member[:-4] + suffix).lower()
    info = next((i for i in archive.infolist() if i.filename.lower() == wanted), None)
    return None if info is None else read_member(archive, info, SIDECAR_MAX_BYTES).decode(BYTES_AS_TEXT)


def _disk_sidecar(shp, suffix):
    sidecar = next((c for c in (shp.with_suffix(suffix), shp.with_suffix(suffix.upper())) if c.is_file()), None)
    if sidecar is None or sidecar.stat().st_size > SIDECAR_MAX_BYTES:
        return None
    return sidecar.read_bytes().decode(BYTES_AS_TEXT)
