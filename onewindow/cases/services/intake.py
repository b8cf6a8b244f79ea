"""Receiving an application: at a window, or online as a draft that the applicant submits.

The checklist is the published guide's, for the situations the applicant answered; the clerk
records what was handed in against it and can neither add a line nor leave one out.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases import clock, routing
from onewindow.cases.choices import (
    IN_HAND,
    Action,
    CaseKind,
    CaseState,
    Channel,
    DeliveryMethod,
)
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.models import Case, CaseMaterial
from onewindow.cases.services.engine import case_transition
from onewindow.cases.services.files import material_file_check
from onewindow.cases.services.numbering import next_number, renumber_for_receipt
from onewindow.cases.services.paperwork import materials_data
from onewindow.catalog.choices import MaterialForm, Necessity, OnlineDepth, ServiceObject
from onewindow.catalog.schema import Guide, Material
from onewindow.core.errors import DomainError
from onewindow.core.validators import (
    MAX_COPIES,
    checked,
    clean_address,
    clean_count,
    clean_phone,
    clean_text,
)
from onewindow.documents.choices import DocumentKind
from onewindow.registries.models import LegalPerson, NaturalPerson

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.catalog.models import Entry, EntryVersion
    from onewindow.organisations.models import ServicePlace, Window

Applicant = NaturalPerson | LegalPerson


@dataclass
class MaterialInput:
    """What the clerk (or the applicant online) records for one checklist line."""

    position: int
    status: str = MS.MISSING
    # As entered (a form passes the text typed): ``clean_material_input`` makes it an int; 0 or
    # blank means "as many as the checklist asks for".
    copies: int | str = 0
    original_seen: bool = False
    note: str = ""
    upload: UploadedFile | None = None


# --- the checklist -----------------------------------------------------------------------------


def clean_answers(version: EntryVersion, answers: list[str] | set[str]) -> list[str]:
    """One valid answer per situation question, in question order."""
    given = {str(a) for a in answers if a}
    chosen = []
    for question in version.guide.questions:
        codes = {o.code for o in question.options}
        picked = given & codes
        if len(picked) != 1:
            raise DomainError(
                _("Answer the question “%(q)s” with exactly one option.") % {"q": question.text},
                field="answers",
            )
        chosen.append(picked.pop())
    return chosen


def checklist_lines(version: EntryVersion, answers: list[str]) -> list[tuple[int, Material]]:
    """(position in the guide, material) for the answered situations."""
    wanted = {id(m) for m in version.guide.checklist(set(answers))}
    return [(i, m) for i, m in enumerate(version.guide.materials) if id(m) in wanted]


NOTE_MAX = 300


def clean_material_input(given: MaterialInput, name: str) -> None:
    """Copies and note of a line as entered: a count outside 1–99 or a note over 300 characters is
    refused with a message naming the line; nothing is clamped or cut."""
    if given.copies in (0, None, ""):
        given.copies = 0
    else:
        given.copies = checked(
            clean_count,
            given.copies,
            field="copies",
            label=_("Copies of “%(name)s”") % {"name": name},
            minimum=1,
            maximum=MAX_COPIES,
        )
    given.note = checked(
        clean_text,
        given.note,
        field="note",
        label=_("Note on “%(name)s”") % {"name": name},
        max_length=NOTE_MAX,
    )


def check_inputs(
    lines: list[tuple[int, Material]], inputs: list[MaterialInput], *, online: bool
) -> dict[int, MaterialInput]:
    by_position = {i.position: i for i in inputs}
    positions = {p for p, _m in lines}
    extra = set(by_position) - positions
    if extra:
        raise DomainError(_("Only materials of the published checklist can be recorded."))
    # Lines the system fetches itself need no entry from the clerk.
    missing = [
        m.name
        for p, m in lines
        if p not in by_position and not online and m.form != MaterialForm.FETCHED
    ]
    if missing:
        raise DomainError(
            _("Record every material of the checklist; not yet recorded: %(names)s.")
            % {"names": "、".join(missing)}
        )
    for position, material in lines:
        given = by_position.get(position)
        if given is None:
            continue
        if given.status not in MS.values or given.status in (MS.DEFERRED, MS.SUPPLIED):
            raise DomainError(_("Unknown material status."))
        if given.status == MS.NOT_PROVIDED and material.necessity != Necessity.OPTIONAL:
            raise DomainError(
                _("“%(name)s” is required and cannot be marked as not provided.")
                % {"name": material.name}
            )
        if given.status == MS.FETCHED and material.form != MaterialForm.FETCHED:
            raise DomainError(
                _("“%(name)s” is not fetched by the system; it must be handed in.")
                % {"name": material.name}
            )
        clean_material_input(given, material.name)
        if given.upload is not None:
            material_file_check(given.upload)
    return by_position


def material_line(row: CaseMaterial, material: Material) -> None:
    """What the guide asks for on a checklist line (not what was handed in)."""
    row.name, row.kind, row.necessity = material.name, material.kind, material.necessity
    # A guide is stored as written: one saved without a count asks for the schema's default, 1
    # (the column is not null).
    copies = material.copies if material.copies is not None else 1
    row.form, row.copies_required = material.form, copies


def material_given(row: CaseMaterial, given: MaterialInput, status: str) -> None:
    """Record what was handed in on a line: its status, copies, original seen, note and scan
    (the upload was checked with ``material_file_check`` by the caller)."""
    clean_material_input(given, row.name)  # idempotent; the callers' check ran it already
    row.status = status
    copies = int(given.copies)
    row.copies_received = copies or (row.copies_required if status in IN_HAND else 0)
    row.original_seen = given.original_seen
    row.note = str(given.note)
    if given.upload is not None:
        name = given.upload.name or ""  # named: material_file_check read its extension
        row.file.save(name, given.upload, save=False)
        row.file_name = name[:200]


def hold_related(case: Case, name: str, rows: list[Any]) -> None:
    """Keep a related set of a case made in this transaction in memory (as if prefetched), so
    the receipt, the acceptance and their documents do not read back what was just written.
    ``release_related`` drops them when the service is done; ``paperwork.document_create``
    appends the documents it writes."""
    queryset = getattr(case, name).all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    cache = case.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[name] = queryset


def release_related(case: Case) -> None:
    case.__dict__.pop("_prefetched_objects_cache", None)


def _new_materials(
    case: Case, lines: list[tuple[int, Material]], inputs: dict[int, MaterialInput]
) -> None:
    """The checklist of a case created a moment ago: nothing to update, one insert for all."""
    rows = []
    for position, m in lines:
        given = inputs.get(position)
        row = CaseMaterial(case=case, position=position)
        material_line(row, m)
        if m.form == MaterialForm.FETCHED:
            row.status = MS.FETCHED
        elif given is not None:
            material_given(row, given, given.status)
        rows.append(row)
    hold_related(case, "materials", CaseMaterial.objects.bulk_create(rows))


def write_materials(
    case: Case, lines: list[tuple[int, Material]], inputs: dict[int, MaterialInput], *, online: bool
) -> None:
    existing = {m.position: m for m in case.materials.all()}
    for position, m in lines:
        given = inputs.get(position)
        row = existing.pop(position, None) or CaseMaterial(case=case, position=position)
        material_line(row, m)
        if m.form == MaterialForm.FETCHED:
            row.status = MS.FETCHED
        elif given is not None:
            has_file = given.upload is not None or bool(row.file)
            status = given.status
            if online:
                # Online the applicant uploads; the clerk decides at pre-review.
                status = MS.RECEIVED if has_file else (row.status if row.pk else MS.MISSING)
                if not has_file and m.necessity == Necessity.OPTIONAL:
                    status = MS.NOT_PROVIDED
            material_given(row, given, status)
        row.save()
    for stale in existing.values():  # lines that no longer apply after changed answers
        stale.delete()


# --- numbering ---------------------------------------------------------------------------------


# --- creating a case ---------------------------------------------------------------------------


def applicant_fields(applicant: Applicant) -> dict[str, Any]:
    if isinstance(applicant, NaturalPerson):
        return {"applicant_person": applicant, "applicant_name": applicant.name}
    return {"applicant_org": applicant, "applicant_name": applicant.name}


def delivery_fields(method: str, address: str) -> dict[str, str]:
    if method not in DeliveryMethod.values:
        raise DomainError(_("Choose how the result is delivered."), field="delivery_method")
    if method == DeliveryMethod.MAIL and not (address or "").strip():
        raise DomainError(_("A mailed result needs a mailing address."), field="delivery_address")
    address = checked(clean_address, address, field="delivery_address", label=_("Mailing address"))
    return {"delivery_method": method, "delivery_address": address}


def contact_phone_clean(phone: str, applicant: Applicant | None = None) -> str:
    """The phone typed for this application (refused if it is no phone number), else the
    applicant's registered one. Never cut to fit: a valid number fits the column."""
    if (phone or "").strip():
        return checked(clean_phone, phone, field="contact_phone", label=_("Contact phone"))
    return getattr(applicant, "phone", "") or ""


