"""Admin of what users are told: notifications, each user's choices and outgoing deliveries are records,
read-only (users make their choices themselves), and a delivery that failed (or waits for a later try)
can be tried again now, once the cause is fixed."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import tasks
from .models import Delivery, Notification, NotificationPreference
from .review_admin import RecordAdmin
from .services.background import enqueue_on_commit
from .services.deliveries import reopen


@admin.register(Notification)
class NotificationAdmin(RecordAdmin):
    list_display = ("user", "kind", "feature", "created", "read_at")
    list_filter = ("kind", ("read_at", admin.EmptyFieldListFilter))
    search_fields = ("user__username",)
    raw_id_fields = ("user", "feature", "comment")
    date_hierarchy = "created"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(RecordAdmin):
    list_display = ("user", "kind", "in_app", "email")
    list_filter = ("kind", "in_app", "email")
    search_fields = ("user__username",)


@admin.register(Delivery)
class DeliveryAdmin(RecordAdmin):
    list_display = ("to", "channel", "subject", "state", "attempts", "next_attempt_at", "sent_at", "created")
    list_filter = ("state", "channel")
    search_fields = ("to", "subject")
    date_hierarchy = "created"
    actions = ["try_again"]

    def has_retry_permission(self, request):
        return request.user.has_perm("layers.change_delivery")

    @admin.action(description=_("Try the selected deliveries again now"), permissions=["retry"])
    def try_again(self, request, queryset):
        ids = reopen(queryset)
        for delivery_id in ids:
            enqueue_on_commit(tasks.send_delivery, delivery_id)
        message = ngettext(
            "%(count)d delivery will be tried again.", "%(count)d deliveries will be tried again.", len(ids)
        )
        self.message_user(request, message % {"count": len(ids)}, messages.SUCCESS)
