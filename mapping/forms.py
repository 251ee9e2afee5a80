"""Forms for the account pages.

Sign-up creates a plain resident: the form only exposes the username, the
e-mail address and the password, so a request cannot set roles or the
``verified`` flag whatever fields it posts.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class SignUpForm(UserCreationForm):
    """A new resident: unique username and e-mail (both case-insensitive), a validated password.

    The e-mail address is required because it is the only way back into the
    account (password reset), and unique so that a reset reaches one person.
    """

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We use it only to help you reset your password."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    error_messages = {
        **UserCreationForm.error_messages,
        "duplicate_email": _(
            "An account with this email address already exists. If it is yours, log in or reset your password."
        ),
    }

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean_email(self):
        email = self._meta.model.objects.normalize_email(self.cleaned_data["email"])
        if self._meta.model.objects.filter(email__iexact=email).exists():
            raise ValidationError(self.error_messages["duplicate_email"], code="duplicate_email")
        return email
