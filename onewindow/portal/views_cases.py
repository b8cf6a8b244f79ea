"""The applicant's cases: apply online, keep drafts, follow progress, correct, withdraw.

Every page here is the signed-in applicant's own: cases are fetched through
``Case.objects.of_applicant`` so anyone else's case is a 404, like a missing one. The case
services decide; a ``DomainError`` is shown on the form, never as a server error.
"""

from __future__ import annotations

import mimetypes
import uuid
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.cases import routing, selectors
from onewindow.cases.choices import Action, CaseState, Channel, ScanPurpose
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.machines import CASE
from onewindow.cases.models import Case
from onewindow.cases.services import acceptance, delivery, intake, scans
from onewindow.cases.services.intake import MaterialInput, online_possible, serves
from onewindow.catalog.choices import MaterialForm
from onewindow.catalog.guide import guide_context
from onewindow.catalog.models import Entry, EntryVersion
from onewindow.catalog.schema import Material
from onewindow.core.errors import DomainError
from onewindow.core.masking import mask_phone
from onewindow.core.network import public_url
from onewindow.documents.render import document_pdf
from onewindow.evaluation import services as evaluation
from onewindow.organisations.access import applicant_required
from onewindow.portal.forms_cases import (
    ApplicationForm,
    ResubmitForm,
    WithdrawForm,
    material_field_name,
)
from onewindow.portal.progress import correction_request, progress_context, state_badge
from onewindow.registries.models import LegalPerson, NaturalPerson
from onewindow.workflow.engine import available_actions, parse_revision

if TYPE_CHECKING:
    from django.http import QueryDict

    from onewindow.accounts.models import User

CASE_RELATED = (
    "entry",
    "version",
    "department",
    "place",
    "home_place",
    "applicant_person",
    "applicant_org",
)


# --- helpers -----------------------------------------------------------------------------------


def applicant_of(user: User) -> NaturalPerson | LegalPerson:
    """The registry row the signed-in citizen applies as (a person, or an organisation)."""
    person = getattr(user, "natural_person", None)
    if person is not None:
        return person
    return user.legal_person


def own_case(user: User, number: str) -> Case:
    case = (
        Case.objects.of_applicant(user).select_related(*CASE_RELATED).filter(number=number).first()
    )
    if case is None:
        raise Http404
    return case


def verify_url(request: HttpRequest, case: Case) -> str:
    """The public progress page of the case: the QR code of every document opens it."""
    query = urlencode({"number": case.number})
    return public_url(request, f"{reverse('portal:progress')}?{query}")


