"""The supervision figures (考核指标) page and its CSV download."""

from __future__ import annotations

import csv
import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from onewindow.accounts.models import User
from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.core.errors import DomainError
from onewindow.organisations import scope
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role
from onewindow.supervision import figures as fig
from onewindow.supervision import warning_list as wl
from onewindow.supervision.forms_figures import FiguresForm, quick_periods

# Characters that make a spreadsheet read a cell as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _scope_names(user: User) -> list[str]:
    """What the reader's figures cover, in words."""
    if getattr(user, "is_superuser", False):
        return [_("All regions")]
    names = [a.region.name for a in scope.with_roles(user, fig.WATCHING_ROLES) if a.region]
    names += [a.place.name for a in scope.with_roles(user, [Role.CENTER_MANAGER]) if a.place]
    return list(dict.fromkeys(names))


def _columns(group: str) -> list[str]:
    head = [_("Region code")] if group in fig.REGION_DIGITS else []
    return [
        *head,
        str(fig.GROUPS[group]),
        _("Decided"),
        _("On time"),
        _("On-time rate"),
        _("Decided late"),
        _("Open and overdue"),
        _("Overdue"),
        _("Time-limit completion rate"),
        _("On-the-spot cases"),
        _("On-the-spot share"),
        _("Average days used"),
        _("Average days promised"),
        _("Days paused"),
    ]


def _cells(row: fig.Row, group: str) -> list[str]:
    head = [row.key] if group in fig.REGION_DIGITS else []
    return [
        *head,
        row.label,
        str(row.decided),
        str(row.on_time),
        row.on_time_pct,
        str(row.late),
        str(row.open_overdue),
        str(row.overdue),
        row.limit_pct,
        str(row.on_spot),
        row.on_spot_pct,
        row.avg_days_used_text,
        row.avg_days_promised_text,
        str(row.paused_days),
    ]


def _safe(cell: str) -> str:
    return f"'{cell}" if cell.startswith(FORMULA_START) else cell


def _csv(rows: list[fig.Row], group: str, start: datetime.date, end: datetime.date) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"figures-{group}-{start.isoformat()}-{end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Excel takes a BOM-less UTF-8 file for the local ANSI code page and garbles Chinese.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(_columns(group))
    for row in rows:
        writer.writerow([_safe(cell) for cell in _cells(row, group)])
    return response


@role_required(*fig.FIGURE_ROLES)
def figures_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = FiguresForm.from_query(request.GET.dict(), today)
    rows: list[fig.Row] = []
    if form.is_valid():
        data = form.cleaned_data
        try:
            rows = fig.figures(
                start=data["start"],
                end=data["end"],
                group=data["group"],
                scope_qs=fig.figures_scope(request.user),
                today=today,
            )
        except DomainError as exc:
            # Above the form rather than under one date: the period as a whole is refused.
            form.add_error(None, str(exc.message))
    if rows and request.GET.get("format") == "csv":
        data = form.cleaned_data
        return _csv(rows, data["group"], data["start"], data["end"])
    data = form.cleaned_data if not form.errors else {}
    group = data.get("group", "department")
    return render(
        request,
        "supervision/figures.html",
        {
            "title": _("Supervision figures"),
            "form": form,
            "rows": rows,
            "group": group,
            "group_label": fig.GROUPS[group],
            "start": data.get("start"),
            "end": data.get("end"),
            "as_of": today if data.get("end") and data["end"] > today else None,
            "scope_names": _scope_names(request.user),
            "quick": [
                (label, urlencode({"start": a.isoformat(), "end": b.isoformat(), "group": group}))
                for label, a, b in quick_periods(today)
            ],
            "csv_query": urlencode(
                {
                    "start": data["start"].isoformat(),
                    "end": data["end"].isoformat(),
                    "group": group,
                    "format": "csv",
                }
            )
            if rows
            else "",
            "show_code": group in fig.REGION_DIGITS,
            # The warnings list counts another population (open now, any deadline, every
            # clock); the page names it beside the period's overdue so the two are not confused.
            "red_now": wl.warning_counts(request.user)["red"],
        },
    )
