"""A layer of a theme map, with the categories its features are sorted into."""

from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping.models import Map


class GeometryKind(models.TextChoices):
    POINT = "Point", _("point")
    LINESTRING = "LineString", _("line")
    POLYGON = "Polygon", _("polygon")


class Moderation(models.TextChoices):
    OPEN = "open", _("open: published at once")
    PRE_MODERATED = "pre-moderated", _("pre-moderated: reviewed before publication")


def all_geometry_kinds():
    return list(GeometryKind.values)


class Layer(models.Model):
    map = models.ForeignKey(Map, on_delete=models.CASCADE, related_name="layers", verbose_name=_("map"))
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    geometry_kinds = ArrayField(
        models.CharField(max_length=10, choices=GeometryKind.choices),
        default=all_geometry_kinds,
        verbose_name=_("allowed geometry kinds"),
    )
    moderation = models.CharField(_("moderation"), max_length=15, choices=Moderation.choices, default=Moderation.OPEN)
    fields = models.JSONField(
        _("extra fields"),
        default=list,
        blank=True,
        help_text=_('Extra form fields: [{"key": "lighting", "label": "조명", "type": "text"}]'),
    )
    workflow = models.BooleanField(
        _("handled by the district"),
        default=False,
        help_text=_("Reports on this layer are routed to a department, with a due date and an official answer."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    revision = models.BigIntegerField(
        _("revision"), default=0, editable=False, help_text=_("Bumped by every change to its features.")
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["map", "order", "pk"]
        verbose_name = _("layer")
        verbose_name_plural = _("layers")

    def __str__(self):
        return f"{self.map} / {self.name}"

    @property
    def etag(self):
        return f'"l{self.pk}-v{self.version}"'

    @property
    def is_pre_moderated(self):
        return self.moderation == Moderation.PRE_MODERATED


class Category(models.Model):
    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="categories")
    key = models.SlugField(_("key"), max_length=40)
    label_ko = models.CharField(_("Korean label"), max_length=60)
    label_en = models.CharField(_("English label"), max_length=60, blank=True)
    icon = models.CharField(_("icon"), max_length=40, blank=True)
    color = models.CharField(
        _("colour"),
        max_length=7,
        default="#3366cc",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour is #rrggbb."))],
    )
    order = models.PositiveIntegerField(default=0)
    due_days = models.PositiveIntegerField(
        _("days to handle"), default=14, help_text=_("Default due date of an assignment, in days from assigning.")
    )
    sensitive = models.BooleanField(
        _("sensitive location"),
        default=False,
        help_text=_("The public sees these reports at a blurred location; reviewers see the exact place."),
    )

    class Meta:
        ordering = ["layer", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["layer", "key"], name="category_key_unique_in_layer")]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.label_ko
