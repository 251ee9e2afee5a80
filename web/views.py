"""Pages of the web app: the list of public maps, the map view and its read-only embed."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.clickjacking import xframe_options_exempt

from mapping.models import Map

from .map_context import map_page_context


def home(request):
    maps = Map.objects.listed_for(request.user).select_related("district").order_by("-created")[:100]
    return render(request, "web/home.html", {"maps": maps})


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
