"""How a run's layers and buildings are named for people, in the reader's language.

Apart from the rasters and the building loader (rasterio, scipy), so the pages
and the API that show results do not import them.
"""

from django.utils.translation import gettext_lazy as _

from ..models import BuildingUse

TITLES = {
    "plan_area_index": _("plan area index λp"),
    "heights": _("building heights (m)"),
    "frontal_area_index": _("frontal area index λf"),
    "roughness_length": _("roughness length z0 (m)"),
    "displacement_height": _("zero-plane displacement zd (m)"),
    "corridor_frequency": _("corridor frequency (share of the time, %)"),
    "corridor_potential": _("corridor potential"),
    "corridors": _("corridors by wind direction"),
    "sun_hours": _("hours of direct sun"),
    "longest_sun_run": _("longest unbroken sun (h)"),
    "sunlight_rule": _("sunlight-right check (winter solstice)"),
    "delta_frontal_area_index": _("Δ frontal area index λf"),
    "delta_roughness_length": _("Δ roughness length z0 (m)"),
    "delta_displacement_height": _("Δ zero-plane displacement zd (m)"),
    "delta_corridor_frequency": _("Δ corridor frequency (share of the time, %)"),
    "corridor_change": _("corridors gained and blocked"),
    "delta_sun_hours": _("Δ hours of direct sun"),
    "newly_failing": _("newly failing the sunlight-right check"),
    "base_sun_hours": _("hours of direct sun, existing buildings"),
    "scenario_sun_hours": _("hours of direct sun, scenario"),
}


def title(name):
    return str(TITLES.get(name, name))


def with_use_labels(entries):
    """Building entries (``CityBuildings.describe``) with their use in words, in the active language."""
    labels = dict(BuildingUse.choices)
    return [{**entry, "use_label": str(labels.get(entry["use"], entry["use"]))} for entry in entries]
