"""Request and response shapes of the layer, feature, photo and history endpoints."""

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema

GeometryKindName = Literal["Point", "LineString", "Polygon"]
ModerationName = Literal["open", "pre-moderated"]
StatusName = Literal["pending", "published", "rejected", "hidden"]


class CategoryIn(Schema):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
    label_ko: str = Field(min_length=1, max_length=60)
    label_en: str = Field("", max_length=60)
    icon: str = Field("", max_length=40)
    color: str = Field("#3366cc", pattern=r"^#[0-9a-fA-F]{6}$")


class CategoryOut(CategoryIn):
    pass


class ExtraField(Schema):
    key: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
    label: str = Field(min_length=1, max_length=60)
    type: Literal["text", "number", "boolean", "choice", "date"] = "text"
    choices: list[str] = Field(default_factory=list)
    required: bool = False


class LayerIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    description: str = Field("", max_length=2000)
    geometry_kinds: list[GeometryKindName] = Field(default_factory=lambda: ["Point", "LineString", "Polygon"])
    moderation: ModerationName = "open"
    categories: list[CategoryIn] | None = Field(None, description="Defaults to the map kind's categories")
    fields: list[ExtraField] = Field(default_factory=list)
    order: int = Field(0, ge=0)


class LayerPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    description: str | None = Field(None, max_length=2000)
    geometry_kinds: list[GeometryKindName] | None = None
    moderation: ModerationName | None = None
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
    categories: list[CategoryOut]
    fields: list[dict[str, Any]]
    order: int
    version: int
    revision: int
    created: datetime
    updated: datetime


class FeatureProperties(Schema):
    category: str
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field("", max_length=4000)
    fields: dict[str, Any] = Field(default_factory=dict)


class FeatureIn(Schema):
    type: Literal["Feature"]
    geometry: dict[str, Any]
    properties: FeatureProperties


class FeaturePropertiesPatch(Schema):
    category: str | None = None
    title: str | None = Field(None, min_length=1, max_length=200)
    summary: str | None = Field(None, max_length=4000)
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
