"""Carrying a service's ``ValidationError`` back onto the form the user filled in."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def apply_validation_error(
    form: forms.Form, exc: ValidationError, *, default_field: str | None = None
) -> None:
    """Attach each message to its field when the form has it, else to the form as a whole."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            if field == NON_FIELD_ERRORS:
                target = None
            for message in errors:
                form.add_error(target, message)
    else:
        target = default_field if default_field in form.fields else None
        for message in exc.messages:
            form.add_error(target, message)
