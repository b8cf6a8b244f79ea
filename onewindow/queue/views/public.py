"""The hall's public screens: the kiosk, the ticket (receipt and my-ticket page), the board and
its live stream. Public pages of a center: anyone in the hall uses them, no sign-in."""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from onewindow.catalog.models import Entry
from onewindow.core.errors import DomainError
from onewindow.core.pdf import qr_data_uri
from onewindow.organisations.models import ServicePlace
from onewindow.queue import live, selectors
from onewindow.queue.choices import FINAL_TICKET_STATES
from onewindow.queue.forms import TakeForm
from onewindow.queue.models import Category, Ticket
from onewindow.queue.services.tickets import ticket_take


def _place(place_pk: int) -> ServicePlace:
    return get_object_or_404(ServicePlace.objects.filter(is_active=True), pk=place_pk)


def kiosk(request: HttpRequest, place_pk: int) -> HttpResponse:
    """Start screen (categories), then the number pad; a POST takes the ticket. The ID number
    travels only in the POST body and is never echoed back in full."""
    place = _place(place_pk)
    categories = list(
        Category.objects.filter(place=place, is_active=True).prefetch_related("entries")
    )
    error = ""
    chosen: Category | None = None
    if request.method == "POST":
        form = TakeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            chosen = next((c for c in categories if c.pk == data["category"]), None)
            try:
                if chosen is None:
                    raise DomainError(
                        _("This business category is not offered at this service place.")
                    )
                entry = None
                if data["entry"]:
                    entry = Entry.objects.public().filter(public_id=data["entry"]).first()
                    if entry is None:
                        raise DomainError(
                            _("This item does not belong to the chosen business category.")
                        )
                ticket = ticket_take(
                    place=place,
                    category=chosen,
                    applicant_kind=data["kind"],
                    number=data["number"],
                    entry=entry,
                )
            except DomainError as exc:
                error = str(exc.message)
            else:
                return redirect(reverse("queue:ticket", args=[ticket.token]) + "?kiosk=1")
        else:
            error = _("Choose a business category and type the number.")
    return render(
        request,
        "queue/kiosk.html",
        {
            "title": _("Take a ticket"),
            "place": place,
            "categories": categories,
            "chosen": chosen,
            "error": error,
        },
    )


def ticket_page(request: HttpRequest, token: str) -> HttpResponse:
    """The ticket: printable 80 mm receipt and the my-ticket page, addressed by its token."""
    ticket = get_object_or_404(
        Ticket.objects.select_related("category", "place", "entry", "window"), token=token
    )
    url = request.build_absolute_uri(reverse("queue:ticket", args=[ticket.token]))
    return render(
        request,
        "queue/ticket.html",
        {
            "title": _("Ticket %(number)s") % {"number": ticket.number},
            "ticket": ticket,
            "ahead": selectors.people_ahead(ticket),
            "wait": selectors.estimated_wait(ticket),
            "qr": qr_data_uri(url),
            "kiosk": request.GET.get("kiosk") == "1",
            # The my-ticket page follows the hall's stream while the ticket is still open.
            "live": ticket.state not in FINAL_TICKET_STATES,
            "stream_port": settings.QUEUE_STREAM_PORT,
            "last_id": selectors.last_call_id(ticket.place_id),
        },
    )


def board(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = _place(place_pk)
    day = timezone.localdate()
    calls = selectors.recent_calls(place.pk, day)
    return render(
        request,
        "queue/board.html",
        {
            "title": _("Calls"),
            "place": place,
            "calls": list(reversed(calls)),
            "counts": selectors.waiting_counts(place.pk, day),
            "last_id": calls[-1]["id"] if calls else 0,
            "stream_port": settings.QUEUE_STREAM_PORT,
        },
    )


@require_GET
async def stream(request: HttpRequest, place_pk: int) -> StreamingHttpResponse:
    """Server-Sent Events of a board (``live.board_stream``); public like the board."""
    # Every database read of a stream is wrapped like a request (``live.as_request``): a stream
    # process keeps no connection open between wakes unless CONN_MAX_AGE asks for it. The reads
    # run on the one sync thread (thread_sensitive): short indexed queries, and in the test
    # suite they see the test's own transaction instead of waiting on its locks.
    place = await sync_to_async(live.as_request(_place), thread_sensitive=True)(place_pk)
    raw = request.headers.get("Last-Event-ID") or request.GET.get("last") or "0"
    last_id = int(raw) if raw.isascii() and raw.isdigit() else 0
    response = StreamingHttpResponse(
        live.board_stream(place.pk, last_id), content_type="text/event-stream"
    )
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    # The stream may be served on its own port (QUEUE_STREAM_PORT): it is public, no cookies.
    response["Access-Control-Allow-Origin"] = "*"
    return response
