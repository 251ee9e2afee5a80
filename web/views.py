"""Pages of the web app: the maps (search, "my maps"), a new map from a template, the map view and
its read-only embed."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.clickjacking import xframe_options_exempt

from guides.services.topic_templates import all_templates, create_map
from mapping.models import Map

from .forms import MapSearchForm, NewMapForm
from .map_context import map_page_context

MAPS_PER_PAGE = 24


def home(request):
    search = MapSearchForm(request.GET or None)
    maps = search.filter(Map.objects.listed_for(request.user)).select_related("district").order_by("-created")
    page = Paginator(maps, MAPS_PER_PAGE).get_page(request.GET.get("page"))
    mine = None
    if request.user.is_authenticated:
        mine = (
            Map.objects.filter(Q(owner=request.user) | Q(editors=request.user))
            .distinct()
            .select_related("district")
            .order_by("-updated")[:MAPS_PER_PAGE]
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "web/home.html", {"search": search, "page": page, "mine": mine, "query": query.urlencode()})


@login_required
def new_map(request):
    form = NewMapForm(request.POST or None, initial={"template": request.GET.get("template", "safety")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        template = data.pop("template")
        try:
            map_ = create_map(request.user, template, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("map-view", map_id=map_.pk)
    templates = {template.key: template for template in all_templates()}
    cards = [(choice, templates.get(choice.data["value"])) for choice in form["template"]]
    template_cards = [(choice, template) for choice, template in cards if template is not None]
    return render(request, "web/new_map.html", {"form": form, "template_cards": template_cards})


def visible_map_or_404(request, map_id):
    map_ = get_object_or_404(Map.objects.select_related("district", "owner"), pk=map_id)
    if not map_.is_visible_to(request.user):
        raise Http404("No such map.")
    return map_


def map_view(request, map_id):
    map_ = visible_map_or_404(request, map_id)
    context = {"map": map_, "map_context": map_page_context(request, map_)}
    return render(request, "web/map.html", context)


@xframe_options_exempt
def map_embed(request, map_id):
    """The map alone, read-only, for an ``<iframe>`` on another site (the only page that may be framed)."""
    map_ = visible_map_or_404(request, map_id)
    context = {"map": map_, "map_context": map_page_context(request, map_, read_only=True)}
    return render(request, "web/embed.html", context)
