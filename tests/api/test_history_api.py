"""A feature's history and revert through the API, and the layer revision kept by a database trigger.

Every create, update, delete and revert is recorded with who, when, and the
old and new state; a revert restores the state before one change, bumps the
version and is itself recorded. The layer's ``revision`` moves with every
statement that changes its features, whatever path the change takes.
"""

from datetime import datetime

import pytest
from django.contrib.gis.geos import Point
from django.db import connection

from layers.models import Feature, FeatureChange, Layer
from layers.services.layers import create_layer

from .conftest import add_feature, assert_json_error, point_feature


@pytest.fixture
def layer(scenario):
    """An open layer on the public 중구 map."""
    return create_layer(scenario["public"], {"name": "이력 시험"})


@pytest.fixture
def resident(users, api_as):
    return api_as(users["resident"])


def create(client, layer, **properties):
    response = client.post(f"/layers/{layer.pk}/features", point_feature(**properties))
    assert response.status_code == 201, response.content
    return response


def patch(client, feature_id, etag, **properties):
    response = client.patch(f"/features/{feature_id}", {"properties": properties}, **{"If-Match": etag})
    assert response.status_code == 200, response.content
    return response


def history(client, feature_id):
    response = client.get(f"/features/{feature_id}/history")
    assert response.status_code == 200, response.content
    return response.json()


def revert(client, feature_id, change_id, etag=None):
    headers = {"If-Match": etag} if etag else {}
    return client.post(f"/features/{feature_id}/revert", {"change": change_id}, **headers)


def test_create_update_delete_are_recorded_with_who_when_old_and_new(layer, resident, users, api_as):
    created = create(resident, layer, title="처음 제목", summary="처음 요약")
    feature_id = created.json()["id"]
    editor = api_as(users["editor"])
    updated = patch(editor, feature_id, created["ETag"], title="고친 제목")
    deleted = resident.delete(f"/features/{feature_id}", **{"If-Match": updated["ETag"]})
    assert deleted.status_code == 204

    entries = history(resident, feature_id)
    assert [entry["action"] for entry in entries] == ["delete", "update", "create"]
    delete, update, create_ = entries
    assert [entry["user"] for entry in entries] == ["resident", "editor", "resident"]
    assert [entry["version"] for entry in entries] == [3, 2, 1]
    moments = [datetime.fromisoformat(entry["at"].replace("Z", "+00:00")) for entry in (create_, update, delete)]
    assert moments == sorted(moments)

    assert create_["old"] is None
    assert create_["new"]["title"] == "처음 제목"
    assert create_["new"]["summary"] == "처음 요약"
    assert create_["new"]["category"] == "dark-alley"
    assert create_["new"]["geometry"] == {"type": "Point", "coordinates": [126.99, 37.56]}

    assert update["old"]["title"] == "처음 제목"
    assert update["new"]["title"] == "고친 제목"
    assert update["old"]["summary"] == update["new"]["summary"] == "처음 요약"

    assert delete["old"]["title"] == "고친 제목"
    assert delete["new"] is None
    assert len({entry["id"] for entry in entries}) == 3


def test_history_of_a_feature_that_never_was_is_404(resident, db):
    assert_json_error(resident.get("/features/987654321/history"), 404)


def test_revert_an_update_restores_the_old_title(layer, resident):
    created = create(resident, layer, title="원래 제목")
    feature_id = created.json()["id"]
    updated = patch(resident, feature_id, created["ETag"], title="잘못 고친 제목", summary="새 요약")
    update_id = history(resident, feature_id)[0]["id"]

    response = revert(resident, feature_id, update_id, updated["ETag"])
    assert response.status_code == 200, response.content
    assert response.json()["properties"]["title"] == "원래 제목"
    assert response.json()["properties"]["summary"] == ""
    assert response.json()["properties"]["version"] == 3
    assert response["ETag"] == f'"f{feature_id}-v3"'
    feature = Feature.objects.get(pk=feature_id)
    assert (feature.title, feature.summary, feature.version) == ("원래 제목", "", 3)

    latest = history(resident, feature_id)[0]
    assert latest["action"] == "revert"
    assert latest["user"] == "resident"
    assert latest["version"] == 3
    assert latest["old"]["title"] == "잘못 고친 제목"
    assert latest["new"]["title"] == "원래 제목"


