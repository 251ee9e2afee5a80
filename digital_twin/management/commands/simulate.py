"""``manage.py simulate KIND --study-area ID [--scenario ID | --base] [parameters…]``: one simulation run.

The run is recorded like one launched from a page (a ``SimulationRun`` row,
its files under ``SIMULATION_RESULTS_ROOT``) and computed in this process
with a progress bar, so it needs no worker; ``--enqueue`` hands it to the
worker instead and follows its progress until it ends. Parameters come from
the options below, or all at once from ``--parameters JSON`` (the API's
form, which they override). The same checks as the API refuse a grid too
large, a study area or scenario without buildings, a bad date or wind rose,
with the reason and a non-zero exit status.
"""

import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from mapping.errors import ServiceError
from mapping.models import User

from ...models import Scenario, SimulationKind, SimulationRun, SimulationStatus, StudyArea
from ...simulations.launch import create_run
from ...simulations.parameters import ParameterError
from ...simulations.progress import stage_label
from ...simulations.runner import execute

POLL_SECONDS = 0.5
WIND_OPTIONS = ("directions", "method", "corridor_method", "weighting")
SUN_OPTIONS = ("date", "start", "end", "step_minutes", "facades", "margin_m", "receiver")


class Command(BaseCommand):
    help = (
        "Run a planner simulation (morphometry, corridors, sunlight, or comparison of a scenario with the existing "
        "buildings) on a study area, with a progress bar; results are stored like runs launched from the pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=SimulationKind.values)
        parser.add_argument("--study-area", type=int, required=True, help="id of the study area")
        subject = parser.add_mutually_exclusive_group()
        subject.add_argument("--scenario", type=int, help="id of a scenario of the study area")
        subject.add_argument("--base", action="store_true", help="the existing buildings (the default)")
        parser.add_argument("--parameters", help="all parameters as JSON (the API's form); options below override")
        parser.add_argument("--cell-size", type=float, help="cell size in metres (wind: 25, sunlight: 2)")
        parser.add_argument("--wind-cell-size", type=float, help="comparison: cell size of the wind analysis")
        parser.add_argument("--sun-cell-size", type=float, help="comparison: cell size of the sunlight analysis")
        parser.add_argument("--directions", type=int, choices=(4, 8, 16), help="morphometry: wind directions")
        parser.add_argument("--method", choices=("macdonald", "rule_of_thumb"), help="roughness method")
        parser.add_argument("--season", help="Seoul's default wind rose of a season (illustrative; default winter)")
        parser.add_argument("--wind-rose", type=Path, help="a wind rose JSON file: directions_deg, frequency_pct, …")
        parser.add_argument("--corridor-method", choices=("frontal", "roughness"))
        parser.add_argument("--weighting", choices=("frequency", "frequency_speed"))
        parser.add_argument("--date", help="sunlight: YYYY-MM-DD (default: this year's winter solstice)")
        parser.add_argument("--start", help="sunlight: start of the window, HH:MM (default 08:00)")
        parser.add_argument("--end", help="sunlight: end of the window, HH:MM (default 16:00)")
        parser.add_argument("--step", type=int, dest="step_minutes", help="sunlight: minutes between samples (10)")
        parser.add_argument("--facades", choices=("residential", "all", "none"), help="façades checked")
        parser.add_argument("--margin", type=float, dest="margin_m", help="sunlight: shadow margin in metres (200)")
        parser.add_argument("--no-terrain", action="store_true", help="sunlight: flat ground, ignore any DEM")
        parser.add_argument("--receiver", choices=("surface", "ground"))
        parser.add_argument("--analyses", help="comparison: wind,sun (default both)")
        parser.add_argument("--loss-hours", type=float, help="comparison: loss of sun that counts (default 1 h)")
        parser.add_argument("--user", help="username recorded as the run's owner")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, choices=[c for c, _ in settings.LANGUAGES])
        parser.add_argument("--enqueue", action="store_true", help="queue the run for the worker and follow it")

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            area = StudyArea.objects.filter(pk=options["study_area"]).first()
            if area is None:
                raise CommandError(f"There is no study area {options['study_area']}.")
            scenario = None
            if options["scenario"] is not None:
                scenario = Scenario.objects.filter(pk=options["scenario"]).first()
                if scenario is None:
                    raise CommandError(f"There is no scenario {options['scenario']}.")
            owner = User.objects.filter(username=options["user"]).first() if options["user"] else None
            parameters = self.parameters(options)
            try:
                run = create_run(options["kind"], area, scenario, parameters, owner=owner, enqueue=options["enqueue"])
            except ParameterError as exc:
                raise CommandError(f"{exc.field}: {exc.message}") from exc
            except ServiceError as exc:
                raise CommandError(exc.message) from exc
            self.stdout.write(f"Simulation run {run.pk}: {run.get_kind_display()} of {scenario or area}.")
            self.follow(run, options["enqueue"])

    def parameters(self, options):
        raw = json.loads(options["parameters"]) if options["parameters"] else {}
        wind, sun = self.wind_parameters(options), self.sun_parameters(options)
        kind = options["kind"]
        if kind == SimulationKind.COMPARISON:
            wind.pop("directions", None)
            if options["wind_cell_size"]:
                wind["cell_size"] = options["wind_cell_size"]
            if options["sun_cell_size"]:
                sun["cell_size"] = options["sun_cell_size"]
            raw["wind"] = {**raw.get("wind", {}), **wind}
            raw["sun"] = {**raw.get("sun", {}), **sun}
            if options["analyses"]:
                raw["analyses"] = options["analyses"].split(",")
            if options["loss_hours"] is not None:
                raw["loss_hours"] = options["loss_hours"]
            return raw
        own = sun if kind == SimulationKind.SUNLIGHT else wind
        if kind == SimulationKind.MORPHOMETRY:
            own.pop("wind_rose", None)
            own.pop("corridor_method", None)
            own.pop("weighting", None)
        elif kind == SimulationKind.CORRIDORS:
            own.pop("directions", None)
        if options["cell_size"]:
            own["cell_size"] = options["cell_size"]
        return {**raw, **own}

    def wind_parameters(self, options):
        found = {key: options[key] for key in WIND_OPTIONS if options[key] is not None}
        if options["season"]:
            found["wind_rose"] = {"season": options["season"]}
        if options["wind_rose"]:
            try:
                found["wind_rose"] = json.loads(options["wind_rose"].read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"Cannot read the wind rose {options['wind_rose']}: {exc}") from exc
        return found

    def sun_parameters(self, options):
        found = {key: options[key] for key in SUN_OPTIONS if options[key] is not None}
        if options["no_terrain"]:
            found["terrain"] = False
        return found

    def follow(self, run, queued):
        bar = tqdm(total=100.0, file=self.stderr._out, dynamic_ncols=True, bar_format="{desc}: {bar} {n:.0f}%")

        def show(stage, percent):
            bar.set_description_str(stage_label(stage))
            bar.n = percent
            bar.refresh()

        started = time.monotonic()
        if queued:
            run = self.wait(run, show)
        else:
            execute(run.pk, run.attempt, listener=show)
            run.refresh_from_db()
        if run.status == SimulationStatus.SUCCEEDED:
            show("done", 100.0)
        bar.close()
        self.report(run, time.monotonic() - started)

    def wait(self, run, show):
        while True:
            run = SimulationRun.objects.get(pk=run.pk)
            show(run.stage or "queued", run.progress)
            if run.status not in (SimulationStatus.QUEUED, SimulationStatus.RUNNING):
                return run
            if run.is_stale():
                raise CommandError(f"Run {run.pk} is stale: its worker stopped answering. Queue it again.")
            time.sleep(POLL_SECONDS)

    def report(self, run, seconds):
        if run.status != SimulationStatus.SUCCEEDED:
            raise CommandError(f"Run {run.pk} {run.status}: {run.error}")
        self.stdout.write(f"Succeeded in {seconds:.1f} s; files in {run.folder}:")
        for entry in run.outputs["files"]:
            self.stdout.write(f"  {entry['name']} ({entry['bytes']:,} bytes)")
        for warning in run.statistics.get("warnings", ()):
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        if "committee" in run.statistics:
            self.stdout.write(json.dumps(run.statistics["committee"], ensure_ascii=False, indent=2))
