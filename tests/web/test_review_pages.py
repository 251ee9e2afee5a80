"""The district's pages: the review queue with filters and bulk decisions, the steps on a report's
page (with refusals that keep what was typed), the dashboard and its CSV, a department's
assignments, the public moderation log and 공감 from the report page."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from layers.models import Feature, FeatureStatus, ModerationLogEntry, Stage
from layers.services import moderation, workflow
from layers.services.features import create_feature
from layers.services.layers import create_layer
from layers.services.merging import merge
from mapping.models import Map

pytestmark = pytest.mark.django_db

SCRIPT = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hazards(users, junggu):
    map_ = Map.objects.create(title="중구 안전지도", kind="safety", district=junggu, owner=users["owner"])
    return create_layer(map_, {"name": "위험 요소", "moderation": "pre-moderated", "workflow": True})


def report(layer, user, title="어두운 골목", category="dark-alley", lon=126.99):
    geometry = {"type": "Point", "coordinates": [lon, 37.56]}
    return create_feature(user, layer, {"geometry": geometry, "category": category, "title": title})


def client_for(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_queue_lists_the_districts_pending_reports_and_filters_them(hazards, users):
    first = report(hazards, users["resident"], title="첫 제보")
    report(hazards, users["owner"], title="둘째 제보", category="flooding", lon=126.995)
    page = client_for(users["reviewer"]).get("/review/").content.decode()
    assert "첫 제보" in page and "둘째 제보" in page and 'data-queue-count="2"' in page
    filtered = client_for(users["reviewer"]).get("/review/", {"category": "flooding"}).content.decode()
    assert "첫 제보" not in filtered and "둘째 제보" in filtered
    assert f'value="{first.pk}:{first.version}"' in page


def test_the_queue_is_only_for_reviewers(hazards, users):
    assert client_for(users["resident"]).get("/review/").status_code == 403
    assert Client().get("/review/").status_code == 302


def test_bulk_approve_and_reject_with_a_stale_row_reported(hazards, users):
    first = report(hazards, users["resident"], title="첫 제보")
    second = report(hazards, users["owner"], title="둘째 제보", lon=126.995)
    third = report(hazards, users["editor"], title="셋째 제보", lon=126.998)
    client = client_for(users["reviewer"])
    answer = client.post(
        "/review/bulk/",
        {"district": "11140", "action": "approve", "item": [f"{first.pk}:1", f"{second.pk}:9"]},
        follow=True,
    )
    assert Feature.objects.get(pk=first.pk).status == FeatureStatus.PUBLISHED
    assert Feature.objects.get(pk=second.pk).status == FeatureStatus.PENDING
    text = answer.content.decode()
    assert "1 report done." in text and f"Report #{second.pk} was not changed" in text
    client.post(
        "/review/bulk/",
        {"district": "11140", "action": "reject", "item": [f"{third.pk}:1"], "reject-rule": "off-topic"},
    )
    assert Feature.objects.get(pk=third.pk).status == FeatureStatus.REJECTED
    assert ModerationLogEntry.objects.get().rule.code == "off-topic"


def test_a_reviewer_assigns_from_the_report_page_and_a_refusal_keeps_the_typed_answer(hazards, users):
    feature = report(hazards, users["resident"])
    client = client_for(users["reviewer"])
    page = client.get(f"/features/{feature.pk}/").content.decode()
    assert "Handle this report" in page and 'name="version" value="1"' in page
    refused = client.post(
        f"/features/{feature.pk}/review/",
        {"version": "1", "action": "stage", "stage-to": "declined", "stage-answer": ""},
    )
    assert refused.status_code == 400 and "official answer" in refused.content.decode()
    stale = client.post(
        f"/features/{feature.pk}/review/",
        {"version": "7", "action": "stage", "stage-to": "declined", "stage-answer": "사유지라 어렵습니다."},
    )
    assert stale.status_code == 412 and "사유지라 어렵습니다." in stale.content.decode()
    department = users["staff"].department
    done = client.post(
        f"/features/{feature.pk}/review/",
        {"version": "1", "action": "stage", "stage-to": "assigned", "stage-department": str(department.pk)},
    )
    assert done.status_code == 302
    feature.refresh_from_db()
    assert feature.stage == Stage.ASSIGNED and feature.department == department


def test_residents_see_no_panel_and_cannot_post_steps(hazards, users):
    feature = report(hazards, users["resident"])
    client = client_for(users["resident"])
    assert "Handle this report" not in client.get(f"/features/{feature.pk}/").content.decode()
    answer = client.post(f"/features/{feature.pk}/review/", {"version": "1", "action": "approve"})
    assert answer.status_code == 403
    assert Feature.objects.get(pk=feature.pk).status == FeatureStatus.PENDING


def test_the_resident_reads_the_official_answer_and_the_timeline(hazards, users):
    feature = report(hazards, users["resident"], title=SCRIPT)
    moderation.approve(users["reviewer"], feature.pk, expected_version=1)
    workflow.change_stage(users["reviewer"], feature.pk, Stage.RESOLVED, expected_version=2, answer=SCRIPT)
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/features/{feature.pk}/").content.decode()
    assert "Official answer" in page and "중구 안전 담당" in page
    assert SCRIPT not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'aria-current="step">resolved' in page


def test_the_dashboard_counts_and_its_csv_escapes_formulas(hazards, users):
    evil = report(hazards, users["resident"], title='=HYPERLINK("http://evil")')
    moderation.approve(users["reviewer"], evil.pk, expected_version=1)  # and so in review
    late = report(hazards, users["owner"], title="늦은 제보", lon=126.995)
    department = users["staff"].department
    workflow.change_stage(users["reviewer"], late.pk, Stage.ASSIGNED, expected_version=1, department=department.pk)
    Feature.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=1))
    client = client_for(users["reviewer"])
    page = client.get("/review/dashboard/11140/").content.decode()
    assert "data-total>2<" in page and f'data-overdue="{late.pk}"' in page
    response = client.get("/review/dashboard/11140.csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][0] == "id" and len(rows) == 3
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert client_for(users["other_reviewer"]).get("/review/dashboard/11140/").status_code == 403


def test_a_department_sees_its_assignments_with_overdue_first(hazards, users):
    feature = report(hazards, users["resident"])
    department = users["staff"].department
    workflow.change_stage(users["reviewer"], feature.pk, Stage.ASSIGNED, expected_version=1, department=department.pk)
    client = client_for(users["staff"])
    assert f'data-assignment="{feature.pk}"' in client.get("/department/").content.decode()
    assert f'data-assignment="{feature.pk}"' not in client.get("/department/?show=overdue").content.decode()
    Feature.objects.filter(pk=feature.pk).update(due_date=timezone.localdate() - timedelta(days=2))
    assert f'data-assignment="{feature.pk}"' in client.get("/department/?show=overdue").content.decode()
    assert client_for(users["resident"]).get("/department/").status_code == 403


def test_the_moderation_log_page_is_public_and_names_no_author(hazards, users):
    feature = report(hazards, users["resident"], title="비밀 제목")
    moderation.reject(users["reviewer"], feature.pk, expected_version=1, rule="abuse", public_reason="욕설")
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/moderation-log/").content.decode()
    assert "data-log-entry" in page and "욕설" in page
    assert "resident" not in page and "비밀 제목" not in page and f"#{feature.pk}" not in page
    assert f"#{feature.pk}" in client_for(users["reviewer"]).get("/moderation-log/").content.decode()


def test_agreeing_from_the_report_page_and_taking_it_back(hazards, users):
    feature = report(hazards, users["resident"])
    moderation.approve(users["reviewer"], feature.pk, expected_version=1)
    client = client_for(users["owner"])
    client.post(f"/features/{feature.pk}/vote/")
    assert Feature.objects.get(pk=feature.pk).vote_count == 1
    client.post(f"/features/{feature.pk}/vote/", {"withdraw": "1"})
    assert Feature.objects.get(pk=feature.pk).vote_count == 0


def test_a_merged_report_page_resolves_to_the_survivor_for_those_who_see_it(hazards, users):
    older = report(hazards, users["resident"])
    newer = report(hazards, users["owner"])
    merge(users["reviewer"], newer.pk, older.pk, expected_version=newer.version)
    owner = client_for(users["owner"])
    waiting = owner.get(f"/features/{newer.pk}/")  # the survivor still awaits review: the owner stays
    assert waiting.status_code == 200 and "merged into an earlier report" in waiting.content.decode()
    moderation.approve(users["reviewer"], older.pk, expected_version=Feature.objects.get(pk=older.pk).version)
    answer = owner.get(f"/features/{newer.pk}/")
    assert answer.status_code == 301 and answer["Location"] == f"/features/{older.pk}/"
