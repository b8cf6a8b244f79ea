"""一件事: one application, several departments, in stages.

The applicant deals with one parent case (one receipt, one checklist, one progress page, one
delivery). Accepting it spawns a part per item; parts of the same stage run in parallel, the next
stage starts when every part of the previous one is approved. The parent is decided when all
parts are; a part not approved ends the application and closes the parts still waiting.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases import clock, routing
from onewindow.cases.choices import (
    Action,
    CaseKind,
    CaseState,
    Channel,
    DeliveryMethod,
    Outcome,
)
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.models import Case, CaseMaterial, JointService
from onewindow.cases.services import steps
from onewindow.cases.services.engine import Change, case_transition, lock
from onewindow.cases.services.intake import (
    Applicant,
    MaterialInput,
    applicant_fields,
    check_inputs,
    checklist_lines,
    clean_answers,
    contact_phone_clean,
    delivery_fields,
    material_line,
    next_number,
    receive,
    write_materials,
)
from onewindow.cases.services.numbering import number_day
from onewindow.catalog.schema import Material
from onewindow.core.errors import DomainError
from onewindow.documents.choices import DocumentKind

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.organisations.models import ServicePlace, Window
    from onewindow.registries.models import NaturalPerson


def joint_items(joint: JointService) -> list:
    items = list(
        joint.items.select_related(
            "entry", "entry__current_version", "entry__department", "entry__region"
        ).order_by("stage", "id")
    )
    if not items:
        raise DomainError(_("This joint service lists no items."))
    for item in items:
        if item.entry.current_version is None:
            raise DomainError(_("“%(item)s” has no published guide.") % {"item": item.entry.name})
    return items


def joint_checklist(
    joint: JointService, answers: dict[str, list[str]]
) -> tuple[dict[str, list[str]], list[tuple[int, Material]]]:
    """The answers per item and the union of the items' checklists (a material needed by two
    departments is handed in once)."""
    clean: dict[str, list[str]] = {}
    lines: list[tuple[int, Material]] = []
    seen: set[str] = set()
    for item in joint_items(joint):
        version = item.entry.current_version
        clean[item.entry.code] = clean_answers(version, answers.get(item.entry.code, []))
        for _position, material in checklist_lines(version, clean[item.entry.code]):
            if material.name not in seen:
                seen.add(material.name)
                lines.append((len(lines), material))
    return clean, lines


def promised_days(joint: JointService) -> int:
    """Stages run one after another, the parts of a stage side by side."""
    longest: dict[int, int] = {}
    for item in joint_items(joint):
        days = item.entry.current_version.guide.promised_days
        longest[item.stage] = max(longest.get(item.stage, 0), days)
    return sum(longest.values())


def case_receive_joint(
    *,
    actor: User,
    place: ServicePlace,
    joint: JointService,
    applicant: Applicant,
    answers: dict[str, list[str]],
    materials: list[MaterialInput],
    contact_phone: str = "",
    delivery_method: str = DeliveryMethod.PICKUP,
    delivery_address: str = "",
    agent: NaturalPerson | None = None,
    window: Window | None = None,
    at: datetime.datetime | None = None,
) -> Case:
    at = at or timezone.now()
    with transaction.atomic():
        clean, lines = joint_checklist(joint, answers)
        items = joint_items(joint)
        for item in items:  # every part must be receivable here (通办 scope)
            routing.competent_place(entry=item.entry, receiving=place)
        case = Case.objects.create(
            number=next_number(joint.code, timezone.localdate(at)),
            kind=CaseKind.JOINT,
            joint=joint,
            title=joint.name,
            place=place,
            home_place=routing.home_place(items[0].entry),
            window=window,
            region_code=joint.region.code,
            channel=Channel.WINDOW,
            agent=agent,
            contact_phone=contact_phone_clean(contact_phone, applicant),
            answers=clean,
            promised_days=promised_days(joint),
            **applicant_fields(applicant),
            **delivery_fields(delivery_method, delivery_address),
        )
        inputs = check_inputs(lines, materials, online=False)
        write_materials(case, lines, inputs, online=False)
        receive(case, actor=actor, action=Action.RECEIVE, expected_revision=None, at=at)
    return case


def parts_spawn(change: Change) -> None:
    """At the parent's acceptance: one part per item; the first stage starts at once."""
    parent = change.case
    statuses = {m.name: m for m in parent.materials.all()}
    if parent.joint is None:
        raise ValueError(f"case {parent.number} is not a joint application")
    items = joint_items(parent.joint)
    first = items[0].stage
    for item in items:
        entry, version = item.entry, item.entry.current_version
        part = Case.objects.create(
            # A part is received with its parent: its number carries the parent's receipt day.
            number=next_number(
                entry.code, number_day(parent.number) or timezone.localdate(change.at)
            ),
            kind=CaseKind.PART,
            parent=parent,
            stage=item.stage,
            joint=parent.joint,
            entry=entry,
            version=version,
            title=version.guide.name,
            department=entry.department,
            place=parent.place,
            home_place=routing.home_place(entry),
            region_code=entry.region.code,
            channel=parent.channel,
            applicant_person=parent.applicant_person,
            applicant_org=parent.applicant_org,
            agent=parent.agent,
            applicant_name=parent.applicant_name,
            contact_phone=parent.contact_phone,
            answers=parent.answers.get(entry.code, []),
            promised_days=version.guide.promised_days,
            limit_unit=version.guide.promised_unit,
            delivery_method=parent.delivery_method,
            delivery_address=parent.delivery_address,
            received_at=parent.received_at,
            submitted_at=parent.submitted_at,
        )
        for position, material in checklist_lines(version, part.answers):
            # The part asks what its own guide asks; what was handed in is the parent's line.
            row = CaseMaterial(case=part, position=position, status=MS.MISSING)
            material_line(row, material)
            source = statuses.get(material.name)
            if source is not None:
                row.status, row.due_date = source.status, source.due_date
                row.copies_received, row.original_seen = (
                    source.copies_received,
                    source.original_seen,
                )
                row.note = source.note
            row.save()
        _activate(part, start=item.stage == first, at=change.at)


