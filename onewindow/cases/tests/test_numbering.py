"""Licence and document numbers come from counters and are unique in the database."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction

from onewindow.cases.models import Case, CaseDocument
from onewindow.cases.services import backoffice, numbering
from onewindow.cases.tests.builders import Builder
from onewindow.core.errors import DomainError


def test_licence_numbers_count_up_per_department_prefix_and_year(world):
    world.dept_x.short_name = "榆市监"
    world.dept_x.save()
    build = Builder(world)
    first, second = build.decided(), build.decided()
    year = first.decided_at.year
    assert first.result_number == f"榆市监{year}000001"
    assert second.result_number == f"榆市监{year}000002"
    licence = first.documents.get(kind="approval")
    assert licence.data["licence_number"] == first.result_number


def test_a_number_given_by_hand_must_be_free(world):
    build = Builder(world)
    taken = build.decided().result_number
    case = build.at_decision()
    with pytest.raises(DomainError, match=taken):
        backoffice.case_decide(
            case=case,
            actor=world.approver_x,
            approved=True,
            opinion="准予",
            result_number=taken,
            expected_revision=case.revision,
        )


def test_the_database_refuses_a_second_licence_or_document_with_the_same_number(world):
    build = Builder(world)
    decided, other = build.decided(), build.decided()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=other.pk).update(result_number=decided.result_number)
    # Cases without a licence all have the empty number.
    Case.objects.filter(pk__in=[decided.pk, other.pk]).update(result_number="")
    document = decided.documents.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseDocument.objects.create(
            case=other, kind=document.kind, number=document.number, title="x", data={}
        )


def test_document_numbers_are_the_case_number_and_an_ordinal(world):
    case = Builder(world).decided()
    numbers = list(case.documents.order_by("id").values_list("number", flat=True))
    assert numbers == [f"{case.number}-{i:02d}" for i in range(1, len(numbers) + 1)]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_never_share_a_number():
    barrier = threading.Barrier(4)
    got: list[int] = []
    lock = threading.Lock()

    def draw() -> None:
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                serial = numbering.next_serial("并发", 2026)
                # Hold the row lock a moment so the others really wait for it.
                connection.cursor().execute("SELECT pg_sleep(0.05)")
            with lock:
                got.append(serial)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(got) == [1, 2, 3, 4]
