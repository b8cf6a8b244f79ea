"""The progress page of a case as the applicant (or anyone holding the number and ID) reads it.

One context builder serves the signed-in applicant's page and the public look-up; ``public``
hides what only the applicant may see (uploaded files, pickup code, contact details) and masks
the applicant's name. Full ID and phone numbers are never put on either page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from onewindow.cases import clock, selectors
from onewindow.cases.choices import Action, Actor, CaseKind, CaseState, Channel, DeliveryMethod
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.catalog.guide import format_limit
from onewindow.core.masking import mask_id_number, mask_name, mask_text
from onewindow.organisations.choices import WindowKind

if TYPE_CHECKING:
    from onewindow.cases.models import Case, CaseDocument, CaseEvent, SpecialProcedure
    from onewindow.organisations.models import Window

# Bootstrap badge classes per state (the list and the progress page use the same colours).
STATE_BADGES: dict[str, str] = {
    CaseState.DRAFT: "text-bg-secondary",
    CaseState.RECEIVED: "text-bg-info",
    CaseState.CORRECTION: "text-bg-warning",
    CaseState.REFUSAL_PENDING: "text-bg-info",
    CaseState.REFUSED: "text-bg-danger",
    CaseState.WAITING: "text-bg-light border",
    CaseState.IN_REVIEW: "text-bg-primary",
    CaseState.SUSPENDED: "text-bg-warning",
    CaseState.DECIDED: "text-bg-success",
    CaseState.READY: "text-bg-success",
    CaseState.MAILED: "text-bg-success",
    CaseState.COMPLETED: "text-bg-success",
    CaseState.WITHDRAWN: "text-bg-dark",
    CaseState.RETURNED: "text-bg-dark",
}

# The applicant may withdraw until the decision (the transition table allows it from these).
WITHDRAWABLE = frozenset(
    {
        CaseState.RECEIVED,
        CaseState.CORRECTION,
        CaseState.IN_REVIEW,
        CaseState.SUSPENDED,
        CaseState.WAITING,
        CaseState.REFUSAL_PENDING,
    }
)
# Materials the correction notice asks for.
TO_CORRECT = (MS.MISSING, MS.DEFECTIVE)
# Events whose opinion is addressed to the applicant (other opinions are internal reviews).
OPINION_FOR_APPLICANT = frozenset(
    {
        Action.REQUEST_CORRECTION,
        Action.WITHDRAW,
        Action.RETURN_CASE,
        Action.ROUTE,
        Action.START_PROCEDURE,
    }
)


def state_badge(state: str) -> str:
    return STATE_BADGES.get(state, "text-bg-secondary")


def _date(value: Any) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def delivery_window(case: Case) -> Window | None:
    return (
        case.home_place.windows.filter(kind=WindowKind.DELIVERY, is_active=True)
        .order_by("number")
        .first()
    )


def pickup_place(case: Case) -> str:
    window = delivery_window(case)
    if window is None:
        return case.home_place.name
    return _("%(place)s, window %(number)s (%(name)s)") % {
        "place": case.home_place.name,
        "number": window.number,
        "name": window.name,
    }


def correction_request(case: Case) -> dict[str, Any]:
    """What the last correction notice asked for: its reasons and the lines still open."""
    event = case.events.filter(to_state=CaseState.CORRECTION).order_by("-at", "-id").first()
    return {
        "event": event,
        "opinion": mask_text(event.opinion) if event else "",
        "materials": list(case.materials.filter(status__in=TO_CORRECT).order_by("position")),
    }


def _current_procedure(case: Case) -> SpecialProcedure | None:
    return case.procedures.filter(ended_on__isnull=True).order_by("-started_on", "-id").first()


def next_step(case: Case, *, public: bool, current_step: dict | None) -> str:
    """One plain sentence: what happens next in this state."""
    state = case.state
    if state == CaseState.DRAFT:
        return _(
            "Your application is saved as a draft. Upload every required material and submit it."
        )
    if state == CaseState.RECEIVED:
        days = clock.CORRECTION_NOTICE_DAYS
        if case.acceptance_due:
            return _(
                "The window will complete the pre-review within %(days)d working days "
                "(by %(date)s): it accepts the application or tells you at once everything "
                "that must be corrected."
            ) % {"days": days, "date": _date(case.acceptance_due)}
        return _(
            "The window will complete the pre-review within %(days)d working days: it accepts "
            "the application or tells you at once everything that must be corrected."
        ) % {"days": days}
    if state == CaseState.CORRECTION:
        if public:
            return _(
                "The window asked for more or corrected materials. The applicant uploads them "
                "after signing in, or brings them to the window."
            )
        return _(
            "The window asked for the materials listed below. Upload them here (or bring them "
            "to the window); the application is then pre-reviewed again."
        )
    if state == CaseState.REFUSAL_PENDING:
        return _("The window proposes not to accept the application; the center manager decides.")
    if state == CaseState.REFUSED:
        return _(
            "The application was not accepted. The notice states the reasons and how to appeal."
        )
    if state == CaseState.WAITING:
        return _("This part starts when the earlier stages of the joint application are done.")
    if state == CaseState.IN_REVIEW:
        department = case.department.name if case.department else case.home_place.name
        if current_step:
            return _("Under review: the step “%(step)s” at %(department)s.") % {
                "step": current_step["name"],
                "department": department,
            }
        return _("Under review at %(department)s.") % {"department": department}
    if state == CaseState.SUSPENDED:
        procedure = _current_procedure(case)
        kind = procedure.get_kind_display() if procedure else _("special procedure")
        text = _(
            "A special procedure is under way (%(kind)s). The time it takes is not counted in "
            "the promised time limit."
        ) % {"kind": kind}
        if procedure and procedure.expected_end:
            text += " " + _("It is expected to end by %(date)s.") % {
                "date": _date(procedure.expected_end)
            }
        return text
    if state == CaseState.DECIDED:
        if case.delivery_method == DeliveryMethod.MAIL:
            return _("A decision has been made. The result will be mailed to you.")
        if case.delivery_method == DeliveryMethod.ELECTRONIC:
            return _("A decision has been made. The result will be delivered electronically.")
        return _(
            "A decision has been made. You will receive a pickup code by SMS when the result is "
            "ready at %(place)s."
        ) % {"place": pickup_place(case)}
    if state == CaseState.READY:
        if public or not case.pickup_code:
            return _(
                "The result is ready for pickup at %(place)s. Bring your ID card and the pickup "
                "code sent by SMS."
            ) % {"place": pickup_place(case)}
        return _(
            "The result is ready for pickup at %(place)s. Bring your ID card and the pickup code "
            "%(code)s."
        ) % {"place": pickup_place(case), "code": case.pickup_code}
    if state == CaseState.MAILED:
        return _("The result has been mailed. Tracking number: %(number)s.") % {
            "number": case.tracking_number or "—"
        }
    if state == CaseState.COMPLETED:
        return _("The application is completed.")
    if state == CaseState.WITHDRAWN:
        return _("The application was withdrawn.")
    if state == CaseState.RETURNED:
        return _("The application was returned. The notice states the reasons.")
    return ""


def _place_of(event: CaseEvent, case: Case) -> str:
    if event.department is not None:
        return event.department.name
    if event.place is not None:
        return event.place.name
    if event.actor_role == Actor.APPLICANT:
        return _("Online service hall") if case.channel != Channel.WINDOW else _("Applicant")
    if event.actor_role == Actor.SYSTEM:
        return _("System")
    return ""


@dataclass
class TimelineRow:
    at: Any
    label: str
    place: str
    step: str
    opinion: str
    to_state: str


def timeline_rows(case: Case) -> list[TimelineRow]:
    rows = []
    for event in selectors.timeline(case):
        show_opinion = event.action in OPINION_FOR_APPLICANT or (
            event.action == Action.RETURN and event.to_state == CaseState.CORRECTION
        )
        rows.append(
            TimelineRow(
                at=event.at,
                label=event.get_action_display(),
                place=_place_of(event, case),
                step=event.step_name,
                opinion=mask_text(event.opinion) if show_opinion else "",
                to_state=event.to_state,
            )
        )
    return rows


def document_url(case: Case, document: CaseDocument, *, public: bool) -> str:
    name = "portal:progress-document" if public else "portal:application-document"
    return reverse(name, args=[case.number, document.number])


DECIDED_STATES = frozenset(
    {CaseState.DECIDED, CaseState.READY, CaseState.MAILED, CaseState.COMPLETED}
)
PRE_REVIEW_STATES = frozenset({CaseState.RECEIVED, CaseState.CORRECTION, CaseState.REFUSAL_PENDING})


def stages(case: Case, steps: list[dict]) -> list[dict[str, str]]:
    """The road from submission to the result, each stage done, current or still to come."""

    def status(done: bool, current: bool) -> str:
        return "done" if done else "current" if current else "todo"

    accepted = case.accepted_at is not None
    decided = case.state in DECIDED_STATES or case.decided_at is not None
    road = [
        {
            "name": _("Submitted"),
            "status": status(case.submitted_at is not None, case.state == CaseState.DRAFT),
        },
        {
            "name": _("Pre-review at the window"),
            "status": status(accepted, case.state in PRE_REVIEW_STATES),
        },
    ]
    if case.kind == CaseKind.JOINT:
        road.append(
            {
                "name": _("Review by the departments"),
                "status": status(decided, accepted and not decided),
            }
        )
    else:
        road += [{"name": s["name"], "status": "done" if decided else s["status"]} for s in steps]
    road.append(
        {
            "name": _("Result delivered"),
            "status": status(
                case.state == CaseState.COMPLETED,
                case.state in (CaseState.DECIDED, CaseState.READY, CaseState.MAILED),
            ),
        }
    )
    return road


def progress_context(case: Case, *, public: bool) -> dict[str, Any]:
    """Everything the progress page shows about ``case``."""
    steps = selectors.expected_steps(case)
    current = next((s for s in steps if s["status"] == "current"), None)
    documents = [
        {"doc": d, "url": document_url(case, d, public=public)}
        for d in case.documents.order_by("created_at", "id")
    ]
    parts = []
    if case.kind == CaseKind.JOINT:
        parts = list(case.parts.select_related("department").order_by("stage", "id"))
    deadline = clock.case_deadline(case)
    if deadline.due or deadline.missing:
        due = _date(deadline.due) if deadline.due else _("to be set")
    elif case.accepted_at:
        due = _("to be set")
    else:
        due = _("set when the application is accepted")
    unit_limit = format_limit(case.promised_days + case.extension_days, case.limit_unit)
    return {
        "case": case,
        "public": public,
        "state_label": case.get_state_display(),
        "state_badge": state_badge(case.state),
        "next_step": next_step(case, public=public, current_step=current),
        "timeline": timeline_rows(case),
        "steps": steps,
        "stages": stages(case, steps),
        "due": due,
        "deadline": deadline,
        "due_why": clock.deadline_in_words(case),
        "promised": unit_limit,
        "documents": documents,
        "materials": list(case.materials.order_by("position")),
        "parts": [{"case": p, "badge": state_badge(p.state)} for p in parts],
        "correction": correction_request(case) if case.state == CaseState.CORRECTION else None,
        "may_withdraw": not public and case.state in WITHDRAWABLE,
        # A person's name is masked on the public page; an organisation's name is public anyway.
        "applicant_name": mask_name(case.applicant_name)
        if public and case.applicant_person_id
        else case.applicant_name,
        "applicant_id": mask_id_number(case.id_number),
        "pickup_place": pickup_place(case) if case.delivery_method == DeliveryMethod.PICKUP else "",
    }