def case_new(
    *,
    entry: Entry,
    place: ServicePlace,
    applicant: Applicant,
    channel: str,
    answers: list[str],
    contact_phone: str = "",
    delivery_method: str = DeliveryMethod.PICKUP,
    delivery_address: str = "",
    form_data: dict | None = None,
    agent: NaturalPerson | None = None,
    window: Window | None = None,
    submitted_by: User | None = None,
    submission_key: uuid.UUID | None = None,
    at: datetime.datetime | None = None,
    parent: Case | None = None,
    stage: int = 1,
) -> Case:
    """A draft case under the entry's current version (not yet received: no event)."""
    version = entry.current_version
    if version is None:
        raise DomainError(_("This item has no published guide and cannot be applied for."))
    home_place = routing.competent_place(entry=entry, receiving=place)
    at = at or timezone.now()
    guide = version.guide
    return Case.objects.create(
        number=next_number(entry.code, timezone.localdate(at)),
        kind=CaseKind.PART if parent else CaseKind.SINGLE,
        parent=parent,
        stage=stage,
        entry=entry,
        version=version,
        title=guide.name,
        department=entry.department,
        place=place,
        home_place=home_place,
        window=window,
        region_code=entry.region.code,
        channel=channel,
        agent=agent,
        contact_phone=contact_phone_clean(contact_phone, applicant),
        submitted_by=submitted_by,
        submission_key=submission_key,
        answers=clean_answers(version, answers),
        form_data=form_data or {},
        promised_days=guide.promised_days,
        limit_unit=guide.promised_unit,
        **applicant_fields(applicant),
        **delivery_fields(delivery_method, delivery_address),
    )


