"""Forms of guide authoring: the guide's fields, its steps (a formset, in order, removable), an image."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from guides.models import EditorTopic, Guide, GuideImage, GuideStep
from guides.sanitise import check_guide_html

BODY_HELP = _(
    "HTML: paragraphs, h3/h4 headings, lists, links, tables, figures and images from the guide image "
    "library. Anything else (scripts, styles, event handlers, images from other sites) is removed."
)


class GuideForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(label=_("What did you change?"), max_length=200, required=False)

    class Meta:
        model = Guide
        fields = ["slug", "title_ko", "title_en", "summary_ko", "summary_en", "order", "published"]
        widgets = {"summary_ko": forms.Textarea(attrs={"rows": 3}), "summary_en": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # an existing guide keeps its address, so links to its steps keep working
            self.fields["slug"].disabled = True

    def validate_unique(self):
        """Left to the save service, which checks the whole guide in its transaction."""


class StepForm(forms.ModelForm):
    class Meta:
        model = GuideStep
        fields = ["anchor", "topic", "title_ko", "title_en", "body_ko", "body_en"]
        widgets = {
            "body_ko": forms.Textarea(attrs={"rows": 10, "class": "guide-html"}),
            "body_en": forms.Textarea(attrs={"rows": 10, "class": "guide-html"}),
        }
        help_texts = {"body_ko": BODY_HELP, "body_en": BODY_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("none")), *EditorTopic.choices]

    def _checked(self, name):
        html = self.cleaned_data.get(name, "")
        try:
            check_guide_html(html)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return html

    def clean_body_ko(self):
        return self._checked("body_ko")

    def clean_body_en(self):
        return self._checked("body_en")

    def validate_unique(self):
        """Anchors are checked across the whole guide by the save service."""


StepFormSet = forms.formset_factory(StepForm, extra=1, can_order=True, can_delete=True, max_num=60, absolute_max=60)


class GuideImageForm(forms.ModelForm):
    upload = forms.ImageField(
        label=_("Image"), help_text=_("JPEG, PNG, WebP or HEIC; its metadata (GPS, camera) is removed.")
    )

    class Meta:
        model = GuideImage
        fields = ["description"]
