"""A resident's 공감 (agreement) with a report: at most one per user and feature.

The feature keeps a denormalised ``vote_count`` that the vote service
(layers/services/votes.py) moves in the same transaction, so lists and tiles
show and sort by it without counting. Deleting an account deletes its votes
(CASCADE), and the receiver below takes them off the counts in the deleting
transaction, so the count never drifts from the rows.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Greatest
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from .features import Feature


class Vote(models.Model):
    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="votes", verbose_name=_("feature"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes", verbose_name=_("user")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["feature", "-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["feature", "user"], name="vote_once_per_user_and_feature")]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return f"{self.user} → {self.feature}"


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="layers.uncount_votes_of_deleted_user")
def uncount_votes_of_deleted_user(sender, instance, **kwargs):
    """Runs inside the deletion's transaction, before its CASCADE removes the votes."""
    Feature.objects.filter(votes__user=instance).update(vote_count=Greatest(models.F("vote_count") - 1, 0))
