"""Monthly satisfaction figures (满意度统计) per center, department, window or clerk.

Definitions (the page shows them as its legend; the tests recount them rating by rating):

- Period: one calendar month in local time, by the rating's time (``rated_at``).
- Population: the ratings the viewer may read (their center, department or region), real-name
  and anonymous alike; default ratings count and are shown as their own column.
- **satisfied**: levels 1–3 (非常满意, 满意, 基本满意); 满意率 = satisfied / ratings.
- **差评**: levels 4–5; 差评整改率 = 差评 whose loop has been replied to (replied, revisited or
  closed) / 差评 whose loop was not voided by an upheld appeal.

Counted in SQL with filtered aggregates: one query per call whatever the number of ratings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onewindow.evaluation.choices import BAD_LEVELS, ReviewState
from onewindow.evaluation.models import Rating

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

GROUPS: dict[str, tuple[str, str, StrPromise]] = {
    "center": ("place_id", "place__name", _("Center")),
    "department": ("department_id", "department__name", _("Department")),
    "window": ("window_id", "window__name", _("Window")),
    "clerk": ("clerk_id", "clerk__name", _("Clerk")),
}
REPLIED = (ReviewState.REPLIED, ReviewState.REVISITED, ReviewState.CLOSED)


@dataclass(frozen=True)
class Line:
    key: int | None
    name: str
    ratings: int
    levels: tuple[int, int, int, int, int]
    defaults: int
    bad: int
    replied: int
    void: int

    @property
    def satisfied(self) -> int:
        return sum(self.levels[:3])

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return percent(self.satisfied, self.ratings)

    @property
    def rectify_rate(self) -> Decimal | None:
        return percent(self.replied, self.bad - self.void)


def percent(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[first day 00:00, first day of the next month 00:00) in local time."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime(month.year, month.month, 1, tzinfo=tz)
    nxt = datetime.datetime(month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=tz)
    return start, nxt


def satisfaction(ratings: QuerySet[Rating], *, month: datetime.date, by: str) -> list[Line]:
    key, name, _label = GROUPS[by]
    start, end = month_bounds(month)
    rows = (
        ratings.filter(rated_at__gte=start, rated_at__lt=end)
        .values(key_value=F(key), name_value=F(name))
        .annotate(
            n=Count("id"),
            l1=Count("id", filter=Q(level=1)),
            l2=Count("id", filter=Q(level=2)),
            l3=Count("id", filter=Q(level=3)),
            l4=Count("id", filter=Q(level=4)),
            l5=Count("id", filter=Q(level=5)),
            defaults=Count("id", filter=Q(is_default=True)),
            bad=Count("id", filter=Q(level__in=BAD_LEVELS)),
            replied=Count("id", filter=Q(review__state__in=REPLIED)),
            void=Count("id", filter=Q(review__state=ReviewState.VOID)),
        )
        .order_by("name_value", "key_value")
    )
    return [
        Line(
            key=row["key_value"],
            name=row["name_value"] or "—",
            ratings=row["n"],
            levels=(row["l1"], row["l2"], row["l3"], row["l4"], row["l5"]),
            defaults=row["defaults"],
            bad=row["bad"],
            replied=row["replied"],
            void=row["void"],
        )
        for row in rows
    ]


def total(lines: list[Line]) -> Line:
    def add(attr: str) -> int:
        return sum(getattr(line, attr) for line in lines)

    levels = tuple(sum(line.levels[i] for line in lines) for i in range(5))
    return Line(
        key=None,
        name=str(_("Total")),
        ratings=add("ratings"),
        levels=levels,  # type: ignore[arg-type]
        defaults=add("defaults"),
        bad=add("bad"),
        replied=add("replied"),
        void=add("void"),
    )
