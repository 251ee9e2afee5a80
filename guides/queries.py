"""What a user may read of the guides, and the guide step that answers a place of the map editor."""

from .models import EditorTopic, Guide, GuideStep
from .permissions import can_author_guides


def readable_guides(user):
    """Published guides; guide authors also read the unpublished ones."""
    guides = Guide.objects.all()
    return guides if can_author_guides(user) else guides.filter(published=True)


def help_step(user, topic):
    """The first step (by guide order) answering ``topic`` in a guide ``user`` may read, or None."""
    if topic not in EditorTopic.values:
        return None
    return (
        GuideStep.objects.filter(topic=topic, guide__in=readable_guides(user))
        .select_related("guide")
        .order_by("guide__order", "guide__pk", "order")
        .first()
    )
