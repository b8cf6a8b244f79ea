"""Forms of the card pages. They parse input only; the rules are in ``supervision.cards``."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from onewindow.core.forms import StyledFormMixin
from onewindow.organisations.models import Department
from onewindow.supervision.choices import CardColour, CardState


class CardFilterForm(StyledFormMixin, forms.Form):
    """The list's filters; a value that does not parse is ignored, never an error page."""

    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All states")), *CardState.choices], required=False
    )
    colour = forms.ChoiceField(
        label=_("Card"), choices=[("", _("Both colours")), *CardColour.choices], required=False
    )
    month = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=7,
        widget=forms.TextInput({"type": "month", "placeholder": "2026-06"}),
    )

    def clean_month(self) -> datetime.date | None:
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        try:
            return datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("Enter a month such as 2026-06.")) from None


class CardIssueForm(StyledFormMixin, forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    colour = forms.ChoiceField(label=_("Card"), choices=CardColour.choices)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea({"rows": 4}))
    cases = forms.CharField(
        label=_("Case numbers, one per line (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea({"rows": 3}),
    )

    def __init__(self, *args: object, departments: QuerySet[Department], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = departments

    def case_numbers(self) -> list[str]:
        text = self.cleaned_data.get("cases") or ""
        return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


class RectificationForm(StyledFormMixin, forms.Form):
    response = forms.CharField(
        label=_("Rectification"), max_length=2000, widget=forms.Textarea({"rows": 4})
    )


class CloseForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Closing note"), max_length=2000, widget=forms.Textarea({"rows": 3})
    )


class WithdrawForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why the card is withdrawn"), max_length=2000, widget=forms.Textarea({"rows": 3})
    )


class RuleForm(StyledFormMixin, forms.Form):
    """One rule's settings; the bounds are checked by the service (one message for every case)."""

    rule = forms.IntegerField(widget=forms.HiddenInput)
    threshold = forms.CharField(label=_("Findings per month"), max_length=10, required=False)
    min_reason_chars = forms.CharField(
        label=_("Minimum reason length"), max_length=10, required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False)
