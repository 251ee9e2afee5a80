"""The vote service: who may vote, idempotence, the denormalised count, and what a vote leaves alone; the admin.

A vote moves ``Feature.vote_count`` and the layer's tile revision, never the
feature's version or ``updated`` time (a vote is not an edit). Concurrent votes
run on their own database connections, held at the feature's row lock until
both wait there, so they really race.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models.functions import Now
from django.urls import reverse

from layers.models import Feature, FeatureStatus, Layer, Vote
from layers.services.features import update_feature
from layers.services.votes import Forbidden, LoginRequired, cast_vote, withdraw_vote
from mapping.errors import Conflict
from mapping.models import User

from ..api import conftest as api_fixtures
from ..api.conftest import add_feature
from ..concurrency import run_together

scenario = api_fixtures.scenario  # the API tests' maps, layer and features, as a fixture here too


def fresh(feature):
    return Feature.objects.get(pk=feature.pk)


def revision(layer):
    return Layer.objects.get(pk=layer.pk).revision


def test_a_vote_counts_once_however_often_it_is_cast(scenario, users):
    feature = scenario["published"]
    assert cast_vote(users["editor"], feature.pk) == (1, True)
    assert cast_vote(users["editor"], feature.pk) == (1, True)
    assert Vote.objects.filter(feature=feature).count() == 1
    assert fresh(feature).vote_count == 1


def test_votes_of_different_users_add_up(scenario, users):
    feature = scenario["published"]
    cast_vote(users["editor"], feature.pk)
    assert cast_vote(users["planner"], feature.pk) == (2, True)
    assert fresh(feature).vote_count == 2


def test_withdrawing_takes_one_vote_off_and_is_idempotent(scenario, users):
    feature = scenario["published"]
    cast_vote(users["editor"], feature.pk)
    cast_vote(users["planner"], feature.pk)
    assert withdraw_vote(users["editor"], feature.pk) == (1, False)
    assert withdraw_vote(users["editor"], feature.pk) == (1, False)
    assert list(Vote.objects.filter(feature=feature).values_list("user__username", flat=True)) == ["planner"]
    assert fresh(feature).vote_count == 1


def test_withdrawing_without_a_vote_changes_nothing(scenario, users):
    feature = scenario["published"]
    assert withdraw_vote(users["editor"], feature.pk) == (0, False)
    assert fresh(feature).vote_count == 0


def test_the_count_never_goes_below_zero(scenario, users):
    feature = scenario["published"]
    cast_vote(users["editor"], feature.pk)
    Feature.objects.filter(pk=feature.pk).update(vote_count=0)  # a count that drifted low
    assert withdraw_vote(users["editor"], feature.pk) == (0, False)
    assert fresh(feature).vote_count == 0


def test_the_database_refuses_a_second_vote_row(scenario, users):
    feature = scenario["published"]
    Vote.objects.create(feature=feature, user=users["editor"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(feature=feature, user=users["editor"])


def test_anonymous_users_cannot_vote_or_withdraw(scenario):
    for operation in (cast_vote, withdraw_vote):
        with pytest.raises(LoginRequired) as error:
            operation(AnonymousUser(), scenario["published"].pk)
        assert error.value.status == 401


@pytest.mark.parametrize(
    ("role", "feature"),
    [
        ("editor", "pending"),  # someone else's report under review
        ("resident", "private_feature"),  # a private map the resident is not on
        ("other_reviewer", "pending"),  # reviewer of another district
    ],
)
def test_a_feature_the_user_cannot_see_does_not_exist_for_them(role, feature, scenario, users):
    for operation in (cast_vote, withdraw_vote):
        with pytest.raises(Feature.DoesNotExist):
            operation(users[role], scenario[feature].pk)
    assert not Vote.objects.exists()


def test_an_unknown_feature_does_not_exist(scenario, users):
    with pytest.raises(Feature.DoesNotExist):
        cast_vote(users["editor"], 987654321)


@pytest.mark.parametrize("status", [FeatureStatus.PENDING, FeatureStatus.REJECTED, FeatureStatus.HIDDEN])
def test_only_published_reports_receive_votes(status, scenario, users):
    feature = add_feature(scenario["layer"], users["editor"], status)
    with pytest.raises(Conflict) as error:
        cast_vote(users["reviewer"], feature.pk)  # the 중구 reviewer sees every status
    assert error.value.status == 409
    assert status in error.value.message
    assert fresh(feature).vote_count == 0


def test_authors_cannot_vote_for_their_own_report(scenario, users):
    with pytest.raises(Forbidden) as error:
        cast_vote(users["resident"], scenario["published"].pk)
    assert error.value.status == 403
    assert "own report" in error.value.message
    assert fresh(scenario["published"]).vote_count == 0


def test_unverified_accounts_vote_unless_the_setting_requires_verification(scenario, users, settings):
    feature = scenario["published"]
    assert cast_vote(users["editor"], feature.pk) == (1, True)
    settings.VOTES_REQUIRE_VERIFIED = True
    with pytest.raises(Forbidden) as error:
        cast_vote(users["planner"], feature.pk)
    assert error.value.status == 403
    assert "verified" in error.value.message
    User.objects.filter(pk=users["planner"].pk).update(verified=True)
    assert cast_vote(User.objects.get(pk=users["planner"].pk), feature.pk) == (2, True)


def test_a_vote_can_be_withdrawn_after_the_report_left_publication(scenario, users, settings):
    feature = scenario["published"]
    cast_vote(users["reviewer"], feature.pk)
    update_feature(users["reviewer"], feature.pk, {"status": FeatureStatus.PENDING}, expected_version=1)
    settings.VOTES_REQUIRE_VERIFIED = True
    assert withdraw_vote(users["reviewer"], feature.pk) == (0, False)


def test_a_vote_leaves_the_version_and_update_time_alone(scenario, users):
    feature = scenario["published"]
    Feature.objects.filter(pk=feature.pk).update(updated=Now())
    before = fresh(feature)
    cast_vote(users["editor"], feature.pk)
    withdraw_vote(users["editor"], feature.pk)
    cast_vote(users["planner"], feature.pk)
    after = fresh(feature)
    assert (after.version, after.updated, after.etag) == (before.version, before.updated, before.etag)
    edited = update_feature(users["resident"], feature.pk, {"title": "고친 제목"}, expected_version=before.version)
    assert edited.vote_count == 1


def test_a_vote_and_a_withdrawal_move_the_tile_revision_a_repeated_one_does_not(scenario, users):
    feature, layer = scenario["published"], scenario["layer"]
    start = revision(layer)
    cast_vote(users["editor"], feature.pk)
    voted = revision(layer)
    assert voted > start
    cast_vote(users["editor"], feature.pk)
    assert revision(layer) == voted
    withdraw_vote(users["editor"], feature.pk)
    withdrawn = revision(layer)
    assert withdrawn > voted
    withdraw_vote(users["editor"], feature.pk)
    assert revision(layer) == withdrawn


def test_deleting_an_account_takes_its_votes_off_the_counts(scenario, users):
    feature = scenario["published"]
    other = add_feature(scenario["layer"], users["resident"], title="다른 제보")
    for user in (users["editor"], users["planner"]):
        cast_vote(user, feature.pk)
    cast_vote(users["editor"], other.pk)
    users["editor"].delete()
    assert (fresh(feature).vote_count, fresh(other).vote_count) == (1, 0)
    assert Vote.objects.filter(feature=feature).count() == 1


def test_deleting_a_feature_deletes_its_votes(scenario, users):
    feature = scenario["published"]
    cast_vote(users["editor"], feature.pk)
    Feature.objects.filter(pk=feature.pk).delete()
    assert not Vote.objects.exists()


def test_the_admin_shows_counts_and_votes_read_only(scenario, users, client):
    feature = scenario["published"]
    cast_vote(users["editor"], feature.pk)
    cast_vote(users["planner"], feature.pk)
    client.force_login(users["admin"])
    page = client.get(reverse("admin:layers_feature_change", args=[feature.pk])).content.decode()
    assert re.search(r'<div class="readonly">\s*2\s*</div>', page)
    assert 'name="vote_count"' not in page
    vote = Vote.objects.get(user=users["editor"])
    changelist = client.get(reverse("admin:layers_vote_changelist"), {"q": "editor"})
    assert changelist.status_code == 200
    assert reverse("admin:layers_vote_change", args=[vote.pk]) in changelist.content.decode()
    assert client.get(reverse("admin:layers_vote_change", args=[vote.pk])).status_code == 200
    assert client.get(reverse("admin:layers_vote_add")).status_code == 403
    assert client.post(reverse("admin:layers_vote_delete", args=[vote.pk]), {"post": "yes"}).status_code == 403
    assert fresh(feature).vote_count == 2


def race(voters, feature_id):
    """Run ``cast_vote`` for each voter on its own connection, all released together; returns their results."""
    return run_together(
        [lambda user=user: cast_vote(user, feature_id) for user in voters],
        lambda: Feature.objects.select_for_update().get(pk=feature_id),  # every voter waits here
    )


@pytest.mark.django_db(transaction=True)
def test_simultaneous_votes_of_two_users_both_count(scenario, users):
    feature = scenario["published"]
    results = race([users["editor"], users["planner"]], feature.pk)
    assert sorted(results) == [(1, True), (2, True)]
    assert fresh(feature).vote_count == 2
    assert Vote.objects.filter(feature=feature).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_double_click_counts_once(scenario, users):
    feature = scenario["published"]
    results = race([users["editor"], users["editor"]], feature.pk)
    assert results == [(1, True), (1, True)]
    assert fresh(feature).vote_count == 1
    assert Vote.objects.filter(feature=feature).count() == 1