def receive(
    case: Case,
    *,
    actor: User | None,
    action: Action,
    expected_revision: int | None,
    at: datetime.datetime | None,
) -> None:
    """Record the receipt: the §32 clock starts and a receipt (收件凭证) is issued."""
    with case_transition(
        case=case, action=action, actor=actor, expected_revision=expected_revision, at=at
    ) as change:
        c = change.case
        c.received_at = change.at
        c.submitted_at = c.submitted_at or change.at
        # The number carries the day of receipt, not the day a draft was first saved.
        c.number = renumber_for_receipt(c.number, timezone.localdate(change.at))
        c.acceptance_due = clock.acceptance_due(c)
        change.issue(DocumentKind.RECEIPT, {"materials": materials_data(c)})
    if case.place_id != case.home_place_id:
        # Part of the receipt, in the same request.
        with case_transition(
            case=case, action=Action.ROUTE, actor=actor, expected_revision=None, at=at
        ) as change:
            change.data = {"from": case.place.name, "to": case.home_place.name}
            change.opinion = _("通办: received at %(from)s for %(to)s.") % change.data


def case_receive_at_window(
    *,
    actor: User,
    place: ServicePlace,
    entry: Entry,
    applicant: Applicant,
    answers: list[str],
    materials: list[MaterialInput],
    contact_phone: str = "",
    delivery_method: str = DeliveryMethod.PICKUP,
    delivery_address: str = "",
    agent: NaturalPerson | None = None,
    window: Window | None = None,
    at: datetime.datetime | None = None,
) -> Case:
    """The clerk receives an application against the checklist (收件). Deciding is a next call."""
    with transaction.atomic():
        case = receive_at_window(
            actor=actor,
            place=place,
            entry=entry,
            applicant=applicant,
            answers=answers,
            materials=materials,
            contact_phone=contact_phone,
            delivery_method=delivery_method,
            delivery_address=delivery_address,
            agent=agent,
            window=window,
            at=at,
        )
    release_related(case)
    return case


