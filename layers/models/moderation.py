"""Pre-moderation's vocabulary and its public record.

``RejectionReason`` is the configurable list a reviewer picks from when
rejecting or hiding a report or a comment. ``ModerationLogEntry`` is the public
moderation log: what kind of item was rejected or hidden, when, under which
rule and with which public reason. It never names the author; the item and the
moderator are kept for reviewers and admins only.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mapping.models import District


class RejectionReason(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_ko = models.CharField(_("Korean label"), max_length=100)
    label_en = models.CharField(_("English label"), max_length=100, blank=True)
    active = models.BooleanField(_("offered to reviewers"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")

    def __str__(self):
        return self.label_ko

    @property
    def label(self):
        """The label in the active language (Korean when no English label is set)."""
        return self.label_en if (get_language() or "ko").startswith("en") and self.label_en else self.label_ko


class ItemKind(models.TextChoices):
    FEATURE = "feature", _("report")
    COMMENT = "comment", _("comment")


class ModerationAction(models.TextChoices):
    REJECTED = "rejected", _("rejected")
    HIDDEN = "hidden", _("hidden")


class ModerationLogEntry(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    item_kind = models.CharField(_("kind of item"), max_length=10, choices=ItemKind.choices)
    action = models.CharField(_("action"), max_length=10, choices=ModerationAction.choices)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_log"
    )
    category_label = models.CharField(
        _("category"), max_length=60, blank=True, help_text=_("The report's category when it was moderated.")
    )
    rule = models.ForeignKey(RejectionReason, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("rule"))
    rule_label = models.CharField(_("rule as shown"), max_length=100, blank=True)
    public_reason = models.TextField(_("public reason"), blank=True, max_length=1000)
    item_id = models.BigIntegerField(_("item id"), help_text=_("Shown to reviewers and admins only."))
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

    def __str__(self):
        return f"{self.item_kind} {self.action} at {self.at:%Y-%m-%d %H:%M}"
