"""Changing or deleting a category moves its layer's revision, so no cached tile outlives the change.

Tiles name each feature's category and draw features of sensitive categories
at a blurred place (``layers.privacy``); they are cached, some as ``immutable``,
under the layer's revision, which the database triggers move on feature writes
only. Making a category sensitive must never leave its exact places in a cached
tile, so saving an existing category (the admin, the layer API) or deleting one
bumps the revision as well. A new category holds no features and changes no tile.
"""

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Category, Layer


def bump_revision(layer_id):
    Layer.objects.filter(pk=layer_id).update(revision=F("revision") + 1)


@receiver(post_save, sender=Category)
def category_saved(sender, instance, created, **kwargs):
    if not created:
        bump_revision(instance.layer_id)


@receiver(post_delete, sender=Category)
def category_deleted(sender, instance, **kwargs):
    bump_revision(instance.layer_id)
