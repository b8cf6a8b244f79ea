"""Forms of the calendar pages. They only parse; the services validate the calendar rules."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from onewindow.core.forms import FieldMessagesMixin, IsoDateInput, StyledFormMixin
from onewindow.deadlines.choices import DayKind, Unit
from onewindow.deadlines.schedule import MAX_YEAR, MIN_YEAR, NAME_LENGTH
from onewindow.organisations.models import ServicePlace

# The holidays of every State Council notice since 2008, in the notice's order.
HOLIDAY_NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


def _year_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


class YearLoadForm(FieldMessagesMixin, forms.Form):
    year = _year_field()
    replace = forms.BooleanField(required=False)


class ScheduleForm(StyledFormMixin, forms.Form):
    year = _year_field()
    note = forms.CharField(
        label=_("Notice (number and date)"),
        max_length=300,
        required=False,
        help_text=_("For example: 国办发明电〔2026〕×号, 2026-11-10."),
    )
    replace = forms.BooleanField(
        label=_("Replace the schedule already loaded for this year"), required=False
    )


class HolidayRowForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Holiday"), max_length=NAME_LENGTH, required=False)
    first_day = forms.DateField(label=_("First day off"), required=False, widget=IsoDateInput())
    last_day = forms.DateField(label=_("Last day off"), required=False, widget=IsoDateInput())

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("first_day") and not data.get("last_day"):
            self.add_error("last_day", _("Enter the last day off."))
        if data.get("last_day") and not data.get("first_day"):
            self.add_error("first_day", _("Enter the first day off."))
        return data

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("first_day") or self.cleaned_data.get("last_day"))


class MakeupRowForm(StyledFormMixin, forms.Form):
    day = forms.DateField(label=_("Make-up working day"), required=False, widget=IsoDateInput())
    name = forms.CharField(label=_("For the holiday"), max_length=NAME_LENGTH, required=False)


HolidayFormSet = formset_factory(HolidayRowForm, extra=2, max_num=40, validate_max=True)
MakeupFormSet = formset_factory(MakeupRowForm, extra=6, max_num=40, validate_max=True)


class DayForm(StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=IsoDateInput())
    place: forms.ModelChoiceField[ServicePlace] = forms.ModelChoiceField(
        label=_("Applies to"),
        queryset=None,
        required=False,
        empty_label=_("National calendar (every place)"),
    )
    kind = forms.ChoiceField(
        label=_("The day is"),
        choices=[("", _("As the weekday rule says (no exception)")), *DayKind.choices],
        required=False,
    )
    name = forms.CharField(label=_("Name"), max_length=NAME_LENGTH, required=False)
    note = forms.CharField(label=_("Reason for the change"), max_length=200, required=False)

    def __init__(
        self, *args: Any, places: QuerySet[ServicePlace], national: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["place"])
        field.queryset = places
        if not national:
            # A county's administrator sets only its own centers' exceptions (issue 17 item 7).
            field.required = True
            field.empty_label = None
            field.help_text = _(
                "The national calendar is set by a national or provincial administrator."
            )


class ExplainForm(StyledFormMixin, forms.Form):
    start = forms.DateField(label=_("Start day (accepted on)"), widget=IsoDateInput())
    n = forms.IntegerField(label=_("Time limit"), min_value=0, max_value=3650)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    place: forms.ModelChoiceField[ServicePlace] = forms.ModelChoiceField(
        label=_("Service place"), queryset=None, required=False, empty_label=_("National calendar")
    )
    pause_first = forms.DateField(label=_("Paused from"), required=False, widget=IsoDateInput())
    pause_last = forms.DateField(
        label=_("Paused until"),
        required=False,
        widget=IsoDateInput(),
        help_text=_("Leave empty while the pause is still running (counted up to today)."),
    )

    def __init__(self, *args: Any, places: QuerySet[ServicePlace], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["place"]).queryset = places

    def clean_start(self) -> datetime.date:
        start = self.cleaned_data["start"]
        if not MIN_YEAR <= start.year <= MAX_YEAR:
            raise forms.ValidationError(
                _("Choose a day between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
        return start

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("pause_last") and not data.get("pause_first"):
            self.add_error("pause_first", _("Enter the first paused day."))
        return data
