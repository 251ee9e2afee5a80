"""A feature's own page and "my reports": who may see them, what they show, text shown as text."""

import pytest

from layers.map_templates import create_map_from_template
from layers.services.features import create_feature
from layers.services.moderation import approve

pytestmark = pytest.mark.django_db

SCRIPT = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hazards(users, junggu):
    map_ = create_map_from_template(users["owner"], "safety", title="필동 안전지도", district=junggu, review_first=True)
    return map_.layers.get(name="위험 요소")


def report(layer, author, title, **extra):
    point = {"type": "Point", "coordinates": [126.99, 37.56]}
    data = {"geometry": point, "category": "dark-alley", "title": title, **extra}
    return create_feature(author, layer, data)


def test_a_pending_report_is_seen_by_its_author_and_reviewer_only(client, users, hazards):
    feature = report(hazards, users["resident"], "골목이 어두워요")
    url = f"/features/{feature.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(users["other_reviewer"])
    assert client.get(url).status_code == 404
    for name in ("resident", "reviewer"):
        client.force_login(users[name])
        assert "골목이 어두워요" in client.get(url).content.decode()


def test_the_page_shows_status_fields_and_timeline_as_text(client, users, hazards):
    feature = report(hazards, users["resident"], SCRIPT, summary=f"첫 줄\n{SCRIPT}", properties={"when": "밤 (night)"})
    approve(users["reviewer"], feature.pk, expected_version=1)
    page = client.get(f"/features/{feature.pk}/").content.decode()
    assert SCRIPT not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "첫 줄<br>" in page
    assert "밤 (night)" in page and "언제 위험한가요?" in page
    assert 'class="timeline-approved"' in page
    assert f"/maps/{hazards.map_id}/#feature={feature.pk}" in page
    assert "#edit=" not in page


def test_my_reports_lists_each_report_with_its_status(client, users, hazards):
    mine = report(hazards, users["resident"], "우리 골목 제보")  # not "내 제보", the page's own title
    report(hazards, users["editor"], "남의 제보")
    client.force_login(users["resident"])
    page = client.get("/me/reports/").content.decode()
    assert "우리 골목 제보" in page and "남의 제보" not in page
    assert f"/features/{mine.pk}/" in page and "status-pending" in page
    assert "우리 골목 제보" not in client.get("/me/reports/", {"status": "published"}).content.decode()


def test_my_reports_needs_a_login(client):
    assert client.get("/me/reports/").status_code == 302
