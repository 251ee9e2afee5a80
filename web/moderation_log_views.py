"""The public moderation log page: every rejection and hiding, with its rule and public reason,
and never the author; the item's number only for the district's own reviewers."""

from django.core.paginator import Paginator
from django.shortcuts import render

from layers.models import ItemKind, ModerationLogEntry
from mapping.models import District

ROWS_PER_PAGE = 50


def moderation_log(request):
    entries = ModerationLogEntry.objects.select_related("district", "rule")
    district = District.objects.filter(code=request.GET.get("district", "")).first()
    if district:
        entries = entries.filter(district=district)
    kind = request.GET.get("kind", "")
    if kind in ItemKind.values:
        entries = entries.filter(item_kind=kind)
    user = request.user
    reviewed = set() if not user.is_authenticated else set(user.review_districts.values_list("pk", flat=True))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": Paginator(entries, ROWS_PER_PAGE).get_page(request.GET.get("page")),
        "districts": District.objects.order_by("name_ko"),
        "district": district,
        "kind": kind,
        "kinds": ItemKind.choices,
        "reviewed": reviewed,
        "is_admin": user.is_authenticated and user.is_admin,
        "query": query.urlencode(),
    }
    return render(request, "web/moderation_log.html", context)
