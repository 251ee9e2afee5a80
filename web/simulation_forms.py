"""The form a planner launches a simulation with: the kind, base or scenario, and the parameters of each analysis.

The form only gathers the fields into the API's parameter form
(``parameters()``); every check is the one the API makes
(``digital_twin.simulations.launch.prepare``), and a refusal lands on the
field it names (``field_for``), so the page and the API never disagree.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from digital_twin.models import SimulationKind
from digital_twin.sim.windrose import seoul_seasons

CUSTOM = "custom"
SEASON_LABELS = {"spring": _("spring"), "summer": _("summer"), "autumn": _("autumn"), "winter": _("winter")}
# where a refusal of the service is shown: its field name (with "wind." / "sun." in a comparison) → form field
FIELDS = {
    "cell_size": {"sunlight": "sun_cell_size", "default": "wind_cell_size"},
    "wind.cell_size": "wind_cell_size",
    "sun.cell_size": "sun_cell_size",
    "wind_rose": "season",
    "analyses": "analyses",
}


class SimulationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Simulation"), choices=SimulationKind.choices, initial=SimulationKind.COMPARISON)
    scenario = forms.ChoiceField(label=_("Buildings"), required=False)
    analyses = forms.MultipleChoiceField(
        label=_("Compare"), required=False, widget=forms.CheckboxSelectMultiple, initial=["wind", "sun"],
        choices=[("wind", _("wind corridors")), ("sun", _("sunlight"))],
        help_text=_("A comparison runs the existing buildings and the scenario with the same parameters."),
    )  # fmt: skip
    loss_hours = forms.FloatField(label=_("Loss of sun that counts (h)"), required=False, initial=1.0)
    wind_cell_size = forms.FloatField(label=_("Wind: cell size (m)"), required=False, initial=25.0)
    directions = forms.TypedChoiceField(
        label=_("Wind directions (morphometry)"), coerce=int, choices=[(16, "16"), (8, "8"), (4, "4")], initial=16
    )
    method = forms.ChoiceField(
        label=_("Roughness method"), initial="macdonald",
        choices=[("macdonald", _("Macdonald et al. (1998)")),
                 ("rule_of_thumb", _("rule of thumb (Grimmond & Oke 1999)"))],
    )  # fmt: skip
    season = forms.ChoiceField(label=_("Wind rose"), initial="winter")
    rose_directions = forms.CharField(
        label=_("Your wind rose: directions (°, from)"), required=False, help_text=_("e.g. 0, 90, 180, 270")
    )
    rose_frequencies = forms.CharField(
        label=_("frequencies (%)"), required=False, help_text=_("with calm, they sum to 100 %")
    )
    rose_speeds = forms.CharField(label=_("mean speeds (m/s)"), required=False)
    rose_calm = forms.FloatField(label=_("calm (%)"), required=False, initial=0.0)
    corridor_method = forms.ChoiceField(
        label=_("Corridor resistance"), initial="frontal",
        choices=[("frontal", _("frontal area index λf")), ("roughness", _("roughness length z0"))],
    )  # fmt: skip
    sun_cell_size = forms.FloatField(label=_("Sun: cell size (m)"), required=False, initial=2.0)
    date = forms.CharField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: this year's winter solstice (동지)."),
    )  # fmt: skip
    start = forms.CharField(label=_("From"), initial="08:00", widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.CharField(label=_("To"), initial="16:00", widget=forms.TimeInput(attrs={"type": "time"}))
    step_minutes = forms.IntegerField(label=_("Every (min)"), initial=10)
    sunlight_rule = forms.BooleanField(label=_("Check the sunlight right on the winter solstice"), required=False,
                                       initial=True)  # fmt: skip
    facades = forms.ChoiceField(
        label=_("Ground-floor façades checked"), initial="residential",
        choices=[("residential", _("residential buildings")), ("all", _("all buildings")), ("none", _("none"))],
    )  # fmt: skip
    margin_m = forms.FloatField(label=_("Shadow margin around the area (m)"), initial=200.0)
    terrain = forms.BooleanField(label=_("Terrain from the registered DEM"), required=False, initial=True)

    def __init__(self, *args, study_area, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        scenarios = study_area.scenarios.order_by("name")
        self.fields["scenario"].choices = [("", _("existing buildings"))] + [(str(s.pk), s.name) for s in scenarios]
        seasons = [(season, SEASON_LABELS.get(season, season)) for season in seoul_seasons()]
        self.fields["season"].choices = [
            (_("Seoul, illustrative defaults"), seasons), (CUSTOM, _("my own wind rose (below)"))
        ]  # fmt: skip

    def parameters(self):
        """The API's parameters of the chosen kind (unchecked: the service checks them)."""
        data, kind = self.cleaned_data, self.cleaned_data["kind"]
        wind = {"cell_size": data["wind_cell_size"], "method": data["method"]}
        if kind == SimulationKind.MORPHOMETRY:
            return {**wind, "directions": data["directions"]}
        wind.update(wind_rose=self.wind_rose(), corridor_method=data["corridor_method"])
        sun = {
            key: data[key]
            for key in ("date", "start", "end", "step_minutes", "sunlight_rule", "facades", "margin_m", "terrain")
        }
        sun["cell_size"] = data["sun_cell_size"]
        if kind == SimulationKind.CORRIDORS:
            return wind
        if kind == SimulationKind.SUNLIGHT:
            return sun
        return {"analyses": data["analyses"] or ["wind", "sun"], "wind": wind, "sun": sun,
                "loss_hours": data["loss_hours"]}  # fmt: skip

    def wind_rose(self):
        data = self.cleaned_data
        if data["season"] != CUSTOM:
            return {"season": data["season"]}
        lists = {}
        for key, field in (("directions_deg", "rose_directions"), ("frequency_pct", "rose_frequencies"),
                           ("speed_ms", "rose_speeds")):  # fmt: skip
            try:
                lists[key] = [float(value) for value in data[field].replace(";", ",").split(",") if value.strip()]
            except ValueError:
                lists[key] = data[field]
        return {**lists, "calm_pct": data["rose_calm"] or 0.0, "name": str(_("my own wind rose"))}

    def field_for(self, service_field):
        """The form field a refusal of the service belongs to (None: the form as a whole)."""
        kind = self.cleaned_data.get("kind")
        target = FIELDS.get(service_field)
        if isinstance(target, dict):
            return target.get(kind, target["default"])
        if target:
            return target
        name = service_field.split(".")[-1]
        return name if name in self.fields else None
