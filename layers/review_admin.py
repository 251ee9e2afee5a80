"""Admin of the district workflow: rejection reasons and district policies are set here; the
moderation log, timelines and referrals are records, read-only."""

from django.contrib import admin
from django.db import models

from .models import DistrictPolicy, ModerationLogEntry, Referral, RejectionReason, TimelineEvent


class RecordAdmin(admin.ModelAdmin):
    """View only: these rows are written by the workflow's services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RejectionReason)
class RejectionReasonAdmin(admin.ModelAdmin):
    list_display = ("label_ko", "label_en", "code", "active", "order")
    list_editable = ("active", "order")
    list_filter = ("active",)
    search_fields = ("code", "label_ko", "label_en")


@admin.register(DistrictPolicy)
class DistrictPolicyAdmin(admin.ModelAdmin):
    list_display = (
        "district",
        "vote_threshold",
        "vote_window_days",
        "answer_days",
        "duplicate_distance_m",
        "duplicate_window_days",
        "complaint_email",
        "complaint_webhook",
    )
    list_select_related = ("district",)
    autocomplete_fields = ("district",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("district",)}),
        ("공감", {"fields": ("vote_threshold", "vote_window_days", "answer_days")}),
        ("중복", {"fields": ("duplicate_distance_m", "duplicate_window_days")}),
        ("민원", {"fields": ("complaint_email", "complaint_webhook")}),
    )


@admin.register(ModerationLogEntry)
class ModerationLogEntryAdmin(RecordAdmin):
    list_display = ("at", "item_kind", "action", "district", "category_label", "rule_label", "moderator")
    list_filter = ("item_kind", "action", "district")
    list_select_related = ("district", "moderator")
    date_hierarchy = "at"


@admin.register(TimelineEvent)
class TimelineEventAdmin(RecordAdmin):
    list_display = ("feature", "kind", "from_stage", "to_stage", "actor_label", "actor", "at")
    list_filter = ("kind", "to_stage")
    list_select_related = ("feature", "actor")
    search_fields = ("feature__title",)
    date_hierarchy = "at"


@admin.register(Referral)
class ReferralAdmin(RecordAdmin):
    list_display = ("feature", "kind", "channel", "department", "by", "at")
    list_filter = ("kind",)
    list_select_related = ("feature", "department", "by")
