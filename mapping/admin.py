"""Admin of the core: districts, departments, users and their roles, API tokens, theme maps."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .admin_views import district_boundaries
from .admin_widgets import SeoulGISModelAdmin
from .models import ApiToken, Department, District, Map, User


@admin.register(District)
class DistrictAdmin(SeoulGISModelAdmin):
    list_display = ("code", "name_ko", "name_en")
    search_fields = ("code", "name_ko", "name_en")

    def get_urls(self):
        """Adds ``admin:mapping_district_boundaries``, the base layer of every admin map widget."""
        boundaries = path("boundaries.geojson", district_boundaries, name="mapping_district_boundaries")
        return [boundaries, *super().get_urls()]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "district", "email")
    list_filter = ("district",)
    list_select_related = ("district",)
    search_fields = ("name", "district__name_ko", "email")


ROLE_FIELDS = ("verified", "is_planner", "department", "review_districts")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Roles"), {"fields": ROLE_FIELDS}))
    add_fieldsets = (*DjangoUserAdmin.add_fieldsets, (_("Roles"), {"fields": ROLE_FIELDS}))
    filter_horizontal = (*DjangoUserAdmin.filter_horizontal, "review_districts")
    list_display = (
        "username",
        "email",
        "verified",
        "is_planner",
        "department",
        "is_staff",
        "is_active",
    )
    list_filter = (*DjangoUserAdmin.list_filter, "verified", "is_planner", "review_districts")
    list_select_related = ("department__district",)
    autocomplete_fields = ("department",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued through the API and only their hash is stored: list and revoke here."""

    fields = ("user", "created", "expires")
    list_display = ("user", "created", "expires", "is_expired")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__email")
    date_hierarchy = "created"

    @admin.display(boolean=True, description=_("expired"))
    def is_expired(self, token):
        return token.expires <= timezone.now()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Map)
class MapAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "visibility", "contribution", "district", "owner", "updated")
    list_filter = ("kind", "visibility", "contribution", "district")
    list_select_related = ("district", "owner")
    search_fields = ("title", "description", "slug", "owner__username")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("editors",)
    autocomplete_fields = ("owner", "district")
    readonly_fields = ("created", "updated")
