"""Admin map widgets that work offline: local OpenLayers, and the districts as the base map.

Django's ``OpenLayersWidget`` loads OpenLayers from a CDN and draws OpenStreetMap
tiles (or NASA imagery) underneath, and none of these can be reached from the
machines that run this app. These widgets load the OpenLayers build that
``web/frontend/build.mjs`` copies into the static files, and draw a graticule
and the districts' boundaries, served by the admin itself (see
``mapping.admin_views``), as the base map. The rest is Django's own
``gis/js/OLMapWidget.js``.
"""

from django.contrib.gis.admin import GISModelAdmin
from django.contrib.gis.forms.widgets import OSMWidget
from django.urls import reverse

OL_JS = "web/build/vendor/ol/ol.js"
OL_CSS = "web/build/vendor/ol/ol.css"
BOUNDARIES_URL_NAME = "admin:mapping_district_boundaries"


class SeoulMapWidget(OSMWidget):
    """An OpenLayers widget centred on Seoul City Hall, over the district boundaries."""

    template_name = "mapping/widgets/seoul_map.html"
    default_lon = 126.98
    default_lat = 37.56
    default_zoom = 11

    class Media:
        extend = False
        css = {"all": (OL_CSS, "gis/css/ol3.css")}
        js = (OL_JS, "gis/js/OLMapWidget.js")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["boundaries_url"] = reverse(BOUNDARIES_URL_NAME)
        return context


class SeoulGISModelAdmin(GISModelAdmin):
    """A model admin whose geometry fields are edited on the offline Seoul map."""

    gis_widget = SeoulMapWidget
