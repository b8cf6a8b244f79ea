"""Numbers that name something: case numbers, licence numbers. Each comes from a counter row
incremented under its row lock, and the numbered field has a unique constraint as well.

The increment is an ``UPDATE … SET last = last + 1`` inside the caller's transaction: on
PostgreSQL a concurrent transaction waits for the row lock and then increments the committed
value; SQLite serialises writers. A missing row is created once; a concurrent creator's unique
violation sends the loser back to the increment.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.utils.translation import gettext as _

from onewindow.cases.models import CaseCounter, DocumentCounter
from onewindow.core.errors import DomainError

NUMBER_LENGTH = 50


def _bump(model: type[models.Model], key: dict[str, Any]) -> int | None:
    """``UPDATE … SET last = last + 1 … RETURNING last`` (PostgreSQL and SQLite ≥ 3.35): the
    increment and its result in one statement; ``None`` when the row does not exist yet."""
    table = connection.ops.quote_name(model._meta.db_table)
    where = " AND ".join(f"{connection.ops.quote_name(name)} = %s" for name in key)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE {where} RETURNING last",  # noqa: S608
            [
                connection.ops.adapt_datefield_value(v) if isinstance(v, datetime.date) else v
                for v in key.values()
            ],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else None


def _increment(model: type[models.Model], **key: Any) -> int:
    manager = model._default_manager
    for _attempt in range(3):
        value = _bump(model, key)
        if value is not None:
            return value
        try:
            with transaction.atomic():
                manager.create(**key, last=1)
        except IntegrityError:
            continue  # another transaction created it first: increment theirs
        return 1
    raise DomainError(_("Could not number the case; please try again."))


def next_number(prefix: str, day: datetime.date) -> str:
    """A case number: ``prefix + yyyymmdd + sequence``, unique."""
    prefix = prefix[: NUMBER_LENGTH - 14]
    return f"{prefix}{day:%Y%m%d}{_increment(CaseCounter, prefix=prefix, day=day):06d}"


def number_day(number: str) -> datetime.date | None:
    """The day a case number carries (its ``yyyymmdd`` before the six-digit sequence)."""
    try:
        return datetime.datetime.strptime(number[-14:-6], "%Y%m%d").date()
    except ValueError:
        return None


def renumber_for_receipt(number: str, day: datetime.date) -> str:
    """The number a case keeps once received on ``day``: the same if it already carries that day,
    else a fresh one of the same prefix dated ``day``. A draft is numbered the day it is first
    saved; the applicant reads the number as the day of receipt, so receipt renumbers it."""
    if number_day(number) == day:
        return number
    return next_number(number[:-14], day)


def next_serial(prefix: str, year: int) -> int:
    """The next serial of ``prefix`` in ``year`` (1, 2, …)."""
    return _increment(DocumentCounter, prefix=prefix[:40], year=year)


def licence_number(prefix: str, at: datetime.datetime) -> str:
    """``<department short name><year><serial:06d>``, e.g. ``榆市监2026000042``."""
    return f"{prefix}{at:%Y}{next_serial(prefix, at.year):06d}"
