"""The demo district at work: its policy, and approved hazard reports at every stage of handling.

Deterministic like the rest of the demo: the n-th approved report is assigned,
in progress, resolved or declined by the demo reviewer and the demo
department, with official answers, so every page of the workflow has something
to show.
"""

from .models import DistrictPolicy, Stage
from .services.workflow import change_stage

ANSWERS = {
    Stage.RESOLVED: "현장을 확인하고 조치했습니다. 보도블록과 가로등을 교체했습니다. 제보해 주셔서 감사합니다.",
    Stage.DECLINED: "확인 결과 사유지 안의 시설이라 구청에서 조치할 수 없습니다. 소유자에게 안내했습니다.",
}

# The stages the n-th approved report walks through (the rest stay in review).
PATHS = [
    [Stage.ASSIGNED],
    [Stage.ASSIGNED, Stage.IN_PROGRESS],
    [Stage.ASSIGNED, Stage.IN_PROGRESS, Stage.RESOLVED],
    [Stage.DECLINED],
    [Stage.ASSIGNED, Stage.RESOLVED],
]


def demo_policy(district):
    DistrictPolicy.objects.update_or_create(
        district=district, defaults={"complaint_email": "minwon@junggu.example.org"}
    )


def walk(feature, path, accounts):
    for stage in path:
        feature.refresh_from_db()
        by = accounts["staff"] if stage in (Stage.IN_PROGRESS, Stage.RESOLVED) and feature.department_id else None
        change_stage(
            by or accounts["reviewer"],
            feature.pk,
            stage,
            expected_version=feature.version,
            department=accounts["staff"].department_id if stage == Stage.ASSIGNED else None,
            answer=ANSWERS.get(stage, ""),
        )


def handle_demo_reports(features, accounts):
    """Walk every third approved report of ``features`` along one of the PATHS, in turn."""
    for index, feature in enumerate(features[::3]):
        if index < len(PATHS) * 2:
            walk(feature, PATHS[index % len(PATHS)], accounts)
