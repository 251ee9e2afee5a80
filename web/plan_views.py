"""Pages of the open improvement plan: the items by state, an item with its history, votes and comments,
and publishing or moving items (administrators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guides.models import PlanItem, PlanState, PlanVote
from guides.permissions import can_manage_plan
from guides.services import plan as service
from layers.privacy import author_label
from mapping.errors import StaleVersion

from .plan_forms import PlanCommentForm, PlanItemForm


def index(request):
    items = PlanItem.objects.order_by("-vote_count", "-created")
    voted = set()
    if request.user.is_authenticated:
        voted = set(PlanVote.objects.filter(user=request.user).values_list("item_id", flat=True))
    columns = [(state, label, [item for item in items if item.state == state]) for state, label in PlanState.choices]
    context = {"columns": columns, "voted": voted, "can_manage": can_manage_plan(request.user)}
    return render(request, "web/plan/index.html", context)


def item_page(request, item_id):
    item = get_object_or_404(PlanItem, pk=item_id)
    user = request.user
    comments = [
        (comment, author_label(user, comment.author, None)) for comment in item.comments.select_related("author")
    ]
    context = {
        "item": item,
        "events": item.events.all(),
        "comments": comments,
        "comment_form": PlanCommentForm(),
        "voted": user.is_authenticated and PlanVote.objects.filter(item=item, user=user).exists(),
        "can_manage": can_manage_plan(user),
    }
    return render(request, "web/plan/item.html", context)


def _manager_or_403(request):
    if not can_manage_plan(request.user):
        raise PermissionDenied(_("Only administrators publish and change the improvement plan."))


def _item_form_page(request, form, item=None):
    return render(request, "web/plan/edit.html", {"form": form, "item": item})


@login_required
def new_item(request):
    _manager_or_403(request)
    form = PlanItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = service.publish_item(request.user, title=data["title"], description=data["description"],
                                        state=data["state"], reason=data["state_reason"])  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("plan-item", item_id=item.pk)
    return _item_form_page(request, form)


@login_required
def edit_item(request, item_id):
    _manager_or_403(request)
    item = get_object_or_404(PlanItem, pk=item_id)
    form = PlanItemForm(request.POST or None, instance=item, initial={"version": item.version, "state_reason": ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {name: data[name] for name in ("title", "description", "state", "state_reason")}
        try:
            service.change_item(request.user, item, changes, expected_version=data["version"])
        except StaleVersion:
            form.add_error(None, _("Someone else changed this item meanwhile. Your changes are kept below: reload the "
                                   "page to see theirs."))  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("plan-item", item_id=item.pk)
    return _item_form_page(request, form, item)


@login_required
@require_POST
def vote(request, item_id):
    item = get_object_or_404(PlanItem, pk=item_id)
    if request.POST.get("withdraw"):
        service.unvote(request.user, item.pk)
    else:
        service.vote(request.user, item.pk)
    return redirect("plan-item", item_id=item.pk)


@login_required
@require_POST
def comment(request, item_id):
    item = get_object_or_404(PlanItem, pk=item_id)
    form = PlanCommentForm(request.POST)
    if form.is_valid():
        service.comment(request.user, item, form.cleaned_data["body"])
        messages.success(request, _("Your comment is published."))
    else:
        messages.error(request, " ".join(form.errors.get("body", [])))
    return redirect("plan-item", item_id=item.pk)
