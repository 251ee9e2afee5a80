"""URLs of the documents that describe the tiles: TileJSON per layer, a MapLibre style per map."""

from django.urls import path

from . import document_views

urlpatterns = [
    path("tiles/layers/<int:layer_id>.json", document_views.layer_tilejson, name="layer-tilejson"),
    path("maps/<int:map_id>/style.json", document_views.style, name="map-style"),
]
