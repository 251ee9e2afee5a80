"""Forms of the district's pages: the queue's filters, bulk decisions, and the steps on one report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from layers.models import ReferralKind, RejectionReason, Stage
from layers.services.review_queue import QueueFilters

SHORT_TEXT = forms.Textarea(attrs={"rows": 3})
SORT_CHOICES = [("oldest", _("Oldest first")), ("votes", _("Most 공감 first")), ("newest", _("Newest first"))]
STATUS_CHOICES = [("", _("Any")), ("pending", _("pending review")), ("published", _("published"))]
STAGE_CHOICES = [
    ("", _("Any")),
    *[
        (value, label)
        for value, label in Stage.choices
        if value in (Stage.RECEIVED, Stage.IN_REVIEW, Stage.ASSIGNED, Stage.IN_PROGRESS)
    ],
]


class ReasonField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=RejectionReason.objects.filter(active=True), to_field_name="code", **kwargs)

    def label_from_instance(self, reason):
        return reason.label


class QueueFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=STAGE_CHOICES, required=False)
    older_than_days = forms.IntegerField(label=_("Older than (days)"), required=False, min_value=0, max_value=3650)
    min_votes = forms.IntegerField(label=_("At least 공감"), required=False, min_value=0)
    duplicates = forms.BooleanField(label=_("Possible duplicates only"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORT_CHOICES, required=False)

    def __init__(self, data, categories):
        super().__init__(data)
        self.fields["category"].choices = [("", _("Any")), *categories]

    def filters(self):
        if not self.is_valid():
            return QueueFilters()
        data = self.cleaned_data
        return QueueFilters(
            categories=[data["category"]] if data["category"] else [],
            statuses=[data["status"]] if data["status"] else [],
            stages=[data["stage"]] if data["stage"] else [],
            older_than_days=data["older_than_days"],
            min_votes=data["min_votes"],
            duplicates_only=data["duplicates"],
            sort=data["sort"] or "oldest",
        )


class RejectForm(forms.Form):
    rule = ReasonField(label=_("Reason"))
    public_reason = forms.CharField(
        label=_("Explanation for the author and the public"), required=False, max_length=1000, widget=SHORT_TEXT
    )


class StageForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    department = forms.TypedChoiceField(label=_("Department"), required=False, coerce=int, empty_value=None)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    answer = forms.CharField(label=_("Official answer (public)"), required=False, max_length=1000, widget=SHORT_TEXT)
    note = forms.CharField(label=_("Internal note"), required=False, max_length=1000, widget=SHORT_TEXT)

    def __init__(self, *args, stages, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(value, label) for value, label in Stage.choices if value in stages]
        self.fields["department"].choices = [("", "—"), *[(d.pk, d.name) for d in departments]]


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(label=_("Route as"), choices=ReferralKind.choices, widget=forms.RadioSelect)
    department = forms.TypedChoiceField(
        label=_("Department (on-site fix)"), required=False, coerce=int, empty_value=None
    )
    note = forms.CharField(label=_("What the author is told"), required=False, max_length=1000, widget=SHORT_TEXT)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "—"), *[(d.pk, d.name) for d in departments]]


class MergeForm(forms.Form):
    other = forms.IntegerField(label=_("Merge with report number"), min_value=1)


class PeriodForm(forms.Form):
    since = forms.DateField(label=_("Reported from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Reported before"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
