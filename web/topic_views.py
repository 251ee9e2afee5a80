"""Pages of choosing what to map: nominations (most supported first) with the form to nominate, a
nomination's page with its support button and the district staff's decision, and adding a topic
template's layer to a map."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guides.models import Nomination, NominationState, NominationSupport, TopicTemplate
from guides.permissions import can_decide_nomination
from guides.services import nominations as service
from guides.services.topic_templates import PREFIX, categories_from_lines
from guides.services.topic_templates import add_layer as add_template_layer
from layers.privacy import author_label
from mapping.errors import Conflict, StaleVersion
from mapping.models import Map

from .topic_forms import AddLayerForm, DecisionForm, NominationForm

PER_PAGE = 30
STATES = {"open": NominationState.OPEN, "selected": NominationState.SELECTED, "declined": NominationState.DECLINED}


def index(request):
    form = NominationForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        if form.is_valid():
            nomination = service.nominate(request.user, form.cleaned_data)
            messages.success(request, _("Thank you: your nomination is published. Others can now support it."))
            return redirect("topic-page", nomination_id=nomination.pk)
    state = STATES.get(request.GET.get("state"), NominationState.OPEN)
    nominations = (
        Nomination.objects.filter(state=state).select_related("district").order_by("-support_count", "-created")
    )
    page = Paginator(nominations, PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "state": state, "states": NominationState.choices}
    return render(request, "web/topics/index.html", context)


def _managed_maps(user):
    if user.is_admin:
        return Map.objects.all()
    return Map.objects.filter(Q(owner=user) | Q(editors=user)).distinct()


def topic_page(request, nomination_id):
    nomination = get_object_or_404(
        Nomination.objects.select_related("district", "author", "decided_by"), pk=nomination_id
    )
    user = request.user
    supported = user.is_authenticated and NominationSupport.objects.filter(nomination=nomination, user=user).exists()
    can_decide = can_decide_nomination(user, nomination) and nomination.state == NominationState.OPEN
    template = TopicTemplate.objects.filter(nomination=nomination, active=True).first()
    context = {
        "nomination": nomination,
        "author": author_label(user, nomination.author, nomination.district_id),
        "supported": supported,
        "own": user.is_authenticated and nomination.author_id == user.pk,
        "decision_form": DecisionForm(initial={"version": nomination.version, "label_ko": nomination.title})
        if can_decide
        else None,
        "template": template,
        "template_key": f"{PREFIX}{template.key}" if template else None,
        "layer_form": AddLayerForm(maps=_managed_maps(user)) if template and user.is_authenticated else None,
    }
    return render(request, "web/topics/topic.html", context)


@login_required
@require_POST
def support(request, nomination_id):
    nomination = get_object_or_404(Nomination, pk=nomination_id)
    try:
        if request.POST.get("withdraw"):
            service.withdraw_support(request.user, nomination.pk)
        else:
            service.support(request.user, nomination.pk)
    except (Conflict, PermissionDenied) as error:
        messages.error(request, getattr(error, "message", None) or str(error))
    return redirect("topic-page", nomination_id=nomination.pk)


@login_required
@require_POST
def decide(request, nomination_id):
    nomination = get_object_or_404(Nomination, pk=nomination_id)
    if not can_decide_nomination(request.user, nomination):
        raise PermissionDenied(_("Only the district's staff decide on its nominations."))
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        selected = data["decision"] == "select"
        try:
            template = None
            if selected:
                template = {
                    name: data[name] for name in ("label_en", "description_ko", "scope", "map_kind", "geometry_kinds")
                }
                template["label_ko"] = data["label_ko"] or nomination.title[:100]
                template["categories"] = categories_from_lines(data["categories"])
            service.decide(
                request.user,
                nomination,
                selected=selected,
                reason=data["reason"],
                expected_version=data["version"],
                template=template,
            )
        except StaleVersion:
            messages.error(request, _("Someone decided or changed this nomination meanwhile; here it is as it is now."))
        except (ValidationError, Conflict) as error:
            messages.error(request, " ".join(getattr(error, "messages", [getattr(error, "message", str(error))])))
        else:
            messages.success(request, _("The decision is published."))
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect("topic-page", nomination_id=nomination.pk)


@login_required
@require_POST
def add_layer(request, key):
    template = get_object_or_404(TopicTemplate, key=key, active=True)
    form = AddLayerForm(request.POST, maps=_managed_maps(request.user))
    if not form.is_valid():
        raise PermissionDenied(_("Choose one of your maps."))
    layer = add_template_layer(request.user, template, form.cleaned_data["map"])
    messages.success(request, _("The layer “%(name)s” is added to your map.") % {"name": layer.name})
    return redirect("map-view", map_id=layer.map_id)
