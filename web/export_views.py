"""Download of a map as one standalone HTML file (folium), which opens with no network."""

from django.http import HttpResponse


def standalone_html(request, map_id):
    return HttpResponse(status=501)
