"""Forms of the import pages: the upload with how to read the file, and the field mapping of the preview."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from imports.detection import ALLOWED_SRIDS, describe
from imports.readers import SUFFIXES

ENCODINGS = [("utf-8", "UTF-8"), ("utf-8-sig", _("UTF-8 with a byte-order mark")), ("cp949", "CP949 (EUC-KR)")]
NONE = ""


def srid_choices():
    return [(NONE, _("Detect from the file")), *((str(srid), describe(srid)) for srid in ALLOWED_SRIDS)]


class ReadingForm(forms.Form):
    """How to read the file: each left empty is detected."""

    encoding = forms.ChoiceField(
        label=_("Text encoding"), required=False, choices=[(NONE, _("Detect from the file")), *ENCODINGS]
    )
    srid = forms.TypedChoiceField(
        label=_("Coordinate system"), required=False, coerce=int, empty_value=None, choices=srid_choices
    )
    source_layer = forms.CharField(
        label=_("Sheet or layer in the file"),
        required=False,
        max_length=200,
        help_text=_("Only for a file with several: an XLSX sheet, a GeoPackage layer or a Shapefile in a zip."),
    )

    def options(self):
        data = self.cleaned_data
        return {"encoding": data["encoding"] or None, "srid": data["srid"], "layer": data["source_layer"] or None}


class UploadForm(ReadingForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("GeoJSON, zipped Shapefile, GeoPackage, KML or KMZ, GPX, CSV, TSV or XLSX."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )
    preset = forms.ChoiceField(label=_("Preset"), required=False)

    field_order = ["file", "preset", "encoding", "srid", "source_layer"]

    def __init__(self, *args, presets=(), **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "ko"
        self.fields["preset"].choices = [
            (NONE, _("None: recognise the columns by their names")),
            *((preset.key, preset.label(language)) for preset in presets),
        ]

    def options(self):
        return {**super().options(), "preset": self.cleaned_data["preset"] or None}


class MappingForm(forms.Form):
    """Which column becomes what, with one choice of category per category value found in the file."""

    title = forms.ChoiceField(label=_("Title"), required=False)
    summary = forms.ChoiceField(label=_("Summary"), required=False)
    category = forms.ChoiceField(label=_("Category column"), required=False)
    default_category = forms.ChoiceField(label=_("Category of the other rows"))
    strict = forms.BooleanField(
        label=_("Import nothing if any row cannot be imported"),
        required=False,
        help_text=_("Otherwise those rows are skipped and listed with their line numbers."),
    )

    def __init__(self, *args, columns, categories, fields, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        column_choices = [(column, column) for column in columns]
        title_choices = [(NONE, _("(the category's name)")), *column_choices]
        if mapping.title and mapping.title not in columns:
            title_choices.insert(1, (mapping.title, mapping.title))  # a preset's template such as "{sgg} {emd}"
        self.fields["title"].choices = title_choices
        self.fields["summary"].choices = [(NONE, _("(none)")), *column_choices]
        self.fields["category"].choices = [(NONE, _("(none: all rows get the category below)")), *column_choices]
        self.fields["default_category"].choices = categories
        self.values = list(mapping.category_values)
        for index, value in enumerate(self.values):
            self.fields[f"value_{index}"] = forms.ChoiceField(label=value, choices=categories, required=False)
        self.field_keys = [definition["key"] for definition in fields]
        for definition in fields:
            self.fields[f"field_{definition['key']}"] = forms.ChoiceField(
                label=definition.get("label") or definition["key"],
                choices=[(NONE, _("(leave empty)")), *column_choices],
                required=False,
            )
        self.initial.update(
            {
                "title": mapping.title or NONE,
                "summary": mapping.summary or NONE,
                "category": mapping.category or NONE,
                "default_category": mapping.default_category,
                **{f"value_{i}": key for i, key in enumerate(mapping.category_values.values())},
                **{f"field_{key}": column for key, column in mapping.fields.items()},
            }
        )

    def value_fields(self):
        return [self[f"value_{index}"] for index in range(len(self.values))]

    def extra_fields(self):
        return [self[f"field_{key}"] for key in self.field_keys]

    def mapping(self):
        data = self.cleaned_data
        return {
            "title": data["title"] or None,
            "summary": data["summary"] or None,
            "category": data["category"] or None,
            "default_category": data["default_category"],
            "category_values": {
                value: data[f"value_{index}"] for index, value in enumerate(self.values) if data.get(f"value_{index}")
            },
            "fields": {key: data[f"field_{key}"] for key in self.field_keys if data.get(f"field_{key}")},
        }
