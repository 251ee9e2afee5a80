"""URLs of the pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("maps/<int:map_id>/", views.map_view, name="map-view"),
]