def document_response(request: HttpRequest, case: Case, doc_number: str) -> HttpResponse:
    doc = get_object_or_404(case.documents, number=doc_number)
    pdf = document_pdf(kind=doc.kind, data=doc.data, verify_url=verify_url(request, case))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{doc.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _chosen(query: QueryDict, version: EntryVersion) -> set[str]:
    """Answer codes in a query: ``?answers=agent`` or the guide's ``?who=agent``."""
    chosen = set(query.getlist("answers"))
    for question in version.guide.questions:
        value = query.get(question.code)
        if value:
            chosen.add(value)
    return chosen


def _merge(version: EntryVersion, saved: set[str], asked: set[str]) -> set[str]:
    """The saved answers, with each question the query answers taking the query's answer."""
    chosen = set()
    for question in version.guide.questions:
        codes = {o.code for o in question.options}
        chosen |= (asked & codes) or (saved & codes)
    return chosen


def _answers(version: EntryVersion, chosen: set[str]) -> tuple[list[str], bool]:
    """One answer per question in question order, and whether every question is answered."""
    answers, complete = [], True
    for question in version.guide.questions:
        picked = [o.code for o in question.options if o.code in chosen]
        if len(picked) == 1:
            answers.append(picked[0])
        else:
            complete = False
    return answers, complete


# --- applying online ---------------------------------------------------------------------------


@applicant_required
def apply(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    entry = get_object_or_404(
        Entry.objects.public().select_related("department", "region", "item", "current_version"),
        public_id=public_id,
    )
    version = entry.effective_version  # a public entry has one
    version.entry = entry
    applicant = applicant_of(request.user)
    if not online_possible(version.guide) or not serves(version.guide, applicant):
        try:
            hall = routing.home_place(entry)
        except DomainError:
            hall = None
        return render(
            request,
            "portal/apply_offline.html",
            {
                "title": entry.name,
                "entry": entry,
                "hall": hall,
                "guide": guide_context(version),
                "not_for_you": online_possible(version.guide),
            },
        )
    return _application_page(request, entry=entry, version=version, case=None)


@applicant_required
def application_edit(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    case = own_case(request.user, number)
    if case.state != CaseState.DRAFT:
        messages.info(
            request, _("This application has been submitted and can no longer be edited.")
        )
        return redirect("portal:application", number=case.number)
    if case.submission_key is None or case.entry is None:
        raise Http404
    version = case.filed_version
    version.entry = case.entry
    return _application_page(request, entry=case.entry, version=version, case=case)


def _application_page(
    request: AuthenticatedHttpRequest, *, entry: Entry, version: EntryVersion, case: Case | None
) -> HttpResponse:
    applicant = applicant_of(request.user)
    # A new form for an item the applicant has already started: offer to continue that draft.
    earlier_draft = None
    if case is None:
        earlier_draft = (
            Case.objects.of_applicant(request.user)
            .filter(entry=entry, state=CaseState.DRAFT)
            .order_by("-updated_at")
            .first()
        )
    if request.method == "POST":
        chosen = set(request.POST.getlist("answers"))
    else:
        chosen = _merge(version, set(case.answers if case else []), _chosen(request.GET, version))
    answers, complete = _answers(version, chosen)
    lines = intake.checklist_lines(version, answers) if complete else []

    if request.method == "POST":
        data = request.POST.copy()
        if case is not None:  # a draft keeps its own key, whatever the page sent
            data["submission_key"] = str(case.submission_key)
        form = ApplicationForm(data, request.FILES, lines=lines)
        if not complete:
            form.add_error(None, _("Answer every question first: the checklist depends on it."))
        elif form.is_valid():
            response = _save(request, form, entry=entry, answers=answers, lines=lines)
            if response is not None:
                return response
    else:
        initial: dict[str, Any] = {"submission_key": uuid.uuid4()}
        if case is not None:
            initial = {
                "submission_key": case.submission_key,
                "delivery_method": case.delivery_method,
                "delivery_address": case.delivery_address,
            }
        form = ApplicationForm(initial=initial, lines=lines)

    context = guide_context(version)
    existing = {m.position: m for m in case.materials.all()} if case else {}
    rows = []
    for position, _material in lines:
        name = material_field_name(position)
        rows.append(
            {
                "position": position,
                "m": context["materials"][position],
                "field": form[name] if name in form.fields else None,
                "existing": existing.get(position),
            }
        )
    questions = [
        {
            **q,
            "options": [{**o, "checked": o["code"] in chosen} for o in q["options"]],
        }
        for q in context["questions"]
    ]
    phone = (case.contact_phone if case else "") or getattr(applicant, "phone", "")
    return render(
        request,
        "portal/apply.html",
        {
            "title": _("Apply online: %(name)s") % {"name": context["name"]},
            "guide": context,
            "entry": entry,
            "case": case,
            "form": form,
            "questions": questions,
            "answers": answers,
            "complete": complete,
            "rows": rows,
            "applicant": applicant,
            "earlier_draft": earlier_draft,
            "phone_masked": mask_phone(phone),
            "action_url": request.path,
        },
    )


def _save(
    request: AuthenticatedHttpRequest,
    form: ApplicationForm,
    *,
    entry: Entry,
    answers: list[str],
    lines: list[tuple[int, Material]],
) -> HttpResponse | None:
    """Save the draft, and submit it when asked; None re-renders the form with its errors."""
    data = form.cleaned_data
    uploads = form.uploads()
    materials = [
        MaterialInput(position=position, upload=uploads.get(position))
        for position, material in lines
        if material.form != MaterialForm.FETCHED
    ]
    try:
        case = intake.case_draft_save(
            user=request.user,
            entry=entry,
            applicant=applicant_of(request.user),
            answers=answers,
            materials=materials,
            submission_key=data["submission_key"],
            contact_phone=data["contact_phone"],
            delivery_method=data["delivery_method"],
            delivery_address=data["delivery_address"],
            channel=Channel.PC,
        )
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None
    if case.state != CaseState.DRAFT:
        # The same form was sent again after it had been submitted: nothing changes.
        return redirect("portal:application", number=case.number)
    if request.POST.get("action") != "submit":
        messages.success(
            request,
            _("Draft %(number)s saved. You can come back and finish it later.")
            % {"number": case.number},
        )
        return redirect("portal:application-edit", number=case.number)
    try:
        # The draft was saved a moment ago in this request: no older revision to compare.
        case = intake.case_submit(case=case, actor=request.user, expected_revision=None)
    except DomainError as exc:
        # The draft is kept with what was uploaded; the edit page shows what is missing.
        messages.error(request, exc.message)
        return redirect("portal:application-edit", number=case.number)
    messages.success(
        request,
        _("Application %(number)s submitted. The window will pre-review it.")
        % {"number": case.number},
    )
    return redirect("portal:application", number=case.number)


# --- my applications ---------------------------------------------------------------------------


@applicant_required
def applications(request: AuthenticatedHttpRequest) -> HttpResponse:
    cases = list(selectors.applicant_cases(user=request.user))
    for case in cases:
        case.badge = state_badge(case.state)  # type: ignore[attr-defined]  # for the template
    return render(
        request,
        "portal/applications.html",
        {"title": _("My applications"), "cases": cases},
    )


def _detail(
    request: AuthenticatedHttpRequest,
    case: Case,
    *,
    resubmit_form: ResubmitForm | None = None,
    withdraw_form: WithdrawForm | None = None,
) -> HttpResponse:
    context = progress_context(case, public=False)
    # The applicant is offered exactly what the case machine accepts from them now.
    context["may_withdraw"] = Action.WITHDRAW in available_actions(CASE, request.user, case)
    if context["correction"] and resubmit_form is None:
        resubmit_form = ResubmitForm(materials=context["correction"]["materials"])
    if context["may_withdraw"] and withdraw_form is None:
        withdraw_form = WithdrawForm()
    context.update(
        {
            "title": case.title,
            "resubmit_form": resubmit_form,
            "withdraw_form": withdraw_form,
            "contact_phone": mask_phone(case.contact_phone),
            # 好差评: the rating link once the service is over; the rating and the unit's reply
            # to a 差评 once given.
            "may_rate": evaluation.may_rate(case),
            "rating": evaluation.rating_of(case),
        }
    )
    return render(request, "portal/application_detail.html", context)


@applicant_required
def application(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    return _detail(request, own_case(request.user, number))


@applicant_required
@require_POST
def application_resubmit(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    case = own_case(request.user, number)
    if case.state != CaseState.CORRECTION:
        messages.info(request, _("No corrections are awaited for this application."))
        return redirect("portal:application", number=case.number)
    wanted = correction_request(case)["materials"]
    form = ResubmitForm(request.POST, request.FILES, materials=wanted)
    if form.is_valid():
        materials = [
            MaterialInput(position=position, status=MS.RECEIVED, upload=upload)
            for position, upload in form.uploads().items()
        ]
        try:
            acceptance.case_resubmit(
                case=case,
                actor=request.user,
                materials=materials,
                expected_revision=parse_revision(request.POST.get("revision")),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Corrections sent. The window will pre-review the application again.")
            )
            return redirect("portal:application", number=case.number)
    return _detail(request, case, resubmit_form=form)


@applicant_required
@require_POST
def application_withdraw(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    case = own_case(request.user, number)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            delivery.case_withdraw(
                case=case,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_revision=parse_revision(request.POST.get("revision")),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The application was withdrawn."))
            return redirect("portal:application", number=case.number)
    return _detail(request, case, withdraw_form=form)


@applicant_required
def application_document(
    request: AuthenticatedHttpRequest, number: str, doc_number: str
) -> HttpResponse:
    return document_response(request, own_case(request.user, number), doc_number)


@applicant_required
def application_material(
    request: AuthenticatedHttpRequest, number: str, position: int
) -> HttpResponseBase:
    """The applicant's own scan; the opening is on the audit chain like any other."""
    case = own_case(request.user, number)
    row = get_object_or_404(case.materials, position=position)
    if not row.file:
        raise Http404
    try:
        handle = scans.scan_open(
            case=case, material=row, user=request.user, purpose=ScanPurpose.APPLICANT
        )
    except scans.ScanMissing:
        message = _(
            "The file uploaded for “%(name)s” cannot be opened: it is missing from storage. "
            "Please contact the service hall; they may ask you to upload it again."
        ) % {"name": row.name}
        return render(
            request,
            "portal/scan_missing.html",
            {"title": _("File not available"), "case": case, "message": message},
            status=404,
        )
    name = row.file_name or (row.file.name or "").rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response
