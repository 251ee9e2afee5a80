"""Possible duplicates (same category, within the district's distance and time) and merging them:
the older survives; votes move without counting a user twice; photos and comments move; the
merged report resolves to the survivor."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from layers.models import Comment, DistrictPolicy, Feature, FeatureStatus, Photo, Vote
from layers.services import merging
from layers.services.votes import Forbidden, cast_vote
from mapping.errors import Conflict, InvalidInput, StaleVersion
from mapping.models import User

from .conftest import new_report

pytestmark = pytest.mark.django_db

LON, LAT = 126.99, 37.56
METRE_IN_LAT = 1 / 111_320


def test_a_close_recent_report_of_the_same_category_is_flagged(open_hazards, users):
    first = new_report(open_hazards, users["resident"])
    near = new_report(open_hazards, users["owner"], lat=LAT + 20 * METRE_IN_LAT)
    assert near.possible_duplicate_of == first
    assert Feature.objects.get(pk=near.pk).possible_duplicate_of_id == first.pk


def test_distance_category_and_time_limit_the_flag(open_hazards, users, junggu):
    first = new_report(open_hazards, users["resident"])
    assert new_report(open_hazards, users["owner"], lat=LAT + 40 * METRE_IN_LAT).possible_duplicate_of is None
    assert new_report(open_hazards, users["owner"], category="flooding").possible_duplicate_of is None
    Feature.objects.filter(pk=first.pk).update(created=first.created - timedelta(days=31))
    assert new_report(open_hazards, users["owner"]).possible_duplicate_of_id != first.pk
    DistrictPolicy.objects.create(district=junggu, duplicate_distance_m=100, duplicate_window_days=60)
    assert new_report(open_hazards, users["editor"], lat=LAT + 90 * METRE_IN_LAT).possible_duplicate_of is not None


def test_closed_reports_are_not_duplicates_of_new_ones(open_hazards, users):
    first = new_report(open_hazards, users["resident"])
    Feature.objects.filter(pk=first.pk).update(stage="resolved")
    assert new_report(open_hazards, users["owner"]).possible_duplicate_of is None


def small_photo(feature, user):
    blank = SimpleUploadedFile("p.jpg", b"x", content_type="image/jpeg")
    return Photo.objects.create(feature=feature, image=blank, thumbnail=blank, width=1, height=1, uploaded_by=user)


@pytest.fixture
def pair(open_hazards, users):
    older = new_report(open_hazards, users["resident"], title="먼저 올린 제보")
    newer = new_report(open_hazards, users["owner"], title="나중에 올린 제보")
    return older, newer


def test_merging_keeps_the_older_and_moves_votes_photos_and_comments(pair, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    older, newer = pair
    both, only_newer, author_of_older = (User.objects.create_user(n, password="x") for n in ("both", "only", "x"))
    cast_vote(both, older.pk)
    cast_vote(both, newer.pk)
    cast_vote(only_newer, newer.pk)
    cast_vote(users["resident"], newer.pk)  # the older report's own author agreed with the newer one
    photo = small_photo(newer, users["owner"])
    comment = Comment.objects.create(feature=newer, author=users["editor"], body="저도 봤어요")
    reply = Comment.objects.create(feature=newer, parent=comment, author=users["owner"], body="감사합니다")
    newer.refresh_from_db()

    survivor = merging.merge(users["reviewer"], newer.pk, older.pk, expected_version=newer.version)

    assert survivor.pk == older.pk
    assert set(Vote.objects.filter(feature=older).values_list("user__username", flat=True)) == {"both", "only"}
    assert Feature.objects.get(pk=older.pk).vote_count == 2
    assert not Vote.objects.filter(feature=newer).exists()
    assert Photo.objects.get(pk=photo.pk).feature_id == older.pk
    assert set(Comment.objects.filter(feature=older).values_list("pk", flat=True)) == {comment.pk, reply.pk}
    merged = Feature.objects.get(pk=newer.pk)
    assert (merged.status, merged.merged_into_id, merged.vote_count) == (FeatureStatus.MERGED, older.pk, 0)


def test_merging_from_either_side_keeps_the_older(pair, users):
    older, newer = pair
    survivor = merging.merge(users["reviewer"], older.pk, newer.pk, expected_version=older.version)
    assert survivor.pk == older.pk
    assert Feature.objects.get(pk=newer.pk).merged_into_id == older.pk


def test_a_flag_pointing_at_the_merged_report_moves_to_the_survivor(pair, users, open_hazards):
    older, newer = pair
    third = new_report(open_hazards, users["editor"])
    Feature.objects.filter(pk=third.pk).update(possible_duplicate_of=newer)
    merging.merge(users["reviewer"], newer.pk, older.pk, expected_version=newer.version)
    assert Feature.objects.get(pk=third.pk).possible_duplicate_of_id == older.pk
    assert Feature.objects.get(pk=older.pk).possible_duplicate_of_id is None


def test_merging_is_refused_when_it_would_be_wrong(pair, users, safety_map):
    from layers.services.layers import create_layer

    older, newer = pair
    with pytest.raises(InvalidInput):
        merging.merge(users["reviewer"], older.pk, older.pk, expected_version=older.version)
    with pytest.raises(Forbidden):
        merging.merge(users["other_reviewer"], older.pk, newer.pk, expected_version=older.version)
    with pytest.raises(StaleVersion):
        merging.merge(users["reviewer"], older.pk, newer.pk, expected_version=older.version + 5)
    elsewhere = new_report(create_layer(safety_map, {"name": "다른 층", "workflow": True}), users["owner"])
    with pytest.raises(Conflict, match="same layer"):
        merging.merge(users["reviewer"], older.pk, elsewhere.pk, expected_version=older.version)
    merging.merge(users["reviewer"], newer.pk, older.pk, expected_version=newer.version)
    with pytest.raises(Conflict, match="merged"):
        merging.merge(users["reviewer"], older.pk, newer.pk, expected_version=older.version + 1)
