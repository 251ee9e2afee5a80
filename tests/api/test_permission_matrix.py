"""Every role against every endpoint: the status each one gets, and what lists show them.

Roles: anonymous, resident (author of the features), owner and editor of the
maps, reviewer of 중구 (the features' district), reviewer of 종로구, department
staff, planner, admin.
"""

import pytest

from layers.models import Feature
from layers.services.features import update_feature

from .conftest import point_feature

ROLES = ["anonymous", "resident", "owner", "editor", "reviewer", "other_reviewer", "staff", "planner", "admin"]


def expect(default, **by_role):
    return {role: by_role.get(role, default) for role in ROLES}


MANAGERS = {"owner": 200, "editor": 200, "admin": 200}
FEATURE_EDITORS = {"resident": 200, "owner": 200, "editor": 200, "reviewer": 200, "admin": 200}


CASES = {
    "read public map": ("get", "/maps/{public.pk}", None, None, expect(200)),
    "read unlisted map by link": ("get", "/maps/{unlisted.pk}", None, None, expect(200)),
    "read private map": ("get", "/maps/{private.pk}", None, None, expect(404, **MANAGERS)),
    "create map": ("post", "/maps", {"title": "새 지도"}, None, expect(201, anonymous=401)),
    "patch map": (
        "patch",
        "/maps/{public.pk}",
        {"title": "바뀐 제목"},
        "public",
        expect(403, anonymous=401, **MANAGERS),
    ),
    "patch private map": (
        "patch",
        "/maps/{private.pk}",
        {"title": "바뀐 제목"},
        "private",
        expect(404, anonymous=401, **MANAGERS),
    ),
    "delete map": ("delete", "/maps/{public.pk}", None, None, expect(403, anonymous=401, owner=204, admin=204)),
    "list layers": ("get", "/maps/{public.pk}/layers", None, None, expect(200)),
    "list private layers": ("get", "/maps/{private.pk}/layers", None, None, expect(404, **MANAGERS)),
    "add layer": (
        "post",
        "/maps/{public.pk}/layers",
        {"name": "새 레이어"},
        None,
        expect(403, anonymous=401, owner=201, editor=201, admin=201),
    ),
    "patch layer": ("patch", "/layers/{layer.pk}", {"name": "이름"}, "layer", expect(403, anonymous=401, **MANAGERS)),
    "delete layer": (
        "delete",
        "/layers/{layer.pk}",
        None,
        None,
        expect(403, anonymous=401, owner=204, editor=204, admin=204),
    ),
    "read published feature": ("get", "/features/{published.pk}", None, None, expect(200)),
    "read pending feature": (
        "get",
        "/features/{pending.pk}",
        None,
        None,
        expect(404, resident=200, reviewer=200, admin=200),
    ),
    "read private feature": ("get", "/features/{private_feature.pk}", None, None, expect(404, **MANAGERS)),
    "add feature": ("post", "/layers/{layer.pk}/features", point_feature(), None, expect(201, anonymous=401)),
    "add feature to private map": (
        "post",
        "/layers/{private_layer.pk}/features",
        point_feature(),
        None,
        expect(404, anonymous=401, owner=201, editor=201, admin=201),
    ),
    "patch feature": (
        "patch",
        "/features/{published.pk}",
        {"properties": {"title": "고침"}},
        "published",
        expect(403, anonymous=401, **FEATURE_EDITORS),
    ),
    "patch pending feature": (
        "patch",
        "/features/{pending.pk}",
        {"properties": {"title": "고침"}},
        "pending",
        expect(404, anonymous=401, resident=200, reviewer=200, admin=200),
    ),
    "change status": (
        "patch",
        "/features/{pending.pk}",
        {"properties": {"status": "published"}},
        "pending",
        expect(404, anonymous=401, resident=403, reviewer=200, admin=200),
    ),
    "delete feature": (
        "delete",
        "/features/{published.pk}",
        None,
        "published",
        expect(403, anonymous=401, **{role: 204 for role in FEATURE_EDITORS}),
    ),
    "feature history": (
        "get",
        "/features/{published.pk}/history",
        None,
        None,
        expect(403, anonymous=401, **FEATURE_EDITORS),
    ),
}


def _history(scenario):
    feature = scenario["published"]
    update_feature(feature.author, feature.pk, {"title": "수정됨"}, expected_version=feature.version)
    scenario["published"] = Feature.objects.get(pk=feature.pk)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", list(CASES))
def test_permission_matrix(case, role, scenario, users, api_as):
    method, path, body, versioned, expected = CASES[case]
    if case == "feature history":
        _history(scenario)
    client = api_as(None if role == "anonymous" else users[role])
    headers = {"If-Match": scenario[versioned].etag} if versioned else {}
    response = client.call(method, path.format(**scenario), body, **headers)
    assert response.status_code == expected[role], response.content


FEATURE_LIST_EXPECTATIONS = {
    "anonymous": {"공개 제보"},
    "resident": {"공개 제보", "검토 중 제보"},
    "owner": {"공개 제보"},
    "editor": {"공개 제보"},
    "reviewer": {"공개 제보", "검토 중 제보"},
    "other_reviewer": {"공개 제보"},
    "staff": {"공개 제보"},
    "planner": {"공개 제보"},
    "admin": {"공개 제보", "검토 중 제보"},
}


@pytest.mark.parametrize("role", ROLES)
def test_feature_list_shows_what_each_role_may_see(role, scenario, users, api_as):
    client = api_as(None if role == "anonymous" else users[role])
    response = client.get(f"/layers/{scenario['layer'].pk}/features")
    assert response.status_code == 200
    titles = {feature["properties"]["title"] for feature in response.json()["features"]}
    assert titles == FEATURE_LIST_EXPECTATIONS[role]


@pytest.mark.parametrize("role", ROLES)
def test_map_list_never_shows_others_unlisted_or_private_maps(role, scenario, users, api_as):
    client = api_as(None if role == "anonymous" else users[role])
    titles = {item["title"] for item in client.get("/maps").json()["items"]}
    if role in MANAGERS:
        assert titles == {"중구 안전지도", "비공개 지도", "링크 공유 지도"}
    else:
        assert titles == {"중구 안전지도"}


@pytest.mark.parametrize("role", ROLES)
def test_author_is_named_only_to_author_reviewers_and_admins(role, scenario, users, api_as):
    client = api_as(None if role == "anonymous" else users[role])
    author = client.get(f"/features/{scenario['published'].pk}").json()["properties"]["author"]
    assert author == ("resident" if role in {"resident", "reviewer", "admin"} else None)
