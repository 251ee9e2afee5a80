"""``manage.py export_pmtiles MAP_ID OUT.pmtiles --maxzoom N``: a public map as one PMTiles file.

The archive is written next to OUT under a ``.partial`` name and moved into
place only when complete, so a failed or interrupted export never leaves a
truncated archive where a previous good one was.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from mapping.models import Map
from tiles.pmtiles_export import ExportError, plan_export, write_pmtiles


class Command(BaseCommand):
    help = "Write the published features of a public map as a PMTiles archive (gzipped vector tiles)."

    def add_arguments(self, parser):
        parser.add_argument("map_id", type=int, help="Id of a public map.")
        parser.add_argument("out", type=Path, help="The .pmtiles file to write (replaced if it exists).")
        parser.add_argument("--maxzoom", type=int, required=True, help="Highest zoom to render (at most 22).")
        parser.add_argument("--minzoom", type=int, default=0, help="Lowest zoom to render (default 0).")

    def handle(self, *args, map_id, out, maxzoom, minzoom, **options):
        map_ = Map.objects.filter(pk=map_id).first()
        if map_ is None:
            raise CommandError(f"There is no map with id {map_id}.")
        if not out.parent.is_dir():
            raise CommandError(f"The folder {out.parent} does not exist.")
        partial = out.with_name(out.name + ".partial")
        try:
            plan = plan_export(map_, minzoom, maxzoom)
            progress = tqdm(total=len(plan.tiles), unit="tile", desc=out.name, file=options.get("stderr") or sys.stderr)
            with partial.open("wb") as archive, progress:
                written = write_pmtiles(plan, archive, on_tile=progress.update)
        except (ExportError, OSError) as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(str(exc)) from exc
        partial.replace(out)
        names = ", ".join(layer.name for layer in plan.layers)
        self.stdout.write(self.style.SUCCESS(f"{out}: {written} tiles, zoom {minzoom}–{maxzoom}, layers: {names}."))