def test_revert_restores_geometry_and_fields(scenario, resident):
    fields_layer = create_layer(
        scenario["public"], {"name": "조사", "fields": [{"key": "lamps", "label": "가로등 수", "type": "number"}]}
    )
    created = resident.post(f"/layers/{fields_layer.pk}/features", point_feature(fields={"lamps": 3}))
    feature_id = created.json()["id"]
    moved = resident.patch(
        f"/features/{feature_id}",
        {"geometry": {"type": "Point", "coordinates": [126.99, 37.61]}, "properties": {"fields": {"lamps": 0}}},
        **{"If-Match": created["ETag"]},
    )
    assert moved.json()["properties"]["district"] == "11110"
    response = revert(resident, feature_id, history(resident, feature_id)[0]["id"], moved["ETag"])
    assert response.status_code == 200
    properties = response.json()["properties"]
    assert (properties["fields"], properties["district"]) == ({"lamps": 3}, "11140")
    assert response.json()["geometry"]["coordinates"] == pytest.approx([126.99, 37.56])


def test_revert_needs_if_match_when_the_feature_exists(layer, resident):
    created = create(resident, layer, title="원래 제목")
    feature_id = created.json()["id"]
    updated = patch(resident, feature_id, created["ETag"], title="새 제목")
    update_id = history(resident, feature_id)[0]["id"]

    assert "If-Match" in assert_json_error(revert(resident, feature_id, update_id), 428)
    assert_json_error(revert(resident, feature_id, update_id, "*"), 428)
    assert_json_error(revert(resident, feature_id, update_id, created["ETag"]), 412)  # stale
    feature = Feature.objects.get(pk=feature_id)
    assert (feature.title, feature.version) == ("새 제목", 2)
    assert history(resident, feature_id)[0]["action"] == "update"
    assert revert(resident, feature_id, update_id, updated["ETag"]).status_code == 200


def test_revert_of_the_delete_brings_the_feature_back_with_the_same_id(layer, resident, users):
    created = create(resident, layer, title="지워질 제보", summary="되살릴 것")
    feature_id = created.json()["id"]
    assert resident.delete(f"/features/{feature_id}", **{"If-Match": created["ETag"]}).status_code == 204
    assert not Feature.objects.filter(pk=feature_id).exists()
    delete_id = history(resident, feature_id)[0]["id"]

    response = revert(resident, feature_id, delete_id)  # nothing to match: the feature does not exist
    assert response.status_code == 200, response.content
    assert response.json()["id"] == feature_id
    feature = Feature.objects.get(pk=feature_id)
    assert (feature.title, feature.summary, feature.layer_id) == ("지워질 제보", "되살릴 것", layer.pk)
    assert feature.author == users["resident"]
    assert feature.district.code == "11140"
    assert feature.version > 2  # the ETag the deleter held cannot overwrite the restored feature
    assert response["ETag"] == feature.etag
    assert resident.get(f"/features/{feature_id}").json()["properties"]["title"] == "지워질 제보"

    latest = history(resident, feature_id)[0]
    assert (latest["action"], latest["old"], latest["new"]["title"]) == ("revert", None, "지워질 제보")


def test_revert_of_the_delete_keeps_the_creation_date(layer, resident):
    """A restored report is the same report: it keeps its place in lists sorted by creation date."""
    created = create(resident, layer, title="오래된 제보")
    feature_id = created.json()["id"]
    first_created = created.json()["properties"]["created"]
    newer = create(resident, layer, title="새 제보")
    assert resident.delete(f"/features/{feature_id}", **{"If-Match": created["ETag"]}).status_code == 204
    restored = revert(resident, feature_id, history(resident, feature_id)[0]["id"])
    assert restored.status_code == 200
    assert restored.json()["properties"]["created"] == first_created
    listed = [f["id"] for f in resident.get(f"/layers/{layer.pk}/features").json()["features"]]
    assert listed == [newer.json()["id"], feature_id]


def test_revert_of_the_create_deletes_the_feature(layer, resident):
    created = create(resident, layer, title="없던 일로")
    feature_id = created.json()["id"]
    create_id = history(resident, feature_id)[0]["id"]
    assert_json_error(revert(resident, feature_id, create_id), 428)

    response = revert(resident, feature_id, create_id, created["ETag"])
    assert response.status_code == 204
    assert not Feature.objects.filter(pk=feature_id).exists()
    latest = history(resident, feature_id)[0]
    assert (latest["action"], latest["new"], latest["old"]["title"]) == ("revert", None, "없던 일로")

    # Undoing that revert brings the feature back.
    back = revert(resident, feature_id, latest["id"])
    assert back.status_code == 200
    assert Feature.objects.get(pk=feature_id).title == "없던 일로"


def test_change_of_another_feature_is_400(layer, resident):
    first = create(resident, layer, title="첫째")
    second = create(resident, layer, title="둘째")
    other_change = history(resident, second.json()["id"])[0]["id"]
    response = revert(resident, first.json()["id"], other_change, first["ETag"])
    assert str(other_change) in assert_json_error(response, 400)
    assert Feature.objects.filter(pk=second.json()["id"]).exists()
    assert Feature.objects.get(pk=first.json()["id"]).version == 1


