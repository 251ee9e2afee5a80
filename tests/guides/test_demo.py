"""``load_demo``'s participation: the shipped guides, a guide editors' group, a running campaign, nominations
(one selected into a template) and an improvement plan — made once, so a second run changes nothing."""

import pytest

from guides.demo import DEMO_CAMPAIGN, EDITORS_GROUP, load_demo_participation
from guides.models import Campaign, Guide, Nomination, PlanItem, TopicTemplate
from guides.permissions import can_author_guides
from guides.services.progress import phase
from layers.services.layers import create_layer
from mapping.models import Map

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts(users, junggu):
    safety = Map.objects.create(
        title="데모 안전지도", slug="demo-safety", kind="safety", district=junggu, owner=users["owner"]
    )
    create_layer(safety, {"name": "위험 요소", "workflow": True})
    return {role: users[role] for role in ("resident", "reviewer", "staff", "planner", "admin")}


def test_the_demo_participation_is_made_once(accounts):
    for _ in range(2):
        load_demo_participation(accounts)
    assert Guide.objects.count() == 5
    campaign = Campaign.objects.get(title=DEMO_CAMPAIGN)
    assert phase(campaign) == "running" and campaign.district.code == "11140"
    assert campaign.participants.get().user == accounts["resident"]
    assert Nomination.objects.count() == 2 and TopicTemplate.objects.get().nomination.state == "selected"
    assert sorted(PlanItem.objects.values_list("state", flat=True)) == ["declined", "planned", "proposed"]
    reviewer = type(accounts["reviewer"]).objects.get(pk=accounts["reviewer"].pk)
    assert reviewer.groups.filter(name=EDITORS_GROUP).exists() and can_author_guides(reviewer)
