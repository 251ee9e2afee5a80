"""Admin of layers, categories, features, photos, votes and the feature history
(the district workflow's settings and records are in layers/review_admin.py).

Feature saves and deletions go through ``layers.services.features``, like every
other write, so each bumps the version and leaves a history row. The history,
the photos and the votes are read-only here: history is written by that service
only, photos are stripped and resized when they are uploaded, which the admin
cannot do, and votes move their feature's count through the vote service.
"""

import json

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from mapping.admin_widgets import SeoulGISModelAdmin
from mapping.errors import InvalidInput

from . import (
    comment_admin,  # noqa: F401 - registers comments and their abuse reports
    notification_admin,  # noqa: F401 - registers notifications and deliveries
    review_admin,  # noqa: F401 - registers the district workflow's models
)
from .models import Category, Feature, FeatureChange, GeometryKind, Layer, Photo, Vote
from .services import features as feature_service


class ReadOnlyAdminMixin:
    """View only: rows are written elsewhere and never added, changed or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CategoryInline(admin.TabularInline):
    model = Category
    fields = ("key", "label_ko", "label_en", "icon", "color", "due_days", "sensitive", "order")
    extra = 0


@admin.register(Layer)
class LayerAdmin(admin.ModelAdmin):
    list_display = ("name", "map", "moderation", "workflow", "order", "revision")
    list_filter = ("moderation", "workflow", "map")
    list_select_related = ("map",)
    search_fields = ("name", "map__title")
    autocomplete_fields = ("map",)
    readonly_fields = ("revision", "created", "updated")
    inlines = (CategoryInline,)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Geometry kinds as check boxes rather than a comma-separated text."""
        if db_field.name == "geometry_kinds":
            return forms.MultipleChoiceField(
                choices=GeometryKind.choices,
                widget=forms.CheckboxSelectMultiple,
                label=db_field.verbose_name,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("label_ko", "key", "layer", "color", "due_days", "sensitive", "order")
    list_filter = ("sensitive", "layer")
    list_select_related = ("layer__map",)
    search_fields = ("key", "label_ko", "label_en")


class ThumbnailMixin:
    @admin.display(description=_("thumbnail"))
    def thumbnail_preview(self, photo):
        return format_html(
            '<img src="{}" alt="{}" style="max-width: 160px; max-height: 160px">',
            photo.thumbnail.url,
            photo.caption,
        )


class PhotoInline(ThumbnailMixin, ReadOnlyAdminMixin, admin.TabularInline):
    model = Photo
    fields = ("thumbnail_preview", "caption", "width", "height", "uploaded_by", "created")
    readonly_fields = fields
    extra = 0


class FeatureAdminForm(forms.ModelForm):
    """Carries the version the admin saw: a change made meanwhile is reported, never lost."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        self._check_version(cleaned.get("seen_version"))
        self._check_category(cleaned.get("layer"), cleaned.get("category"))
        self._check_geometry(cleaned)
        return cleaned

    def _check_geometry(self, cleaned):
        """The admin obeys the same geometry rules as the API (kinds, vertices, Korea's extent)."""
        layer, geometry = cleaned.get("layer"), cleaned.get("geometry")
        if layer is None or geometry is None:
            return
        try:
            cleaned["geometry"] = feature_service.validated_geometry(layer, json.loads(geometry.geojson))
        except InvalidInput as exc:
            self.add_error("geometry", exc.message)

    def _check_version(self, seen):
        current = self.instance.version
        if self.instance.pk and seen is not None and seen != current:
            raise forms.ValidationError(
                _(
                    "Someone else changed this feature meanwhile (now version %(current)s, you "
                    "saw version %(seen)s). Reload the page and apply your change again."
                ),
                code="stale_version",
                params={"current": current, "seen": seen},
            )

    def _check_category(self, layer, category):
        if layer and category and category.layer_id != layer.pk:
            self.add_error("category", _("Choose a category of the feature's layer."))


# The district's handling moves only through its services (stages, answers, merges), never by hand.
WORKFLOW_FIELDS = (
    "stage",
    "department",
    "due_date",
    "published_at",
    "first_response_at",
    "closed_at",
    "threshold_reached_at",
    "answer_due",
    "answered_at",
    "possible_duplicate_of",
    "merged_into",
)


@admin.register(Feature)
class FeatureAdmin(SeoulGISModelAdmin):
    form = FeatureAdminForm
    list_display = (
        "title",
        "layer",
        "category",
        "status",
        "stage",
        "district",
        "author",
        "version",
        "vote_count",
        "updated",
    )
    list_filter = ("status", "stage", "layer", "district", "category")
    list_select_related = ("layer__map", "category", "district", "author")
    search_fields = ("title",)
    autocomplete_fields = ("layer", "author", "district")
    readonly_fields = ("version", "vote_count", "created", "updated", *WORKFLOW_FIELDS)
    inlines = (PhotoInline,)

    def save_model(self, request, obj, form, change):
        feature_service.save_from_admin(
            request.user, obj, change, expected_version=form.cleaned_data.get("seen_version")
        )

    def delete_model(self, request, obj):
        feature_service.delete_from_admin(request.user, obj)

    def delete_queryset(self, request, queryset):
        """The "delete selected" action records each deletion, like a single delete."""
        for feature in queryset.select_related("category"):
            feature_service.delete_from_admin(request.user, feature)


@admin.register(Photo)
class PhotoAdmin(ThumbnailMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("thumbnail_preview", "feature", "caption", "uploaded_by", "created")
    list_select_related = ("feature", "uploaded_by")
    search_fields = ("caption", "feature__title")
    fields = (
        "thumbnail_preview",
        "feature",
        "caption",
        "image",
        "width",
        "height",
        "uploaded_by",
        "created",
    )
    readonly_fields = ("thumbnail_preview",)


@admin.register(FeatureChange)
class FeatureChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("feature_id", "action", "version", "layer", "user", "at")
    list_filter = ("action", "layer")
    list_select_related = ("layer__map", "user")
    search_fields = ("feature_id__exact", "user__username")
    date_hierarchy = "at"


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("feature", "user", "created")
    list_select_related = ("feature", "user")
    search_fields = ("feature__title", "user__username")
    date_hierarchy = "created"
