"""一窗受理 at the counter: find the applicant, pick the item, answer its situations, tick the
checklist, decide. The views parse; ``services.window.case_intake_decide`` receives and decides in
one transaction (a refused decision leaves nothing behind)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.cases import origins, routing
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.forms import (
    COUNTER_STATUSES,
    DecisionForm,
    IntakeForm,
    StartForm,
    materials_from_post,
)
from onewindow.cases.models import Case, JointService
from onewindow.cases.services import joint, window
from onewindow.cases.services.intake import checklist_lines, clean_answers
from onewindow.catalog.choices import MaterialForm, MaterialKind
from onewindow.catalog.models import Entry
from onewindow.catalog.schema import Material
from onewindow.catalog.selectors import entry_search
from onewindow.core.errors import DomainError
from onewindow.core.masking import mask_phone
from onewindow.organisations import scope
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role, WindowKind
from onewindow.organisations.models import Assignment
from onewindow.registries.models import LegalPerson, NaturalPerson
from onewindow.registries.selectors import applicant_by_public_id, applicant_find

TAMPERED_ANSWERS = gettext_lazy(
    "The answers to the situation questions were changed outside this page: choose them again "
    "and record the application."
)


def _post(request: AuthenticatedHttpRequest) -> Assignment:
    """The clerk's posting: place and window (the first posting if several)."""
    posts = scope.with_roles(request.user, (Role.WINDOW_CLERK,))
    if not posts:
        raise Http404
    wanted = request.GET.get("place") or request.POST.get("place")
    for post in posts:
        if wanted and str(post.place_id) == wanted:
            return post
    return posts[0]


def _applicant(
    request: AuthenticatedHttpRequest, number: str
) -> tuple[NaturalPerson | LegalPerson | None, str]:
    try:
        found, _kind = applicant_find(user=request.user, number=number)
    except ValidationError as exc:
        return None, exc.messages[0]
    if found is None:
        return None, _("No applicant is registered under this number: register them first.")
    return found, ""


def _applicant_in_url(
    request: AuthenticatedHttpRequest, token: str
) -> tuple[NaturalPerson | LegalPerson | None, str]:
    """The applicant a step of the intake carries on: by opaque public id, never by number."""
    found = applicant_by_public_id(user=request.user, public_id=token)
    if found is None:
        return None, _("Find the applicant again: this link does not name a registered applicant.")
    return found, ""


def start_url(applicant: NaturalPerson | LegalPerson | None = None, **query: str) -> str:
    """The start page for ``applicant`` (by public id: an ID number never goes in a URL)."""
    params = {k: v for k, v in query.items() if v}
    if applicant is not None:
        params["applicant"] = str(applicant.public_id)
    return reverse("cases:intake") + (f"?{urlencode(params)}" if params else "")


