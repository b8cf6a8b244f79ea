"""``{{ number|short_case_number }}``: for pages holding a case number as text (the message log)."""

from __future__ import annotations

from django import template

from onewindow.cases.models import short_case_number

register = template.Library()
register.filter("short_case_number", short_case_number)
