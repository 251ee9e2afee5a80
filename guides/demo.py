"""Demo participation for ``manage.py load_demo``: the shipped guides, a guide editors' group, a running
campaign on the demo safety map, nominations (one selected into a template) and an improvement plan.

Created once: a second run changes nothing (the campaign, nominations and plan
are made only when the demo has none of them).
"""

from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.db import transaction
from django.utils import timezone

from mapping.models import Map

from .models import Campaign, Nomination, NominationKind, PlanItem, PlanState
from .seed import load_guides
from .services.campaigns import join_campaign, open_campaign
from .services.nominations import decide, nominate, support
from .services.plan import change_item, publish_item
from .services.topic_templates import categories_from_lines

EDITORS_GROUP = "가이드 편집자"
DEMO_CAMPAIGN = "중구 밤길 한 바퀴"
# Around 명동 and 을지로, where most of the demo safety reports are.
CAMPAIGN_AREA = (126.975, 37.558, 127.000, 37.572)


def editors_group():
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="author_guides", content_type__app_label="guides"))
    return group


def _campaign(accounts):
    safety = Map.objects.filter(slug="demo-safety").first()
    if safety is None or Campaign.objects.filter(title=DEMO_CAMPAIGN).exists():
        return
    today = timezone.localdate()
    campaign = open_campaign(
        accounts["reviewer"],
        safety,
        {
            "title": DEMO_CAMPAIGN,
            "goal": "명동·을지로 일대 어두운 골목을 빠짐없이 찾기",
            "goal_features": 40,
            "organiser": "중구 안전총괄과",
            "description": "해 진 뒤 두 명 이상 함께 걸으며 어두운 골목과 위험한 곳을 지도에 올려 주세요.",
            "area": MultiPolygon(Polygon.from_bbox(CAMPAIGN_AREA), srid=4326),
            "starts": today - timedelta(days=30),
            "ends": today + timedelta(days=14),
            "cell_metres": 250,
        },
    )
    join_campaign(accounts["resident"], campaign, on_leaderboard=True)


RAMPS = {
    "title": "휠체어·유모차가 다니기 어려운 턱과 계단",
    "kind": NominationKind.ADMINISTRATIVE,
    "reason": "보도 턱과 경사로 정보가 없어 휠체어와 유모차가 돌아가야 합니다. 보도 정비 계획에도 쓸 수 있습니다.",
    "example": "충무로역 4번 출구 앞 보도 턱",
}
RAMPS_TEMPLATE = {
    "label_ko": "보행 장애물 지도",
    "label_en": "Walking obstacles",
    "map_kind": "safety",
    "description_ko": "휠체어와 유모차를 막는 턱, 계단, 좁은 보도.",
    "categories": categories_from_lines("보도 턱 | Kerb\n계단 | Steps\n좁은 보도 | Narrow pavement"),
}
SHADE = {
    "title": "골목 무더위 쉼터와 그늘",
    "kind": NominationKind.KNOW_HOW,
    "reason": "여름마다 어르신들이 쉬어 갈 곳을 찾습니다. 주민만 아는 그늘과 쉼터를 모으면 좋겠습니다.",
}
PLAN = [
    ("휴대전화에서 조사 경로 안내", "캠페인 지역 안에서 아직 아무도 보지 않은 칸으로 안내하는 기능을 검토합니다."),
    ("전파가 약한 곳에서도 제보 저장", "지하 보도나 산 아래처럼 전파가 약한 곳에서 제보를 저장했다가 보냅니다."),
    ("제보에 음성 메모 붙이기", "글 대신 말로 남기는 제보."),
]
DECLINED_BECAUSE = "음성에 목소리와 주변 대화가 담겨 개인정보 위험이 큽니다. 받아쓰기 입력으로 대신합니다."
SELECTED_BECAUSE = "보행 약자의 이동권 개선에 바로 쓸 수 있어 선정합니다. 보도 정비 계획과 함께 봅니다."


def _nominations(accounts):
    if Nomination.objects.exists():
        return
    reviewer = accounts["reviewer"]
    junggu = reviewer.review_districts.first()
    ramps = nominate(accounts["resident"], {**RAMPS, "district": junggu})
    support(accounts["staff"], ramps.pk)
    decide(reviewer, ramps, selected=True, reason=SELECTED_BECAUSE, expected_version=ramps.version,
           template=RAMPS_TEMPLATE)  # fmt: skip
    nominate(accounts["staff"], {**SHADE, "district": junggu})


def _plan(admin):
    if PlanItem.objects.exists():
        return
    (route_title, route_text), (offline_title, offline_text), (voice_title, voice_text) = PLAN
    publish_item(admin, title=route_title, description=route_text)
    offline = publish_item(admin, title=offline_title, description=offline_text)
    change_item(admin, offline, {"state": PlanState.PLANNED}, expected_version=offline.version)
    publish_item(admin, title=voice_title, description=voice_text, state=PlanState.DECLINED, reason=DECLINED_BECAUSE)


@transaction.atomic
def load_demo_participation(accounts, stdout=None):
    created, _updated = load_guides(accounts["admin"])
    accounts["reviewer"].groups.add(editors_group())
    _campaign(accounts)
    _nominations(accounts)
    _plan(accounts["admin"])
    if stdout is not None:
        stdout.write(f"Guides and participation: {created} guides created; demo campaign, nominations and plan ready.")
