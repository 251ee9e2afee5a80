"""Every endpoint of guides and participation is in the OpenAPI document, with the If-Match writes marked."""

import pytest

from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/guides": {"get", "post"},
    "/api/v1/guides/{slug}": {"get", "put"},
    "/api/v1/guides/help/{topic}": {"get"},
    "/api/v1/guides/{slug}/revisions": {"get"},
    "/api/v1/guides/{slug}/revisions/{number}/restore": {"post"},
    "/api/v1/campaigns": {"get", "post"},
    "/api/v1/campaigns/{campaign_id}": {"get", "patch"},
    "/api/v1/campaigns/{campaign_id}/progress": {"get"},
    "/api/v1/campaigns/{campaign_id}/cells": {"get"},
    "/api/v1/campaigns/{campaign_id}/leaderboard": {"get"},
    "/api/v1/campaigns/{campaign_id}/participation": {"get", "put", "delete"},
    "/api/v1/nominations": {"get", "post"},
    "/api/v1/nominations/{nomination_id}/support": {"put", "delete"},
    "/api/v1/nominations/{nomination_id}/decision": {"post"},
    "/api/v1/topic-templates": {"get"},
    "/api/v1/topic-templates/{key}/maps": {"post"},
    "/api/v1/topic-templates/{key}/layers": {"post"},
    "/api/v1/plan": {"get", "post"},
    "/api/v1/plan/{item_id}": {"get", "patch"},
    "/api/v1/plan/{item_id}/vote": {"put", "delete"},
    "/api/v1/plan/{item_id}/comments": {"get", "post"},
    "/api/v1/me/recognition": {"get"},
}


def test_every_endpoint_is_documented():
    paths = ApiClient(None).get("/openapi.json").json()["paths"]
    for path, methods in PATHS.items():
        assert path in paths, path
        assert methods <= set(paths[path]), (path, set(paths[path]))
    assert "If-Match" in paths["/api/v1/plan/{item_id}"]["patch"]["summary"]
    assert "If-Match" in paths["/api/v1/nominations/{nomination_id}/decision"]["post"]["summary"]
