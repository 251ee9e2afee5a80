"""``manage.py import_buildings FILE``: buildings (Shapefile, CityJSON, CityGML) or a DEM GeoTIFF into the twin.

Prints how the file was understood (format, CRS, encoding, field map) and a
progress bar. Any problem — an unknown CRS, an invalid footprint, a height
that is negative or over 600 m, a DEM that overlaps no building — stops it
with the reason and a non-zero exit status, and nothing is written.
"""

from django.core.management.base import BaseCommand, CommandError

from imports.detection import ALLOWED_SRIDS, DetectionError
from imports.readers import ReaderError

from ...importing.buildings import import_buildings
from ...importing.files import is_dem
from ...importing.progress import BarProgress
from ...importing.terrain import import_terrain
from ...readers.errors import TwinFileError
from ...readers.field_maps import SHIPPED
from ...readers.limits import DEFAULT_STOREY_HEIGHT_M


class Command(BaseCommand):
    help = (
        "Import buildings from a zipped Shapefile (GIS건물통합정보), CityJSON 1.1/2.0 or CityGML 2.0, updating "
        "buildings of the same source by their id; or register a DEM GeoTIFF as terrain and sample ground heights."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=".zip/.shp Shapefile, .json/.jsonl CityJSON, .gml CityGML or .tif DEM")
        parser.add_argument("--source", default="gis-building", help="source name; re-imports update its buildings")
        parser.add_argument(
            "--field-map", help=f"columns of a Shapefile: {' or '.join(SHIPPED)} (default: the one that fits) or FILE"
        )
        parser.add_argument(
            "--storey-height",
            type=float,
            default=DEFAULT_STOREY_HEIGHT_M,
            help=f"metres per floor for heights estimated from floors (default {DEFAULT_STOREY_HEIGHT_M})",
        )
        parser.add_argument(
            "--srid", type=int, help=f"EPSG code when the file declares none ({', '.join(map(str, ALLOWED_SRIDS))})"
        )
        parser.add_argument("--encoding", help="text encoding of a Shapefile's attributes, e.g. cp949")
        parser.add_argument("--name", help="name of the terrain (a DEM import; default: the file name)")
        parser.add_argument("--dry-run", action="store_true", help="read and check everything, then write nothing")

    def handle(self, *args, **options):
        if not 0.5 <= options["storey_height"] <= 10:
            raise CommandError("--storey-height must be between 0.5 and 10 metres.")
        progress = BarProgress(self.stderr._out)
        try:
            if is_dem(options["file"]):
                self._terrain(options, progress)
            else:
                self._buildings(options, progress)
        except (TwinFileError, DetectionError, ReaderError) as exc:
            raise CommandError(f"Nothing imported. {exc}") from exc
        finally:
            progress.close()

    def _buildings(self, options, progress):
        outcome = import_buildings(
            options["file"],
            source=options["source"],
            field_map=options["field_map"],
            storey_height=options["storey_height"],
            srid=options["srid"],
            encoding=options["encoding"],
            dry_run=options["dry_run"],
            progress=progress,
        )
        progress.close()
        for label, value in (("Coordinate system", outcome.crs), ("Text encoding", outcome.encoding)):
            if value:
                self.stdout.write(f"{label}: {value}.")
        if outcome.field_map:
            self.stdout.write(f"Field map: {outcome.field_map}.")
        verb = "Would import" if outcome.dry_run else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {outcome.read} buildings from {outcome.file_format} as source {outcome.source!r}: "
                f"{outcome.created} new, {outcome.updated} updated; {outcome.estimated} heights estimated from "
                f"floors; {outcome.with_ground} with a ground height from the terrain."
            )
        )

    def _terrain(self, options, progress):
        if options["dry_run"]:
            raise CommandError("--dry-run applies to building files only.")
        outcome = import_terrain(
            options["file"], name=options["name"], source=options["source"], srid=options["srid"], progress=progress
        )
        progress.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"Terrain {outcome.name!r}: {outcome.resolution:g} m cells, {outcome.min_elevation:.1f}–"
                f"{outcome.max_elevation:.1f} m; ground height of {outcome.buildings_sampled} buildings sampled."
            )
        )
