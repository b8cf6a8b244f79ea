"""Forms parse input only; the services decide and validate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.core.forms import (
    AddressField,
    FieldMessagesMixin,
    IsoDateInput,
    NameField,
    PhoneField,
)
from onewindow.registries.choices import AgentRelation, LegalPersonType


class LookupForm(FieldMessagesMixin, forms.Form):
    number = forms.CharField(
        label=_("Resident ID number or unified social credit code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "placeholder": _("18 characters"), "autofocus": True}
        ),
    )


class PersonForm(FieldMessagesMixin, forms.Form):
    id_number = forms.CharField(label=_("Resident ID number"), max_length=32)
    name = NameField(label=_("Full name"))
    phone = PhoneField(label=_("Mobile phone"), mobile_only=True, required=False)
    address = AddressField(label=_("Address"), required=False)


class OrganisationForm(FieldMessagesMixin, forms.Form):
    uscc = forms.CharField(label=_("Unified social credit code"), max_length=32)
    name = forms.CharField(label=_("Organisation name"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=LegalPersonType.choices)
    representative_name = NameField(label=_("Legal representative"))
    representative_id_number = forms.CharField(
        label=_("Legal representative's ID number"), max_length=32
    )
    phone = PhoneField(label=_("Contact phone"), required=False)
    address = AddressField(label=_("Registered address"), required=False)


class AgentForm(FieldMessagesMixin, forms.Form):
    agent_id_number = forms.CharField(label=_("Agent's resident ID number"), max_length=32)
    relation = forms.ChoiceField(label=_("Relation"), choices=AgentRelation.choices)
    matters = forms.CharField(label=_("Authorised matters"), max_length=200)
    valid_from = forms.DateField(label=_("Valid from"), widget=IsoDateInput())
    valid_until = forms.DateField(label=_("Valid until"), widget=IsoDateInput())


class SignupForm(FieldMessagesMixin, forms.Form):
    id_number = forms.CharField(label=_("Resident ID number"), max_length=32)
    name = NameField(label=_("Full name"))
    phone = PhoneField(label=_("Mobile phone"), mobile_only=True)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data
