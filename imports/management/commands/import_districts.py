"""``manage.py import_districts FILE``: insert or update Seoul's districts from a boundary file.

Prints the text encoding and coordinate system it used and why. When either
cannot be told, or the file is unsafe or malformed, it stops with the reason
and a non-zero exit status, and nothing is written.
"""

from django.core.management.base import BaseCommand, CommandError

from imports.detection import ALLOWED_SRIDS, DetectionError
from imports.districts import DistrictImportError, load_districts
from imports.readers import ReaderError


class Command(BaseCommand):
    help = (
        "Insert or update districts (자치구) from a GeoJSON file or an ESRI Shapefile "
        "(.zip, folder or .shp), matched by their five-digit code (SIG_CD)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="GeoJSON file, zipped Shapefile, .shp or folder")
        parser.add_argument(
            "--srid",
            type=int,
            help="EPSG code of the coordinates when the file has no usable .prj "
            f"({', '.join(map(str, ALLOWED_SRIDS))})",
        )
        parser.add_argument("--encoding", help="text encoding of the attributes, e.g. cp949 or utf-8")
        parser.add_argument("--layer", help="which Shapefile to read when there are several")

    def handle(self, *args, **options):
        try:
            count = load_districts(
                options["file"],
                srid=options["srid"],
                encoding=options["encoding"],
                layer=options["layer"],
                stdout=self.stdout,
            )
        except (DetectionError, ReaderError, DistrictImportError) as exc:
            raise CommandError(f"Nothing imported. {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {count} districts."))
