"""Forms of the pages: searching the maps on the home page and making a map from a template."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guides.services.topic_templates import template_choices
from mapping.models import District
from mapping.models.maps import MapKind, Visibility


class DistrictField(forms.ModelChoiceField):
    """A district by its name in the page's language (Korean unless English is chosen and known)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=District.objects.order_by("name_ko"), **kwargs)

    def label_from_instance(self, district):
        return district.name_en if get_language() == "en" and district.name_en else district.name_ko


class MapSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    district = DistrictField(label=_("District"), required=False, to_field_name="code")
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *MapKind.choices], required=False)

    def filter(self, maps):
        if not self.is_valid():
            return maps
        data = self.cleaned_data
        if data["q"]:
            maps = maps.filter(title__icontains=data["q"]) | maps.filter(description__icontains=data["q"])
        if data["district"]:
            maps = maps.filter(district=data["district"])
        if data["kind"]:
            maps = maps.filter(kind=data["kind"])
        return maps


class NewMapForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Start from"), choices=template_choices, widget=forms.RadioSelect, initial="safety"
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=5000, widget=forms.Textarea)
    district = DistrictField(
        label=_("District"),
        required=False,
        empty_label=_("Not tied to one district"),
        help_text=_("The district's safety team reviews reports on its maps."),
    )
    visibility = forms.ChoiceField(label=_("Who can see it"), choices=Visibility.choices, initial=Visibility.PUBLIC)
    review_first = forms.BooleanField(
        label=_("Reports wait for review before they appear"),
        required=False,
        help_text=_("Recommended for safety maps: the district's reviewers check each hazard report first."),
    )
