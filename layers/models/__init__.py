"""Models of map layers: layers with their categories, features, photos, votes and feature history."""

from .features import Feature, FeatureStatus
from .history import FeatureChange
from .layers import Category, GeometryKind, Layer, Moderation
from .photos import Photo
from .votes import Vote

__all__ = [
    "Category",
    "Feature",
    "FeatureChange",
    "FeatureStatus",
    "GeometryKind",
    "Layer",
    "Moderation",
    "Photo",
    "Vote",
]
