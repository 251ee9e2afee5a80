"""Seoul's autonomous districts (자치구) and the departments that belong to them."""

from django.contrib.gis.db import models
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """A 자치구 with its SGIS code (SIG_CD, e.g. ``11110`` for 종로구) and boundary."""

    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^\d{5}$", _("A district code is five digits (SIG_CD)."))],
    )
    name_ko = models.CharField(_("Korean name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    boundary = models.MultiPolygonField(_("boundary"), srid=4326)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return f"{self.name_ko} ({self.code})"


class Department(models.Model):
    """A department of a district office that can be assigned reports."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="departments", verbose_name=_("district")
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["district__code", "name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="department_unique_per_district")]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return f"{self.district.name_ko} {self.name}"
