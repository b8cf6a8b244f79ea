"""Seed the national working-day calendar from the libraries, so every database has it.

Loads each year from 2004 for which a library has the official schedule (chinesecalendar: 2004 to
2026; the holidays package for later years once it transcribes their notice). A year known only by
rule (no make-up working days) is left for an administrator: ``manage.py calendar_seed --year``
loads it marked for review, or the calendar page takes the notice by hand.
"""

import datetime
import uuid

from django.db import migrations
from django.utils import timezone

FIRST_YEAR, LAST_YEAR = 2004, 2027


def seed(apps, schema_editor):
    from onewindow.deadlines.library import LibraryMissing, library_year

    db = schema_editor.connection.alias
    CalendarYear = apps.get_model("deadlines", "CalendarYear")
    CalendarDay = apps.get_model("deadlines", "CalendarDay")
    CalendarChange = apps.get_model("deadlines", "CalendarChange")
    CalendarState = apps.get_model("deadlines", "CalendarState")
    now = timezone.now()
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        try:
            schedule = library_year(year)
        except LibraryMissing:
            continue
        if schedule.source != "library" or CalendarYear.objects.using(db).filter(year=year).exists():
            continue
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        kept = set(
            CalendarDay.objects.using(db)
            .filter(place__isnull=True, date__range=(first, last))
            .values_list("date", flat=True)
        )
        CalendarDay.objects.using(db).bulk_create(
            [
                CalendarDay(date=d.date, kind=d.kind, name=d.name, source=schedule.source)
                for d in schedule.days
                if d.date not in kept
            ]
        )
        CalendarYear.objects.using(db).create(
            year=year, source=schedule.source, loaded_at=now, note=schedule.note
        )
        CalendarChange.objects.using(db).create(
            action="seed",
            first_day=first,
            last_day=last,
            description=f"{year} ← {schedule.note} ({len(schedule.days)})",
        )
    state, _ = CalendarState.objects.using(db).get_or_create(pk=1)
    state.version += 1
    state.token = uuid.uuid4()
    state.save()


def unseed(apps, schema_editor):
    db = schema_editor.connection.alias
    CalendarYear = apps.get_model("deadlines", "CalendarYear")
    CalendarDay = apps.get_model("deadlines", "CalendarDay")
    CalendarChange = apps.get_model("deadlines", "CalendarChange")
    CalendarState = apps.get_model("deadlines", "CalendarState")
    CalendarDay.objects.using(db).filter(place__isnull=True, source="library").delete()
    CalendarYear.objects.using(db).filter(source="library").delete()
    CalendarChange.objects.using(db).filter(action="seed", actor__isnull=True).delete()
    CalendarState.objects.using(db).filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
