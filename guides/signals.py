"""A deleted account's votes and supports leave the counters with their rows, in the deleting transaction."""

from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .services.ballots import uncount_votes_of
from .services.nominations import SUPPORTS
from .services.plan import VOTES


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="guides.uncount_votes_of_deleted_user")
def uncount_votes_of_deleted_user(sender, instance, **kwargs):
    for ballot in (SUPPORTS, VOTES):
        uncount_votes_of(instance, ballot)
