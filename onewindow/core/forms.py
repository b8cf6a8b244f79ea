"""Form helpers: a service's ``ValidationError`` back onto the form, the fields of the one set of
input rules (``core.validators``) and field-specific messages for every form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import validators as django_validators
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from onewindow.core import validators


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


def _label(field: forms.Field, name: str) -> str:
    return str(field.label or name)


def _stock(field: forms.Field, key: str) -> bool:
    """Whether the field still has Django's own message for ``key`` (a form that wrote its own
    message keeps it)."""
    defaults: dict[str, Any] = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    return key in defaults and field.error_messages.get(key) is defaults[key]


def field_messages(form: forms.BaseForm) -> None:
    """Replace Django's stock wording ("确保该变量包含不超过 64 字符") by messages naming the field
    (“姓名”最多 64 个字符（您输入了 70 个），未作任何截断): required, length, number, choice and
    date. A message the form wrote itself is kept."""
    for name, field in form.fields.items():
        label = _label(field, name)
        messages = {"required": _("%(label)s: this field is required.")}
        if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            messages["invalid"] = _("%(label)s: enter a whole number.")
        if isinstance(field, forms.ChoiceField):
            messages["invalid_choice"] = _("%(label)s: choose one of the options offered.")
        if isinstance(field, forms.DateField):
            messages["invalid"] = _("%(label)s: enter a date such as 2026-12-01.")
        for key, message in messages.items():
            if _stock(field, key):
                field.error_messages[key] = message % {"label": label}
        field.validators = [_field_validator(v, label) for v in field.validators]


def _field_validator(validator: Any, label: str) -> Any:
    # %(limit_value)d and %(show_value)d are filled in by the validator itself.
    safe = label.replace("%", "%%")
    if isinstance(validator, django_validators.MaxLengthValidator):
        message = _(
            "%(label)s: at most %%(limit_value)d characters (you entered %%(show_value)d); "
            "nothing was cut."
        ) % {"label": safe}
        return django_validators.MaxLengthValidator(validator.limit_value, message)
    if isinstance(validator, django_validators.MinLengthValidator):
        message = _("%(label)s: at least %%(limit_value)d characters.") % {"label": safe}
        return django_validators.MinLengthValidator(validator.limit_value, message)
    if isinstance(validator, django_validators.MaxValueValidator):
        message = _("%(label)s: at most %%(limit_value)s.") % {"label": safe}
        return django_validators.MaxValueValidator(validator.limit_value, message)
    if isinstance(validator, django_validators.MinValueValidator):
        message = _("%(label)s: at least %%(limit_value)s.") % {"label": safe}
        return django_validators.MinValueValidator(validator.limit_value, message)
    return validator


class FieldMessagesMixin:
    """Field-specific messages (``field_messages``), and a clear message for a hidden field that
    was changed outside the page, which would otherwise come back with no visible message."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field_messages(self)  # type: ignore[arg-type]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        errors = getattr(self, "_errors", None)
        if not errors:
            return
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if name in errors and field.widget.is_hidden:
                del errors[name]
                self.add_error(  # type: ignore[attr-defined]
                    None,
                    _(
                        "This page's form was changed outside the page (%(field)s): reload the "
                        "page and try again."
                    )
                    % {"field": _label(field, name)},
                )


class NameField(forms.CharField):
    """A natural person's name (``validators.clean_person_name``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", validators.NAME_MAX)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return validators.clean_person_name(value, label=self.label, required=self.required)


class PhoneField(forms.CharField):
    """A phone number (``validators.clean_phone``): mobile only, or landline too."""

    def __init__(
        self, *, mobile_only: bool = False, service_numbers: bool = False, **kwargs: Any
    ) -> None:
        self.mobile_only, self.service_numbers = mobile_only, service_numbers
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return validators.clean_phone(
            value,
            label=self.label,
            required=self.required,
            mobile_only=self.mobile_only,
            service_numbers=self.service_numbers,
        )


class AddressField(forms.CharField):
    """A postal address (``validators.clean_address``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return validators.clean_address(
            value, label=self.label, required=self.required, max_length=self.max_length or 200
        )


class StyledFormMixin(FieldMessagesMixin):
    """Adds Bootstrap classes to widgets so templates can render ``{{ field }}`` directly."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # A mixin: the form class it is mixed into has the fields.
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class IsoDateInput(forms.DateInput):
    """A browser date picker; it accepts only ISO dates, whatever the language's date format."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
