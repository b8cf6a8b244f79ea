"""Calendar pages for administrators: the year, loading and entering schedules, single days,
per-center exceptions, and "why is this the deadline?"."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import BaseFormSet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.core.errors import DomainError
from onewindow.deadlines import selectors, services
from onewindow.deadlines.calendar import calendar_for
from onewindow.deadlines.choices import Reason
from onewindow.deadlines.forms import (
    HOLIDAY_NAMES,
    DayForm,
    ExplainForm,
    HolidayFormSet,
    HolidayRowForm,
    MakeupFormSet,
    ScheduleForm,
    YearLoadForm,
)
from onewindow.deadlines.library import chinese_calendar_years
from onewindow.deadlines.policies import calendar_places, may_set_national_calendar
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role
from onewindow.organisations.models import ServicePlace

ADMIN = Role.ADMINISTRATOR
LEGEND = (Reason.WORKDAY, Reason.WEEKEND, Reason.HOLIDAY, Reason.MAKEUP, Reason.CLOSED)


def _place(request: AuthenticatedHttpRequest, value: str | None) -> ServicePlace | None:
    """The place named in the query, within the user's region; 404 otherwise."""
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return get_object_or_404(calendar_places(request.user), pk=int(value))


def _require_national(request: AuthenticatedHttpRequest) -> None:
    """The national schedule is a national or provincial administrator's (issue 17 item 7)."""
    if not may_set_national_calendar(request.user):
        raise PermissionDenied


def _year_url(year: int, place: ServicePlace | None = None) -> str:
    url = reverse("deadlines:year", kwargs={"year": year})
    return f"{url}?{urlencode({'place': place.pk})}" if place else url


@role_required(ADMIN)
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    place = _place(request, request.GET.get("place"))
    return redirect(_year_url(timezone.localdate().year, place))


