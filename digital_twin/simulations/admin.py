"""Simulation runs in the admin, to look at: the worker writes them, the API and the pages launch and cancel them."""

from django.contrib import admin

from ..models import SimulationRun


@admin.register(SimulationRun)
class SimulationRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "study_area", "scenario", "status", "progress", "attempt", "owner", "created")
    list_filter = ("kind", "status")
    search_fields = ("study_area__name", "scenario__name", "error")
    list_select_related = ("study_area", "scenario", "owner")

    def has_add_permission(self, request, obj=None):
        return False

    has_change_permission = has_delete_permission = has_add_permission
