"""Forms of the improvement plan: an item (administrators), a change of its state, a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guides.models import PlanComment, PlanItem


class PlanItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PlanItem
        fields = ["title", "description", "state", "state_reason"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "state_reason": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        """The plan service checks the item, its state move and its reason when it saves."""


class PlanCommentForm(forms.ModelForm):
    class Meta:
        model = PlanComment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        labels = {"body": _("Your comment")}
