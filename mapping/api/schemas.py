"""Request and response shapes of the theme-map endpoints."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from .text import Text

MapKindName = Literal["safety", "sharing", "other"]
VisibilityName = Literal["public", "unlisted", "private"]
ContributionName = Literal["anyone", "editors"]


class MapIn(Schema):
    title: Text = Field(min_length=1, max_length=200)
    description: Text = Field("", max_length=5000)
    kind: MapKindName = "other"
    district: Text | None = Field(None, description="District code (SIG_CD), e.g. 11140")
    visibility: VisibilityName = "public"
    contribution: ContributionName = "anyone"
    allow_outside_korea: bool = False
    editors: list[Text] = Field(default_factory=list, description="Usernames of editors")


class MapPatch(Schema):
    title: Text | None = Field(None, min_length=1, max_length=200)
    description: Text | None = Field(None, max_length=5000)
    kind: MapKindName | None = None
    district: Text | None = None
    visibility: VisibilityName | None = None
    contribution: ContributionName | None = None
    allow_outside_korea: bool | None = None
    editors: list[Text] | None = None


class MapOut(Schema):
    id: int
    slug: str
    title: str
    description: str
    kind: str
    district: str | None
    owner: str
    editors: list[str]
    visibility: str
    contribution: str
    allow_outside_korea: bool
    version: int
    layers: list[int]
    created: datetime
    updated: datetime


class MapList(Schema):
    count: int
    items: list[MapOut]
