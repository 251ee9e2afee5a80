"""How a district handles reports: its policy, the timeline of each report and referrals elsewhere.

``DistrictPolicy`` holds the numbers a district sets for itself: the 공감
threshold (so many votes within so many days → an official answer due within
so many days), how close and how recent a report must be to be flagged as a
possible duplicate, and where individual complaints (민원) are forwarded.
``TimelineEvent`` is every step a report takes, timestamped and attributed.
``Referral`` records a report routed as a 민원 or an on-site fix instead of
staying on the map.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping.models import Department, District

from .features import Feature, Stage


class DistrictPolicy(models.Model):
    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="policy")
    vote_threshold = models.PositiveIntegerField(_("공감 votes needed"), default=50)
    vote_window_days = models.PositiveIntegerField(_("within days of publication"), default=30)
    answer_days = models.PositiveIntegerField(_("days to give an official answer"), default=20)
    duplicate_distance_m = models.PositiveIntegerField(_("duplicate distance (m)"), default=30)
    duplicate_window_days = models.PositiveIntegerField(_("duplicate window (days)"), default=30)
    complaint_email = models.EmailField(_("complaint channel: e-mail"), blank=True)
    complaint_webhook = models.URLField(_("complaint channel: webhook URL"), blank=True)

    class Meta:
        verbose_name = _("district policy")
        verbose_name_plural = _("district policies")

    def __str__(self):
        return str(self.district)

    @classmethod
    def for_district(cls, district_id):
        """The district's policy; an unsaved one with the defaults when it has none (or no district)."""
        if district_id is None:
            return cls()
        return cls.objects.filter(district_id=district_id).first() or cls(district_id=district_id)


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    HIDDEN = "hidden", _("hidden")
    STAGE = "stage", _("stage changed")
    REFERRED = "referred", _("referred")
    MERGED = "merged", _("merged")
    THRESHOLD = "threshold", _("공감 threshold reached")
    ANSWERED = "answered", _("official answer")


class TimelineEvent(models.Model):
    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(
        _("acting as"), max_length=120, blank=True, help_text=_("The team or department shown to the public.")
    )
    from_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due_date = models.DateField(null=True, blank=True)
    public_text = models.TextField(_("public text"), blank=True, max_length=4000)
    internal_note = models.TextField(_("internal note"), blank=True, max_length=4000)
    public = models.BooleanField(_("shown to the public"), default=True)
    answer = models.ForeignKey("layers.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    related_feature = models.ForeignKey(Feature, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["feature", "at", "pk"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self):
        return f"{self.feature_id} {self.kind} at {self.at:%Y-%m-%d %H:%M}"


class ReferralKind(models.TextChoices):
    COMPLAINT = "complaint", _("individual complaint (민원)")
    ONSITE = "onsite", _("on-site fix (현장 조치)")


class Referral(models.Model):
    feature = models.OneToOneField(Feature, on_delete=models.CASCADE, related_name="referral")
    kind = models.CharField(_("kind"), max_length=10, choices=ReferralKind.choices)
    channel = models.CharField(
        _("forwarded to"), max_length=300, blank=True, help_text=_("The complaint channel's e-mail or webhook URL.")
    )
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    public_note = models.TextField(_("note to the author"), blank=True, max_length=2000)
    delivery = models.ForeignKey("layers.Delivery", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self):
        return f"{self.feature_id} → {self.kind}"