@role_required(ADMIN)
def year_page(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    if not services.MIN_YEAR <= year <= services.MAX_YEAR:
        raise Http404
    place = _place(request, request.GET.get("place"))
    places = calendar_places(request.user).select_related("region").order_by("region__code", "name")
    years = list(selectors.calendar_years())
    counts = selectors.place_override_counts(places=places, year=year)
    return render(
        request,
        "deadlines/year.html",
        {
            "title": _("Working-day calendar %(year)s") % {"year": year},
            "view": selectors.year_view(year=year, place=place),
            "place": place,
            "place_options": [(p, counts.get(p.pk, 0)) for p in places],
            "years": years,
            "library_years": sorted(chinese_calendar_years()),
            "changes": selectors.calendar_changes(places=places, limit=15),
            "legend": [(r.value, r.label) for r in LEGEND],
            "national": may_set_national_calendar(request.user),
            # One msgid for the row, so the column heads can be as short as 一 二 … 日.
            "weekdays": _("Mon Tue Wed Thu Fri Sat Sun").split(),
        },
    )


@role_required(ADMIN)
@require_POST
def year_load(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_national(request)
    form = YearLoadForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Choose a year between %(min)s and %(max)s.")
            % {"min": services.MIN_YEAR, "max": services.MAX_YEAR},
        )
        return redirect("deadlines:home")
    year = form.cleaned_data["year"]
    try:
        loaded = services.calendar_seed_from_library(
            years=[year], actor=request.user, replace=form.cleaned_data["replace"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if loaded[0].needs_review:
            messages.warning(
                request,
                _(
                    "%(year)s was loaded from %(source)s, which has no make-up working days yet. "
                    "Check it against the State Council notice."
                )
                % {"year": year, "source": loaded[0].note},
            )
        else:
            messages.success(request, _("%(year)s is loaded.") % {"year": year})
    return redirect(_year_url(year))


@role_required(ADMIN)
@require_POST
def year_confirm(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    _require_national(request)
    try:
        services.calendar_year_confirm(
            year=year, actor=request.user, note=request.POST.get("note", "")[:200]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(year)s is confirmed.") % {"year": year})
    if not services.MIN_YEAR <= year <= services.MAX_YEAR:
        return redirect("deadlines:home")
    return redirect(_year_url(year))


def _schedule_rows(formset: BaseFormSet[HolidayRowForm]) -> list[services.HolidayRange]:
    return [
        services.HolidayRange(
            f.cleaned_data["name"], f.cleaned_data["first_day"], f.cleaned_data["last_day"]
        )
        for f in formset
        if f.cleaned_data and not f.is_blank
    ]


@role_required(ADMIN)
def schedule(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Enter a year's schedule as published by the State Council (one service call)."""
    _require_national(request)
    post = request.POST if request.method == "POST" else None
    year = timezone.localdate().year + 1
    if (asked := request.GET.get("year", "")).isdigit():
        year = min(max(int(asked), services.MIN_YEAR), services.MAX_YEAR)
    ranges, makeup = selectors.schedule_initial(year=year)
    ranges = ranges or [{"name": name} for name in HOLIDAY_NAMES]
    loaded = selectors.calendar_years().filter(year=year).first()
    form = ScheduleForm(post, initial={"year": year, "replace": loaded is not None})
    holidays = HolidayFormSet(post, prefix="h", initial=ranges)
    makeups = MakeupFormSet(post, prefix="m", initial=makeup)
    problems: list[str] = []
    if post is not None:
        if form.is_valid() and holidays.is_valid() and makeups.is_valid():
            year = form.cleaned_data["year"]
            try:
                services.calendar_schedule_enter(
                    year=year,
                    holidays=_schedule_rows(holidays),
                    makeup_days=[
                        services.MakeupDay(f.cleaned_data["day"], f.cleaned_data["name"])
                        for f in makeups
                        if f.cleaned_data.get("day")
                    ],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    replace=form.cleaned_data["replace"],
                )
            except services.ScheduleInvalid as exc:
                problems = exc.problems
            except DomainError as exc:
                problems = [str(exc.message)]
            else:
                messages.success(request, _("The schedule of %(year)s is saved.") % {"year": year})
                return redirect(_year_url(year))
        else:
            problems = [_("Correct the marked fields.")]
            problems += [str(e) for e in holidays.non_form_errors() + makeups.non_form_errors()]
    return render(
        request,
        "deadlines/schedule.html",
        {
            "title": _("Enter a year's holiday schedule"),
            "form": form,
            "holidays": holidays,
            "makeups": makeups,
            "problems": problems,
            "loaded": loaded,
        },
    )


@role_required(ADMIN)
def day_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    places = calendar_places(request.user).order_by("region__code", "name")
    post = request.POST if request.method == "POST" else None
    initial: dict = {}
    try:
        initial["date"] = datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        initial["date"] = timezone.localdate()
    place = _place(request, request.GET.get("place"))
    initial["place"] = place
    current = selectors.calendar_day(day=initial["date"], place=place)
    if current:
        initial.update(kind=current.kind, name=current.name)
    national = may_set_national_calendar(request.user)
    if place is None and not national:
        initial["place"] = place = places.first()
    form = DayForm(post, initial=initial, places=places, national=national)
    if post is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.calendar_day_set(
                day=data["date"],
                kind=data["kind"] or None,
                name=data["name"],
                place=data["place"],
                actor=request.user,
                note=data["note"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("%(day)s is saved.") % {"day": data["date"]})
            return redirect(_year_url(data["date"].year, data["place"]))
    shown = form.cleaned_data["date"] if form.is_bound and form.is_valid() else initial["date"]
    return render(
        request,
        "deadlines/day.html",
        {
            "title": _("Change a day"),
            "form": form,
            "day": shown,
            "national": _status(shown, None),
            "place_status": _status(shown, place) if place else None,
            "place": place,
        },
    )


def _status(day: datetime.date, place: ServicePlace | None) -> str:
    try:
        reason, name = calendar_for(place).day_kind(day)
    except DomainError as exc:
        return str(exc.message)
    label = str(Reason(reason).label)
    return f"{label}（{name}）" if name else label


@role_required(ADMIN)
def explain(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Why is the deadline this day? Day by day from the start to the due date."""
    places = calendar_places(request.user).order_by("region__code", "name")
    form = ExplainForm(request.GET or None, places=places)
    notes, due, error = [], None, ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        pauses = [(data["pause_first"], data["pause_last"])] if data["pause_first"] else []
        try:
            cal = calendar_for(data["place"])
            notes = cal.explain(data["start"], data["n"], data["unit"], pauses)
            due = notes[-1].date
        except DomainError as exc:
            error = str(exc.message)
    return render(
        request,
        "deadlines/explain.html",
        {
            "title": _("Why is the deadline this day?"),
            "form": form,
            "notes": notes,
            "due": due,
            "error": error,
        },
    )
