"""Models of map layers: layers with their categories, features, photos and feature history."""

from .features import Feature, FeatureStatus
from .history import FeatureChange
from .layers import Category, GeometryKind, Layer, Moderation
from .photos import Photo

__all__ = [
    "Category",
    "Feature",
    "FeatureChange",
    "FeatureStatus",
    "GeometryKind",
    "Layer",
    "Moderation",
    "Photo",
]
