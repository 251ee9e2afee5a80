"""Forms of choosing what to map: a nomination, a decision on it with its template, a layer added from a template."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guides.models import Nomination, TemplateScope
from layers.models import GeometryKind
from mapping.models import Map
from mapping.models.maps import MapKind

from .forms import DistrictField


class NominationForm(forms.ModelForm):
    district = DistrictField(
        label=_("District"),
        required=False,
        empty_label=_("The whole city"),
        help_text=Nomination._meta.get_field("district").help_text,
    )

    class Meta:
        model = Nomination
        fields = ["title", "kind", "reason", "example", "district"]
        widgets = {
            "kind": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 4}),
            "example": forms.Textarea(attrs={"rows": 2}),
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("select", _("Select it for mapping")), ("decline", _("Decline it"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Published reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone reads it with the decision."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)
    label_ko = forms.CharField(label=_("Template name (Korean)"), max_length=100, required=False)
    label_en = forms.CharField(label=_("Template name (English)"), max_length=100, required=False)
    description_ko = forms.CharField(
        label=_("Description (Korean)"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    scope = forms.ChoiceField(label=_("Made for"), choices=TemplateScope.choices, initial=TemplateScope.MAP)
    map_kind = forms.ChoiceField(label=_("Map kind"), choices=MapKind.choices, initial=MapKind.OTHER)
    geometry_kinds = forms.MultipleChoiceField(
        label=_("What residents draw"), choices=GeometryKind.choices, initial=list(GeometryKind.values),
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip
    categories = forms.CharField(
        label=_("Categories"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: Korean name | English name, e.g. “경사로 | Ramp”."),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("decision") == "select":
            if not data.get("categories", "").strip():
                self.add_error("categories", _("A selected topic needs its categories."))
            if not data.get("geometry_kinds"):
                self.add_error("geometry_kinds", _("Choose at least one kind of shape."))
        return data


class AddLayerForm(forms.Form):
    map = forms.ModelChoiceField(label=_("Add to the map"), queryset=Map.objects.none())

    def __init__(self, *args, maps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["map"].queryset = maps
