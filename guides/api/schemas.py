"""Request and response shapes of the guides and participation endpoints."""

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from mapping.api.text import Text

TopicName = Literal["", "draw", "category", "describe", "photos", "privacy"]


class StepIn(Schema):
    anchor: Text = Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=60)
    topic: TopicName = ""
    title_ko: Text = Field(min_length=1, max_length=200)
    title_en: Text = Field("", max_length=200)
    body_ko: Text = Field("", description="HTML; cleaned with nh3 (script, event handlers, foreign images removed)")
    body_en: Text = ""


class GuideIn(Schema):
    slug: Text = Field(pattern=r"^[-a-z0-9]+$", max_length=80, description="Ignored when an existing guide is saved")
    title_ko: Text = Field(min_length=1, max_length=200)
    title_en: Text = Field("", max_length=200)
    summary_ko: Text = Field("", max_length=1000)
    summary_en: Text = Field("", max_length=1000)
    order: int = Field(0, ge=0, le=10_000)
    published: bool = True
    steps: list[StepIn] = Field(min_length=1, max_length=60)
    note: Text = Field("", max_length=200, description="What this save changed (kept with the revision)")


class StepOut(Schema):
    anchor: str
    topic: str
    title_ko: str
    title_en: str
    body_ko: str
    body_en: str
    url: str


class GuideSummary(Schema):
    slug: str
    title_ko: str
    title_en: str
    summary_ko: str
    summary_en: str
    order: int
    published: bool
    version: int
    updated: datetime
    url: str
    print_url: str


class GuideOut(GuideSummary):
    steps: list[StepOut]


class RevisionOut(Schema):
    number: int
    author: str | None
    created: datetime
    note: str
    restored_from: int | None


class RevisionDetail(RevisionOut):
    content: dict[str, Any]


class HelpOut(Schema):
    topic: str
    guide: str
    anchor: str
    url: str


class CampaignIn(Schema):
    map: int
    title: Text = Field(min_length=1, max_length=200)
    goal: Text = Field(min_length=1, max_length=300)
    goal_features: int | None = Field(None, ge=1, le=100_000)
    description: Text = Field("", max_length=5000)
    organiser: Text = Field(min_length=1, max_length=100)
    area: dict[str, Any] = Field(description="GeoJSON Polygon or MultiPolygon, lon/lat (EPSG:4326)")
    starts: date
    ends: date
    cell_metres: Literal[50, 100, 200, 250, 500] = 100
    layer: int | None = None
    category: str | None = Field(None, description="Key of a category of the map (of its layer, when given)")


class CampaignPatch(Schema):
    title: Text | None = Field(None, min_length=1, max_length=200)
    goal: Text | None = Field(None, min_length=1, max_length=300)
    goal_features: int | None = Field(None, ge=1, le=100_000)
    description: Text | None = Field(None, max_length=5000)
    organiser: Text | None = Field(None, min_length=1, max_length=100)
    area: dict[str, Any] | None = None
    starts: date | None = None
    ends: date | None = None
    cell_metres: Literal[50, 100, 200, 250, 500] | None = None
    closing_note: Text | None = Field(None, max_length=5000)


class ProgressOut(Schema):
    features: int
    contributors: int
    participants: int
    cells_total: int
    cells_covered: int
    coverage_percent: float
    cell_metres: int
    goal_features: int | None
    goal_percent: float | None
    phase: Literal["upcoming", "running", "finished"]


class CampaignOut(Schema):
    id: int
    map: int
    layer: int | None
    category: str | None
    title: str
    goal: str
    goal_features: int | None
    description: str
    organiser: str
    district: str | None
    area: dict[str, Any]
    starts: date
    ends: date
    cell_metres: int
    closing_note: str
    phase: str
    version: int
    url: str
    summary_url: str


class CampaignList(Schema):
    count: int
    items: list[CampaignOut]


class ParticipationIn(Schema):
    on_leaderboard: bool = False


class ParticipationOut(Schema):
    joined: bool
    on_leaderboard: bool
    participants: int


