"""Admin of comments and their abuse reports, read-only: hiding a comment goes through the report's
page (or the API), where it is written to the public moderation log."""

from django.contrib import admin

from .models import Comment, CommentFlag
from .review_admin import RecordAdmin


class FlagInline(admin.TabularInline):
    model = CommentFlag
    fields = ("user", "reason", "created")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(RecordAdmin):
    list_display = ("__str__", "feature", "author", "official", "hidden", "flag_count", "created")
    list_filter = ("official", "hidden")
    list_select_related = ("feature", "author")
    search_fields = ("body", "feature__title", "author__username")
    date_hierarchy = "created"
    inlines = (FlagInline,)


@admin.register(CommentFlag)
class CommentFlagAdmin(RecordAdmin):
    list_display = ("comment", "user", "reason", "created")
    list_select_related = ("comment", "user")
    search_fields = ("reason", "comment__body", "user__username")
