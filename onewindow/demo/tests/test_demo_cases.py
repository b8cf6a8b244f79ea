"""The demo cases: every state, consistent histories in the past, papers and messages for each.

Loading the county with its cases takes a while, so the module loads it once, inside a transaction
that is rolled back at the end.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.test import override_settings
from django.utils import timezone

from onewindow.accounts.models import User
from onewindow.cases.choices import Action, CaseKind, CaseState, Channel, MaterialStatus
from onewindow.cases.models import Case, CaseDocument, CaseEvent, JointService
from onewindow.cases.selectors import applicant_cases, backdoor_decisions
from onewindow.deadlines.calendar import calendar_for
from onewindow.demo.loader import load_demo
from onewindow.notifications.choices import MessageStatus
from onewindow.notifications.models import Message
from onewindow.organisations.choices import PlaceKind

# The mark makes pytest-django set up the test database before the module's fixture runs. The
# group keeps the module on one xdist worker: split, each worker would load the county again.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_cases")]

PASSWORD = "demo-pass-2026"
RECEIPT = {Action.RECEIVE, Action.SUBMIT}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo county with its cases, loaded once for the module and rolled back after it."""
    storage: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    storage["OPTIONS"] = {"location": str(tmp_path_factory.mktemp("media"))}
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            STORAGES={**settings.STORAGES, "default": storage},
        ),
        transaction.atomic(),
    ):
        name = str(connection.settings_dict["NAME"])
        assert "memory" in name or "test" in name, f"not a test database: {name}"
        summary = load_demo(password=PASSWORD)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def staff_superuser(demo):
    return User(username="probe", is_superuser=True, is_active=True)


def test_cases_exist_in_every_state_but_draft(demo):
    states = set(Case.objects.exclude(kind=CaseKind.PART).values_list("state", flat=True))
    wanted = set(CaseState.values) - {CaseState.DRAFT, CaseState.WAITING}

    assert wanted <= states
    # WAITING is a later stage of a joint application, never a case of its own.
    assert Case.objects.filter(kind=CaseKind.PART, state=CaseState.WAITING).exists()
    assert 250 <= demo.counts["cases"] <= 400


def test_every_case_starts_with_its_receipt(demo):
    firsts: dict[int, str] = {}
    for case_id, action in (
        CaseEvent.objects.order_by("case", "at", "id").values_list("case", "action").iterator()
    ):
        firsts.setdefault(case_id, action)
    cases = Case.objects.exclude(state=CaseState.DRAFT)
    parts = set(cases.filter(kind=CaseKind.PART).values_list("pk", flat=True))

    assert set(cases.values_list("pk", flat=True)) == set(firsts)
    assert {a for pk, a in firsts.items() if pk not in parts} <= RECEIPT
    # A part of a joint application starts when the joint application is accepted.
    assert {a for pk, a in firsts.items() if pk in parts} == {Action.ACTIVATE}


def test_no_decision_without_an_acceptance(demo, staff_superuser):
    decided = Case.objects.exclude(decided_at=None).exclude(kind=CaseKind.JOINT)

    assert decided.count() > 100
    assert list(backdoor_decisions(user=staff_superuser)) == []


def test_time_moves_forward_and_never_into_the_future(demo):
    now = timezone.now()
    events = CaseEvent.objects.order_by("case", "id").values_list("case", "at")

    for _case, rows in itertools.groupby(events.iterator(), key=lambda r: r[0]):
        times = [at for _c, at in rows]
        assert times == sorted(times)
    assert not CaseEvent.objects.filter(at__gt=now).exists()
    assert not Case.objects.filter(Q(received_at__gt=now) | Q(completed_at__gt=now)).exists()
    oldest = CaseEvent.objects.order_by("at").first().at
    assert 90 <= (now - oldest).days <= 130


def test_every_case_has_its_papers_and_messages(demo):
    cases = Case.objects.exclude(state=CaseState.DRAFT)
    has_document = Exists(CaseDocument.objects.filter(case=OuterRef("pk")))
    has_message = Exists(Message.objects.filter(case_number=OuterRef("number")))

    # Parts of a joint application get papers when decided; until then, and for messages to
    # the applicant, the joint application speaks for them.
    assert not cases.exclude(kind=CaseKind.PART).filter(~has_document | ~has_message).exists()
    parts = cases.filter(kind=CaseKind.PART).exclude(decided_at=None)
    assert parts.exists()
    assert not parts.filter(~has_document).exists()
    # The history is marked sent; only today's supervision (warnings, urgings, cards) waits for
    # the consumer.
    pending = Message.objects.filter(status=MessageStatus.PENDING)
    # Today's 好差评 loop steps of the demo wait for it too.
    waiting = pending.exclude(event__startswith="supervision.")
    assert not waiting.exclude(event__startswith="evaluation.").exists()
    # Papers and messages carry the time of the action, not of the loading.
    late = CaseDocument.objects.filter(created_at__gt=timezone.now() - datetime.timedelta(days=1))
    assert late.count() < CaseDocument.objects.count() / 10


