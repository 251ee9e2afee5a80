"""Photos attached to a feature: stored without EXIF, with a display copy and a thumbnail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .features import Feature


class Photo(models.Model):
    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("image"), upload_to="photos/%Y/%m/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="photos/%Y/%m/thumbs/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["feature", "created", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.image.name
