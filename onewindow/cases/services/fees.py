"""Fees charged in a case (收费), checked against the fees the guide publishes (收费公示).

A fee is recorded as charged, whatever the guide says: the counter has already taken the money.
What breaks the published list is written on the row (``irregularity``), and the supervision
card rule "irregular fees" counts those rows per department and month.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from onewindow.cases import policies
from onewindow.cases.choices import Actor, CaseState
from onewindow.cases.models import Case, CaseFee
from onewindow.catalog.schema import Fee
from onewindow.core.audit import audit_append
from onewindow.core.errors import DomainError, NotPermitted

if TYPE_CHECKING:
    from onewindow.accounts.models import User

# A case in these states takes no fee: nothing was applied for, or nothing is being handled.
NO_FEE_STATES = frozenset(
    {CaseState.DRAFT, CaseState.REFUSED, CaseState.WITHDRAWN, CaseState.RETURNED}
)
FEE_CAPACITIES = frozenset({Actor.CLERK, Actor.APPROVER})
MAX_AMOUNT = Decimal("99999999.99")  # the column holds 10 digits, 2 after the point
CENT = Decimal("0.01")
# "每件80元", "550 元", "1,200元", "3万元": a number (ASCII thousands separators allowed), an
# optional 千/万 multiplier, then 元.
_YUAN = re.compile(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*([千万])?\s*元")
_MULTIPLIER = {"千": Decimal(1000), "万": Decimal(10000)}


def published_fees(case: Case) -> list[Fee]:
    """The fees of the guide the case was filed under (empty when it publishes none)."""
    fees = case.version.guide.fees if case.version is not None else ()
    return [f for f in fees if str(f.name or "").strip()]


def highest_yuan(standard: str) -> Decimal | None:
    """The highest amount in yuan a fee standard names ("住宅类每件80元，非住宅类每件550元" → 550);
    None when it names none (a standard such as "按规定收取" cannot be checked)."""
    amounts = []
    for number, unit in _YUAN.findall(standard or ""):
        try:
            value = Decimal(number.replace(",", ""))
        except InvalidOperation:
            continue
        amounts.append(value * _MULTIPLIER.get(unit, Decimal(1)))
    return max(amounts) if amounts else None


def _name_key(name: str) -> str:
    return "".join(str(name).split())


def fee_irregularity(case: Case, name: str, amount: Decimal) -> str:
    """Why a fee breaks the guide's published fees, in the site's language ("" when it does not)."""
    fees = published_fees(case)
    with override(settings.LANGUAGE_CODE):
        if not fees:
            return _("The guide of this item publishes no fees.")
        match = next((f for f in fees if _name_key(f.name) == _name_key(name)), None)
        if match is None:
            return _("“%(name)s” is not one of the fees the guide publishes (%(names)s).") % {
                "name": name,
                "names": "、".join(f.name for f in fees),
            }
        highest = highest_yuan(str(match.standard or ""))
        if highest is not None and amount > highest:
            return _(
                "%(amount)s yuan is more than the published standard allows (at most "
                "%(highest)s yuan: %(standard)s)."
            ) % {
                "amount": _yuan(amount),
                "highest": _yuan(highest),
                "standard": match.standard or "",
            }
    return ""


def _yuan(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _amount(value: object) -> Decimal:
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise DomainError(
            _("Enter the amount in yuan, e.g. 80 or 12.50."), field="amount"
        ) from None
    if not amount.is_finite() or amount <= 0:
        raise DomainError(_("The amount must be more than 0 yuan."), field="amount")
    if amount != amount.quantize(CENT):
        raise DomainError(_("The amount has at most two decimal places (fen)."), field="amount")
    if amount > MAX_AMOUNT:
        raise DomainError(_("The amount is too large."), field="amount")
    return amount.quantize(CENT)


def may_record_fee(user: User | None, case: Case) -> bool:
    """Window clerks of the case's place or competent center, and approvers of its department."""
    if user is None or case.is_joint:
        return False
    return bool(policies.capacities(user, case) & FEE_CAPACITIES)


def case_fee_record(
    *,
    case: Case,
    actor: User,
    name: str,
    amount: Decimal | str | int,
    receipt_number: str = "",
    at: datetime.datetime | None = None,
) -> CaseFee:
    """Record a fee charged in the case and how it compares with the published fees."""
    if not may_record_fee(actor, case):
        raise NotPermitted(_("You may not record fees for this case."))
    if case.state in NO_FEE_STATES:
        raise DomainError(
            _("The case is “%(state)s”: no fee can be recorded.")
            % {"state": case.get_state_display()}
        )
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Name the fee."), field="name")
    if len(name) > 200:
        raise DomainError(_("The fee's name is too long (200 characters at most)."), field="name")
    receipt_number = (receipt_number or "").strip()
    if len(receipt_number) > 64:
        raise DomainError(
            _("The receipt number is too long (64 characters at most)."), field="receipt_number"
        )
    amount = _amount(amount)
    at = at or timezone.now()
    with transaction.atomic():
        fee = CaseFee.objects.create(
            case=case,
            name=name,
            amount=amount,
            receipt_number=receipt_number,
            charged_at=at,
            charged_by=actor,
            irregularity=fee_irregularity(case, name, amount)[:300],
        )
        audit_append(
            kind="case.fee",
            ref=case.number,
            actor=actor.username,
            at=at,
            content={
                "fee": fee.pk,
                "name": name,
                "amount": str(amount),
                "receipt_number": receipt_number,
                "irregularity": fee.irregularity,
            },
        )
    return fee
