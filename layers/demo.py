"""A demo safety map and a demo sharing map in 중구, about 50 plausible features each.

Deterministic: the same seed draws the same places, titles and statuses on
every machine. Features are created through the services, so they have a
history like real ones; on the pre-moderated safety layer most reports were
approved by the demo reviewer and a few still wait, and the district handles
the approved ones (layers/demo_workflow.py).
"""

import random

from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import transaction

from mapping.models import Map

from .demo_workflow import demo_policy, handle_demo_reports
from .models import Moderation
from .services.features import create_feature
from .services.layers import create_layer
from .services.moderation import approve

SEED = 20261122
FEATURES_PER_MAP = 50

PLACES = ["명동", "을지로3가", "충무로", "신당동", "회현동", "필동", "약수역", "황학동", "장충동", "다산동",
          "중림동", "서소문", "광희동", "동화동", "청구역", "남대문시장", "소공동", "정동"]  # fmt: skip

SAFETY_TEMPLATES = {
    "dark-alley": ["{place} 뒷골목 가로등이 꺼져 있어요", "{place} 주택가 골목이 밤에 너무 어두워요"],
    "walkway-danger": ["{place} 횡단보도 신호가 너무 짧아요", "{place} 보도에 차량이 주차되어 걷기 위험해요"],
    "broken-facility": ["{place} 보도블록이 깨져 있어요", "{place} 안전 펜스가 부서졌어요"],
    "flooding": ["{place} 비 오면 도로에 물이 고여요", "{place} 빗물받이가 막혀 있어요"],
    "crime-worry": ["{place} 공원 CCTV가 없어 불안해요", "{place} 인적 드문 계단길이 무서워요"],
    "other": ["{place} 공사장 자재가 보도를 막고 있어요"],
}

SHARING_TEMPLATES = {
    "food": ["{place} 오래된 칼국수 집", "{place} 시장 떡집", "{place} 골목 백반집"],
    "play": ["{place} 어린이 놀이터", "{place} 작은 도서관", "{place} 산책로"],
    "story": ["{place}의 옛 극장 이야기", "{place} 인쇄 골목의 역사", "{place} 오래된 우물터"],
    "amenity": ["{place} 공공 화장실", "{place} 무더위 쉼터", "{place} 공유 자전거 대여소"],
}

SUMMARIES = {
    "safety": "주민이 현장에서 확인한 내용입니다. 저녁 시간대에 특히 불편합니다.",
    "sharing": "동네 주민이 추천하는 곳입니다. 함께 알고 싶어 올립니다.",
}


def _random_point(rng, boundary):
    min_x, min_y, max_x, max_y = boundary.extent
    while True:
        point = Point(rng.uniform(min_x, max_x), rng.uniform(min_y, max_y), srid=4326)
        if boundary.contains(point):
            return point


def _geometry(rng, boundary, kind):
    """A point, a short alley (line) or a small block (polygon) inside the district."""
    centre = _random_point(rng, boundary)
    if kind == "Point":
        return {"type": "Point", "coordinates": [round(centre.x, 6), round(centre.y, 6)]}
    step = 0.0006
    if kind == "LineString":
        coordinates = [[centre.x + i * step, centre.y + rng.uniform(-1, 1) * step / 3] for i in range(3)]
        return {"type": "LineString", "coordinates": [[round(x, 6), round(y, 6)] for x, y in coordinates]}
    square = GEOSGeometry(centre.buffer(step, quadsegs=2).wkt, srid=4326)
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in square.coords[0]]]}


def _features(rng, templates, boundary, summary):
    categories = list(templates)
    for _ in range(FEATURES_PER_MAP):
        category = rng.choice(categories)
        kind = "LineString" if category == "dark-alley" and rng.random() < 0.3 else "Point"
        if category == "flooding" and rng.random() < 0.3:
            kind = "Polygon"
        yield {
            "geometry": _geometry(rng, boundary, kind),
            "category": category,
            "title": rng.choice(templates[category]).format(place=rng.choice(PLACES)),
            "summary": summary,
        }


def _demo_map(slug, **fields):
    return Map.objects.create(slug=slug, visibility="public", **fields)


@transaction.atomic
def load_demo_maps(district, accounts):
    """Create the two demo maps once; returns the number of features created (0 if present)."""
    if Map.objects.filter(slug="demo-safety").exists():
        return 0
    rng = random.Random(SEED)
    boundary = district.boundary
    resident, reviewer = accounts["resident"], accounts["reviewer"]
    safety = _demo_map(
        "demo-safety",
        title="중구 안전지도",
        description="중구 주민이 함께 만드는 동네 안전지도입니다. 걱정되는 곳을 알려 주세요.",
        kind="safety",
        district=district,
        owner=reviewer,
    )
    sharing = _demo_map(
        "demo-sharing",
        title="중구 나눔지도",
        description="먹거리·놀거리·이야깃거리: 우리 동네의 좋은 곳을 나눠요.",
        kind="sharing",
        district=district,
        owner=resident,
    )
    safety_layer = create_layer(safety, {"name": "위험 제보", "moderation": Moderation.PRE_MODERATED, "workflow": True})
    sharing_layer = create_layer(sharing, {"name": "나눔 장소"})
    created = 0
    demo_policy(district)
    approved = []
    for data in _features(rng, SAFETY_TEMPLATES, boundary, SUMMARIES["safety"]):
        feature = create_feature(resident, safety_layer, data)
        if rng.random() < 0.85:
            approved.append(approve(reviewer, feature.pk, expected_version=feature.version))
        created += 1
    handle_demo_reports(approved, accounts)
    for data in _features(rng, SHARING_TEMPLATES, boundary, SUMMARIES["sharing"]):
        create_feature(resident, sharing_layer, data)
        created += 1
    return created
