"""Simulation runs: planner simulations (wind, sunlight, scenario comparison) executed by the task worker."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("digital_twin", "0004_building_tile_generalisation_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SimulationRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("morphometry", "urban morphometry"),
                            ("corridors", "wind corridors"),
                            ("sunlight", "sunlight"),
                            ("comparison", "scenario comparison"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "scenario_version",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="scenario version"),
                ),
                ("parameters", models.JSONField(default=dict, verbose_name="parameters")),
                ("language", models.CharField(default="ko", max_length=8, verbose_name="language")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "queued"),
                            ("running", "running"),
                            ("succeeded", "succeeded"),
                            ("failed", "failed"),
                            ("cancelled", "cancelled"),
                        ],
                        default="queued",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("stage", models.CharField(blank=True, max_length=100, verbose_name="stage")),
                ("progress", models.FloatField(default=0.0, verbose_name="progress (%)")),
                ("cancel_requested", models.BooleanField(default=False, verbose_name="cancel requested")),
                ("attempt", models.PositiveIntegerField(default=1, verbose_name="attempt")),
                ("worker", models.CharField(blank=True, max_length=200, verbose_name="worker")),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("queued", models.DateTimeField(default=django.utils.timezone.now, verbose_name="queued")),
                ("started", models.DateTimeField(blank=True, null=True, verbose_name="started")),
                ("heartbeat", models.DateTimeField(blank=True, null=True, verbose_name="heartbeat")),
                ("finished", models.DateTimeField(blank=True, null=True, verbose_name="finished")),
                ("outputs", models.JSONField(blank=True, default=dict, verbose_name="result files")),
                ("statistics", models.JSONField(blank=True, default=dict, verbose_name="statistics")),
                ("error", models.TextField(blank=True, verbose_name="error message")),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="simulation_runs",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="owner",
                    ),
                ),
                (
                    "scenario",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for the existing buildings (the base city).",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="simulation_runs",
                        to="digital_twin.scenario",
                        verbose_name="scenario",
                    ),
                ),
                (
                    "study_area",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="simulation_runs",
                        to="digital_twin.studyarea",
                        verbose_name="study area",
                    ),
                ),
            ],
            options={
                "verbose_name": "simulation run",
                "verbose_name_plural": "simulation runs",
                "ordering": ["-created", "-pk"],
                "indexes": [models.Index(fields=["study_area", "scenario", "-created"], name="simulation_run_listing")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("progress__gte", 0), ("progress__lte", 100)),
                        name="simulation_run_progress_percent",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "comparison"), _negated=True),
                            ("scenario__isnull", False),
                            _connector="OR",
                        ),
                        name="simulation_comparison_has_a_scenario",
                    ),
                ],
            },
        ),
    ]