def _activate(part: Case, *, start: bool, at: datetime.datetime) -> None:
    with case_transition(
        case=part, action=Action.ACTIVATE, actor=None, expected_revision=None, at=at
    ) as change:
        if start:
            c = change.case
            c.accepted_at = change.at
            steps.open_step(c, 0, change.at)
            c.due_date = clock.case_due_date(c)
            change.target = CaseState.IN_REVIEW
        else:
            change.target = CaseState.WAITING


def part_decided(part: Case, *, at: datetime.datetime | None) -> None:
    """Start the next stage, or decide the parent when nothing is left to run."""
    at = at or timezone.now()
    if part.parent is None:
        raise ValueError(f"case {part.number} is not a part of a joint application")
    parent = lock(part.parent)
    parts = list(parent.parts.order_by("stage", "id"))
    if any(p.state in (CaseState.IN_REVIEW, CaseState.SUSPENDED) for p in parts):
        return
    denied = any(p.outcome == Outcome.DENIED for p in parts)
    waiting = [p for p in parts if p.state == CaseState.WAITING]
    if waiting and not denied:
        stage = min(p.stage for p in waiting)
        for p in waiting:
            if p.stage == stage:
                with case_transition(
                    case=p, action=Action.ACTIVATE, actor=None, expected_revision=None, at=at
                ) as ch:
                    ch.case.accepted_at = ch.at
                    steps.open_step(ch.case, 0, ch.at)
                    ch.case.due_date = clock.case_due_date(ch.case)
        return
    for p in waiting:
        with case_transition(
            case=p, action=Action.CLOSE_PART, actor=None, expected_revision=None, at=at
        ) as ch:
            ch.target = CaseState.RETURNED
            ch.opinion = _("An earlier part was not approved.")
    with case_transition(
        case=parent, action=Action.PARTS_DECIDED, actor=None, expected_revision=None, at=at
    ) as ch:
        c = ch.case
        c.outcome = Outcome.DENIED if denied else Outcome.APPROVED
        clock.record_decision(c, ch.at)
        c.result_name = "、".join(p.result_name for p in parts if p.result_name)
        ch.issue(
            DocumentKind.COMPLETION,
            {
                "outcome_label": str(Outcome(c.outcome).label),
                "decided_at": ch.at.isoformat(timespec="seconds"),
                "delivery_method_label": str(DeliveryMethod(c.delivery_method).label),
                "pickup_place": c.home_place.name,
                "parts": [
                    {
                        "title": p.title,
                        "department": p.department.name if p.department else "",
                        "outcome": p.outcome,
                    }
                    for p in parts
                ],
            },
        )
    if parent.delivery_method == DeliveryMethod.ELECTRONIC:
        from onewindow.cases.services.delivery import deliver_electronic  # imports joint

        deliver_electronic(parent, at=at)


def parts_close(parent: Case, *, at: datetime.datetime | None) -> None:
    """The parent was delivered: its decided parts are completed with it."""
    for part in parent.parts.filter(state=CaseState.DECIDED):
        with case_transition(
            case=part, action=Action.CLOSE_PART, actor=None, expected_revision=None, at=at
        ) as ch:
            ch.target = CaseState.COMPLETED
            ch.case.completed_at = ch.at
