"""Signals of the working-day calendar.

``calendar_changed`` is sent by every change service inside its transaction, after the rows are
written, with ``sender=CalendarDay``, ``first_day`` and ``last_day`` (inclusive, the days whose
status may have changed) and ``place`` (a ``ServicePlace``, or ``None`` for a national change).
A receiver runs in the same transaction: if it raises, the change is rolled back. Receivers that
recompute deadlines should call ``calendar_for`` anew; it already sees the change.
"""

from django.dispatch import Signal

calendar_changed = Signal()
