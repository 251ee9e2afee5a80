"""Progress of one attempt of a run: percent, stage and heartbeat on its row, cancellation checked there too.

The runner calls ``step`` between the kernel calls (never inside one: numba
holds the interpreter while it computes). Each step writes the percent, the
stage and a fresh heartbeat, but only while the row is still running the same
attempt; then it reads ``cancel_requested``. A planner's cancel thus takes
effect at the next step, and a worker whose run was re-queued or cancelled
behind its back (it was taken for dead) stops there instead of writing over the
newer attempt. A ``part`` maps the steps of a sub-task (the base side of a
comparison) onto a share of the whole.

Stages are stored as keys (``corridors:225`` — the corridors for wind from
225°; ``base/sun_hours`` — the base city's sun hours in a comparison) and put
into words where they are shown, in the reader's language.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import SimulationRun, SimulationStatus


class Cancelled(Exception):
    """A planner asked for the run to stop."""


class Superseded(Exception):
    """The row no longer runs this attempt (re-queued, or cancelled while it looked stale)."""


class Reporter:
    def __init__(self, run_id, attempt, listener=None, low=0.0, high=100.0, prefix=""):
        self.run_id, self.attempt, self.listener = run_id, attempt, listener
        self.low, self.high, self.prefix = low, high, prefix

    def part(self, start, end, prefix=""):
        """A reporter for the share ``start``–``end`` (0–1) of this one's span, its stages prefixed."""
        span = self.high - self.low
        return Reporter(
            self.run_id, self.attempt, self.listener, self.low + span * start, self.low + span * end,
            f"{self.prefix}{prefix}",
        )  # fmt: skip

    def step(self, stage, fraction):
        """``stage`` begins, ``fraction`` (0–1) of this span being done; raises ``Cancelled`` or ``Superseded``."""
        percent = round(self.low + (self.high - self.low) * min(max(fraction, 0.0), 1.0), 1)
        stage = f"{self.prefix}{stage}"
        current = SimulationRun.objects.filter(pk=self.run_id, attempt=self.attempt, status=SimulationStatus.RUNNING)
        if not current.update(stage=stage, progress=percent, heartbeat=timezone.now()):
            raise Superseded(self.run_id)
        if self.listener is not None:
            self.listener(stage, percent)
        if current.filter(cancel_requested=True).exists():
            raise Cancelled(self.run_id)


def stage_label(stage):
    """A stage key in words."""
    if not stage:
        return ""
    side, _slash, key = stage.rpartition("/")
    name, _colon, argument = key.partition(":")
    labels = {
        "queued": _("waiting for the worker"),
        "buildings": _("reading the buildings"),
        "terrain": _("reading the terrain"),
        "morphometry": _("urban morphometry (λp, λf, z0, zd)"),
        "corridors": _("corridors for wind from %(direction)s°"),
        "rasterise": _("building heights on the grid"),
        "sun_hours": _("hours of sun"),
        "sunlight_rule": _("sunlight-right check on the winter solstice"),
        "facades": _("ground-floor façades"),
        "differences": _("differences and the committee's summary"),
        "outputs": _("writing the result files"),
        "done": _("done"),
    }
    label = labels.get(name, name)
    if "%(direction)s" in label:
        label = label % {"direction": argument}
    sides = {"base": _("existing buildings"), "scenario": _("scenario")}
    return f"{sides.get(side, side)}: {label}" if side else label
