"""The queue's pages over HTTP: kiosk, ticket page, console, start a case, the board's stream."""

from __future__ import annotations

import asyncio

import pytest
from django.test import AsyncClient

from onewindow.cases.factories import licence_entry
from onewindow.cases.models import Case
from onewindow.cases.tests.test_views import _intake_post
from onewindow.core.masking import mask_id_number
from onewindow.queue.choices import TicketState
from onewindow.queue.models import Ticket, TicketCase

from .factories import category, logged_in, resident_id, take, window_at


@pytest.fixture
def cat(world):
    return category(world.center_a, "A", "个人事务", world.window_a)


def test_the_kiosk_takes_a_ticket_and_the_number_never_reaches_a_url(world, client, cat):
    number = resident_id()
    page = client.get(f"/queue/{world.center_a.pk}/kiosk/")
    assert page.status_code == 200
    assert "个人事务" in page.content.decode()
    response = client.post(
        f"/queue/{world.center_a.pk}/kiosk/",
        {"kind": "person", "number": number, "category": cat.pk},
    )
    assert response.status_code == 302
    assert number not in response["Location"]
    ticket = Ticket.objects.get()
    assert ticket.token in response["Location"]
    shown = client.get(response["Location"]).content.decode()
    assert "A001" in shown
    assert "个人事务" in shown
    assert number not in shown
    assert mask_id_number(number) in shown
    assert "data:image/png;base64," in shown  # the QR code to the my-ticket page


def test_the_kiosk_explains_a_wrong_id_number_in_chinese(world, client, cat):
    response = client.post(
        f"/queue/{world.center_a.pk}/kiosk/",
        {"kind": "person", "number": "620123199001011230", "category": cat.pk},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    assert "校验码" in response.content.decode()
    assert "620123199001011230" not in response.content.decode()
    assert not Ticket.objects.exists()


def test_the_kiosk_refuses_a_category_of_another_center(world, client, cat):
    other = category(world.center_b, "B", "企业开办", world.window_b)
    response = client.post(
        f"/queue/{world.center_a.pk}/kiosk/",
        {"kind": "person", "number": resident_id(), "category": other.pk},
    )
    assert response.status_code == 200
    assert not Ticket.objects.exists()


def test_the_ticket_page_counts_the_people_ahead(world, client, cat):
    take(cat, 1)
    take(cat, 2)
    third = take(cat, 3)
    page = client.get(f"/queue/t/{third.token}/").content.decode()
    assert "前面还有 2 人" in page


def test_the_console_calls_and_offers_what_the_engine_allows(world, login, cat):
    ticket = take(cat, 1)
    clerk = login(world.clerk_a)
    base = f"/queue/console/{world.window_a.pk}/"
    assert clerk.post(base + "login/").status_code == 302
    assert clerk.post(base + "call/").status_code == 302
    page = clerk.get(base).content.decode()
    assert "A001" in page
    assert 'data-action="recall"' in page
    assert 'data-action="start"' in page
    assert 'data-action="finish"' not in page  # not before the service started
    ticket.refresh_from_db()
    assert ticket.state == TicketState.CALLED


def test_a_ticket_of_another_center_is_a_404_at_my_window(world, login, cat):
    other = take(category(world.center_b, "B", "企业开办", world.window_b), 1)
    clerk = login(world.clerk_a)
    logged_in(world.clerk_a, world.window_a)
    url = f"/queue/console/{world.window_a.pk}/tickets/{other.public_id}/start/"
    assert clerk.post(url, {"revision": other.revision}).status_code == 404


def test_calling_at_a_window_one_is_not_logged_in_to_says_so(world, login, cat):
    take(cat, 1)
    c02 = window_at(world.center_a, "C02")
    cat.windows.add(c02)
    clerk = login(world.clerk_a)
    logged_in(world.clerk_a, world.window_a)
    response = clerk.post(f"/queue/console/{c02.pk}/call/", follow=True)
    assert "您未登录 C02 号窗口" in response.content.decode()
    assert Ticket.objects.get().state == TicketState.WAITING


def test_start_a_case_for_the_ticket_links_the_case(world, login, cat):
    entry = licence_entry(world.dept_x)
    world.window_a.category = "enterprise"
    world.window_a.save()
    cat.entries.add(entry)
    ticket = take(cat, 1, number=world.person.id_number, entry=entry)
    clerk = login(world.clerk_a)
    base = f"/queue/console/{world.window_a.pk}/"
    clerk.post(base + "login/")
    clerk.post(base + "call/")
    ticket.refresh_from_db()
    clerk.post(base + f"tickets/{ticket.public_id}/start/", {"revision": ticket.revision})
    response = clerk.post(base + f"tickets/{ticket.public_id}/case/")
    assert response.status_code == 302
    location = response["Location"]
    assert world.person.id_number not in location
    assert f"ticket:{ticket.public_id}" in location
    form = clerk.get(location + "&q-who=self")
    assert form.status_code == 200
    assert world.person.name in form.content.decode()
    data = _intake_post(entry, ["self"], origin=f"ticket:{ticket.public_id}")
    data.pop("applicant")
    done = clerk.post(location.split("?")[0], data)
    assert done.status_code == 302, done.content.decode()[:2000]
    case = Case.objects.get()
    assert TicketCase.objects.get(case=case).ticket_id == ticket.pk
    assert case.applicant_person_id == world.person.pk


def test_an_intake_for_a_ticket_at_another_window_is_a_404(world, login, cat):
    entry = licence_entry(world.dept_x)
    ticket = take(cat, 1, number=world.person.id_number)
    clerk = login(world.clerk_a)
    url = f"/cases/new/{entry.public_id}/?origin=ticket:{ticket.public_id}"
    assert clerk.get(url).status_code == 404  # not logged in to the ticket's window


@pytest.mark.django_db(transaction=True)
def test_the_board_stream_catches_up_from_the_last_event_id(world, settings, cat):
    settings.QUEUE_STREAM_SECONDS = 0  # send what is due, then end (the browser reconnects)
    logged_in(world.clerk_a, world.window_a)
    from onewindow.queue.services.window import call_next

    for minute in range(3):
        take(cat, minute)
    calls = [call_next(clerk=world.clerk_a, window=world.window_a) for _ in range(1)]
    assert calls

    async def read(headers: dict) -> str:
        response = await AsyncClient().get(f"/queue/{world.center_a.pk}/stream/", headers=headers)
        assert response["Content-Type"] == "text/event-stream"
        chunks = [chunk async for chunk in response.streaming_content]  # type: ignore[attr-defined]
        return b"".join(chunks).decode()

    first = asyncio.run(read({}))
    event_id = calls[0].call_events.get().pk
    assert f"id: {event_id}\nevent: call" in first
    assert '"number": "A001"' in first
    assert '"waiting": 2' in first
    again = asyncio.run(read({"Last-Event-ID": str(event_id)}))
    assert "event: call" not in again  # nothing missed: the call is not sent twice
