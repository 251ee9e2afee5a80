"""Step-by-step guides in Korean and English, their revisions and the images they show.

A guide is a list of steps; each step has an ``anchor`` (its own address,
``/guides/<slug>/#<anchor>`` and ``/guides/<slug>/steps/<anchor>/``) and may
answer one ``EditorTopic``, the place in the map editor whose help link opens
it. Step bodies are HTML written by guide authors; they are cleaned with nh3
(guides/sanitise.py) when saved and again when shown. Every save keeps a
``GuideRevision`` with the whole guide as it was saved, so any revision can be
read and restored. ``version`` is the ETag a save must name (If-Match).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def in_language(obj, field, language=None):
    """``obj.<field>_en`` in English when it is written, else the Korean ``obj.<field>_ko``."""
    if (language or get_language()) == "en":
        english = getattr(obj, f"{field}_en")
        if english:
            return english
    return getattr(obj, f"{field}_ko")


class EditorTopic(models.TextChoices):
    """Places of the map editor that link to the guide step answering them."""

    DRAW = "draw", _("drawing a place on the map")
    CATEGORY = "category", _("choosing a category")
    DESCRIBE = "describe", _("writing the title and summary")
    PHOTOS = "photos", _("taking photos")
    PRIVACY = "privacy", _("privacy of a report")


class Guide(models.Model):
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title_ko = models.CharField(_("Korean title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    summary_ko = models.TextField(_("Korean summary"), max_length=1000, blank=True)
    summary_en = models.TextField(_("English summary"), max_length=1000, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished guides only show to their authors.")
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["order", "pk"]
        permissions = [("author_guides", _("Can write, publish and restore guides"))]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def __str__(self):
        return self.title_ko

    @property
    def etag(self):
        return f'"g{self.pk}-v{self.version}"'

    def title(self, language=None):
        return in_language(self, "title", language)

    def summary(self, language=None):
        return in_language(self, "summary", language)


class GuideStep(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="steps", verbose_name=_("guide"))
    anchor = models.SlugField(_("anchor"), max_length=60, help_text=_("The step's address within its guide."))
    order = models.PositiveIntegerField(_("order"), default=0)
    topic = models.CharField(
        _("editor help for"),
        max_length=12,
        choices=EditorTopic.choices,
        blank=True,
        help_text=_("The help link of this place in the map editor opens this step."),
    )
    title_ko = models.CharField(_("Korean title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    body_ko = models.TextField(_("Korean text"), blank=True)
    body_en = models.TextField(_("English text"), blank=True)

    class Meta:
        ordering = ["guide", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["guide", "anchor"], name="guide_step_anchor_unique")]
        verbose_name = _("guide step")
        verbose_name_plural = _("guide steps")

    def __str__(self):
        return f"{self.guide} / {self.title_ko}"

    def title(self, language=None):
        return in_language(self, "title", language)

    def body(self, language=None):
        return in_language(self, "body", language)

    def is_translated(self, language=None):
        return (language or get_language()) != "en" or bool(self.body_en and self.title_en)


class GuideRevision(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("guide"))
    number = models.PositiveIntegerField(_("revision"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created = models.DateTimeField(_("saved"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    restored_from = models.PositiveIntegerField(_("restored from revision"), null=True, blank=True)
    content = models.JSONField(_("content"), help_text=_("The whole guide as it was saved: titles, summaries, steps."))

    class Meta:
        ordering = ["guide", "-number"]
        constraints = [models.UniqueConstraint(fields=["guide", "number"], name="guide_revision_number_unique")]
        verbose_name = _("guide revision")
        verbose_name_plural = _("guide revisions")

    def __str__(self):
        return f"{self.guide} r{self.number}"


class GuideImage(models.Model):
    """A picture for guides, cleaned of its metadata like a report's photo, served from MEDIA_ROOT."""

    image = models.ImageField(_("image"), upload_to="guides/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    description = models.CharField(
        _("description"), max_length=300, help_text=_("What the image shows (its alt text).")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("guide image")
        verbose_name_plural = _("guide images")

    def __str__(self):
        return self.description