@role_required(Role.WINDOW_CLERK)
def intake_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Find the applicant (their number is POSTed, then the page is addressed by the applicant's
    public id) and the item to receive."""
    post = _post(request)
    if post.place is None:  # a window clerk is always posted at a place
        raise Http404
    applicant: NaturalPerson | LegalPerson | None = None
    entries, joints, error = None, [], ""
    if request.method == "POST":
        form = StartForm(request.POST)
        if form.is_valid():
            applicant, refused = _applicant(request, form.cleaned_data["applicant"])
            if applicant is not None:
                return redirect(
                    start_url(applicant, q=form.cleaned_data["q"], place=str(post.place_id))
                )
            form.add_error("applicant", refused)
        keyword = ""
    else:
        keyword = (request.GET.get("q") or "").strip()[:50]
        form = StartForm(initial={"q": keyword})
        token = request.GET.get("applicant")
        if token:
            applicant, error = _applicant_in_url(request, token)
    if applicant is not None:
        category = ""
        if post.window and post.window.kind == WindowKind.COMPREHENSIVE:
            category = post.window.category
        found = entry_search(q=keyword, category=category).prefetch_related("department__places")
        entries = [e for e in found[:200] if routing.is_receivable_at(e, post.place)][:30]
        active = JointService.objects.filter(
            is_active=True, region__code=post.place.region.code[:6].ljust(12, "0")
        )
        joints = [j for j in active if not keyword or keyword in j.name]
    return render(
        request,
        "cases/intake_start.html",
        {
            "title": _("New application"),
            "form": form,
            "post": post,
            "applicant": applicant,
            "keyword": keyword,
            "error": error,
            "entries": entries,
            "joints": joints,
        },
    )


def _lines(entry: Entry, answers: list[str]) -> tuple[list[str] | None, list[tuple[int, Material]]]:
    try:
        clean = clean_answers(entry.effective_version, answers)
    except DomainError:
        return None, []
    return clean, checklist_lines(entry.effective_version, clean)


@role_required(Role.WINDOW_CLERK)
def intake_form(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    post = _post(request)
    if post.place is None:  # a window clerk is always posted at a place
        raise Http404
    # The receiving check and the receipt read the entry's region and its department's halls.
    entry = get_object_or_404(
        Entry.objects.public()
        .select_related("department", "region", "current_version")
        .prefetch_related("department__places"),
        public_id=public_id,
    )
    # Opened for a queue ticket (``cases.origins``): the applicant comes from the ticket; else
    # the page carries the applicant's public id. Either way no ID number travels in the URL.
    origin = request.GET.get("origin") or request.POST.get("origin") or ""
    if origin:
        applicant, error = _applicant(
            request, origins.prefill(origin, request.user).applicant_number
        )
    else:
        token = request.GET.get("applicant") or request.POST.get("applicant") or ""
        applicant, error = _applicant_in_url(request, token)
    if applicant is None:
        messages.error(request, error)
        return redirect("cases:intake") if origin else redirect(start_url())
    if not routing.is_receivable_at(entry, post.place):
        messages.error(request, _("This item cannot be received at this hall."))
        return redirect(start_url(applicant))
    source = request.POST if request.method == "POST" else request.GET
    answers = [source.get(f"q-{q.code}", "") for q in entry.effective_version.guide.questions]
    clean, lines = _lines(entry, answers)
    if request.method == "POST" and clean is None:
        # The answers travel in the form: one the page never offered was posted.
        messages.error(request, TAMPERED_ANSWERS)
    intake = IntakeForm(request.POST or None)
    # Empty keeps the registered number, which the page shows only masked.
    intake.fields["contact_phone"].widget.attrs["placeholder"] = mask_phone(
        getattr(applicant, "phone", "")
    )
    decision = DecisionForm(request.POST or None)
    if request.method == "POST" and clean is not None and intake.is_valid() and decision.is_valid():
        done = _intake_decide(
            request,
            post,
            applicant,
            intake,
            decision,
            entry=entry,
            answers=clean,
            materials=materials_from_post(request, [p for p, _m in lines]),
            origin=origin,
        )
        if done is not None:
            return done
    return render(
        request,
        "cases/intake_form.html",
        {
            "title": _("New application"),
            "post": post,
            "entry": entry,
            "content": entry.effective_version.guide,
            "applicant": applicant,
            "origin": origin,
            "answers": answers,
            "answered": clean is not None,
            "rows": rows_from_lines(lines, request.POST),
            "statuses": COUNTER_STATUSES,
            "posted": request.POST,
            "intake": intake,
            "decision": decision,
        },
    )


def _agent(request: AuthenticatedHttpRequest, number: str) -> NaturalPerson | None:
    if not number:
        return None
    found, error = _applicant(request, number)
    if not isinstance(found, NaturalPerson):
        raise DomainError(error or _("The agent must be a registered person."), field="agent")
    return found


def _intake_decide(
    request: AuthenticatedHttpRequest,
    post: Assignment,
    applicant: NaturalPerson | LegalPerson,
    intake: IntakeForm,
    decision: DecisionForm,
    **what: Any,
) -> HttpResponse | None:
    """Parse the counter's form and hand it to the one intake service (receipt and decision in
    one transaction); ``None``: refused, the form is shown again with the message."""
    data = intake.cleaned_data
    if post.place is None:  # the callers answered 404 to a posting without a place
        raise Http404
    try:
        case = window.case_intake_decide(
            actor=request.user,
            place=post.place,
            window=post.window,
            applicant=applicant,
            agent=_agent(request, data["agent"].strip()),
            contact_phone=data["contact_phone"],
            delivery_method=data["delivery_method"],
            delivery_address=data["delivery_address"],
            decision=window.WindowDecision.from_form(decision.cleaned_data),
            **what,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return None
    messages.success(request, _("Case %(number)s recorded.") % {"number": case.number})
    return redirect("cases:detail", number=case.number)


def rows_from_lines(lines: list[tuple[int, Material]], posted: QueryDict) -> list[dict]:
    """Checklist rows of a new application (re-filled from the posted form after an error)."""
    rows = []
    for position, m in lines:
        prefix = f"m-{position}-"
        rows.append(
            {
                "position": position,
                "name": m.name,
                "kind_label": MaterialKind(m.kind).label,
                "necessity": m.necessity,
                "fetched": m.form == MaterialForm.FETCHED,
                "status": posted.get(prefix + "status", MS.RECEIVED),
                "copies": posted.get(prefix + "copies", m.copies),
                "original_seen": posted.get(prefix + "original", "1" if not posted else ""),
                "note": posted.get(prefix + "note", ""),
            }
        )
    return rows


def rows_from_materials(case: Case, materials: list, *, scans: bool) -> list[dict]:
    """Checklist rows of a recorded case; ``scans``: link each scan (the user may open them)."""
    return [
        {
            "position": m.position,
            "name": m.name,
            "kind_label": MaterialKind(m.kind).label if m.kind in MaterialKind.values else m.kind,
            "necessity": m.necessity,
            "fetched": m.status == MS.FETCHED,
            "status": m.status,
            "copies": m.copies_received,
            "original_seen": m.original_seen,
            "note": m.note,
            "file_url": reverse("cases:material", args=[case.number, m.position])
            if m.file and scans
            else "",
        }
        for m in materials
    ]


@role_required(Role.WINDOW_CLERK)
def intake_joint(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """一件事 at the counter: every item's situations, one merged checklist, one decision."""
    post = _post(request)
    joint_service = get_object_or_404(JointService.objects.filter(is_active=True), code=code)
    token = request.GET.get("applicant") or request.POST.get("applicant") or ""
    applicant, error = _applicant_in_url(request, token)
    if applicant is None:
        messages.error(request, error)
        return redirect(start_url())
    source = request.POST if request.method == "POST" else request.GET
    try:
        items = joint.joint_items(joint_service)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(start_url(applicant))
    # Like a single item: no form for a 一件事 this hall cannot receive (the service refuses it).
    place = post.place
    if place is None or not all(routing.is_receivable_at(i.entry, place) for i in items):
        messages.error(request, _("This item cannot be received at this hall."))
        return redirect(start_url(applicant))
    answers = {
        item.entry.code: [
            source.get(f"q-{item.entry.code}-{q.code}", "")
            for q in item.entry.effective_version.guide.questions
        ]
        for item in items
    }
    try:
        _clean, lines = joint.joint_checklist(joint_service, answers)
    except DomainError:
        lines = None
        if request.method == "POST":
            messages.error(request, TAMPERED_ANSWERS)
    intake = IntakeForm(request.POST or None)
    decision = DecisionForm(request.POST or None)
    if request.method == "POST" and lines is not None and intake.is_valid() and decision.is_valid():
        done = _intake_decide(
            request,
            post,
            applicant,
            intake,
            decision,
            joint_service=joint_service,
            answers=answers,
            materials=materials_from_post(request, [p for p, _m in lines]),
        )
        if done is not None:
            return done
    return render(
        request,
        "cases/intake_joint.html",
        {
            "title": _("New joint application"),
            "post": post,
            "joint": joint_service,
            "items": items,
            "answers": answers,
            "applicant": applicant,
            "answered": lines is not None,
            "rows": rows_from_lines(lines or [], request.POST),
            "statuses": COUNTER_STATUSES,
            "intake": intake,
            "decision": decision,
        },
    )
