"""Forms of the window and back-office desks. They parse input only; rules are in services."""

from __future__ import annotations

from typing import cast

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from onewindow.cases.choices import DeliveryMethod, ProcedureKind, ScanPurpose
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.services.intake import MaterialInput
from onewindow.core.forms import AddressField, IsoDateInput, NameField, PhoneField, StyledFormMixin

BASIS = _("Legal basis (law and article)")

# What a clerk can record for a line at the counter (容缺 and "supplied" are set by services).
COUNTER_STATUSES = [
    (MS.RECEIVED, MS.RECEIVED.label),
    (MS.MISSING, MS.MISSING.label),
    (MS.DEFECTIVE, MS.DEFECTIVE.label),
    (MS.NOT_PROVIDED, MS.NOT_PROVIDED.label),
]


class StartForm(StyledFormMixin, forms.Form):
    applicant = forms.CharField(
        label=_("Applicant's ID number or unified social credit code"), max_length=18
    )
    q = forms.CharField(label=_("Service item"), max_length=50, required=False)


class IntakeForm(StyledFormMixin, forms.Form):
    contact_phone = PhoneField(label=_("Contact phone"), required=False)
    agent = forms.CharField(label=_("Agent's ID number (if any)"), max_length=18, required=False)
    delivery_method = forms.ChoiceField(
        label=_("Delivery of the result"), choices=DeliveryMethod.choices
    )
    delivery_address = AddressField(label=_("Mailing address"), required=False)


DECISIONS = [
    ("receive", _("Receive only (decide later)")),
    ("accept", _("Accept")),
    ("correction", _("Request corrections (one notice)")),
    ("deferred", _("Accept with materials to follow (容缺)")),
    ("commitment", _("Accept on commitment (告知承诺)")),
    ("refuse", _("Propose refusal")),
    ("on_spot", _("Accept and decide on the spot (即办)")),
]


def extra_materials_field() -> forms.CharField:
    """Materials asked for outside the checklist, one a line (checked by the services)."""
    return forms.CharField(
        label=_("Materials outside the checklist, one per line"),
        help_text=_(
            "Only if the checklist lacks them: they are printed on the notice and reported to "
            "supervision."
        ),
        max_length=7000,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )


class FeeForm(StyledFormMixin, forms.Form):
    # The service checks the amount, so every bad amount gets the same clear message.
    name = forms.CharField(
        label=_("Fee"), max_length=200, widget=forms.TextInput({"list": "fee-names"})
    )
    amount = forms.CharField(
        label=_("Amount (yuan)"), max_length=20, widget=forms.TextInput({"inputmode": "decimal"})
    )
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=64, required=False)


class DecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(choices=DECISIONS)
    due_date = forms.DateField(
        label=_("Missing materials due by"), required=False, widget=IsoDateInput()
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000, required=False)
    basis = forms.CharField(
        label=_("Legal basis (law and article)"), max_length=300, required=False
    )
    opinion = forms.CharField(
        label=_("Opinion"), max_length=1000, required=False, widget=forms.Textarea({"rows": 2})
    )
    extra_materials = extra_materials_field()


class OpinionForm(StyledFormMixin, forms.Form):
    opinion = forms.CharField(
        label=_("Opinion"), max_length=2000, required=False, widget=forms.Textarea({"rows": 3})
    )


class ReturnForm(OpinionForm):
    materials = forms.TypedMultipleChoiceField(
        label=_("Materials to correct (from the checklist only)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    extra_materials = extra_materials_field()

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["materials"]).choices = choices


class DecideForm(OpinionForm):
    approved = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Do not approve"))],
        coerce=lambda v: v == "1",
    )
    reason = forms.CharField(
        label=_("Reasons (when not approved)"), max_length=1000, required=False
    )
    basis = forms.CharField(
        label=_("Legal basis (law and article)"), max_length=300, required=False
    )


class ProcedureForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Special procedure"))
    reason = forms.CharField(label=_("Reason"), max_length=1000)
    basis = forms.CharField(label=BASIS, max_length=300)
    expected_end = forms.DateField(label=_("Expected end"), required=False, widget=IsoDateInput())

    def __init__(self, *args: object, kinds: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (k, ProcedureKind(k).label) for k in kinds if k != ProcedureKind.EXTENSION
        ]


class ExtendForm(StyledFormMixin, forms.Form):
    days = forms.IntegerField(label=_("Working days added"), min_value=1, max_value=15)
    reason = forms.CharField(label=_("Reason"), max_length=1000)


class ResultForm(StyledFormMixin, forms.Form):
    result = forms.CharField(label=_("Result of the procedure"), max_length=300)


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000)


class MailForm(StyledFormMixin, forms.Form):
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40)


class PickupForm(StyledFormMixin, forms.Form):
    pickup_code = forms.CharField(label=_("Pickup code"), max_length=8, required=False)
    recipient_name = NameField(label=_("Received by"), required=False)


def lines_of(text: str | None) -> list[str]:
    """A textarea's lines (the service strips them and drops the empty ones)."""
    return (text or "").splitlines()


def materials_from_post(request: HttpRequest, positions: list[int]) -> list[MaterialInput]:
    """The checklist rows of a posted form (``m-<position>-status`` and friends)."""
    result = []
    for position in positions:
        prefix = f"m-{position}-"
        status = request.POST.get(prefix + "status", "")
        if not status:
            continue
        # As typed: the service refuses a bad count or a too long note with a message naming the
        # line (never clamped, never cut).
        result.append(
            MaterialInput(
                position=position,
                status=status,
                copies=request.POST.get(prefix + "copies") or 0,
                original_seen=bool(request.POST.get(prefix + "original")),
                note=request.POST.get(prefix + "note") or "",
                upload=request.FILES.get(prefix + "file"),
            )
        )
    return result


class ScanOpenForm(StyledFormMixin, forms.Form):
    """Why a scan is opened (kept on the audit chain); the service judges the answer."""

    purpose = forms.ChoiceField(
        label=_("Why do you open this scan?"),
        choices=[("", "—"), *ScanPurpose.choices],
        error_messages={"required": _("Say why you open this scan.")},
    )
    note = forms.CharField(
        label=_("Reason (required for “Other”)"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
