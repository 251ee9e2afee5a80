"""Admin of the digital twin's buildings, their footprints drawn on the offline Seoul map.

Footprints are stored in EPSG:5186; the map widget shows and edits them in the
web map's projection and Django transforms them back on save.
"""

from django.contrib import admin

from mapping.admin_widgets import SeoulGISModelAdmin

from .models import Building


@admin.register(Building)
class BuildingAdmin(SeoulGISModelAdmin):
    list_display = ("__str__", "use", "height", "floors_above", "floors_below", "source", "height_estimated")
    list_filter = ("use", "source", "height_estimated")
    search_fields = ("name", "source_id")
    readonly_fields = ("created", "updated")
    show_full_result_count = False
