"""Template filters of the message pages."""

from __future__ import annotations

from django import template

from onewindow.core import masking

register = template.Library()

# Message texts are written by other apps and may quote a number: mask any inside them.
register.filter("mask_text", masking.mask_text)
