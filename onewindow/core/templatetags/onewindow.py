"""Template filters for masked personal data and small display helpers."""

from __future__ import annotations

from django import template

from onewindow.core import masking

register = template.Library()

register.filter("mask_id", masking.mask_id_number)
register.filter("mask_phone", masking.mask_phone)
register.filter("mask_address", masking.mask_address)
register.filter("mask_name", masking.mask_name)


@register.simple_tag(takes_context=True)
def active(context: template.Context, url_name_prefix: str) -> str:
    """Return ``active`` when the current page belongs to the navigation entry."""
    match = getattr(context.get("request"), "resolver_match", None)
    if match and match.view_name.startswith(url_name_prefix):
        return "active"
    return ""