class LeaderboardRow(Schema):
    rank: int
    username: str
    reports: int


class NominationIn(Schema):
    title: Text = Field(min_length=1, max_length=200)
    kind: Literal["administrative", "know-how"]
    reason: Text = Field(min_length=1, max_length=2000)
    example: Text = Field("", max_length=2000)
    district: Text | None = Field(None, description="District code (SIG_CD); none for a city-wide topic")


class CategoryIn(Schema):
    label_ko: Text = Field(min_length=1, max_length=60)
    label_en: Text = Field("", max_length=60)


class TemplateIn(Schema):
    label_ko: Text | None = Field(None, min_length=1, max_length=100, description="Defaults to the nomination's title")
    label_en: Text = Field("", max_length=100)
    description_ko: Text = Field("", max_length=1000)
    description_en: Text = Field("", max_length=1000)
    scope: Literal["map", "layer"] = "map"
    map_kind: Literal["safety", "sharing", "other"] = "other"
    geometry_kinds: list[Literal["Point", "LineString", "Polygon"]] = Field(
        default_factory=lambda: ["Point", "LineString", "Polygon"], min_length=1
    )
    categories: list[CategoryIn] = Field(min_length=1, max_length=20)


class DecisionIn(Schema):
    selected: bool
    reason: Text = Field(min_length=1, max_length=2000, description="Published with the decision")
    template: TemplateIn | None = Field(None, description="Required when selected")


class TemplateOut(Schema):
    key: str
    scope: str
    map_kind: str
    label_ko: str
    label_en: str
    description_ko: str
    description_en: str
    geometry_kinds: list[str]
    categories: list[dict[str, Any]]
    nomination: int | None


class NominationOut(Schema):
    id: int
    title: str
    kind: str
    reason: str
    example: str
    district: str | None
    author: str
    support_count: int
    supported: bool
    state: str
    decision_reason: str
    decided_at: datetime | None
    template: TemplateOut | None
    version: int
    created: datetime
    url: str


class NominationList(Schema):
    count: int
    items: list[NominationOut]


class SupportOut(Schema):
    support_count: int
    supported: bool


class NewMapIn(Schema):
    title: Text = Field(min_length=1, max_length=200)
    description: Text = Field("", max_length=5000)
    district: Text | None = None
    visibility: Literal["public", "unlisted", "private"] = "public"
    review_first: bool = False


class NewLayerIn(Schema):
    map: int


class CreatedOut(Schema):
    id: int
    url: str


PlanStateName = Literal["proposed", "planned", "in_progress", "done", "declined"]


class PlanItemIn(Schema):
    title: Text = Field(min_length=1, max_length=200)
    description: Text = Field(min_length=1, max_length=5000)
    state: PlanStateName = "proposed"
    state_reason: Text = Field("", max_length=2000)


class PlanItemPatch(Schema):
    title: Text | None = Field(None, min_length=1, max_length=200)
    description: Text | None = Field(None, min_length=1, max_length=5000)
    state: PlanStateName | None = None
    state_reason: Text = Field("", max_length=2000, description="Required when the state becomes declined")


class PlanEventOut(Schema):
    kind: str
    from_state: str
    to_state: str
    reason: str
    created: datetime


class PlanItemOut(Schema):
    id: int
    title: str
    description: str
    state: str
    state_reason: str
    vote_count: int
    voted: bool
    comment_count: int
    version: int
    created: datetime
    updated: datetime
    url: str
    history: list[PlanEventOut]


class PlanList(Schema):
    count: int
    items: list[PlanItemOut]


class VoteOut(Schema):
    vote_count: int
    voted: bool


class CommentIn(Schema):
    body: Text = Field(min_length=1, max_length=2000)


class CommentOut(Schema):
    id: int
    author: str
    body: str
    created: datetime


class BadgeOut(Schema):
    key: str
    label: str
    description: str
    earned: bool


class RecognitionOut(Schema):
    points: int
    badges: list[BadgeOut]
