"""Import jobs: a file a planner uploaded, the background task that reads it, and its progress for the page.

The task writes its progress through a connection of its own (see
``digital_twin.importing.progress``), because the import itself runs in one
transaction that nobody sees until it commits.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    BUILDINGS = "buildings", _("buildings")
    TERRAIN = "terrain", _("terrain (DEM)")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ImportJob(models.Model):
    """One upload and its import: options, state, progress (done of total) and the outcome or the error."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    file = models.FileField(_("file"), upload_to="twin-imports/", max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    options = models.JSONField(_("options"), default=dict, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="twin_imports", verbose_name=_("owner")
    )
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    done = models.PositiveBigIntegerField(_("done"), default=0)
    total = models.PositiveBigIntegerField(_("total"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name} ({self.get_status_display()})"
