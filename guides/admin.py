"""Admin of guides and participation.

What has rules of its own is written through the pages and the API, where
those rules live, and only shown here: guide text (every save keeps a
revision, so it is edited on the guide's page), revisions, nominations and
their decisions (a selection makes a template), plan items (every move is
in their history), votes, supports and participations (counted with their
rows). Administrators change campaigns (on the offline map), topic templates
(e.g. to stop offering one) and guide images, hide plan comments by deleting
them, and may unpublish a guide.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from layers.admin import ReadOnlyAdminMixin
from mapping.admin_widgets import SeoulGISModelAdmin

from .models import (
    Campaign,
    CampaignParticipant,
    Guide,
    GuideImage,
    GuideRevision,
    GuideStep,
    Nomination,
    NominationSupport,
    PlanComment,
    PlanEvent,
    PlanItem,
    PlanVote,
    TopicTemplate,
)


class StepInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = GuideStep
    fields = ["order", "anchor", "topic", "title_ko", "title_en"]
    readonly_fields = fields
    extra = 0


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["title_ko", "slug", "order", "published", "version", "updated"]
    search_fields = ["title_ko", "title_en", "slug"]
    fields = ["slug", "title_ko", "title_en", "order", "published", "version", "edit_link"]
    readonly_fields = ["slug", "title_ko", "title_en", "version", "edit_link"]
    inlines = [StepInline]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("text"))
    def edit_link(self, guide):
        return format_html(
            '<a href="{}">{}</a>', reverse("guide-edit", args=[guide.slug]), _("Edit on the guide's page")
        )


@admin.register(GuideStep)
class GuideStepAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["guide", "order", "anchor", "topic", "title_ko"]
    list_filter = ["guide", "topic"]
    search_fields = ["title_ko", "title_en", "anchor"]


@admin.register(GuideRevision)
class GuideRevisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["guide", "number", "author", "created", "note"]
    list_filter = ["guide"]
    search_fields = ["guide__title_ko", "note"]


@admin.register(GuideImage)
class GuideImageAdmin(admin.ModelAdmin):
    list_display = ["description", "width", "height", "uploaded_by", "created"]
    search_fields = ["description"]
    readonly_fields = ["image", "width", "height", "uploaded_by", "created"]

    def has_add_permission(self, request):
        return False  # uploads are cleaned of their metadata on the guide images page


@admin.register(Campaign)
class CampaignAdmin(SeoulGISModelAdmin):
    list_display = ["title", "map", "organiser", "starts", "ends", "cell_metres"]
    list_filter = ["district"]
    search_fields = ["title", "goal", "organiser"]
    raw_id_fields = ["map", "layer", "category", "created_by"]


@admin.register(CampaignParticipant)
class CampaignParticipantAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["campaign", "user", "on_leaderboard", "joined"]
    search_fields = ["campaign__title", "user__username"]


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "district", "support_count", "state", "created"]
    list_filter = ["state", "kind", "district"]
    search_fields = ["title", "reason"]


@admin.register(NominationSupport)
class NominationSupportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["nomination", "user", "created"]
    search_fields = ["nomination__title"]


@admin.register(TopicTemplate)
class TopicTemplateAdmin(admin.ModelAdmin):
    list_display = ["label_ko", "key", "scope", "map_kind", "active", "created"]
    list_filter = ["active", "scope"]
    search_fields = ["label_ko", "label_en", "key"]
    readonly_fields = ["key", "nomination", "created_by", "created"]

    def has_add_permission(self, request):
        return False  # made by selecting a nomination


@admin.register(PlanItem)
class PlanItemAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "state", "vote_count", "created", "updated"]
    list_filter = ["state"]
    search_fields = ["title", "description"]


@admin.register(PlanVote)
class PlanVoteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["item", "user", "created"]
    search_fields = ["item__title"]


@admin.register(PlanComment)
class PlanCommentAdmin(admin.ModelAdmin):
    list_display = ["item", "author", "created", "body"]
    search_fields = ["body", "item__title"]
    readonly_fields = ["item", "author", "body", "created"]

    def has_add_permission(self, request):
        return False


@admin.register(PlanEvent)
class PlanEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["item", "kind", "from_state", "to_state", "actor", "created"]
    list_filter = ["kind"]
    search_fields = ["item__title", "reason"]
