"""Admin of imports: the jobs, read-only (what was imported where, by whom, with what outcome and why)."""

from django.contrib import admin

from layers.admin import ReadOnlyAdminMixin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("original_name", "layer", "user", "state", "created_count", "skipped_count", "created")
    list_filter = ("state",)
    search_fields = ("original_name", "layer__name", "user__username")
    list_select_related = ("layer__map", "user")
    readonly_fields = [field.name for field in ImportJob._meta.fields]
