"""The form of the digital twin's pages: a new scenario over an existing study area."""

from django import forms
from django.utils.translation import gettext_lazy as _

from digital_twin.models import Scenario


class ScenarioForm(forms.ModelForm):
    class Meta:
        model = Scenario
        fields = ["study_area", "name", "description"]
        labels = {"study_area": _("Study area"), "name": _("Name"), "description": _("Description")}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
