"""Forms of campaigns: opening or changing one (the area drawn on the map, or pasted as GeoJSON), and joining."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guides.models import Campaign, CampaignParticipant
from guides.services.campaigns import campaign_area
from layers.models import Category, Layer
from mapping.models import Map


def maps_for_campaigns(user):
    """Maps ``user`` may open a campaign on: those they manage, and those of the districts they review."""
    if user.is_admin:
        return Map.objects.all()
    return Map.objects.filter(Q(owner=user) | Q(editors=user) | Q(district__in=user.review_districts.all())).distinct()


class CampaignForm(forms.ModelForm):
    map = forms.ModelChoiceField(label=_("Map"), queryset=Map.objects.none())
    area = forms.CharField(
        label=_("Area (GeoJSON)"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "geojson", "spellcheck": "false"}),
        help_text=_("Draw the area on the map above, or paste a GeoJSON polygon in longitude and latitude."),
    )

    class Meta:
        model = Campaign
        fields = ["map", "title", "goal", "goal_features", "organiser", "description", "starts", "ends", "cell_metres",
                  "layer", "category", "area", "closing_note"]  # fmt: skip
        widgets = {
            "starts": forms.DateInput(attrs={"type": "date"}),
            "ends": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "closing_note": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        maps = maps_for_campaigns(user) if not self.instance.pk else Map.objects.filter(pk=self.instance.map_id)
        self.fields["map"].queryset = maps
        if self.instance.pk:
            self.fields["map"].disabled = True
            self.initial["area"] = self.instance.area.geojson
        else:  # written when the campaign is over, for its summary page
            del self.fields["closing_note"]
        self.fields["layer"].queryset = Layer.objects.filter(map__in=maps).select_related("map")
        self.fields["layer"].label_from_instance = lambda layer: f"{layer.map.title} · {layer.name}"
        self.fields["category"].queryset = Category.objects.filter(layer__map__in=maps).select_related("layer__map")
        self.fields["category"].label_from_instance = lambda c: f"{c.layer.map.title} · {c.layer.name} · {c.label_ko}"

    def clean_area(self):
        map_ = self.cleaned_data.get("map")  # cleaned first; the instance's own map when changing a campaign
        if map_ is None:
            return None
        return campaign_area(self.cleaned_data["area"], map_=map_)

    def _post_clean(self):
        """The campaign service checks the whole campaign (dates, layer, category, cells) when it saves."""

    def fields_for_service(self):
        return {name: value for name, value in self.cleaned_data.items() if name != "map"}


class JoinForm(forms.ModelForm):
    class Meta:
        model = CampaignParticipant
        fields = ["on_leaderboard"]
