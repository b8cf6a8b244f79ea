"""The window's decision on an application: at the counter right after the receipt, or at the
pre-review of a case received earlier (an online submission, a returned correction).

The decision is one of six services; which one is chosen, and that a counter receipt and its
decision are one transaction (a refused decision leaves nothing behind), is decided here, not in
the view.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from onewindow.cases import origins
from onewindow.cases.choices import Action, DeliveryMethod
from onewindow.cases.models import Case
from onewindow.cases.services import acceptance, joint
from onewindow.cases.services.intake import (
    Applicant,
    MaterialInput,
    receive_at_window,
    release_related,
)
from onewindow.core.errors import DomainError

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.cases.models import JointService
    from onewindow.catalog.models import Entry
    from onewindow.organisations.models import ServicePlace, Window
    from onewindow.registries.models import NaturalPerson

# The window's choices and the action each one takes ("receive": decide later, nothing more).
CHOICES: dict[str, Action | None] = {
    "receive": None,
    "accept": Action.ACCEPT,
    "correction": Action.REQUEST_CORRECTION,
    "deferred": Action.ACCEPT_DEFERRED,
    "commitment": Action.ACCEPT_COMMITMENT,
    "refuse": Action.PROPOSE_REFUSAL,
    "on_spot": Action.DECIDE_ON_SPOT,
}


@dataclass(frozen=True)
class WindowDecision:
    """What the clerk decided, with what that decision needs."""

    choice: str
    opinion: str = ""
    extra_materials: list[str] = field(default_factory=list)
    due_date: datetime.date | None = None
    reason: str = ""
    basis: str = ""

    @classmethod
    def from_form(cls, data: Mapping[str, Any]) -> WindowDecision:
        extra = data.get("extra_materials") or ""
        lines = [line.strip() for line in str(extra).splitlines() if line.strip()]
        return cls(
            choice=str(data.get("decision") or ""),
            opinion=data.get("opinion") or "",
            extra_materials=lines,
            due_date=data.get("due_date"),
            reason=data.get("reason") or "",
            basis=data.get("basis") or "",
        )


def case_window_decide(
    *,
    case: Case,
    actor: User,
    decision: WindowDecision,
    materials: list[MaterialInput] | None = None,
    expected_revision: int | None,
) -> Case:
    """Apply the window's decision to a received case (``materials``: the clerk's latest check
    of the checklist lines)."""
    if decision.choice not in CHOICES:
        raise DomainError(_("Choose what the window decides."), field="decision")
    common: dict[str, Any] = {
        "case": case,
        "actor": actor,
        "expected_revision": expected_revision,
    }
    match decision.choice:
        case "receive":
            pass
        case "accept":
            acceptance.case_accept(**common, materials=materials)
        case "correction":
            acceptance.case_request_correction(
                **common,
                materials=materials,
                opinion=decision.opinion,
                extra_materials=decision.extra_materials,
            )
        case "deferred":
            acceptance.case_accept_deferred(
                **common, due_date=decision.due_date, materials=materials
            )
        case "commitment":
            acceptance.case_accept_commitment(**common, materials=materials)
        case "refuse":
            acceptance.case_propose_refusal(**common, reason=decision.reason, basis=decision.basis)
        case "on_spot":
            acceptance.case_decide_on_spot(**common, materials=materials)
    return case


def case_intake_decide(
    *,
    actor: User,
    place: ServicePlace,
    applicant: Applicant,
    decision: WindowDecision,
    materials: list[MaterialInput],
    entry: Entry | None = None,
    joint_service: JointService | None = None,
    answers: list[str] | dict[str, list[str]],
    contact_phone: str = "",
    delivery_method: str = DeliveryMethod.PICKUP,
    delivery_address: str = "",
    agent: NaturalPerson | None = None,
    window: Window | None = None,
    at: datetime.datetime | None = None,
    origin: str = "",
) -> Case:
    """一窗受理 at the counter: receive the application for one item (``entry``) or one joint
    service, then apply the window's decision, in one transaction. ``origin`` (``cases.origins``:
    a queue ticket…) records the new case in the same transaction."""
    counter: dict[str, Any] = {
        "actor": actor,
        "place": place,
        "applicant": applicant,
        "materials": materials,
        "contact_phone": contact_phone,
        "delivery_method": delivery_method,
        "delivery_address": delivery_address,
        "agent": agent,
        "window": window,
        "at": at,
    }
    with transaction.atomic():
        if joint_service is not None and isinstance(answers, dict):
            case = joint.case_receive_joint(**counter, joint=joint_service, answers=answers)
        elif entry is not None and isinstance(answers, list):
            case = receive_at_window(**counter, entry=entry, answers=answers)
        else:  # a programming error of the caller
            raise TypeError("an entry with a list of answers, or a joint service with a dict")
        # The case was created a moment ago in this transaction: there is no older revision.
        case_window_decide(case=case, actor=actor, decision=decision, expected_revision=None)
        origins.attach(origin, case, actor)
    release_related(case)
    return case
