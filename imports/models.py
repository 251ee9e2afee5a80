"""An import of a file into a layer: what was uploaded, how to read it, and how far the import has got.

The job is written before the import starts and updated from outside the
import's own transaction (``imports.progress``), so the page can show rows
done of total while the rows themselves appear only when everything
succeeded. The uploaded file lives in ``IMPORT_UPLOAD_ROOT``, outside the
public media folder, and is deleted when the job ends.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from layers.models import Layer


def upload_storage():
    return FileSystemStorage(location=settings.IMPORT_UPLOAD_ROOT)


class JobState(models.TextChoices):
    PREVIEW = "preview", _("waiting for confirmation")
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


FINISHED_STATES = (JobState.SUCCEEDED, JobState.FAILED)


class ImportJob(models.Model):
    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("layer"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="import_jobs")
    file = models.FileField(_("file"), storage=upload_storage, upload_to="%Y/%m/", blank=True, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    options = models.JSONField(
        _("options"), default=dict, blank=True, help_text=_("Encoding, CRS, sheet or layer, preset and field mapping.")
    )
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.PREVIEW)
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    created_count = models.PositiveIntegerField(_("features created"), default=0)
    skipped_count = models.PositiveIntegerField(_("rows skipped"), default=0)
    repaired_count = models.PositiveIntegerField(_("rows repaired"), default=0)
    detection = models.JSONField(_("detection"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    errors = models.JSONField(_("rows that failed"), default=list, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self):
        return f"{self.original_name} → {self.layer} ({self.state})"

    @property
    def finished_ok(self):
        return self.state == JobState.SUCCEEDED

    @property
    def is_finished(self):
        return self.state in FINISHED_STATES
