from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from onewindow.core.forms import FieldMessagesMixin


class LoginForm(FieldMessagesMixin, AuthenticationForm):
    """Staff sign in with their user name, citizens with their ID number."""

    username = forms.CharField(
        label=_("User name or ID number"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class TokenForm(FieldMessagesMixin, forms.Form):
    """A code from the authenticator app (six digits) or a recovery code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