def test_the_paths_of_a_real_hall(demo):
    cases = Case.objects.exclude(kind=CaseKind.PART)
    actions = set(CaseEvent.objects.values_list("action", flat=True))

    assert actions == set(Action.values)  # every path of the state machine is walked
    assert cases.filter(auto_accepted=True).exists()
    assert cases.filter(commitment=True).exists()
    assert cases.filter(channel__in=[Channel.PC, Channel.MOBILE]).count() >= 20
    assert cases.filter(place__kind=PlaceKind.CONVENIENCE_CENTER).count() >= 10
    assert JointService.objects.annotate(n=Count("cases")).filter(n__gt=0).count() == 2
    today = timezone.localdate()
    overdue = cases.filter(state=CaseState.IN_REVIEW, due_date__lt=today)
    assert overdue.exists()
    deferred = Case.objects.filter(
        materials__status=MaterialStatus.DEFERRED, materials__due_date__lt=today
    )
    assert deferred.exists()
    # Some received applications are on the last day of their five (§32).
    next_workday = calendar_for(None).add_days(today, 1)
    near = cases.filter(state=CaseState.RECEIVED, acceptance_due__lte=next_workday)
    assert near.exists()


@pytest.mark.parametrize("username", ["citizen", "company"])
def test_the_portal_personas_own_cases(demo, username):
    user = User.objects.get(username=username)
    mine = applicant_cases(user=user)

    assert mine.count() >= 5
    assert len(set(mine.values_list("state", flat=True))) >= 4


def test_every_case_number_carries_its_receipt_date(demo):
    """Issue 11, item 13: the applicant reads the number as 'received on …'. A draft saved online
    on one day and submitted on another, and the parts of a joint application, are numbered by
    the day of receipt, like every case received at a window. (An application received afresh
    after corrections keeps its number: its receipt and correction notice carry it.)"""
    first_receipt: dict[int, Any] = {}
    for case_id, moment in (
        CaseEvent.objects.filter(action__in=RECEIPT).order_by("at").values_list("case_id", "at")
    ):
        first_receipt.setdefault(case_id, moment)
    wrong = []
    received = Case.objects.exclude(received_at=None).only("number", "received_at", "parent_id")
    for case in received:
        at = first_receipt.get(case.parent_id or case.pk, case.received_at)
        day = timezone.localdate(at).strftime("%Y%m%d")
        if case.number[-14:-6] != day:
            wrong.append((case.number, day))
    assert received.count() > 300
    assert wrong == []


def test_no_notice_of_another_item_type_cites_the_licensing_law(demo):
    """Issue 11, item 7: 行政许可法 governs 行政许可 items only; every other demo case's documents
    cite the item's own basis, in the snapshot and on the page."""
    import json

    from django.utils import translation

    from onewindow.documents.render import document_html

    others, rendered = 0, set()
    for document in CaseDocument.objects.order_by("pk"):
        item_type = document.data.get("item_type")
        assert item_type, document.number
        if item_type == "01":
            continue
        others += 1
        assert "行政许可法" not in json.dumps(document.data, ensure_ascii=False), document.number
        if (item_type, document.kind) not in rendered:
            rendered.add((item_type, document.kind))
            with translation.override("zh-hans"):
                html = document_html(kind=document.kind, data=document.data, verify_url="x")
            assert "行政许可" not in html, (document.number, document.kind)
            assert "申请”申请" not in html, document.number
    assert others > 100
    assert len(rendered) > 20


def test_every_applicants_deadline_sentence_agrees_with_a_brute_force_count(demo):
    """Issue 11, "Done means": for every demo case under a running promise, the applicant's
    sentence names the limit counted and the date that an independent day-by-day count gives
    (weekends, the stored holidays and make-up days, §45 pauses inclusive of both ends, 民法典
    §203 for calendar days), capped at the statutory day where the promise runs past it."""
    from django.utils.translation import override

    from onewindow.cases import clock
    from onewindow.deadlines.tests.conftest import Oracle

    today = timezone.localdate()
    checked, wrong = 0, []
    oracles: dict[int, Oracle] = {}
    running = Case.objects.filter(
        state__in=(CaseState.IN_REVIEW, CaseState.SUSPENDED), accepted_at__isnull=False
    ).select_related("home_place", "version")
    for case in running.prefetch_related("procedures"):
        oracle = oracles.setdefault(case.home_place_id, Oracle(case.home_place))
        start = timezone.localdate(case.accepted_at)
        pauses = [
            (p.started_on, p.ended_on or max(today, p.started_on))
            for p in case.procedures.all()
            if p.kind != "extension"
        ]
        unit = "calendar" if case.limit_unit == "calendar" else "working"
        n = case.promised_days + case.extension_days
        try:
            expected = oracle.add_days(start, n, unit, pauses)
        except AssertionError:  # a year the calendar does not hold: the page says "pending"
            continue
        law = clock._statutory(case)
        if law is not None and not case.extension_days:
            law_unit = "calendar" if law[1] == "calendar" else "working"
            statutory = oracle.add_days(start, law[0], law_unit, pauses)
            if statutory < expected:
                expected, n, unit = statutory, law[0], law_unit
        with override("en"):
            words = clock.deadline_in_words(case, today)
        checked += 1
        if f"{n} {unit} days counted" not in words or f"the deadline is {expected}" not in words:
            wrong.append(f"{case.number}: expected {n} {unit} days → {expected}; said {words!r}")
    assert checked >= 20
    assert wrong == []
