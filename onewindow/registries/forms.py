"""Forms parse input only; the services decide and validate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.core.forms import IsoDateInput
from onewindow.registries.choices import AgentRelation, LegalPersonType


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("Resident ID number or unified social credit code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "placeholder": _("18 characters"), "autofocus": True}
        ),
    )


class PersonForm(forms.Form):
    id_number = forms.CharField(label=_("Resident ID number"), max_length=32)
    name = forms.CharField(label=_("Full name"), max_length=64)
    phone = forms.RegexField(
        label=_("Mobile phone"),
        regex=r"^1[3-9]\d{9}$",
        required=False,
        error_messages={"invalid": _("A mobile number has 11 digits and starts with 13–19.")},
    )
    address = forms.CharField(label=_("Address"), max_length=200, required=False)


class OrganisationForm(forms.Form):
    uscc = forms.CharField(label=_("Unified social credit code"), max_length=32)
    name = forms.CharField(label=_("Organisation name"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=LegalPersonType.choices)
    representative_name = forms.CharField(label=_("Legal representative"), max_length=64)
    representative_id_number = forms.CharField(
        label=_("Legal representative's ID number"), max_length=32
    )
    phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Registered address"), max_length=200, required=False)


class AgentForm(forms.Form):
    agent_id_number = forms.CharField(label=_("Agent's resident ID number"), max_length=32)
    relation = forms.ChoiceField(label=_("Relation"), choices=AgentRelation.choices)
    matters = forms.CharField(label=_("Authorised matters"), max_length=200)
    valid_from = forms.DateField(label=_("Valid from"), widget=IsoDateInput())
    valid_until = forms.DateField(label=_("Valid until"), widget=IsoDateInput())


class SignupForm(forms.Form):
    id_number = forms.CharField(label=_("Resident ID number"), max_length=32)
    name = forms.CharField(label=_("Full name"), max_length=64)
    phone = forms.RegexField(
        label=_("Mobile phone"),
        regex=r"^1[3-9]\d{9}$",
        error_messages={"invalid": _("A mobile number has 11 digits and starts with 13–19.")},
    )
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data
