"""Forms of the kiosk and the console: they parse; the services judge."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.queue.choices import ApplicantKind


class TakeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Identify with"), choices=ApplicantKind.choices)
    number = forms.CharField(label=_("Number"), max_length=40)
    category = forms.IntegerField(label=_("Business category"))
    entry = forms.UUIDField(label=_("Item"), required=False)


class TransferForm(forms.Form):
    category = forms.IntegerField(label=_("To business category"), required=False)
    window = forms.IntegerField(label=_("To window"), required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
