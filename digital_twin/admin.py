"""Admin of the digital twin: buildings and study areas on the offline Seoul map, scenarios with their edits,
terrains and import jobs to look at.

Footprints and areas are stored in EPSG:5186; the map widget shows and edits
them in the web map's projection and Django transforms them back on save.
Terrains, import jobs and the edits of scenarios are written by the imports and the API, so the admin only
shows them (a DEM must be reprojected and sampled, an edit must bump its scenario's version).
"""

from django.contrib import admin

from mapping.admin_widgets import SeoulGISModelAdmin

from .models import Building, ImportJob, Scenario, ScenarioBuilding, ScenarioOverride, StudyArea, Terrain
from .simulations.admin import SimulationRunAdmin  # noqa: F401 - registers the simulation runs (view-only)


def refuse(self, request, obj=None):
    return False


@admin.register(Building)
class BuildingAdmin(SeoulGISModelAdmin):
    list_display = ("__str__", "use", "height", "floors_above", "floors_below", "source", "height_estimated")
    list_filter = ("use", "source", "height_estimated")
    search_fields = ("name", "source_id")
    readonly_fields = ("created", "updated")
    show_full_result_count = False


@admin.register(StudyArea)
class StudyAreaAdmin(SeoulGISModelAdmin):
    list_display = ("name", "owner", "version", "updated")
    search_fields = ("name", "description")
    readonly_fields = ("version", "created", "updated")


class AddedInline(admin.TabularInline):
    model = ScenarioBuilding
    fields = ("name", "height", "floors_above", "use")
    readonly_fields = fields
    extra = 0
    has_add_permission = refuse


class OverrideInline(admin.TabularInline):
    model = ScenarioOverride
    fields = ("building", "removed", "height", "floors_above")
    readonly_fields = fields
    extra = 0
    has_add_permission = refuse


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ("name", "study_area", "owner", "version", "updated")
    list_filter = ("study_area",)
    search_fields = ("name", "description")
    readonly_fields = ("copied_from", "version", "created", "updated")
    inlines = [AddedInline, OverrideInline]


class ViewOnlyAdmin(admin.ModelAdmin):
    has_add_permission = has_change_permission = has_delete_permission = refuse


@admin.register(Terrain)
class TerrainAdmin(ViewOnlyAdmin):
    list_display = ("name", "source", "resolution", "min_elevation", "max_elevation", "original_srid", "created")
    list_filter = ("source",)


@admin.register(ImportJob)
class ImportJobAdmin(ViewOnlyAdmin):
    list_display = ("original_name", "kind", "status", "owner", "done", "total", "created", "finished")
    list_filter = ("kind", "status")


@admin.register(ScenarioBuilding)
class ScenarioBuildingAdmin(ViewOnlyAdmin):
    list_display = ("__str__", "scenario", "height", "floors_above", "use")
    list_filter = ("scenario",)


@admin.register(ScenarioOverride)
class ScenarioOverrideAdmin(ViewOnlyAdmin):
    list_display = ("__str__", "scenario", "building", "removed", "height")
    list_filter = ("scenario", "removed")
