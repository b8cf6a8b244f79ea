"""Forms for drafting catalog changes. They only parse; schema.clean_content validates."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onewindow.catalog.choices import (
    CaseType,
    ChangeKind,
    ItemType,
    LimitUnit,
    MaterialKind,
    MaterialSource,
    Necessity,
    ServiceObject,
    Theme,
)
from onewindow.catalog.schema import Guide, Limit, Material
from onewindow.core.forms import FieldMessagesMixin, IsoDateInput, PhoneField, StyledFormMixin
from onewindow.organisations.choices import BusinessCategory


def _tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


class SearchForm(FieldMessagesMixin, forms.Form):
    q = forms.CharField(label=_("Keyword, pinyin or initials"), max_length=50, required=False)
    theme = forms.ChoiceField(label=_("Theme"), choices=[("", "—"), *Theme.choices], required=False)
    category = forms.ChoiceField(
        label=_("Business category"), choices=[("", "—"), *BusinessCategory.choices], required=False
    )
    department = forms.IntegerField(label=_("Department"), required=False, min_value=1)
    level = forms.IntegerField(label=_("Level"), required=False, min_value=2, max_value=6)


class ChangeMetaForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2})
    )
    effective_date = forms.DateField(
        label=_("Effective date"),
        initial=_tomorrow,
        widget=IsoDateInput(),
    )


class NewItemForm(StyledFormMixin, forms.Form):
    """Only for new items and merges: the catalog item the entry implements."""

    basic_code = forms.CharField(
        label=_("Basic code (12 characters)"), max_length=12, min_length=12
    )
    category = forms.ChoiceField(label=_("Business category"), choices=BusinessCategory.choices)
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class GuideForm(StyledFormMixin, forms.Form):
    """The scalar elements of a guide; lists are edited in the formsets below."""

    name = forms.CharField(label=_("Name"), max_length=200)
    item_type = forms.ChoiceField(label=_("Item type"), choices=ItemType.choices)
    service_objects = forms.MultipleChoiceField(
        label=_("Service objects"),
        choices=ServiceObject.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    legal_basis = forms.CharField(label=_("Legal basis"), widget=forms.Textarea(attrs={"rows": 2}))
    conditions = forms.CharField(
        label=_("Acceptance conditions"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    statutory_value = forms.IntegerField(label=_("Statutory limit"), min_value=0)
    statutory_unit = forms.ChoiceField(label=_("Unit"), choices=LimitUnit.choices)
    promised_value = forms.IntegerField(label=_("Promised limit"), min_value=0)
    promised_unit = forms.ChoiceField(label=_("Unit"), choices=LimitUnit.choices)
    case_type = forms.ChoiceField(label=_("Case type"), choices=CaseType.choices)
    visits = forms.IntegerField(label=_("Visits required"), min_value=0, max_value=10)
    result_name = forms.CharField(label=_("Result"), max_length=200, required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    hours = forms.CharField(label=_("Hours"), max_length=300, required=False)
    consult_phone = PhoneField(label=_("Consultation phone"), service_numbers=True, required=False)
    complaint_phone = PhoneField(label=_("Complaint phone"), service_numbers=True, required=False)

    SCALARS = (
        "name",
        "item_type",
        "service_objects",
        "legal_basis",
        "conditions",
        "case_type",
        "visits",
        "result_name",
        "place",
        "hours",
        "consult_phone",
        "complaint_phone",
    )

    @classmethod
    def initial_from(cls, guide: Guide | None) -> dict[str, Any]:
        """The form's fields filled from ``guide`` (a new entry has none: only the units)."""
        initial = {k: getattr(guide, k) if guide else None for k in cls.SCALARS}
        for key in ("statutory", "promised"):
            limit: Limit | None = getattr(guide, f"{key}_limit") if guide else None
            initial[f"{key}_value"] = limit.value if limit else None
            initial[f"{key}_unit"] = limit.unit if limit else LimitUnit.WORKING_DAYS
        return initial

    def content_over(self, base: Guide | None) -> dict[str, Any]:
        """The base guide with this form's elements written over it (JSON, to be cleaned)."""
        data = self.cleaned_data
        content = {**(base.to_content() if base else {}), **{k: data[k] for k in self.SCALARS}}
        for key in ("statutory", "promised"):
            limit: Limit | None = getattr(base, f"{key}_limit") if base else None
            note = limit.note if limit else ""
            content[f"{key}_limit"] = {
                "value": data[f"{key}_value"],
                "unit": data[f"{key}_unit"],
                "note": note,
            }
        return content


class MaterialForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Material"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Original / copy"), choices=MaterialKind.choices)
    necessity = forms.ChoiceField(label=_("Necessity"), choices=Necessity.choices)
    source = forms.ChoiceField(label=_("Source"), choices=MaterialSource.choices)
    copies = forms.IntegerField(label=_("Copies"), min_value=0, max_value=20, initial=1)
    situations = forms.CharField(label=_("Only in situations"), max_length=200, required=False)
    notes = forms.CharField(label=_("Notes"), max_length=1000, required=False)
    blank_form = forms.CharField(label=_("Blank form"), max_length=300, required=False)
    sample = forms.CharField(label=_("Sample"), max_length=300, required=False)


class StepForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Step"), max_length=100, required=False)
    handler = forms.CharField(label=_("Handled by"), max_length=100, required=False)
    limit = forms.IntegerField(label=_("Limit (days)"), min_value=0, initial=0, required=False)


MaterialFormSet = formset_factory(MaterialForm, extra=2)
StepFormSet = formset_factory(StepForm, extra=1)

_MATERIAL_KEEP = ("form", "issuer", "paper_size", "basis", "standard")


def materials_from(formset: forms.BaseFormSet, base: Sequence[Material]) -> list[dict]:
    """Rows with a name become materials; elements the form does not show are kept by name."""
    by_name = {m.name: m.to_content() for m in base}
    rows = []
    for form in formset:
        data = getattr(form, "cleaned_data", None) or {}
        if not data.get("name"):
            continue
        kept = {k: v for k, v in by_name.get(data["name"], {}).items() if k in _MATERIAL_KEEP}
        situations = [
            s for s in (data.get("situations") or "").replace("，", ",").split(",") if s.strip()
        ]
        rows.append({**kept, **data, "situations": [s.strip() for s in situations]})
    return rows


def steps_from(formset: forms.BaseFormSet) -> list[dict]:
    rows = []
    for form in formset:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("name") or data.get("handler"):
            rows.append(
                {
                    "name": data.get("name", ""),
                    "handler": data.get("handler", ""),
                    "limit": data.get("limit") or 0,
                }
            )
    return rows


def material_initial(guide: Guide | None) -> list[dict]:
    return [
        {**m.to_content(), "situations": ",".join(m.situations)}
        for m in (guide.materials if guide else ())
    ]


def step_initial(guide: Guide | None) -> list[dict]:
    return [s.to_content() for s in (guide.steps if guide else ())]


class PartForm(StyledFormMixin, forms.Form):
    """One resulting entry of a split."""

    name = forms.CharField(label=_("Name"), max_length=200)
    basic_code = forms.CharField(
        label=_("Basic code (12 characters)"), max_length=12, min_length=12
    )


PartFormSet = formset_factory(PartForm, extra=2, min_num=2, validate_min=True)


class ReviewForm(StyledFormMixin, forms.Form):
    opinion = forms.CharField(
        label=_("Review opinion"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


KIND_CHOICES = ChangeKind.choices
