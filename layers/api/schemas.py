"""Request and response shapes of the layer, feature, photo and history endpoints."""

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema

from mapping.api.text import Text

GeometryKindName = Literal["Point", "LineString", "Polygon"]
ModerationName = Literal["open", "pre-moderated"]
StatusName = Literal["pending", "published", "rejected", "hidden"]


class CategoryIn(Schema):
    key: Text = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
    label_ko: Text = Field(min_length=1, max_length=60)
    label_en: Text = Field("", max_length=60)
    icon: Text = Field("", max_length=40)
    color: Text = Field("#3366cc", pattern=r"^#[0-9a-fA-F]{6}$")
    due_days: int = Field(14, ge=1, le=365, description="Days a department gets once a report is assigned")
    sensitive: bool = Field(False, description="The public sees these reports at a blurred location")


class CategoryOut(CategoryIn):
    pass


class ExtraField(Schema):
    key: Text = Field(pattern=r"^[a-z0-9_]{1,40}$")
    label: Text = Field(min_length=1, max_length=60)
    type: Literal["text", "number", "boolean", "choice", "date"] = "text"
    choices: list[Text] = Field(default_factory=list)
    required: bool = False


class LayerIn(Schema):
    name: Text = Field(min_length=1, max_length=100)
    description: Text = Field("", max_length=2000)
    geometry_kinds: list[GeometryKindName] = Field(default_factory=lambda: ["Point", "LineString", "Polygon"])
    moderation: ModerationName = "open"
    workflow: bool = Field(False, description="Reports go through the district's review, routing and answer")
    categories: list[CategoryIn] | None = Field(None, description="Defaults to the map kind's categories")
    fields: list[ExtraField] = Field(default_factory=list)
    order: int = Field(0, ge=0)


class LayerPatch(Schema):
    name: Text | None = Field(None, min_length=1, max_length=100)
    description: Text | None = Field(None, max_length=2000)
    geometry_kinds: list[GeometryKindName] | None = None
    moderation: ModerationName | None = None
    workflow: bool | None = None
    categories: list[CategoryIn] | None = None
    fields: list[ExtraField] | None = None
    order: int | None = Field(None, ge=0)


class LayerOut(Schema):
    id: int
    map: int
    name: str
    description: str
    geometry_kinds: list[str]
    moderation: str
    workflow: bool
    categories: list[CategoryOut]
    fields: list[dict[str, Any]]
    order: int
    version: int
    revision: int
    created: datetime
    updated: datetime


class FeatureProperties(Schema):
    category: Text
    title: Text = Field(min_length=1, max_length=200)
    summary: Text = Field("", max_length=4000)
    fields: dict[str, Any] = Field(default_factory=dict)


class FeatureIn(Schema):
    type: Literal["Feature"]
    geometry: dict[str, Any]
    properties: FeatureProperties


class FeaturePropertiesPatch(Schema):
    category: Text | None = None
    title: Text | None = Field(None, min_length=1, max_length=200)
    summary: Text | None = Field(None, max_length=4000)
    fields: dict[str, Any] | None = None
    status: StatusName | None = None


class FeaturePatch(Schema):
    type: Literal["Feature"] = "Feature"
    geometry: dict[str, Any] | None = None
    properties: FeaturePropertiesPatch = Field(default_factory=FeaturePropertiesPatch)


class RevertIn(Schema):
    change: int = Field(description="Id of the history entry to undo: the feature returns to its state before it")


class PhotoOut(Schema):
    id: int
    url: str
    thumbnail: str
    width: int
    height: int
    caption: str
    created: datetime


class ChangeOut(Schema):
    id: int
    action: str
    user: str | None
    at: datetime
    version: int
    old: dict[str, Any] | None
    new: dict[str, Any] | None
