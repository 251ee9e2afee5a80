"""Map templates: each sets up its layers and categories in one transaction, and review-first
makes only the hazard layers pre-moderated."""

import pytest
from django.core.exceptions import ValidationError

from layers.map_templates import TEMPLATES, create_map_from_template
from layers.models import Layer, Moderation
from mapping.models import Map

pytestmark = pytest.mark.django_db


def layer_summary(map_):
    return [
        (layer.name, layer.moderation, sorted(layer.categories.values_list("key", flat=True)))
        for layer in map_.layers.order_by("order")
    ]


def test_safety_template_makes_hazard_and_facility_layers(users, junggu):
    map_ = create_map_from_template(users["resident"], "safety", title="우리 동네 안전지도", district=junggu)
    assert map_.kind == "safety" and map_.owner == users["resident"]
    hazards, facilities = map_.layers.order_by("order")
    assert hazards.name == "위험 요소" and "dark-alley" in hazards.categories.values_list("key", flat=True)
    assert [field["key"] for field in hazards.fields] == ["when"]
    assert facilities.geometry_kinds == ["Point"]
    assert set(facilities.categories.values_list("key", flat=True)) >= {"cctv", "emergency-bell"}
    assert {layer.moderation for layer in (hazards, facilities)} == {Moderation.OPEN}


def test_review_first_pre_moderates_only_the_reviewed_layers(users):
    map_ = create_map_from_template(users["resident"], "safety", title="검토 지도", review_first=True)
    moderation = {layer.name: layer.moderation for layer in map_.layers.all()}
    assert moderation == {"위험 요소": Moderation.PRE_MODERATED, "안전 시설": Moderation.OPEN}


def test_sharing_template_has_the_three_kinds_of_things_to_share(users):
    map_ = create_map_from_template(users["resident"], "sharing", title="나눔지도")
    [(name, moderation, keys)] = layer_summary(map_)
    assert map_.kind == "sharing" and {"food", "play", "story"} <= set(keys)


def test_blank_template_has_one_layer_with_one_category(users):
    map_ = create_map_from_template(users["resident"], "blank", title="빈 지도")
    assert map_.kind == "other" and layer_summary(map_) == [("장소", Moderation.OPEN, ["other"])]


def test_an_invalid_map_leaves_nothing_behind(users):
    with pytest.raises(ValidationError):
        create_map_from_template(users["resident"], "safety", title="x" * 300)
    assert not Map.objects.exists() and not Layer.objects.exists()


def test_every_template_names_its_layers_and_categories():
    for template in TEMPLATES.values():
        assert template.layers and all(layer.categories for layer in template.layers)
