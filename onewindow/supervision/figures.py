"""Supervision figures (考核指标) per department, center or region level over a period.

Definitions (the page shows them as its legend; the tests recount them case by case):

- Period: the days ``start`` to ``end`` inclusive, in local time (``settings.TIME_ZONE``), read
  as the half-open interval [start 00:00, end+1 00:00). A period ending after today is read as of
  today for the cases still open.
- Population: accepted cases (``accepted_at`` set) other than joint applications (kind "joint"
  is left out; the parts of a joint application count with their own department), grouped by
  the department, the competent center (``home_place``) or the competent center's region.
- **decided**: cases of the population decided within the period.
- **on time**: decided cases whose local decision date is on or before the promised deadline
  (``due_date``, which already includes paused days and extensions). 按时办结率 = on time /
  decided. A decided case whose deadline is unknown (calendar not loaded) is neither on time nor
  late: it lowers the rate rather than being guessed.
- **late**: decided cases whose local decision date is after the deadline.
- **still open and overdue**: cases of the population whose deadline falls within the period and
  before its last day (``start`` ≤ due_date < ``end``), accepted before the period ended and not
  decided by the end of it: decided later, or not decided yet and still running (in review or
  paused). A case withdrawn or returned without a decision is not counted (its promise ended).
  On the last day of the period a case due that day is not overdue yet, as in the warning sweep.
- **overdue** = late + still open and overdue.
- 限时办结率 = on time / (decided + still open and overdue): a case left open past its deadline
  counts against the department, not only a case decided late.
- 即办件 share = decided on the spot (at the window) / decided.
- average days used and promised: the mean of ``days_used`` and of ``promised_days +
  extension_days`` over the decided cases whose days used are known (both in the limit's unit).
- paused days: the sum of working days paused by §45 special procedures over the decided cases.

Rates are percentages with one decimal (half up); an empty denominator shows "—".

Everything is counted in SQL with filtered aggregates: one query per call, plus one for the
region names when grouping by region level, whatever the number of cases.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.cases.choices import RUNNING_STATES, CaseKind
from onewindow.cases.models import Case
from onewindow.core.errors import DomainError
from onewindow.organisations import scope
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Region

if TYPE_CHECKING:
    from onewindow.accounts.models import User

DASH = "—"
# A longer period makes a slow query and an unreadable table; it is refused, not truncated.
MAX_YEARS = 5
MIN_YEAR, MAX_YEAR = 2000, 2100

GROUPS: dict[str, object] = {
    "department": gettext_lazy("Department"),
    "center": gettext_lazy("Competent center"),
    "province": gettext_lazy("Province"),
    "city": gettext_lazy("City"),
    "county": gettext_lazy("County"),
    "town": gettext_lazy("Township / subdistrict"),
}
# Significant digits of the 12-digit region code at each level (see organisations.validators).
REGION_DIGITS = {"province": 2, "city": 4, "county": 6, "town": 9}

WATCHING_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)
FIGURE_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR, Role.CENTER_MANAGER)


@dataclass
class Row:
    """The figures of one group (or of the whole table when ``is_total``)."""

    key: str
    label: str
    decided: int = 0
    on_time: int = 0
    late: int = 0
    open_overdue: int = 0
    on_spot: int = 0
    timed: int = 0  # decided cases whose days used are known
    days_used: int = 0
    days_promised: int = 0
    paused_days: int = 0
    is_total: bool = False

    @property
    def overdue(self) -> int:
        return self.late + self.open_overdue

    @property
    def on_time_rate(self) -> Decimal | None:
        return ratio(self.on_time, self.decided)

    @property
    def limit_rate(self) -> Decimal | None:
        return ratio(self.on_time, self.decided + self.open_overdue)

    @property
    def on_spot_rate(self) -> Decimal | None:
        return ratio(self.on_spot, self.decided)

    @property
    def avg_days_used(self) -> Decimal | None:
        return mean(self.days_used, self.timed)

    @property
    def avg_days_promised(self) -> Decimal | None:
        return mean(self.days_promised, self.timed)

    # The same values as text for the page and the CSV ("—" when there is nothing to divide).
    @property
    def on_time_pct(self) -> str:
        return as_percent(self.on_time_rate)

    @property
    def limit_pct(self) -> str:
        return as_percent(self.limit_rate)

    @property
    def on_spot_pct(self) -> str:
        return as_percent(self.on_spot_rate)

    @property
    def avg_days_used_text(self) -> str:
        return as_number(self.avg_days_used)

    @property
    def avg_days_promised_text(self) -> str:
        return as_number(self.avg_days_promised)

    def add(self, other: Row) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


COUNTS = tuple(f.name for f in fields(Row) if f.type == "int")


def ratio(part: int, whole: int) -> Decimal | None:
    """``part / whole`` as a percentage rounded half up to one decimal; None when empty."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def mean(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def as_percent(value: Decimal | None) -> str:
    return DASH if value is None else f"{value}%"


def as_number(value: Decimal | None) -> str:
    return DASH if value is None else str(value)


def local_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def period_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """[start 00:00, end+1 00:00) in local time as aware datetimes: the same on every backend,
    and a plain range on an indexed column rather than a date cast per row."""
    zone = local_zone()
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, zone)
    return begin, after


