"""공감 thresholds per district: N votes within D days of publication make an answer due in A days;
exactly at the boundary of the count and of the window; concurrent votes counted exactly."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from layers.models import DistrictPolicy, EventKind, Feature, TimelineEvent, Vote
from layers.services.thresholds import check_threshold
from layers.services.votes import cast_vote, withdraw_vote
from mapping.models import User

from .conftest import new_report


@pytest.fixture
def policy(junggu):
    return DistrictPolicy.objects.create(district=junggu, vote_threshold=3, vote_window_days=30, answer_days=20)


@pytest.fixture
def voters(db):
    return [User.objects.create_user(f"voter{n}", password="x") for n in range(5)]


@pytest.fixture
def report(open_hazards, users):
    return new_report(open_hazards, users["resident"])


def vote_at(feature, user, when):
    Vote.objects.create(feature=feature, user=user)
    Vote.objects.filter(feature=feature, user=user).update(created=when)


@pytest.mark.django_db
def test_one_vote_short_of_the_threshold_flags_nothing_and_the_last_vote_flags_it(report, voters, policy):
    for voter in voters[:2]:
        cast_vote(voter, report.pk)
    report.refresh_from_db()
    assert report.threshold_reached_at is None and report.answer_due is None
    cast_vote(voters[2], report.pk)
    report.refresh_from_db()
    assert report.threshold_reached_at is not None
    assert report.answer_due == report.threshold_reached_at + timedelta(days=20)
    event = TimelineEvent.objects.get(feature=report, kind=EventKind.THRESHOLD)
    assert event.public and event.due_date == timezone.localdate(report.answer_due)


@pytest.mark.django_db
def test_a_vote_exactly_at_the_end_of_the_window_counts_and_one_a_second_later_does_not(report, voters, policy):
    end = report.published_at + timedelta(days=30)
    vote_at(report, voters[0], report.published_at)
    vote_at(report, voters[1], end - timedelta(days=1))
    vote_at(report, voters[2], end + timedelta(seconds=1))
    feature = Feature.objects.select_related("layer", "district").get(pk=report.pk)
    assert check_threshold(feature) is False
    Vote.objects.filter(feature=report, user=voters[2]).update(created=end)
    assert check_threshold(feature) is True


@pytest.mark.django_db
def test_the_flag_stays_when_votes_are_withdrawn_and_is_set_once(report, voters, policy):
    for voter in voters[:3]:
        cast_vote(voter, report.pk)
    withdraw_vote(voters[0], report.pk)
    cast_vote(voters[3], report.pk)
    report.refresh_from_db()
    assert report.threshold_reached_at is not None
    assert TimelineEvent.objects.filter(feature=report, kind=EventKind.THRESHOLD).count() == 1


@pytest.mark.django_db
def test_the_numbers_are_the_districts_own_and_default_to_50_30_20(report, users, junggu):
    policy = DistrictPolicy.for_district(junggu.pk)
    assert (policy.vote_threshold, policy.vote_window_days, policy.answer_days) == (50, 30, 20)
    assert policy.pk is None


@pytest.mark.django_db
def test_reports_the_district_does_not_handle_have_no_threshold(safety_map, users, voters, policy):
    from layers.services.layers import create_layer

    sharing = create_layer(safety_map, {"name": "안전 시설"})
    feature = new_report(sharing, users["resident"], category="other")
    for voter in voters[:3]:
        cast_vote(voter, feature.pk)
    feature.refresh_from_db()
    assert feature.vote_count == 3 and feature.threshold_reached_at is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_give_the_exact_count_and_cross_the_threshold_once(users, junggu, safety_map):
    from layers.services.layers import create_layer

    layer = create_layer(safety_map, {"name": "동시 공감", "workflow": True})
    DistrictPolicy.objects.create(district=junggu, vote_threshold=12, vote_window_days=30, answer_days=20)
    report = new_report(layer, users["resident"])
    crowd = [User.objects.create_user(f"crowd{n}", password="x") for n in range(24)]

    def vote(user):
        try:
            return cast_vote(user, report.pk)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(vote, crowd + crowd[:6]))  # six of them click twice
    report.refresh_from_db()
    assert report.vote_count == Vote.objects.filter(feature=report).count() == 24
    assert TimelineEvent.objects.filter(feature=report, kind=EventKind.THRESHOLD).count() == 1
