"""URLs of the tile endpoints (a contract other tools rely on)."""

from django.urls import path

from . import views

urlpatterns = [
    path("tiles/layers/<int:layer_id>/<int:z>/<int:x>/<int:y>.mvt", views.layer_tile, name="layer-tile"),
    path("tiles/districts/<int:z>/<int:x>/<int:y>.mvt", views.district_tile, name="district-tile"),
    path("tiles/buildings/<int:z>/<int:x>/<int:y>.mvt", views.building_tile, name="building-tile"),
]
