"""Pages of the web app: the list of public maps and the map view."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from mapping.models import Map


def home(request):
    maps = Map.objects.listed_for(request.user).select_related("district").order_by("-created")[:100]
    return render(request, "web/home.html", {"maps": maps})


def map_view(request, map_id):
    map_ = get_object_or_404(Map.objects.select_related("district", "owner"), pk=map_id)
    if not map_.is_visible_to(request.user):
        raise Http404("No such map.")
    style_url = reverse("map-style", kwargs={"map_id": map_.pk})
    return render(request, "web/map.html", {"map": map_, "style_url": style_url})