def test_unknown_change_is_400(layer, resident):
    created = create(resident, layer)
    assert_json_error(revert(resident, created.json()["id"], 987654321, created["ETag"]), 400)


def test_revert_to_a_removed_category_is_409(layer, resident, users, api_as):
    created = create(resident, layer, category="flooding")
    feature_id = created.json()["id"]
    moved = patch(resident, feature_id, created["ETag"], category="other")
    owner = api_as(users["owner"])
    categories = [{"key": "other", "label_ko": "기타"}]
    assert owner.patch(f"/layers/{layer.pk}", {"categories": categories}, **{"If-Match": layer.etag}).status_code == 200
    response = revert(resident, feature_id, history(resident, feature_id)[0]["id"], moved["ETag"])
    assert "flooding" in assert_json_error(response, 409)
    assert Feature.objects.get(pk=feature_id).category.key == "other"


# --- layer revision --------------------------------------------------------------------------------------------


def revision(layer):
    return Layer.objects.values_list("revision", flat=True).get(pk=layer.pk)


def test_revision_moves_with_every_api_change(layer, resident):
    seen = [revision(layer)]

    def moved():
        now = revision(layer)
        assert now > seen[-1], seen + [now]
        seen.append(now)

    created = create(resident, layer, title="하나")
    moved()
    feature_id = created.json()["id"]
    updated = patch(resident, feature_id, created["ETag"], title="둘")
    moved()
    reverted = revert(resident, feature_id, history(resident, feature_id)[0]["id"], updated["ETag"])
    assert reverted.status_code == 200
    moved()
    assert resident.delete(f"/features/{feature_id}", **{"If-Match": reverted["ETag"]}).status_code == 204
    moved()
    assert revert(resident, feature_id, history(resident, feature_id)[0]["id"]).status_code == 200
    moved()
    assert resident.get(f"/layers/{layer.pk}").json()["revision"] == seen[-1]


def test_refused_change_leaves_the_revision(layer, resident):
    created = create(resident, layer)
    before = revision(layer)
    stale = resident.patch(
        f"/features/{created.json()['id']}", {"properties": {"title": "x"}}, **{"If-Match": '"f0-v9"'}
    )
    assert stale.status_code == 412
    assert resident.post(f"/layers/{layer.pk}/features", point_feature(category="nope")).status_code == 400
    assert revision(layer) == before


def test_revision_moves_with_bulk_update_and_bulk_delete(layer, users):
    for index in range(5):
        add_feature(layer, users["resident"], title=f"대량 {index}")
    before = revision(layer)

    assert Feature.objects.filter(layer=layer).update(title="한꺼번에") == 5
    after_update = revision(layer)
    assert after_update > before

    deleted, _ = Feature.objects.filter(
        layer=layer, pk__in=Feature.objects.filter(layer=layer).values("pk")[:2]
    ).delete()
    assert deleted >= 2
    after_delete = revision(layer)
    assert after_delete > after_update

    Feature.objects.filter(layer=layer).delete()
    assert revision(layer) > after_delete
    assert not Feature.objects.filter(layer=layer).exists()


def test_bulk_create_and_raw_sql_move_the_revision(layer, users):
    before = revision(layer)
    category = layer.categories.get(key="other")
    Feature.objects.bulk_create(
        Feature(layer=layer, geometry=Point(126.99, 37.56, srid=4326), category=category, title=f"일괄 {i}")
        for i in range(3)
    )
    after_create = revision(layer)
    assert after_create > before
    with connection.cursor() as cursor:
        cursor.execute("UPDATE layers_feature SET summary = 'sql' WHERE layer_id = %s", [layer.pk])
    assert revision(layer) > after_create


def test_revision_moves_only_for_the_changed_layer(layer, scenario, users):
    other = scenario["layer"]
    before_other = revision(other)
    before = revision(layer)
    add_feature(layer, users["resident"])
    assert revision(layer) > before
    assert revision(other) == before_other


def test_moving_a_feature_between_layers_moves_both_revisions(layer, scenario, users):
    feature = add_feature(layer, users["resident"])
    other = scenario["layer"]
    before, before_other = revision(layer), revision(other)
    Feature.objects.filter(pk=feature.pk).update(layer=other, category=other.categories.get(key="dark-alley"))
    assert revision(layer) > before
    assert revision(other) > before_other


def test_history_survives_the_feature(layer, resident):
    created = create(resident, layer)
    feature_id = created.json()["id"]
    resident.delete(f"/features/{feature_id}", **{"If-Match": created["ETag"]})
    assert FeatureChange.objects.filter(feature_id=feature_id).count() == 2
