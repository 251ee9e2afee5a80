"""The signed-in user's inbox (read, open, mark read) and their settings page (notifications, name shown).

Opening a notification marks it read and goes to the page it is about, so the
inbox shows what is still new without a separate step.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from layers.models import Notification
from layers.services import inbox as inbox_service
from layers.services.notification_preferences import preferences_of, set_preferences
from layers.services.notifications import notification_link, notification_text

from .notification_forms import NotificationSettingsForm

NOTIFICATIONS_PER_PAGE = 30


@login_required
def inbox(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(inbox_service.inbox(request.user, unread_only=unread_only), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    items = [(notification, notification_text(notification)) for notification in page]
    context = {
        "page": page,
        "items": items,
        "unread_only": unread_only,
        "unread": inbox_service.unread_count(request.user),
        "here": request.get_full_path(),
    }
    return render(request, "web/inbox.html", context)


@login_required
def open_notification(request, notification_id):
    notification = get_object_or_404(Notification, pk=notification_id, user=request.user)
    inbox_service.mark_read(request.user, [notification.pk])
    return redirect(notification_link(notification) or reverse("inbox"))


@login_required
@require_POST
def mark_read(request):
    ids = [int(value) for value in request.POST.getlist("id") if value.isdigit()]
    inbox_service.mark_read(request.user, None if request.POST.get("all") else ids)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("inbox")
    return redirect(back)


@login_required
def settings_page(request):
    choices = preferences_of(request.user)
    initial = {"show_name_publicly": request.user.show_name_publicly}
    data = request.POST if request.method == "POST" else None
    form = NotificationSettingsForm(data, choices=choices, initial=initial)
    if form.is_valid():
        set_preferences(request.user, form.choices(), show_name_publicly=form.cleaned_data["show_name_publicly"])
        return redirect(f"{reverse('notification-settings')}?saved=1")
    context = {"form": form, "saved": request.GET.get("saved") == "1", "has_email": bool(request.user.email)}
    return render(request, "web/settings.html", context)
