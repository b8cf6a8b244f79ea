"""Every form of every app uses the one set of input rules (issue 11, item 8).

Walks the form classes of each app's ``forms*.py`` (and the portal's): each one carries
``FieldMessagesMixin``; every text field refuses a value one character too long with a message that
names the field (never Django's stock "确保该变量包含不超过 64 字符"); every number field refuses
"abc" the same way; every name, phone and address field refuses markup, emoji, SQL-looking text,
single letters, "-1"; a hidden field changed outside the page gets a visible message.
"""

# mypy: disable-error-code="attr-defined, arg-type"
from __future__ import annotations

import importlib
import inspect
import uuid

import pytest
from django import forms
from django.utils import translation

from onewindow.core.forms import AddressField, FieldMessagesMixin, NameField, PhoneField
from onewindow.organisations.models import Department, ServicePlace

MODULES = [
    "onewindow.accounts.forms",
    "onewindow.registries.forms",
    "onewindow.cases.forms",
    "onewindow.portal.forms_cases",
    "onewindow.catalog.forms",
    "onewindow.deadlines.forms",
    "onewindow.supervision.forms_cards",
    "onewindow.supervision.forms_urging",
    "onewindow.supervision.forms_figures",
    "onewindow.notifications.forms",
]
# What a form needs besides its data (choices and querysets the view passes in).
KWARGS = {
    "ReturnForm": lambda: {"choices": [(1, "申请书")]},
    "ProcedureForm": lambda: {"kinds": ["inspection"]},
    "DayForm": lambda: {"places": ServicePlace.objects.none()},
    "ExplainForm": lambda: {"places": ServicePlace.objects.none()},
    "CardIssueForm": lambda: {"departments": Department.objects.none()},
}
STOCK = ("确保", "Ensure this value", "这个字段是必填项", "This field is required")


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for name in MODULES:
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                found.append(cls)
    return found


FORMS = _form_classes()


def _make(cls, data):
    return cls(data=data, **KWARGS.get(cls.__name__, dict)())


def _fields(kind) -> list[tuple[type, str]]:
    return [
        (cls, name)
        for cls in FORMS
        for name, field in cls.base_fields.items()
        if isinstance(field, kind)
    ]


def _errors(cls, name, value) -> list[str]:
    with translation.override("zh-hans"):
        form = _make(cls, {name: value})
        form.is_valid()
        return [str(e) for e in form.errors.get(name, [])]


def _label(cls, name) -> str:
    with translation.override("zh-hans"):
        return str(cls.base_fields[name].label or name)


def _id(pair) -> str:
    cls, name = pair
    return f"{cls.__name__}.{name}"


def test_the_walk_finds_the_forms():
    names = {cls.__name__ for cls in FORMS}
    assert {"SignupForm", "PersonForm", "IntakeForm", "ApplicationForm", "GuideForm"} <= names
    assert len(FORMS) >= 40


@pytest.mark.parametrize("cls", FORMS, ids=lambda c: c.__name__)
def test_every_form_uses_the_field_messages(cls, db):
    assert issubclass(cls, FieldMessagesMixin)
    _make(cls, {})  # constructs with the view's arguments


LONG = [
    (cls, name)
    for cls, name in _fields(forms.CharField)
    if cls.base_fields[name].max_length and not cls.base_fields[name].widget.is_hidden
]


@pytest.mark.parametrize("pair", LONG, ids=_id)
def test_a_too_long_text_is_refused_with_the_fields_own_message(pair, db):
    cls, name = pair
    limit = cls.base_fields[name].max_length
    errors = _errors(cls, name, "字" * (limit + 1))

    assert errors, "accepted a text longer than its limit"
    assert any(_label(cls, name) in e for e in errors), errors
    assert not any(stock in e for e in errors for stock in STOCK), errors


NUMBERS = [
    pair
    for pair in _fields(forms.IntegerField)
    if not pair[0].base_fields[pair[1]].widget.is_hidden
]


@pytest.mark.parametrize("pair", NUMBERS, ids=_id)
def test_a_number_field_refuses_text_with_its_own_message(pair, db):
    cls, name = pair
    errors = _errors(cls, name, "abc")

    assert errors
    assert any(_label(cls, name) in e for e in errors), errors


REQUIRED = [
    pair
    for pair in _fields(forms.Field)
    if pair[0].base_fields[pair[1]].required
    and not pair[0].base_fields[pair[1]].widget.is_hidden
    and not isinstance(pair[0].base_fields[pair[1]], forms.BooleanField | forms.FileField)
]


@pytest.mark.parametrize("pair", REQUIRED, ids=_id)
def test_a_missing_required_value_names_the_field(pair, db):
    cls, name = pair
    errors = _errors(cls, name, "")

    assert errors
    assert any(_label(cls, name) in e for e in errors), errors


BAD_NAMES = ["<script>alert(1)</script>", "张三😀", "Robert'); DROP TABLE users;--", "A", "张"]


@pytest.mark.parametrize("pair", _fields(NameField), ids=_id)
@pytest.mark.parametrize("value", BAD_NAMES)
def test_every_name_field_refuses_what_is_no_name(pair, value, db):
    cls, name = pair
    assert _errors(cls, name, value)
    assert not _errors(cls, name, "买买提·艾力")
    assert not _errors(cls, name, "John Smith")


@pytest.mark.parametrize("pair", _fields(PhoneField), ids=_id)
@pytest.mark.parametrize("value", ["😀", "-1", "abc", "1380013800"])
def test_every_phone_field_refuses_what_is_no_phone(pair, value, db):
    cls, name = pair
    assert _errors(cls, name, value)
    assert not _errors(cls, name, "13800138000")


@pytest.mark.parametrize("pair", _fields(AddressField), ids=_id)
@pytest.mark.parametrize("value", ["<script>x</script>", "😀😀😀", "-1"])
def test_every_address_field_refuses_markup_and_emoji(pair, value, db):
    cls, name = pair
    assert _errors(cls, name, value)
    assert not _errors(cls, name, "甘肃省兰州市榆中县城关镇栖云北路1号")


def test_the_forms_have_name_phone_and_address_fields():
    assert {_id(p) for p in _fields(NameField)} >= {
        "SignupForm.name",
        "PersonForm.name",
        "OrganisationForm.representative_name",
        "PickupForm.recipient_name",
    }
    assert {_id(p) for p in _fields(PhoneField)} >= {
        "SignupForm.phone",
        "PersonForm.phone",
        "IntakeForm.contact_phone",
        "ApplicationForm.contact_phone",
    }
    assert {_id(p) for p in _fields(AddressField)} >= {
        "IntakeForm.delivery_address",
        "ApplicationForm.delivery_address",
    }


def test_a_tampered_hidden_field_gets_a_visible_message(db):
    from onewindow.portal.forms_cases import ApplicationForm

    with translation.override("zh-hans"):
        form = ApplicationForm(data={"submission_key": "not-a-uuid", "delivery_method": "pickup"})
        assert not form.is_valid()
        assert "submission_key" not in form.errors
        assert any("刷新页面" in e for e in form.non_field_errors())
        good = ApplicationForm(
            data={"submission_key": str(uuid.uuid4()), "delivery_method": "pickup"}
        )
        assert good.is_valid(), good.errors
