"""Work lists of each desk, the case search, documents and scanned materials."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.cases import policies, selectors
from onewindow.cases.choices import CaseKind, CaseState, WarningLevel
from onewindow.cases.forms import ScanOpenForm
from onewindow.cases.models import Case
from onewindow.cases.policies import CASE_ROLES
from onewindow.cases.services import scans
from onewindow.core.errors import DomainError
from onewindow.core.network import public_url
from onewindow.documents.render import document_pdf
from onewindow.organisations import scope
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role

# One list of the window desk on its own (``?list=…``), as the clerk's workspace links it.
WINDOW_ONLY = (*selectors.WINDOW_LISTS, "notices_due")
LIST_ROWS = 50


@role_required(Role.WINDOW_CLERK)
def window_desk(request: AuthenticatedHttpRequest) -> HttpResponse:
    lists = selectors.window_lists(user=request.user)
    only = request.GET.get("list") or ""
    if only not in WINDOW_ONLY:
        only = ""
    counts = selectors.window_counts(user=request.user)
    return render(
        request,
        "cases/window.html",
        {
            "title": _("Window work list"),
            "only": only,
            "lists": {key: qs[:LIST_ROWS] for key, qs in lists.items()},
            "counts": counts,
            "rows": LIST_ROWS,
            "warnings": selectors.acceptance_warnings(user=request.user)[:LIST_ROWS],
            "overdue": selectors.overdue_materials(user=request.user)[:LIST_ROWS],
        },
    )


INBOX_ROWS = 100


@role_required(Role.REVIEWER, Role.APPROVER)
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    level = request.GET.get("level") or ""
    if level not in (WarningLevel.RED, WarningLevel.YELLOW):
        level = ""
    boxes = []
    for role in (Role.REVIEWER, Role.APPROVER):
        if scope.has_role(request.user, role):
            qs = selectors.department_inbox(user=request.user, role=role, level=level)
            boxes.append((role.label, qs[:INBOX_ROWS], qs.count()))
    return render(
        request,
        "cases/inbox.html",
        {
            "title": _("Case inbox"),
            "boxes": boxes,
            "level": level,
            "levels": [
                (WarningLevel.RED, WarningLevel.RED.label),
                (WarningLevel.YELLOW, WarningLevel.YELLOW.label),
            ],
            "rows": INBOX_ROWS,
        },
    )


@role_required(Role.CENTER_MANAGER)
def refusals(request: AuthenticatedHttpRequest) -> HttpResponse:
    qs = selectors.manager_refusals(user=request.user)
    return render(
        request,
        "cases/refusals.html",
        {
            "title": _("Refusals to confirm"),
            "cases": qs[:INBOX_ROWS],
            "count": qs.count(),
            "rows": INBOX_ROWS,
        },
    )


@role_required(*CASE_ROLES)
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()
    state = request.GET.get("state") or ""
    qs = selectors.case_search(
        Case.objects.visible_to(request.user)
        .exclude(kind=CaseKind.PART)
        .select_related(*selectors.LIST_RELATED)
        .order_by("-created_at", "-pk"),
        q,
    )
    if state in CaseState.values:
        qs = qs.filter(state=state)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/list.html",
        {
            "title": _("Cases"),
            "page": page,
            "q": q,
            "state": state,
            "states": CaseState.choices,
        },
    )


@role_required(Role.SUPERVISOR, Role.ADMINISTRATOR)
def backdoor(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "cases/backdoor.html",
        {
            "title": _("Decisions without a window acceptance"),
            "events": selectors.backdoor_decisions(user=request.user)[:200],
        },
    )


def progress_url(request: HttpRequest, case: Case) -> str:
    return public_url(request, reverse("portal:progress") + f"?number={case.number}")


@login_required
def document(request: AuthenticatedHttpRequest, number: str, pk: int) -> HttpResponse:
    """A formal document as PDF, for staff in scope and the applicant."""
    case = selectors.case_get_for_user(user=request.user, number=number)
    doc = get_object_or_404(case.documents, pk=pk)
    pdf = document_pdf(kind=doc.kind, data=doc.data, verify_url=progress_url(request, case))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{doc.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def material_file(
    request: AuthenticatedHttpRequest, number: str, position: int
) -> HttpResponseBase:
    """A material's raw scan: the roles that handle the case say why and get it (the opening is
    audited); the others are told that scans are not theirs to open."""
    case = selectors.case_get_for_user(user=request.user, number=number)
    row = case.materials.filter(position=position).first()
    if row is None or not row.file:
        raise Http404
    context: dict[str, object] = {"title": _("Open a scan"), "case": case, "material": row}
    if not policies.may_open_scans(request.user, case):
        context["refusal"] = scans.scan_refusal()
        return render(request, "cases/scan_open.html", context, status=403)
    form = ScanOpenForm(request.POST or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        try:
            handle = scans.scan_open(
                case=case,
                material=row,
                user=request.user,
                purpose=form.cleaned_data["purpose"],
                note=form.cleaned_data["note"],
            )
        except scans.ScanMissing as exc:
            context["missing"] = exc.message
            return render(request, "cases/scan_open.html", context, status=404)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            response = FileResponse(handle, filename=row.file_name or "material")
            response["Cache-Control"] = "private, no-store"
            response["X-Content-Type-Options"] = "nosniff"
            return response
    return render(request, "cases/scan_open.html", context)
