"""Photo files leave the disk with their rows: a deleted report must not keep a resident's picture.

The files are removed only once the deleting transaction commits, so a
rolled-back deletion loses nothing.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Photo


@receiver(post_delete, sender=Photo)
def delete_photo_files(sender, instance, **kwargs):
    files = [field for field in (instance.image, instance.thumbnail) if field.name]

    def remove():
        for field in files:
            field.storage.delete(field.name)

    transaction.on_commit(remove)
