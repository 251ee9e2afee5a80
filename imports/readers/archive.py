"""Zip archives checked before anything is unpacked: no zip-slip paths, no zip bombs.

A member whose path is absolute, has a drive letter or climbs out with ``..``
is refused (zip-slip), as is an archive that would unpack to more than the
limit in total or whose members are packed more tightly than any real
Shapefile or KML is (the compression-ratio limit catches a small bomb long
before it fills the disk). Sizes are read from the central directory and the
read of each member is capped again, since a forged directory can lie.
"""

import re
import zipfile
from pathlib import PurePosixPath

from .errors import TooLarge, UnsafeArchive, UnsupportedFile, megabytes

MIN_SIZE_FOR_RATIO = 1024 * 1024  # small members (a .prj, a .cpg) may pack as tightly as they like


def open_archive(path, limits):
    """The checked ``ZipFile`` at ``path`` (the caller closes it)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise UnsupportedFile(f"{path.name} is not a valid zip archive.") from None
    try:
        check_archive(path.name, archive.infolist(), limits)
    except Exception:
        archive.close()
        raise
    return archive


def check_archive(name, infos, limits):
    for info in infos:
        if escapes(info.filename):
            raise UnsafeArchive(
                f"{name} contains {info.filename!r}, a path that is absolute or climbs out "
                "with '..'; the archive is refused."
            )
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise TooLarge(
            f"{name} unpacks to {megabytes(total)}, more than the limit of {megabytes(limits.max_uncompressed_bytes)}."
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= MIN_SIZE_FOR_RATIO and ratio > limits.max_compression_ratio:
            raise TooLarge(
                f"{name} holds {info.filename!r}, packed {ratio:.0f} times smaller than its "
                f"{megabytes(info.file_size)}; more than {limits.max_compression_ratio:g} times looks like a "
                "zip bomb, so the archive is refused."
            )


def escapes(member):
    path = member.replace("\\", "/")
    return path.startswith("/") or bool(re.match(r"[A-Za-z]:", path)) or ".." in path.split("/")


def read_member(archive, info, limit):
    """The bytes of one member, never more than ``limit`` (a forged directory cannot make it more)."""
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"{info.filename} unpacks to more than {megabytes(limit)}.")
    return data


def members_with_suffix(archive, suffixes):
    """Names of the archive's files whose name ends in one of ``suffixes`` (lower case), skipping macOS debris."""
    return [
        info.filename
        for info in archive.infolist()
        if not info.is_dir()
        and info.filename.lower().endswith(suffixes)
        and "__MACOSX" not in PurePosixPath(info.filename).parts
    ]
