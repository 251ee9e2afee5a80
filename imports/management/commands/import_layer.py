"""``manage.py import_layer LAYER_ID FILE``: import a file's features into a layer, all or nothing.

Prints how the file was understood (text encoding and coordinate system,
with how sure and why), the field mapping, and how many rows will be skipped
or repaired and why, with their lines. ``--dry-run`` stops there. Otherwise
the features are written in one transaction with a progress bar; a failure
leaves no row behind, lists the rows at fault and exits non-zero.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from imports.detection import ALLOWED_SRIDS, describe
from imports.importing import ImportFailed, prepare
from imports.jobs import import_from_command
from imports.models import JobState
from layers.models import Layer
from mapping.models import User


class Command(BaseCommand):
    help = (
        "Import a GeoJSON, zipped Shapefile, GeoPackage, KML/KMZ, GPX, CSV/TSV or XLSX file into a layer. "
        "Nothing is written when any part fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("layer_id", type=int, help="id of the layer to import into")
        parser.add_argument("file", help="the file to import")
        parser.add_argument("--encoding", help="text encoding, e.g. cp949 or utf-8 (default: detected)")
        parser.add_argument(
            "--srid", type=int, help=f"EPSG code of the coordinates ({', '.join(map(str, ALLOWED_SRIDS))})"
        )
        parser.add_argument("--layer", dest="source_layer", help="the Shapefile, GeoPackage layer or sheet to read")
        parser.add_argument("--preset", help="an import preset (imports/presets/ or IMPORT_PRESETS_DIRS)")
        parser.add_argument("--dry-run", action="store_true", help="read and check only; write nothing")
        parser.add_argument("--strict", action="store_true", help="import nothing if any row cannot be imported")
        parser.add_argument("--user", help="username of the author of the features (default: the map's owner)")
        parser.add_argument("--title", help="column (or template such as '{sgg} {emd}') for the titles")
        parser.add_argument("--summary", help="column for the summaries")
        parser.add_argument("--category", help="column holding the categories")
        parser.add_argument("--default-category", help="category key for rows without a known category")
        parser.add_argument("--field", action="append", default=[], help="KEY=COLUMN for an extra field of the layer")

    def handle(self, *args, **options):
        layer = Layer.objects.select_related("map__owner").filter(pk=options["layer_id"]).first()
        if layer is None:
            raise CommandError(f"No layer {options['layer_id']}.")
        user = self._user(options["user"], layer)
        import_options = self._import_options(options)
        try:
            prepared = prepare(options["file"], layer, import_options)
        except ImportFailed as exc:
            raise CommandError(f"Nothing imported. {exc.message}") from exc
        import_options["mapping"] = prepared.mapping.as_dict()
        self._report(prepared)
        if options["dry_run"]:
            self.stdout.write(self.style.SUCCESS(f"Dry run: {prepared.plan.count} features would be imported."))
            return
        with tqdm(total=prepared.plan.count, unit="feature", desc="Importing", file=self.stderr) as bar:
            job = import_from_command(layer, user, options["file"], import_options, _bar_progress(bar))
        if job.state != JobState.SUCCEEDED:
            for error in job.errors:
                self.stderr.write(f"  {error['where']}: {error['reason']} {error['detail']}".rstrip())
            raise CommandError(f"Nothing imported. {job.message}")
        self.stdout.write(self.style.SUCCESS(f"Imported {job.created_count} features into '{layer.name}'."))

    def _user(self, username, layer):
        if not username:
            return layer.map.owner
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        return user

    def _import_options(self, options):
        mapping = {}
        for name in ("title", "summary", "category"):
            if options[name]:
                mapping[name] = options[name]
        if options["default_category"]:
            mapping["default_category"] = options["default_category"]
        fields = dict(item.split("=", 1) for item in options["field"] if "=" in item)
        if fields:
            mapping["fields"] = fields
        return {
            "encoding": options["encoding"],
            "srid": options["srid"],
            "layer": options["source_layer"],
            "preset": options["preset"],
            "strict": options["strict"],
            "mapping": mapping,
        }

    def _report(self, prepared):
        data, plan, mapping = prepared.data, prepared.plan, prepared.mapping
        self.stdout.write(f"Read {plan.total} rows from {data.layer}.")
        encoding, crs = data.encoding, data.crs
        self.stdout.write(f"Text encoding: {encoding.value} ({encoding.reason}; {encoding.confidence:.0%} sure)")
        self.stdout.write(f"Coordinates: {describe(crs.srid)} ({crs.reason}; {crs.confidence:.0%} sure)")
        for note in data.notes:
            self.stdout.write(f"  {note}")
        if prepared.preset:
            self.stdout.write(f"Preset: {prepared.preset.key} ({prepared.preset.label_ko})")
        self.stdout.write(
            f"Mapping: title ← {mapping.title or '(the category name)'}, summary ← {mapping.summary or '(none)'}, "
            f"category ← {mapping.category or '(all ' + mapping.default_category + ')'}"
        )
        for key, column in mapping.fields.items():
            self.stdout.write(f"  field {key} ← {column}")
        for value, key in mapping.category_values.items():
            self.stdout.write(f"  category {value!r} → {key}")
        self.stdout.write(f"{plan.count} to import, {len(plan.skipped)} to skip, {len(plan.repaired)} repairs.")
        for title, problems in (("skipped", plan.skipped), ("repaired", plan.repaired)):
            for reason, count, places in plan.reasons(problems):
                self.stdout.write(f"  {title}: {count} × {reason} ({', '.join(places)}{', …' if count > 5 else ''})")


def _bar_progress(bar):
    def progress(done, total):
        bar.update(done - bar.n)

    return progress
