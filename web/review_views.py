"""The review queue of a district's reviewers: filters, sorting, and bulk approve / reject.

Each row carries the version the reviewer saw; a bulk decision reports the
rows that changed meanwhile instead of deciding on text nobody read.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from layers.models import Category
from layers.services.review_queue import bulk_decide, review_queue
from mapping.errors import ServiceError
from mapping.models import District

from .review_forms import QueueFilterForm, RejectForm

ROWS_PER_PAGE = 50


def reviewed_districts(user):
    if user.is_admin:
        return District.objects.order_by("code")
    return user.review_districts.order_by("code")


def chosen_district(request):
    districts = list(reviewed_districts(request.user))
    if not districts:
        raise PermissionDenied("Only district reviewers have a review queue.")
    code = request.GET.get("district") or request.POST.get("district")
    return next((d for d in districts if d.code == code), districts[0]), districts


def category_choices(district):
    rows = Category.objects.filter(layer__map__district=district).values_list("key", "label_ko").distinct()
    return sorted(set(rows), key=lambda row: row[1])


@login_required
def queue(request):
    district, districts = chosen_district(request)
    form = QueueFilterForm(request.GET or None, category_choices(district))
    reports = review_queue([district.pk], form.filters())
    page = Paginator(reports, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "district": district,
        "districts": districts,
        "form": form,
        "page": page,
        "reject_form": RejectForm(prefix="reject"),
        "query": query.urlencode(),
    }
    return render(request, "web/review/queue.html", context)


def back_to_queue(district):
    return redirect(f"{reverse('review-queue')}?district={district.code}")


def selected_items(post):
    items = []
    for value in post.getlist("item"):
        feature_id, _, version = value.partition(":")
        if feature_id.isdigit() and version.isdigit():
            items.append((int(feature_id), int(version)))
    return items


@login_required
@require_POST
def bulk(request):
    district, _districts = chosen_district(request)
    items = selected_items(request.POST)
    action = request.POST.get("action", "")
    if not items:
        messages.error(request, _("Choose at least one report."))
        return back_to_queue(district)
    rule, public_reason = "", ""
    if action == "reject":
        form = RejectForm(request.POST, prefix="reject")
        if not form.is_valid():
            messages.error(request, _("Choose a reason to reject."))
            return back_to_queue(district)
        rule, public_reason = form.cleaned_data["rule"].code, form.cleaned_data["public_reason"]
    try:
        results = bulk_decide(request.user, action, items, rule=rule, public_reason=public_reason)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return back_to_queue(district)
    done = sum(result["ok"] for result in results)
    messages.success(request, ngettext("%(n)d report done.", "%(n)d reports done.", done) % {"n": done})
    for result in results:
        if not result["ok"]:
            messages.warning(
                request, _("Report #%(id)d was not changed: %(why)s") % {"id": result["id"], "why": result["detail"]}
            )
    return back_to_queue(district)
