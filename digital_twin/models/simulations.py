"""Simulation runs: one planner question (wind, sunlight, or base vs scenario) computed by the task worker.

A run is the base city (``scenario`` empty) or a scenario over a study area,
with validated, fully resolved parameters (defaults filled in when it was
created, so running it again gives the same results). The worker writes its
progress and stage on the row between the steps of the kernels and checks
``cancel_requested`` there; its companion process keeps the heartbeat going
(``simulations.heartbeat``). A worker killed in the middle leaves the row
``running`` with a heartbeat that stops moving: ``is_stale`` says so once
it is older than ``SIMULATION_STALE_SECONDS``, and such a run can be queued
again. Every new attempt bumps ``attempt``; a worker only writes to the row
while the attempt it was given is the current one, so a late worker can never
overwrite a newer attempt.

Result files (COGs, PNG overlays and legends, statistics JSON, the report)
live under ``SIMULATION_RESULTS_ROOT/<id>/a<attempt>/``, listed in ``outputs``.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .scenarios import Scenario, StudyArea


class SimulationKind(models.TextChoices):
    MORPHOMETRY = "morphometry", _("urban morphometry")
    CORRIDORS = "corridors", _("wind corridors")
    SUNLIGHT = "sunlight", _("sunlight")
    COMPARISON = "comparison", _("scenario comparison")


class SimulationStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("cancelled")


FINISHED = (SimulationStatus.SUCCEEDED, SimulationStatus.FAILED, SimulationStatus.CANCELLED)


class SimulationRun(models.Model):
    """One simulation of the base city or a scenario: parameters, state, progress, timings and results."""

    kind = models.CharField(_("kind"), max_length=20, choices=SimulationKind.choices)
    study_area = models.ForeignKey(
        StudyArea, on_delete=models.CASCADE, related_name="simulation_runs", verbose_name=_("study area")
    )
    scenario = models.ForeignKey(
        Scenario,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="simulation_runs",
        verbose_name=_("scenario"),
        help_text=_("Empty for the existing buildings (the base city)."),
    )
    scenario_version = models.PositiveIntegerField(_("scenario version"), null=True, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict)
    language = models.CharField(_("language"), max_length=8, default="ko")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="simulation_runs",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SimulationStatus.choices, default=SimulationStatus.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    progress = models.FloatField(_("progress (%)"), default=0.0)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    attempt = models.PositiveIntegerField(_("attempt"), default=1)
    worker = models.CharField(_("worker"), max_length=200, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    queued = models.DateTimeField(_("queued"), default=timezone.now)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat = models.DateTimeField(_("heartbeat"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    outputs = models.JSONField(_("result files"), default=dict, blank=True)
    statistics = models.JSONField(_("statistics"), default=dict, blank=True)
    error = models.TextField(_("error message"), blank=True)

    class Meta:
        verbose_name = _("simulation run")
        verbose_name_plural = _("simulation runs")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["study_area", "scenario", "-created"], name="simulation_run_listing")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100), name="simulation_run_progress_percent"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="comparison") | models.Q(scenario__isnull=False),
                name="simulation_comparison_has_a_scenario",
            ),
        ]

    def __str__(self):
        subject = self.scenario.name if self.scenario_id else _("existing buildings")
        return f"{self.get_kind_display()} · {subject} ({self.get_status_display()})"

    def is_stale(self, now=None):
        """Running, but its worker has not written a heartbeat for longer than ``SIMULATION_STALE_SECONDS``."""
        if self.status != SimulationStatus.RUNNING:
            return False
        last = self.heartbeat or self.started or self.queued
        limit = timedelta(seconds=settings.SIMULATION_STALE_SECONDS)
        return last < (now or timezone.now()) - limit

    @property
    def state(self):
        """The status, or "stale" for a run whose worker stopped answering."""
        return "stale" if self.is_stale() else self.status

    @property
    def can_requeue(self):
        return self.status in (SimulationStatus.FAILED, SimulationStatus.CANCELLED) or self.is_stale()

    @property
    def can_cancel(self):
        return self.status in (SimulationStatus.QUEUED, SimulationStatus.RUNNING)

    @property
    def folder(self):
        """Where this attempt's result files are."""
        return settings.SIMULATION_RESULTS_ROOT / str(self.pk) / f"a{self.attempt}"
