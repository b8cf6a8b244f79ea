"""The window console: a clerk of the center logs in to one of its windows and calls.

Guarded by the window clerk role (403 for every other role); a window or a ticket of another
center is a 404. The views parse and hand over to ``services.window``; the actions offered on a
ticket are exactly the engine's ``available_actions``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.accounts.requests import AuthenticatedHttpRequest
from onewindow.core.errors import DomainError
from onewindow.organisations import scope
from onewindow.organisations.access import role_required
from onewindow.organisations.choices import Role
from onewindow.organisations.models import Window
from onewindow.queue import selectors
from onewindow.queue.choices import TicketAction, TicketState
from onewindow.queue.forms import TransferForm
from onewindow.queue.machines import TICKET, open_session
from onewindow.queue.models import Category, Ticket
from onewindow.queue.origin import reference
from onewindow.queue.services import window as svc
from onewindow.workflow.engine import available_actions, parse_revision

WINDOW_ACTIONS = (
    TicketAction.RECALL,
    TicketAction.START,
    TicketAction.HOLD,
    TicketAction.RESUME,
    TicketAction.FINISH,
    TicketAction.NO_SHOW,
)


def _window(request: AuthenticatedHttpRequest, window_pk: int) -> Window:
    places = scope.place_ids(request.user, Role.WINDOW_CLERK)
    return get_object_or_404(
        Window.objects.select_related("place").filter(place_id__in=places, is_active=True),
        pk=window_pk,
    )


def _ticket(window: Window, public_id: str) -> Ticket:
    """A ticket of the window's center (another center's is a 404, like a missing one)."""
    return get_object_or_404(
        Ticket.objects.select_related("category"), public_id=public_id, place_id=window.place_id
    )


def _back(window: Window) -> HttpResponse:
    return redirect("queue:console", window_pk=window.pk)


@role_required(Role.WINDOW_CLERK)
def console_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    session = open_session(request.user)
    if session is not None:
        return _back(session.window)
    places = scope.place_ids(request.user, Role.WINDOW_CLERK)
    windows = (
        Window.objects.filter(
            place_id__in=places, is_active=True, kind__in=svc.CALLING_WINDOW_KINDS
        )
        .select_related("place")
        .prefetch_related("queue_sessions")
    )
    return render(
        request, "queue/console_home.html", {"title": _("Window console"), "windows": windows}
    )


@role_required(Role.WINDOW_CLERK)
def console(request: AuthenticatedHttpRequest, window_pk: int) -> HttpResponse:
    window = _window(request, window_pk)
    session = open_session(request.user)
    mine = session is not None and session.window_id == window.pk
    tickets = selectors.console_tickets(window.pk) if mine else []
    rows = [
        {
            "ticket": t,
            "actions": [
                (a, TicketAction(a).label)
                for a in available_actions(TICKET, request.user, t)
                if a in WINDOW_ACTIONS
            ],
            "may_transfer": TicketAction.TRANSFER in available_actions(TICKET, request.user, t),
        }
        for t in tickets
    ]
    day = timezone.localdate()
    return render(
        request,
        "queue/console.html",
        {
            "title": _("Window %(number)s") % {"number": window.number},
            "window": window,
            "session": session if mine else None,
            "elsewhere": session if session is not None and not mine else None,
            "rows": rows,
            "line": selectors.window_line(window.pk, window.place_id, day),
            "counts": selectors.waiting_counts(window.place_id, day),
            "categories": Category.objects.filter(place_id=window.place_id, is_active=True),
            "windows": Window.objects.filter(place_id=window.place_id, is_active=True).exclude(
                pk=window.pk
            ),
        },
    )


def _run(
    request: AuthenticatedHttpRequest, window: Window, work: Callable[[], object]
) -> HttpResponse:
    try:
        done = work()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if done:
            messages.success(request, str(done))
    return _back(window)


@role_required(Role.WINDOW_CLERK)
@require_POST
def console_login(request: AuthenticatedHttpRequest, window_pk: int) -> HttpResponse:
    window = _window(request, window_pk)
    return _run(
        request, window, lambda: svc.session_login(clerk=request.user, window=window) and ""
    )


@role_required(Role.WINDOW_CLERK)
@require_POST
def console_logout(request: AuthenticatedHttpRequest, window_pk: int) -> HttpResponse:
    window = _window(request, window_pk)
    try:
        svc.session_logout(clerk=request.user, window=window)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(window)
    return redirect("queue:console-home")


@role_required(Role.WINDOW_CLERK)
@require_POST
def console_break(request: AuthenticatedHttpRequest, window_pk: int) -> HttpResponse:
    window = _window(request, window_pk)
    on = request.POST.get("on") == "1"
    return _run(
        request, window, lambda: svc.session_break(clerk=request.user, window=window, on=on) and ""
    )


@role_required(Role.WINDOW_CLERK)
@require_POST
def console_call(request: AuthenticatedHttpRequest, window_pk: int) -> HttpResponse:
    window = _window(request, window_pk)

    def work() -> str:
        ticket = svc.call_next(clerk=request.user, window=window)
        return _("Called %(number)s.") % {"number": ticket.number}

    return _run(request, window, work)


@role_required(Role.WINDOW_CLERK)
@require_POST
def ticket_act(
    request: AuthenticatedHttpRequest, window_pk: int, public_id: str, action: str
) -> HttpResponse:
    window = _window(request, window_pk)
    if action not in WINDOW_ACTIONS:
        raise Http404
    ticket = _ticket(window, public_id)

    def work() -> str:
        svc.ticket_act(
            clerk=request.user,
            window=window,
            ticket=ticket,
            action=action,
            expected_revision=parse_revision(request.POST.get("revision")),
        )
        return ""

    return _run(request, window, work)


@role_required(Role.WINDOW_CLERK)
@require_POST
def ticket_transfer(
    request: AuthenticatedHttpRequest, window_pk: int, public_id: str
) -> HttpResponse:
    window = _window(request, window_pk)
    ticket = _ticket(window, public_id)
    form = TransferForm(request.POST)

    def work() -> str:
        if not form.is_valid():
            raise DomainError(_("Choose either another business category or another window."))
        data = form.cleaned_data
        category = None
        target = None
        if data["category"]:
            category = Category.objects.filter(
                pk=data["category"], place_id=window.place_id
            ).first()
            if category is None:
                raise DomainError(_("This business category is not offered at this service place."))
        if data["window"]:
            target = Window.objects.filter(pk=data["window"], place_id=window.place_id).first()
            if target is None:
                raise DomainError(_("That window is not a window of this service place."))
        done = svc.ticket_transfer(
            clerk=request.user,
            window=window,
            ticket=ticket,
            expected_revision=parse_revision(request.POST.get("revision")),
            category=category,
            target_window=target,
            note=data["note"] or "",
        )
        return _("%(number)s transferred.") % {"number": done.number}

    return _run(request, window, work)


@role_required(Role.WINDOW_CLERK)
@require_POST
def ticket_case(request: AuthenticatedHttpRequest, window_pk: int, public_id: str) -> HttpResponse:
    """Start a case for the ticket being served: the counter's intake, pre-filled with its
    applicant and item (the ID number is never put in the URL: the intake reads it from the
    ticket)."""
    window = _window(request, window_pk)
    ticket = _ticket(window, public_id)
    session = open_session(request.user)
    if session is None or session.window_id != window.pk or ticket.window_id != window.pk:
        messages.error(request, _("You are not logged in to the window this ticket is at."))
        return _back(window)
    if ticket.state != TicketState.SERVING:
        messages.error(request, _("Start the service before starting a case."))
        return _back(window)
    entry = ticket.entry
    if entry is None:
        wanted = request.POST.get("entry", "")
        entry = ticket.category.entries.filter(public_id=wanted).first() if wanted else None
    if entry is None:
        messages.error(request, _("Choose the item of the case."))
        return _back(window)
    target = reverse("cases:intake-form", args=[entry.public_id])
    return redirect(f"{target}?origin={reference(ticket)}&place={window.place_id}")
