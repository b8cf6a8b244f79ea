"""Filters of the message log."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.core.forms import StyledFormMixin
from onewindow.notifications.choices import Event, MessageStatus


class MessageFilterForm(StyledFormMixin, forms.Form):
    event = forms.ChoiceField(
        label=_("Event"), required=False, choices=[("", _("All events")), *Event.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *MessageStatus.choices],
    )
    case_number = forms.CharField(label=_("Case number"), required=False, max_length=50)

    def clean_case_number(self) -> str:
        return self.cleaned_data["case_number"].strip()
