"""Forms of the applicant's side of a case: apply online, correct, withdraw, look up progress.

Forms parse input and check uploaded files; the case services decide everything else.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from onewindow.cases.choices import DeliveryMethod
from onewindow.cases.services.files import material_file_check
from onewindow.catalog.choices import MaterialForm
from onewindow.catalog.schema import Material
from onewindow.core.errors import DomainError
from onewindow.core.forms import AddressField, PhoneField, StyledFormMixin

ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"


def material_field_name(position: int) -> str:
    return f"material-{position}"


def _file_field(*, required: bool) -> forms.FileField:
    # Added after StyledFormMixin has styled the static fields: carries its own class.
    return forms.FileField(
        required=required,
        widget=forms.FileInput(attrs={"accept": ACCEPT, "class": "form-control form-control-sm"}),
        error_messages={"required": _("Upload this material.")},
    )


class _UploadsMixin:
    """Each uploaded scan must be a PDF, PNG or JPEG whose bytes say so.

    A mixin of a ``Form``: ``cleaned_data`` and ``add_error`` are the form's (the ignores below).
    """

    upload_fields: list[str]

    def check_uploads(self) -> None:
        for name in self.upload_fields:
            upload: UploadedFile | None = self.cleaned_data.get(name)  # type: ignore[attr-defined]
            if not upload:
                continue
            try:
                material_file_check(upload)
            except DomainError as exc:
                self.add_error(name, exc.message)  # type: ignore[attr-defined]

    def uploads(self) -> dict[int, UploadedFile]:
        """position → uploaded file, for the valid form."""
        result = {}
        for name in self.upload_fields:
            upload = self.cleaned_data.get(name)  # type: ignore[attr-defined]
            if upload:
                result[int(name.rsplit("-", 1)[1])] = upload
        return result


class NoEchoTextInput(forms.TextInput):
    """A text box that never writes the submitted value back into the page (ID numbers)."""

    def format_value(self, value: Any) -> None:
        return None


class ApplicationForm(_UploadsMixin, StyledFormMixin, forms.Form):
    """The online application: contact, delivery and one file input per checklist line."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    contact_phone = PhoneField(
        label=_("Contact phone"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    delivery_method = forms.ChoiceField(
        label=_("How do you want to receive the result?"),
        choices=DeliveryMethod.choices,
        initial=DeliveryMethod.PICKUP,
        widget=forms.RadioSelect,
    )
    delivery_address = AddressField(
        label=_("Mailing address"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def __init__(
        self, *args: Any, lines: Iterable[tuple[int, Material]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.upload_fields = []
        for position, material in lines:
            if material.form == MaterialForm.FETCHED:
                continue  # the window fetches it from the shared registries
            name = material_field_name(position)
            self.fields[name] = _file_field(required=False)
            self.fields[name].label = material.name
            self.upload_fields.append(name)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        self.check_uploads()
        method = data.get("delivery_method")
        if method == DeliveryMethod.MAIL and not (data.get("delivery_address") or "").strip():
            self.add_error("delivery_address", _("A mailed result needs a mailing address."))
        return data


class ResubmitForm(_UploadsMixin, StyledFormMixin, forms.Form):
    """The corrections: a new file for every material the correction notice lists."""

    def __init__(self, *args: Any, materials: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.materials = list(materials)
        self.upload_fields = []
        for material in self.materials:
            name = material_field_name(material.position)
            self.fields[name] = _file_field(required=True)
            self.fields[name].label = material.name
            self.upload_fields.append(name)

    def rows(self) -> list[tuple[Any, forms.BoundField]]:
        """(the material asked for, its file input) in checklist order."""
        return [(m, self[material_field_name(m.position)]) for m in self.materials]

    def clean(self) -> dict:
        super().clean()
        self.check_uploads()
        return self.cleaned_data


class WithdrawForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProgressLookupForm(StyledFormMixin, forms.Form):
    number = forms.CharField(
        label=_("Case number"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    id_number = forms.CharField(
        label=_("ID number of the applicant"),
        help_text=_(
            "The resident ID number of the applicant, or the unified social credit code of an "
            "organisation."
        ),
        max_length=32,
        widget=NoEchoTextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
