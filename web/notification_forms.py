"""The settings form: which notifications a user gets, in the inbox and by e-mail, and whether their name is shown."""

from django import forms
from django.utils.translation import gettext_lazy as _

from layers.models import NotificationKind

CHANNELS = (("in_app", _("In the inbox")), ("email", _("By e-mail")))


class NotificationSettingsForm(forms.Form):
    show_name_publicly = forms.BooleanField(
        label=_("Show my name on my reports and comments"),
        help_text=_(
            "Otherwise the public sees “주민” (resident) as their author. Reviewers always see who wrote them."
        ),
        required=False,
    )

    def __init__(self, *args, choices, **kwargs):
        """``choices`` is {kind: (in_app, email)}, the user's current preferences."""
        super().__init__(*args, label_suffix="", **kwargs)
        for kind, values in choices.items():
            for (channel, label), value in zip(CHANNELS, values, strict=True):
                self.fields[f"{kind}_{channel}"] = forms.BooleanField(label=label, required=False, initial=value)

    def kinds(self):
        """(label, [bound checkbox per channel]) per kind, for the template."""
        return [
            (NotificationKind(kind).label, [self[f"{kind}_{channel}"] for channel, _label in CHANNELS])
            for kind in NotificationKind.values
        ]

    def choices(self):
        """{kind: (in_app, email)} as submitted."""
        return {
            kind: tuple(self.cleaned_data[f"{kind}_{channel}"] for channel, _label in CHANNELS)
            for kind in NotificationKind.values
        }
