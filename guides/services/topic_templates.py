"""Map and layer templates from selected nominations, beside the built-in ones of layers/map_templates.py.

The new-map page offers the three built-in templates (안전지도, 나눔지도, blank),
unchanged, then every active ``TopicTemplate``, under the key
``topic-<key>``. A topic template is one layer (its name is the template's
Korean name) with the categories the district chose; it makes a new map of
that layer, or adds the layer to a map its user manages. Both are one
transaction, like the built-in templates.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from layers.map_templates import TEMPLATES, LayerTemplate, MapTemplate, create_map_from_template
from layers.models import Moderation
from layers.services.layers import create_layer
from mapping.models import Map

from ..models import TopicTemplate

PREFIX = "topic-"
PALETTE = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#2c7a7b", "#975a16", "#4a5568"]
MAX_CATEGORIES = 20


def categories_from_labels(labels):
    """Categories from (Korean label, English label) pairs, with keys (from the English) and colours."""
    categories, keys = [], set()
    for label_ko, label_en in labels:
        key = slugify(label_en)[:40] or f"category-{len(categories) + 1}"
        while key in keys:
            key = f"{key[:36]}-{len(categories) + 1}"
        keys.add(key)
        color = PALETTE[len(categories) % len(PALETTE)]
        categories.append({"key": key, "label_ko": label_ko[:60], "label_en": label_en[:60], "color": color})
    if not categories:
        raise ValidationError({"categories": _("Give at least one category, one per line.")})
    if len(categories) > MAX_CATEGORIES:
        raise ValidationError(
            {"categories": _("A template has at most %(count)s categories.") % {"count": MAX_CATEGORIES}}
        )
    return categories


def categories_from_lines(text):
    """Categories from lines "한국어 이름 | English name" (the English part optional)."""
    lines = (line.strip() for line in (text or "").splitlines())
    pairs = (tuple(part.strip() for part in line.partition("|")[::2]) for line in lines if line)
    return categories_from_labels(pairs)


def make_template(user, nomination, fields):
    """The TopicTemplate of a selected ``nomination``; ``fields`` as TopicTemplate fields (categories a list)."""
    fields = dict(fields)
    fields.setdefault("label_ko", nomination.title[:100])
    base = slugify(fields.get("label_en") or "", allow_unicode=False)[:50] or "topic"
    template = TopicTemplate(nomination=nomination, created_by=user, key=f"{base}-{nomination.pk}", **fields)
    template.full_clean(exclude=["nomination", "created_by"])
    template.save()
    return template


def as_map_template(topic):
    """The topic template in the shape of the built-in ones (for the new-map page's cards)."""
    layer = LayerTemplate(
        name=topic.label_ko,
        description=topic.description_ko,
        categories=topic.categories,
        geometry_kinds=list(topic.geometry_kinds),
    )
    return MapTemplate(
        key=f"{PREFIX}{topic.key}",
        kind=topic.map_kind,
        label=topic.label(),
        description=topic.description(),
        layers=[layer],
    )


def all_templates():
    """Every template a new map can start from: the built-in ones, then the active topic templates."""
    topics = TopicTemplate.objects.filter(active=True).order_by("-created", "-pk")
    return [*TEMPLATES.values(), *(as_map_template(topic) for topic in topics)]


def template_choices():
    return [(template.key, template.label) for template in all_templates()]


def topic_of(key):
    return TopicTemplate.objects.get(key=key.removeprefix(PREFIX), active=True)


def _layer_spec(topic, *, review_first=False, order=0):
    return {
        "name": topic.label_ko,
        "description": topic.description_ko,
        "geometry_kinds": list(topic.geometry_kinds),
        "moderation": Moderation.PRE_MODERATED if review_first else Moderation.OPEN,
        "categories": [dict(category) for category in topic.categories],
        "order": order,
    }


@transaction.atomic
def create_map(owner, template_key, *, review_first=False, **map_fields):
    """A new map from any template key of ``all_templates`` (built-in ones through layers/map_templates.py)."""
    if template_key in TEMPLATES:
        return create_map_from_template(owner, template_key, review_first=review_first, **map_fields)
    topic = topic_of(template_key)
    map_ = Map(owner=owner, kind=topic.map_kind, **map_fields)
    map_.full_clean(exclude=["slug", "owner"])
    map_.save()
    create_layer(map_, _layer_spec(topic, review_first=review_first))
    return map_


@transaction.atomic
def add_layer(user, topic, map_):
    """The topic template's layer, added last to ``map_`` (which ``user`` must manage)."""
    if not map_.is_managed_by(user):
        raise PermissionDenied(_("Only the map's owner and editors add layers to it."))
    order = map_.layers.count()
    return create_layer(map_, _layer_spec(topic, order=order))
