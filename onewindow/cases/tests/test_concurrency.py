"""Two clerks act on the same case at the same moment: exactly one succeeds.

Needs real concurrent transactions, so it runs on PostgreSQL (``make test-pg`` / CI step 2); the
in-memory SQLite test database is one connection.
"""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from onewindow.cases.choices import CaseState
from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.services import acceptance
from onewindow.core.errors import DomainError

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
)


@pytest.mark.django_db(transaction=True)
def test_two_clerks_one_winner(world):
    entry = licence_entry(world.dept_x)
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry, applicant=world.person
    )
    revision = case.revision
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def act(decision) -> None:
        try:
            barrier.wait(timeout=10)
            decision(
                case=type(case).objects.get(pk=case.pk),
                actor=world.clerk_a,
                expected_revision=revision,
            )
            result = "ok"
        except DomainError as exc:
            result = f"refused: {exc.message}"
        finally:
            close_old_connections()
        with lock:
            outcomes.append(result)

    threads = [
        threading.Thread(target=act, args=(acceptance.case_accept,)),
        threading.Thread(target=act, args=(acceptance.case_accept,)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(o == "ok" for o in outcomes) == [False, True], outcomes
    case.refresh_from_db()
    assert case.state == CaseState.IN_REVIEW
    assert case.events.count() == 2  # the receipt and exactly one decision
