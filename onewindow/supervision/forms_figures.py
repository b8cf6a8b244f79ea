"""The period and grouping of the figures page. The form only parses; ``figures.check_period``
says which periods are answered."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.core.forms import IsoDateInput, StyledFormMixin
from onewindow.supervision.figures import GROUPS


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def quick_periods(today: datetime.date) -> list[tuple[str, datetime.date, datetime.date]]:
    """This month and this year up to today, and the whole of last month."""
    last_month_end = month_start(today) - datetime.timedelta(days=1)
    return [
        (str(_("This month")), month_start(today), today),
        (str(_("Last month")), month_start(last_month_end), last_month_end),
        (str(_("This year")), today.replace(month=1, day=1), today),
    ]


class FiguresForm(StyledFormMixin, forms.Form):
    start = forms.DateField(label=_("From"), widget=IsoDateInput())
    end = forms.DateField(label=_("To"), widget=IsoDateInput())
    group = forms.ChoiceField(label=_("Group by"), choices=list(GROUPS.items()))

    @classmethod
    def from_query(cls, query: dict[str, str], today: datetime.date) -> FiguresForm:
        """Bound to the query, the missing fields filled with this month by department."""
        data = {"start": month_start(today).isoformat(), "end": today.isoformat()}
        data["group"] = "department"
        data.update({name: query[name] for name in cls.base_fields if name in query})
        return cls(data)
