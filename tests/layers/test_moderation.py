"""Pre-moderation: pending reports, approve / reject with a reason / hide / restore, who may decide,
the version the reviewer saw, the timeline and the public moderation log that never names the author."""

import pytest

from layers.models import EventKind, FeatureStatus, ModerationLogEntry, RejectionReason, TimelineEvent
from layers.services import moderation
from layers.services.votes import Forbidden
from mapping.errors import Conflict, InvalidInput, StaleVersion

from .conftest import new_report

pytestmark = pytest.mark.django_db


def test_reports_on_a_pre_moderated_layer_start_pending_and_unpublished(hazards, users):
    report = new_report(hazards, users["resident"])
    assert report.status == FeatureStatus.PENDING
    assert report.published_at is None


def test_a_reviewer_approves_and_the_report_is_published_once(hazards, users):
    report = new_report(hazards, users["resident"])
    approved = moderation.approve(users["reviewer"], report.pk, expected_version=report.version)
    assert approved.status == FeatureStatus.PUBLISHED
    assert approved.published_at is not None and approved.first_response_at is not None
    assert approved.version == report.version + 1
    assert TimelineEvent.objects.get(feature=report, kind=EventKind.APPROVED).actor_label == "중구 안전 담당"
    with pytest.raises(Conflict):
        moderation.approve(users["reviewer"], report.pk, expected_version=approved.version)


@pytest.mark.parametrize("who", ["resident", "owner", "editor", "other_reviewer", "staff", "planner"])
def test_only_the_districts_reviewers_and_admins_decide(hazards, users, who):
    report = new_report(hazards, users["resident"])
    with pytest.raises(Forbidden):
        moderation.approve(users[who], report.pk, expected_version=report.version)
    report.refresh_from_db()
    assert report.status == FeatureStatus.PENDING


def test_an_admin_may_decide_anywhere(hazards, users):
    report = new_report(hazards, users["resident"])
    assert moderation.approve(users["admin"], report.pk, expected_version=1).status == FeatureStatus.PUBLISHED


def test_a_decision_on_a_version_the_reviewer_did_not_read_is_refused(hazards, users):
    report = new_report(hazards, users["resident"])
    with pytest.raises(StaleVersion):
        moderation.approve(users["reviewer"], report.pk, expected_version=report.version + 1)


def test_rejection_needs_a_configured_reason_and_is_logged_without_the_author(hazards, users):
    report = new_report(hazards, users["resident"], category="crime-worry", title="내 이름은 김민지")
    with pytest.raises(InvalidInput, match="Unknown reason"):
        moderation.reject(users["reviewer"], report.pk, expected_version=1, rule="no-such-rule")
    rejected = moderation.reject(
        users["reviewer"], report.pk, expected_version=1, rule="personal-data", public_reason="실명이 들어 있습니다."
    )
    assert rejected.status == FeatureStatus.REJECTED
    entry = ModerationLogEntry.objects.get()
    assert (entry.item_kind, entry.action, entry.rule.code) == ("feature", "rejected", "personal-data")
    assert entry.category_label == "범죄 불안" and entry.district.code == "11140"
    assert entry.public_reason == "실명이 들어 있습니다." and entry.rule_label == "개인정보 포함"
    stored = " ".join(str(value) for value in entry.__dict__.values())
    assert "resident" not in stored and "김민지" not in stored
    event = TimelineEvent.objects.get(feature=report, kind=EventKind.REJECTED)
    assert event.public is False and event.public_text == "실명이 들어 있습니다."


def test_an_inactive_reason_cannot_be_used(hazards, users):
    RejectionReason.objects.filter(code="advertising").update(active=False)
    report = new_report(hazards, users["resident"])
    with pytest.raises(InvalidInput):
        moderation.reject(users["reviewer"], report.pk, expected_version=1, rule="advertising")


def test_hiding_takes_a_published_report_off_and_restore_puts_it_back(open_hazards, users):
    report = new_report(open_hazards, users["resident"])
    assert report.status == FeatureStatus.PUBLISHED
    with pytest.raises(Conflict):
        moderation.reject(users["reviewer"], report.pk, expected_version=1, rule="abuse")
    hidden = moderation.hide(users["reviewer"], report.pk, expected_version=1, rule="abuse", public_reason="")
    assert hidden.status == FeatureStatus.HIDDEN
    assert ModerationLogEntry.objects.get().action == "hidden"
    restored = moderation.restore(users["reviewer"], report.pk, expected_version=hidden.version)
    assert restored.status == FeatureStatus.PUBLISHED


def test_a_public_reason_with_a_nul_or_too_long_is_refused(hazards, users):
    report = new_report(hazards, users["resident"])
    for text in ("a\x00b", "가" * 1001):
        with pytest.raises(InvalidInput):
            moderation.reject(users["reviewer"], report.pk, expected_version=1, rule="other", public_reason=text)
    assert not ModerationLogEntry.objects.exists()


def test_default_reasons_come_back_only_into_an_empty_list(db):
    from django.apps import apps

    from layers.default_reasons import REASONS, write_default_reasons

    RejectionReason.objects.filter(code="advertising").delete()
    write_default_reasons(sender=None, apps=apps)
    assert not RejectionReason.objects.filter(code="advertising").exists()  # an administrator's deletion stays
    RejectionReason.objects.all().delete()
    write_default_reasons(sender=None, apps=apps)
    assert list(RejectionReason.objects.values_list("code", flat=True)) == [code for code, _, _ in REASONS]
