"""Map templates: a new 안전지도 (safety map), 나눔지도 (sharing map) or blank map with its layers ready.

A template is data: the map's kind and, for each layer, its name, the geometry
kinds it accepts, its categories and its extra form fields. The safety map
follows the village safety maps Seoul's districts make with residents: one
layer of hazards (what worries people) and one of safety facilities (what
already protects them). Creating a map from a template is one transaction:
the map and all its layers exist, or nothing does.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mapping.models import Map

from .categories import OTHER_CATEGORIES, SAFETY_CATEGORIES, SHARING_CATEGORIES
from .models import GeometryKind, Moderation
from .services.layers import create_layer

ALL_KINDS = [GeometryKind.POINT, GeometryKind.LINESTRING, GeometryKind.POLYGON]

SAFETY_FACILITY_CATEGORIES = [
    {"key": "cctv", "label_ko": "CCTV", "label_en": "CCTV", "icon": "camera", "color": "#2c7a7b"},
    {"key": "emergency-bell", "label_ko": "비상벨", "label_en": "Emergency bell", "icon": "bell", "color": "#b83280"},
    {"key": "security-light", "label_ko": "보안등", "label_en": "Security light", "icon": "bulb", "color": "#b7791f"},
    {
        "key": "safe-house",
        "label_ko": "안심지킴이집",
        "label_en": "Safe shop for children",
        "icon": "home",
        "color": "#2f855a",
    },
    {"key": "police", "label_ko": "지구대·파출소", "label_en": "Police box", "icon": "shield", "color": "#2b6cb0"},
]

WHEN_FIELD = {
    "key": "when",
    "label": "언제 위험한가요? (When is it unsafe?)",
    "type": "choice",
    "choices": ["낮 (day)", "밤 (night)", "항상 (always)"],
    "required": False,
}


@dataclass(frozen=True)
class LayerTemplate:
    name: str
    description: str
    categories: list
    geometry_kinds: list = field(default_factory=lambda: list(ALL_KINDS))
    fields: list = field(default_factory=list)
    reviewed: bool = True  # follows the map's "review before publication" choice
    workflow: bool = False  # the district handles its reports (routing, due dates, official answers)


@dataclass(frozen=True)
class MapTemplate:
    key: str
    kind: str
    label: str
    description: str
    layers: list


TEMPLATES = {
    template.key: template
    for template in [
        MapTemplate(
            key="safety",
            kind="safety",
            label=_("Safety map (안전지도)"),
            description=_(
                "Places that worry residents — dark alleys, dangerous crossings, flooding — and the "
                "CCTV, emergency bells and safe shops that already protect them."
            ),
            layers=[
                LayerTemplate(
                    name="위험 요소",
                    description="주민이 걱정하는 곳: 어두운 골목, 위험한 횡단보도, 파손된 시설, 침수 지점.",
                    categories=SAFETY_CATEGORIES,
                    fields=[WHEN_FIELD],
                    workflow=True,
                ),
                LayerTemplate(
                    name="안전 시설",
                    description="이미 있는 안전 시설: CCTV, 비상벨, 보안등, 안심지킴이집, 지구대.",
                    categories=SAFETY_FACILITY_CATEGORIES,
                    geometry_kinds=[GeometryKind.POINT],
                    reviewed=False,
                ),
            ],
        ),
        MapTemplate(
            key="sharing",
            kind="sharing",
            label=_("Sharing map (나눔지도)"),
            description=_(
                "Things to share in the neighbourhood: 먹거리 (food), 놀거리 (things to do), "
                "이야깃거리 (local stories) and useful amenities."
            ),
            layers=[
                LayerTemplate(
                    name="나눔 장소",
                    description="먹거리·놀거리·이야깃거리: 이웃과 나누고 싶은 우리 동네의 좋은 곳.",
                    categories=SHARING_CATEGORIES,
                )
            ],
        ),
        MapTemplate(
            key="blank",
            kind="other",
            label=_("Blank map"),
            description=_("One layer with a single category; add your own layers and categories later."),
            layers=[LayerTemplate(name="장소", description="", categories=OTHER_CATEGORIES)],
        ),
    ]
}


def template_choices():
    return [(template.key, template.label) for template in TEMPLATES.values()]


@transaction.atomic
def create_map_from_template(owner, template_key, *, review_first=False, **map_fields):
    """Create a map owned by ``owner`` with the template's layers; ``map_fields`` are Map fields
    (title, description, district, visibility, contribution). ``review_first`` makes the reviewed
    layers pre-moderated: their features wait for the district's reviewers before they show."""
    template = TEMPLATES[template_key]
    map_ = Map(owner=owner, kind=template.kind, **map_fields)
    map_.full_clean(exclude=["slug", "owner"])
    map_.save()
    for order, layer in enumerate(template.layers):
        moderated = review_first and layer.reviewed
        create_layer(
            map_,
            {
                "name": layer.name,
                "description": layer.description,
                "geometry_kinds": [str(kind) for kind in layer.geometry_kinds],
                "moderation": Moderation.PRE_MODERATED if moderated else Moderation.OPEN,
                "workflow": layer.workflow,
                "categories": [dict(category) for category in layer.categories],
                "fields": [dict(extra) for extra in layer.fields],
                "order": order,
            },
        )
    return map_
