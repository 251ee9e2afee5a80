"""Triage: a report routed as an individual complaint (민원) through the district's channel, or as an
on-site fix (현장 조치) to a department; it leaves the map and its author is told where it went."""

import pytest

from layers.models import Delivery, DistrictPolicy, EventKind, FeatureStatus, Referral, TimelineEvent
from layers.services import triage
from layers.services.votes import Forbidden
from mapping.errors import Conflict, InvalidInput

from .conftest import new_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(hazards, users):
    return new_report(hazards, users["resident"], title="우리 집 앞 쓰레기")


def test_a_complaint_is_forwarded_by_email_and_taken_off_the_map(report, users, junggu):
    DistrictPolicy.objects.create(district=junggu, complaint_email="minwon@junggu.example")
    referral = triage.refer(
        users["reviewer"],
        report.pk,
        "complaint",
        expected_version=1,
        note="민원으로 접수했습니다.",
        page_url="http://x/",
    )
    report.refresh_from_db()
    assert report.status == FeatureStatus.REFERRED and report.closed_at is not None
    assert referral.channel == "minwon@junggu.example"
    delivery = Delivery.objects.get()
    assert (delivery.channel, delivery.to) == ("email", "minwon@junggu.example")
    assert "우리 집 앞 쓰레기" in delivery.subject and "127" not in delivery.subject
    event = TimelineEvent.objects.get(feature=report, kind=EventKind.REFERRED)
    assert event.public is False and event.public_text == "민원으로 접수했습니다."


def test_a_webhook_channel_gets_a_json_payload_without_the_authors_identity(report, users, junggu):
    DistrictPolicy.objects.create(district=junggu, complaint_webhook="https://minwon.example/hook")
    triage.refer(users["reviewer"], report.pk, "complaint", expected_version=1, page_url="http://x/features/1/")
    payload = Delivery.objects.get().payload
    assert payload["title"] == "우리 집 앞 쓰레기" and payload["district"] == "11140"
    assert payload["url"] == "http://x/features/1/"
    assert "resident" not in str(payload)


def test_without_a_complaint_channel_nothing_changes(report, users):
    with pytest.raises(Conflict, match="complaint channel"):
        triage.refer(users["reviewer"], report.pk, "complaint", expected_version=1)
    report.refresh_from_db()
    assert report.status == FeatureStatus.PENDING and not Referral.objects.exists()


def test_an_on_site_fix_goes_to_a_department_of_the_district(report, users):
    department = users["staff"].department
    referral = triage.refer(users["reviewer"], report.pk, "onsite", expected_version=1, department=department.pk)
    report.refresh_from_db()
    assert referral.department == department and report.department == department
    assert report.status == FeatureStatus.REFERRED


def test_triage_is_for_the_districts_reviewers_and_open_reports(report, users):
    with pytest.raises(Forbidden):
        triage.refer(users["resident"], report.pk, "onsite", expected_version=1, department=1)
    with pytest.raises(InvalidInput):
        triage.refer(users["reviewer"], report.pk, "onsite", expected_version=1, department=None)
    with pytest.raises(InvalidInput):
        triage.refer(users["reviewer"], report.pk, "elsewhere", expected_version=1)
    department = users["staff"].department
    triage.refer(users["reviewer"], report.pk, "onsite", expected_version=1, department=department.pk)
    with pytest.raises(Conflict):
        triage.refer(users["reviewer"], report.pk, "onsite", expected_version=2, department=department.pk)
