"""A campaign's progress against a known set of reports: what counts (map, area, days in Seoul time, not
rejected), the 100 m cells covered, participants and contributors, and the opt-in leaderboard."""

from datetime import date

import pytest
from django.contrib.gis.geos import Point

from guides.models import CampaignParticipant
from guides.services.progress import cells, leaderboard, progress
from layers.models import Feature, FeatureStatus
from layers.services.layers import create_layer
from mapping.models import Map
from tests.api.conftest import ApiClient

from .conftest import report

pytestmark = pytest.mark.django_db

FIRST, SECOND, LAST = date(2026, 5, 1), date(2026, 5, 2), date(2026, 5, 3)


def join_campaign(user, campaign, on_leaderboard=False):
    """Took part (the campaign is over now, so the row is written directly; joining is tested on its own)."""
    CampaignParticipant.objects.create(campaign=campaign, user=user, on_leaderboard=on_leaderboard)


@pytest.fixture
def known_reports(campaign, hazards, users):
    """Six reports that count, in five cells of the 4 × 4 grid, and five that do not."""
    resident, editor, owner = users["resident"], users["editor"], users["owner"]
    other_map = Map.objects.create(title="다른 지도", kind="safety", owner=owner)
    other_layer = create_layer(other_map, {"name": "다른 레이어"})
    counted = [
        report(hazards, resident, 198_050, 551_050, day=FIRST, hour=0),  # cell (1980, 5510), first minute of the window
        report(hazards, editor, 198_060, 551_070, day=SECOND),  # the same cell
        report(hazards, resident, 198_350, 551_350, day=LAST),  # cell (1983, 5513)
        report(hazards, owner, 198_150, 551_250, day=SECOND, status=FeatureStatus.PENDING),  # (1981, 5512), pending
        report(hazards, resident, 198_250, 551_050, day=LAST, hour=23),  # (1982, 5510), last hour of the window
        report(hazards, None, 198_120, 551_160, day=FIRST, category="flooding"),  # (1981, 5511), deleted account
    ]
    not_counted = [
        report(hazards, resident, 198_150, 551_150, day=SECOND, status=FeatureStatus.REJECTED),
        report(hazards, resident, 198_150, 551_150, day=SECOND, status=FeatureStatus.HIDDEN),
        report(hazards, resident, 198_550, 551_050, day=SECOND),  # outside the area
        report(hazards, resident, 198_050, 551_350, day=date(2026, 4, 30), hour=23),  # the evening before
        report(hazards, resident, 198_050, 551_350, day=date(2026, 5, 4), hour=0),  # just after the last day
        report(other_layer, resident, 198_050, 551_350, day=SECOND),  # another map
    ]
    return counted, not_counted


def test_progress_counts_the_known_reports(campaign, known_reports, users):
    join_campaign(users["resident"], campaign, on_leaderboard=True)
    join_campaign(users["editor"], campaign)
    numbers = progress(campaign)
    assert numbers.features == 6
    assert numbers.contributors == 3  # resident, editor, owner (the deleted account is nobody)
    assert numbers.participants == 2
    assert (numbers.cells_total, numbers.cells_covered) == (16, 5)
    assert numbers.coverage_percent == 31.2  # 5 / 16 = 31.25 %, one decimal
    assert numbers.cell_metres == 100


def test_the_grid_names_its_covered_cells(campaign, known_reports):
    covered = {(i, j) for i, j, is_covered in cells(campaign) if is_covered}
    assert covered == {(1980, 5510), (1983, 5513), (1981, 5512), (1982, 5510), (1981, 5511)}
    assert {(i, j) for i, j, _ in cells(campaign)} == {(i, j) for i in range(1980, 1984) for j in range(5510, 5514)}


def test_larger_cells_cover_a_larger_share(campaign, known_reports):
    campaign.cell_metres = 200
    numbers = progress(campaign)
    assert (numbers.cells_total, numbers.cells_covered) == (4, 4)  # 2 × 2 cells, each holding a report
    assert numbers.coverage_percent == 100.0


def test_a_category_or_layer_of_the_campaign_narrows_what_counts(campaign, known_reports, hazards):
    campaign.category = hazards.categories.get(key="flooding")
    assert progress(campaign).features == 1
    campaign.category = None
    campaign.layer = create_layer(campaign.map, {"name": "빈 레이어"})
    assert progress(campaign).features == 0


def test_deleting_or_rejecting_a_report_moves_the_numbers_at_once(campaign, known_reports):
    counted, _ = known_reports
    Feature.objects.filter(pk=counted[2].pk).update(status=FeatureStatus.REJECTED)
    counted[4].delete()
    numbers = progress(campaign)
    assert (numbers.features, numbers.cells_covered) == (4, 3)


def test_the_leaderboard_lists_only_participants_who_opted_in(campaign, known_reports, users):
    join_campaign(users["resident"], campaign, on_leaderboard=True)
    join_campaign(users["editor"], campaign, on_leaderboard=False)
    join_campaign(users["owner"], campaign, on_leaderboard=True)
    assert leaderboard(campaign) == [("resident", 3), ("owner", 1)]
    rows = ApiClient(None).get(f"/campaigns/{campaign.pk}/leaderboard").json()
    assert rows == [{"rank": 1, "username": "resident", "reports": 3}, {"rank": 2, "username": "owner", "reports": 1}]


def test_the_api_gives_the_same_numbers_and_the_cells_as_geojson(campaign, known_reports):
    api = ApiClient(None)
    numbers = api.get(f"/campaigns/{campaign.pk}/progress").json()
    assert {key: numbers[key] for key in ("features", "contributors", "cells_total", "cells_covered")} == {
        "features": 6, "contributors": 3, "cells_total": 16, "cells_covered": 5,
    }  # fmt: skip
    assert numbers["coverage_percent"] == 31.2 and numbers["phase"] == "finished"
    grid = api.get(f"/campaigns/{campaign.pk}/cells").json()
    assert grid["cell_metres"] == 100 and len(grid["features"]) == 16
    assert sum(cell["properties"]["covered"] for cell in grid["features"]) == 5
    south_west = next(
        cell for cell in grid["features"] if cell["properties"]["i"] == 1980 and cell["properties"]["j"] == 5510
    )
    west, south = (
        min(x for x, _ in south_west["geometry"]["coordinates"][0]),
        min(y for _, y in south_west["geometry"]["coordinates"][0]),
    )
    corner = Point(198_000, 551_000, srid=5186)
    corner.transform(4326)
    assert abs(west - corner.x) < 1e-4 and abs(south - corner.y) < 1e-4


def test_the_campaign_page_and_picture_show_the_numbers(client, campaign, known_reports):
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert 'data-progress="features">6<' in page and 'data-progress="coverage_percent">31.2<' in page
    assert "100 m × 100 m" in page
    picture = client.get(f"/campaigns/{campaign.pk}/coverage.svg")
    assert picture["Content-Type"].startswith("image/svg+xml")
    svg = picture.content.decode()
    assert svg.count("<rect") == 16 and svg.count('fill="#1f5fbf"') == 5
