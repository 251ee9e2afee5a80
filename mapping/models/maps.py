"""Theme maps (주제지도): a safety map, a sharing map or another theme, made of layers."""

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .districts import District


class MapKind(models.TextChoices):
    SAFETY = "safety", _("safety map")
    SHARING = "sharing", _("sharing map")
    OTHER = "other", _("other")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    UNLISTED = "unlisted", _("unlisted (by link only)")
    PRIVATE = "private", _("private")


class Contribution(models.TextChoices):
    ANYONE = "anyone", _("any signed-in resident may add features")
    EDITORS = "editors", _("only the owner and editors add features")


class MapQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Maps ``user`` may open: public and unlisted ones, plus private maps they own or edit."""
        if user.is_authenticated and user.is_admin:
            return self
        shared = models.Q(visibility__in=[Visibility.PUBLIC, Visibility.UNLISTED])
        if not user.is_authenticated:
            return self.filter(shared)
        return self.filter(shared | models.Q(owner=user) | models.Q(editors=user)).distinct()

    def listed_for(self, user):
        """Maps shown in lists: public ones, plus any map ``user`` owns or edits (never others' unlisted)."""
        if user.is_authenticated and user.is_admin:
            return self
        public = models.Q(visibility=Visibility.PUBLIC)
        if not user.is_authenticated:
            return self.filter(public)
        return self.filter(public | models.Q(owner=user) | models.Q(editors=user)).distinct()


class Map(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    kind = models.CharField(_("kind"), max_length=10, choices=MapKind.choices, default=MapKind.OTHER)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.SET_NULL, related_name="maps", verbose_name=_("district")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_maps", verbose_name=_("owner")
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="edited_maps", verbose_name=_("editors")
    )
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    contribution = models.CharField(
        _("who adds features"), max_length=10, choices=Contribution.choices, default=Contribution.ANYONE
    )
    allow_outside_korea = models.BooleanField(_("allow features outside Korea"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = MapQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("theme map")
        verbose_name_plural = _("theme maps")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self):
        base = slugify(self.title, allow_unicode=True)[:70] or "map"
        slug, n = base, 1
        while Map.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    @property
    def etag(self):
        return f'"m{self.pk}-v{self.version}"'

    def is_managed_by(self, user):
        """Owner, editors and admins change the map and its layers."""
        if not user.is_authenticated:
            return False
        if user.is_admin or self.owner_id == user.pk:
            return True
        return self.editors.filter(pk=user.pk).exists()

    def is_visible_to(self, user):
        return self.visibility != Visibility.PRIVATE or self.is_managed_by(user)

    def accepts_features_from(self, user):
        if not user.is_authenticated or not self.is_visible_to(user):
            return False
        return self.contribution == Contribution.ANYONE or self.is_managed_by(user)
