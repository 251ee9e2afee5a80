"""Every page of guides and participation answers, for the public, a resident and the officials."""

import pytest

from guides.seed import load_guides

pytestmark = pytest.mark.django_db


def test_pages_render(client, users, campaign, author):
    load_guides()
    client.force_login(users["resident"])
    for path in [
        "/guides/",
        "/guides/village-safety-map/",
        "/guides/village-safety-map/steps/draw/",
        "/guides/village-safety-map/print/",
        "/campaigns/",
        f"/campaigns/{campaign.pk}/",
        f"/campaigns/{campaign.pk}/summary/",
        f"/campaigns/{campaign.pk}/coverage.svg",
        "/topics/",
        "/plan/",
        "/me/profile/",
        "/take-part/",
        "/maps/new/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.content[:3000])
