"""What a user may read: guides, the guide step that answers a place of the map editor, campaigns."""

from mapping.models import Map

from .models import Campaign, EditorTopic, Guide, GuideStep
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


def visible_campaigns(user):
    """Campaigns on maps ``user`` may open (a campaign is as visible as its map)."""
    return Campaign.objects.filter(map__in=Map.objects.visible_to(user)).select_related("map", "category", "district")