def receive_at_window(
    *,
    actor: User,
    place: ServicePlace,
    entry: Entry,
    applicant: Applicant,
    answers: list[str],
    materials: list[MaterialInput],
    contact_phone: str = "",
    delivery_method: str = DeliveryMethod.PICKUP,
    delivery_address: str = "",
    agent: NaturalPerson | None = None,
    window: Window | None = None,
    at: datetime.datetime | None = None,
) -> Case:
    """``case_receive_at_window`` inside the caller's transaction, the new case's materials,
    documents and procedures held in memory (``hold_related``) for a decision that follows in
    the same transaction; the caller calls ``release_related`` when it is done."""
    if not transaction.get_connection().in_atomic_block:  # a programming error of the caller
        raise transaction.TransactionManagementError("receive_at_window needs a transaction")
    case = case_new(
        entry=entry,
        place=place,
        applicant=applicant,
        channel=Channel.WINDOW,
        answers=answers,
        contact_phone=contact_phone,
        delivery_method=delivery_method,
        delivery_address=delivery_address,
        agent=agent,
        window=window,
        at=at,
    )
    lines = checklist_lines(case.filed_version, case.answers)
    inputs = check_inputs(lines, materials, online=False)
    _new_materials(case, lines, inputs)
    # A case made a moment ago has no documents or procedures yet.
    hold_related(case, "documents", [])
    hold_related(case, "procedures", [])
    # The case was created a moment ago in this transaction.
    receive(case, actor=actor, action=Action.RECEIVE, expected_revision=None, at=at)
    return case


# --- online ------------------------------------------------------------------------------------


def online_possible(guide: Guide | None) -> bool:
    """Online application: the guide offers the PC channel, or online pre-review or deeper."""
    if guide is None:
        return False
    return "pc" in guide.handling_forms or (guide.online_depth or 0) >= OnlineDepth.PRE_REVIEW


def serves(guide: Guide | None, applicant: Applicant) -> bool:
    """Whether the guide's service objects include the kind of applicant."""
    objects = set(guide.service_objects if guide else ())
    if not objects:
        return True
    if isinstance(applicant, NaturalPerson):
        return ServiceObject.NATURAL_PERSON in objects
    return bool(objects - {ServiceObject.NATURAL_PERSON})


def case_draft_save(
    *,
    user: User,
    entry: Entry,
    applicant: Applicant,
    answers: list[str],
    materials: list[MaterialInput],
    submission_key: uuid.UUID,
    contact_phone: str = "",
    delivery_method: str = DeliveryMethod.PICKUP,
    delivery_address: str = "",
    form_data: dict | None = None,
    channel: str = Channel.PC,
) -> Case:
    """Create or update the applicant's draft. The form's one-time key makes a repeated POST
    (a double click, a resent request) update the same draft instead of creating a second one."""
    guide = entry.current_version.guide if entry.current_version else None
    if not online_possible(guide):
        raise DomainError(_("This item cannot be applied for online: apply at a window."))
    if not serves(guide, applicant):
        raise DomainError(_("This item is not offered to applicants like you."))
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(submission_key=submission_key).first()
        if case is None:
            try:
                with transaction.atomic():
                    case = case_new(
                        entry=entry,
                        place=routing.competent_place(entry=entry, receiving=None),
                        applicant=applicant,
                        channel=channel,
                        answers=answers,
                        contact_phone=contact_phone,
                        delivery_method=delivery_method,
                        delivery_address=delivery_address,
                        form_data=form_data,
                        submitted_by=user,
                        submission_key=submission_key,
                    )
            except IntegrityError:
                case = Case.objects.select_for_update().get(submission_key=submission_key)
        elif case.submitted_by_id != user.pk:
            raise DomainError(_("This application belongs to someone else."))
        if case.state != CaseState.DRAFT:
            return case  # already submitted: a resent form changes nothing
        case.answers = clean_answers(case.filed_version, answers)
        case.contact_phone = contact_phone_clean(contact_phone) or case.contact_phone
        case.form_data = form_data or case.form_data
        for key, value in delivery_fields(delivery_method, delivery_address).items():
            setattr(case, key, value)
        case.save()
        lines = checklist_lines(case.filed_version, case.answers)
        write_materials(case, lines, check_inputs(lines, materials, online=True), online=True)
    return case


def case_submit(
    *, case: Case, actor: User, expected_revision: int | None, at: datetime.datetime | None = None
) -> Case:
    """The applicant submits the draft for the window's pre-review (预审). Submitting twice is
    harmless: the second call finds the case already received and changes nothing."""
    with transaction.atomic():
        fresh = Case.objects.select_for_update().get(pk=case.pk)
        if fresh.state != CaseState.DRAFT:
            return fresh
        missing = fresh.materials.filter(
            status=MS.MISSING, necessity=Necessity.REQUIRED
        ).values_list("name", flat=True)
        if missing:
            raise DomainError(
                _("Upload every required material before submitting: %(names)s.")
                % {"names": "、".join(missing)}
            )
        receive(
            fresh, actor=actor, action=Action.SUBMIT, expected_revision=expected_revision, at=at
        )
    case.refresh_from_db()
    return case
