"""Choosing what to map: residents nominate information worth mapping, others support it, and the
district's staff select or decline each nomination with a published reason.

A selected nomination becomes a ``TopicTemplate``: one layer with its
categories, offered on the new-map page (a new map made of that layer) or
added to an existing map (``scope`` says which the staff meant first; both are
possible). ``support_count`` is kept by guides/services/ballots.py in the same
transaction as the support rows, one per user.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from layers.models import GeometryKind
from layers.models.layers import all_geometry_kinds
from mapping.models import District
from mapping.models.maps import MapKind

from .guides import in_language


class NominationKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("place-based administrative information")
    KNOW_HOW = "know-how", _("village know-how")


class NominationState(models.TextChoices):
    OPEN = "open", _("open for support")
    SELECTED = "selected", _("selected")
    DECLINED = "declined", _("declined")


class Nomination(models.Model):
    title = models.CharField(_("what to map"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=NominationKind.choices)
    reason = models.TextField(_("why it is worth mapping"), max_length=2000)
    example = models.TextField(
        _("an example"),
        max_length=2000,
        blank=True,
        help_text=_("A place, a source or a map that shows what you mean."),
    )
    district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
        verbose_name=_("district"),
        help_text=_("Its safety team decides; city-wide nominations are decided by the administrators."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="nominations"
    )
    support_count = models.PositiveIntegerField(_("supporters"), default=0, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=NominationState.choices, default=NominationState.OPEN)
    decision_reason = models.TextField(_("published reason"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["state", "-support_count"])]
        verbose_name = _("topic nomination")
        verbose_name_plural = _("topic nominations")

    def __str__(self):
        return self.title

    @property
    def etag(self):
        return f'"n{self.pk}-v{self.version}"'


class NominationSupport(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nomination", "user"], name="nomination_support_once")]
        verbose_name = _("support of a nomination")
        verbose_name_plural = _("supports of nominations")

    def __str__(self):
        return f"{self.user} → {self.nomination}"


class TemplateScope(models.TextChoices):
    MAP = "map", _("a new map")
    LAYER = "layer", _("a layer of an existing map")


class TopicTemplate(models.Model):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    nomination = models.OneToOneField(
        Nomination, null=True, blank=True, on_delete=models.SET_NULL, related_name="template"
    )
    scope = models.CharField(_("made for"), max_length=6, choices=TemplateScope.choices, default=TemplateScope.MAP)
    map_kind = models.CharField(_("map kind"), max_length=10, choices=MapKind.choices, default=MapKind.OTHER)
    label_ko = models.CharField(_("Korean name"), max_length=100)
    label_en = models.CharField(_("English name"), max_length=100, blank=True)
    description_ko = models.TextField(_("Korean description"), max_length=1000, blank=True)
    description_en = models.TextField(_("English description"), max_length=1000, blank=True)
    geometry_kinds = ArrayField(
        models.CharField(max_length=10, choices=GeometryKind.choices),
        default=all_geometry_kinds,
        verbose_name=_("allowed geometry kinds"),
    )
    categories = models.JSONField(
        _("categories"), help_text=_('[{"key": "ramp", "label_ko": "경사로", "label_en": "Ramp", "color": "#2f855a"}]')
    )
    active = models.BooleanField(_("offered on the new-map page"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("topic template")
        verbose_name_plural = _("topic templates")

    def __str__(self):
        return self.label_ko

    def label(self, language=None):
        return in_language(self, "label", language)

    def description(self, language=None):
        return in_language(self, "description", language)
