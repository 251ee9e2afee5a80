"""Fixtures of the participation pages' browser tests: a safety map of 중구 with a campaign running now, the
shipped guides, a nomination and a plan item."""

from datetime import timedelta

import pytest
from django.utils import timezone

from guides.models import Campaign
from guides.seed import load_guides
from guides.services.nominations import nominate
from guides.services.plan import publish_item
from layers.services.layers import create_layer
from mapping.models import Map
from tests.guides.conftest import square_area


@pytest.fixture
def running_campaign(users, junggu):
    map_ = Map.objects.create(title="중구 안전지도", kind="safety", district=junggu, owner=users["owner"])
    create_layer(map_, {"name": "위험 요소", "workflow": True})
    today = timezone.localdate()
    return Campaign.objects.create(
        map=map_, title="필동 밤길 한 바퀴", goal="필동의 어두운 골목 모두 찾기", organiser="중구 안전총괄과",
        district=junggu, area=square_area(), starts=today - timedelta(days=1), ends=today + timedelta(days=6),
        cell_metres=100, created_by=users["reviewer"],
    )  # fmt: skip


@pytest.fixture
def participation(running_campaign, users):
    """Everything the participation pages show: guides, a campaign, a nomination and a plan item."""
    load_guides()
    nomination = nominate(users["resident"], {"title": "골목 그늘", "kind": "know-how", "reason": "여름에 쉴 곳"})
    item = publish_item(users["admin"], title="전파 약한 곳에서 저장", description="지하에서도 제보를 저장합니다.")
    return {"campaign": running_campaign, "nomination": nomination, "item": item}
