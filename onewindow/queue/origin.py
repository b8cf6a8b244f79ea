"""A queue ticket as the origin of a counter intake (``cases.origins``): the intake opens with
the ticket's applicant and item, and the new case is linked to the ticket."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases.origins import Origin, Prefill
from onewindow.core.errors import DomainError
from onewindow.queue.choices import TicketState
from onewindow.queue.machines import open_session
from onewindow.queue.models import Ticket, TicketCase

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.cases.models import Case


def _ticket_at_window(key: str, user: User) -> Ticket | None:
    """The ticket, if it is being served at the window the user is logged in to."""
    try:
        public_id = uuid.UUID(key)
    except ValueError:
        return None
    session = open_session(user)
    if session is None:
        return None
    return (
        Ticket.objects.select_related("entry")
        .filter(public_id=public_id, window_id=session.window_id)
        .first()
    )


def _resolve(key: str, user: User) -> Prefill | None:
    ticket = _ticket_at_window(key, user)
    if ticket is None:
        return None
    return Prefill(
        applicant_number=ticket.id_number,
        entry_public_id=str(ticket.entry.public_id) if ticket.entry else None,
        label=ticket.number,
    )


def _attach(key: str, case: Case, user: User) -> None:
    ticket = _ticket_at_window(key, user)
    if ticket is None or ticket.state != TicketState.SERVING:
        raise DomainError(
            _("The ticket is no longer being served at your window; the case was not recorded.")
        )
    TicketCase.objects.create(ticket=ticket, case=case, at=timezone.now())


TICKET_ORIGIN = Origin(kind="ticket", resolve=_resolve, attach=_attach)


def reference(ticket: Ticket) -> str:
    return f"ticket:{ticket.public_id}"
