"""The send-an-urging form. It only parses; ``urging.urging_send`` enforces the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.core.forms import StyledFormMixin
from onewindow.supervision.urging import DEFAULT_DAYS, MAX_DAYS, MIN_DAYS


class UrgingSendForm(StyledFormMixin, forms.Form):
    message = forms.CharField(
        label=_("What the department is urged to do"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        error_messages={"required": _("Write what the department is urged to do.")},
    )
    days = forms.IntegerField(
        label=_("Reply within (working days)"),
        initial=DEFAULT_DAYS,
        widget=forms.NumberInput(attrs={"min": MIN_DAYS, "max": MAX_DAYS}),
        # Range checked by the service, so the message is the same from every caller.
        required=False,
    )
    link_record = forms.BooleanField(
        label=_("Refer to the case's latest warning"), required=False, initial=True
    )