def check_period(start: datetime.date, end: datetime.date) -> None:
    """Refuse a period the page cannot answer sensibly."""
    for day in (start, end):
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise DomainError(
                _("Choose dates between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
    if start > end:
        raise DomainError(_("The period starts after it ends."), field="end")
    try:
        limit = start.replace(year=start.year + MAX_YEARS)
    except ValueError:  # 29 February
        limit = start.replace(year=start.year + MAX_YEARS, day=28) + datetime.timedelta(days=1)
    if end >= limit:
        raise DomainError(
            _("The period may cover at most %(n)d years.") % {"n": MAX_YEARS}, field="end"
        )


def figures_scope(user: User | None) -> QuerySet[Case]:
    """The cases whose figures the user may read: those of the regions a supervisor or an
    administrator watches, and those of the centers a center manager runs (competent center)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if user.is_superuser:
        return Case.objects.all()
    conditions = [
        Q(region_code__startswith=prefix) for prefix in scope.region_prefixes(user, *WATCHING_ROLES)
    ]
    places = scope.place_ids(user, Role.CENTER_MANAGER)
    if places:
        conditions.append(Q(home_place_id__in=places))
    if not conditions:
        return Case.objects.none()
    return Case.objects.filter(reduce(or_, conditions))


def _group_fields(group: str) -> dict[str, object]:
    if group == "department":
        return {"group_key": F("department_id"), "group_label": F("department__name")}
    if group == "center":
        return {"group_key": F("home_place_id"), "group_label": F("home_place__name")}
    return {"group_key": Substr("region_code", 1, REGION_DIGITS[group])}


def figures(
    *,
    start: datetime.date,
    end: datetime.date,
    group: str,
    scope_qs: QuerySet[Case],
    today: datetime.date | None = None,
) -> list[Row]:
    """The figures of every group with cases in the period, then the total row.

    ``scope_qs`` limits the cases (e.g. ``figures_scope(user)``); ``today`` is the day a period
    reaching into the future is read at (the local date by default).
    """
    if group not in GROUPS:
        raise DomainError(_("Choose how to group the figures."), field="group")
    check_period(start, end)
    today = today or timezone.localdate()
    begin, after = period_bounds(start, end)
    as_of = min(end, today)

    decided = Q(decided_at__gte=begin, decided_at__lt=after)
    known = Q(due_date__isnull=False)
    open_overdue = Q(due_date__gte=start, due_date__lt=as_of, accepted_at__lt=after) & (
        Q(decided_at__gte=after) | Q(decided_at__isnull=True, state__in=RUNNING_STATES)
    )
    timed = decided & Q(days_used__isnull=False)

    # A subquery rather than the scope's own joins: whatever it joins, a case counts once.
    population = (
        Case.objects.filter(pk__in=scope_qs.values("pk"))
        .exclude(kind=CaseKind.JOINT)
        .filter(accepted_at__isnull=False)
        .filter(decided | open_overdue)
        .annotate(decided_day=TruncDate("decided_at", tzinfo=local_zone()), **_group_fields(group))
    )
    labelled = group in ("department", "center")
    values = ["group_key", "group_label"] if labelled else ["group_key"]
    rows = (
        population.values(*values)
        .annotate(
            n_decided=Count("pk", filter=decided),
            n_on_time=Count("pk", filter=decided & known & Q(decided_day__lte=F("due_date"))),
            n_late=Count("pk", filter=decided & known & Q(decided_day__gt=F("due_date"))),
            n_open_overdue=Count("pk", filter=open_overdue),
            n_on_spot=Count("pk", filter=decided & Q(decided_on_spot=True)),
            n_timed=Count("pk", filter=timed),
            s_days_used=Sum("days_used", filter=timed),
            s_days_promised=Sum(F("promised_days") + F("extension_days"), filter=timed),
            s_paused_days=Sum("paused_days", filter=decided),
        )
        .order_by()
    )
    result = [
        Row(
            key="" if r["group_key"] is None else str(r["group_key"]),
            label=r.get("group_label") or "",
            decided=r["n_decided"],
            on_time=r["n_on_time"],
            late=r["n_late"],
            open_overdue=r["n_open_overdue"],
            on_spot=r["n_on_spot"],
            timed=r["n_timed"],
            days_used=r["s_days_used"] or 0,
            days_promised=r["s_days_promised"] or 0,
            paused_days=r["s_paused_days"] or 0,
        )
        for r in rows
    ]
    if labelled:
        for row in result:
            row.label = row.label or _("(none)")
        result.sort(key=lambda row: (row.label, row.key))
    else:
        _label_regions(result, group)
        result.sort(key=lambda row: row.key)
    total = Row(key="", label=_("Total"), is_total=True)
    for row in result:
        total.add(row)
    return [*result, total]


def _label_regions(rows: Iterable[Row], group: str) -> None:
    """Name each prefix by the region whose code is the prefix padded with zeros. A case of a
    center above the level (a county center when grouping by township) pads to its own region:
    it is labelled as that region's own level."""
    rows = list(rows)
    codes = {row.key: row.key.ljust(12, "0") for row in rows}
    regions = {r.code: r for r in Region.objects.filter(code__in=set(codes.values()))}
    digits = REGION_DIGITS[group]
    for row in rows:
        region = regions.get(codes[row.key])
        if region is None:
            row.label = codes[row.key]
        elif len(region.prefix) < digits:
            row.label = _("%(name)s (own level)") % {"name": region.name}
        else:
            row.label = region.name
