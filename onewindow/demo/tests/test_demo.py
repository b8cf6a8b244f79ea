"""The demo county: complete, valid by the real rules, idempotent, deterministic, and usable."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from onewindow.core.identity import clean_resident_id, clean_uscc
from onewindow.demo.loader import DEFAULT_SEED, PERSONAS, load_demo
from onewindow.organisations.choices import PlaceKind, RegionLevel, Role
from onewindow.organisations.models import (
    Assignment,
    Department,
    Region,
    ServicePlace,
    Staff,
    Window,
)
from onewindow.registries.models import AgentAuthorization, LegalPerson, NaturalPerson

PASSWORD = "demo-pass-2026"

# persona username → where its login lands
LANDING = {
    "clerk": "/accounts/work/window/",
    "clerk_town": "/accounts/work/window/",
    "reviewer": "/accounts/work/review/",
    "approver": "/accounts/work/approve/",
    "manager": "/accounts/work/center/",
    "supervisor": "/accounts/work/supervision/",
    "hotline": "/accounts/work/hotline/",
    "admin": "/accounts/work/admin/",
    "admin_province": "/accounts/work/admin/",
    "catalog": "/catalog/manage/",
    "citizen": "/me/",
    "company": "/me/",
}


@pytest.fixture
def demo(db):
    return load_demo(password=PASSWORD, with_cases=False)


def table_counts() -> dict[str, int]:
    models = (
        Region,
        ServicePlace,
        Department,
        Window,
        Staff,
        Assignment,
        NaturalPerson,
        LegalPerson,
        AgentAuthorization,
        get_user_model(),
    )
    return {m.__name__: m.objects.count() for m in models}


def test_demo_county_has_the_places_of_a_real_county(demo):
    assert demo.created is True
    places = ServicePlace.objects
    assert (
        places.filter(kind=PlaceKind.GOVERNMENT_CENTER, region__level=RegionLevel.COUNTY).count()
        >= 1
    )
    assert places.filter(kind=PlaceKind.CONVENIENCE_CENTER).count() >= 6
    assert places.filter(kind=PlaceKind.CONVENIENCE_STATION).count() >= 30
    # Every place where people are served has at least one window.
    assert not places.exclude(kind=PlaceKind.ONLINE_HALL).filter(windows=None).exists()


def test_every_department_has_windows_or_is_stationed(demo):
    departments = Department.objects.annotate(
        n_windows=Count("windows", distinct=True), n_places=Count("places", distinct=True)
    )

    assert departments.count() >= 12
    assert not departments.filter(n_windows=0, n_places=0).exists()


def test_every_role_is_staffed(demo):
    staffed = set(Assignment.objects.values_list("role", flat=True))

    assert staffed == set(Role.values)
    # ... and every staff member holds a role.
    assert not Staff.objects.filter(assignments=None).exists()


def test_every_department_has_reviewers_and_an_approver(demo):
    thin = Department.objects.annotate(
        reviewers=Count("assignments", filter=Q(assignments__role=Role.REVIEWER)),
        approvers=Count("assignments", filter=Q(assignments__role=Role.APPROVER)),
    ).filter(Q(reviewers=0) | Q(approvers=0))

    assert list(thin) == []


def test_demo_numbers_pass_the_real_validators(demo):
    ids = list(NaturalPerson.objects.values_list("id_number", flat=True))
    representatives = list(LegalPerson.objects.values_list("representative_id_number", flat=True))
    codes = [
        *LegalPerson.objects.values_list("uscc", flat=True),
        *Department.objects.values_list("uscc", flat=True),
    ]

    assert len(ids) >= 200
    assert [n for n in ids + representatives if clean_resident_id(n) != n] == []
    assert [c for c in codes if clean_uscc(c) != c] == []


def test_birth_date_and_gender_agree_with_the_id_number(demo):
    for person in NaturalPerson.objects.all():
        assert person.birth_date.strftime("%Y%m%d") == person.id_number[6:14]
        assert person.gender == ("1" if int(person.id_number[16]) % 2 else "2")


def test_regions_and_places_are_consistent(demo):
    for region in Region.objects.all():
        region.full_clean()
    for place in ServicePlace.objects.select_related("region"):
        place.full_clean()
    for assignment in Assignment.objects.select_related("window"):
        assignment.full_clean()


def test_loading_twice_changes_nothing(demo):
    before = table_counts()

    again = load_demo(password=PASSWORD, with_cases=False)

    assert again.created is False
    assert table_counts() == before
    assert [p.username for p in again.personas] == [p[0] for p in PERSONAS]


def _load_and_roll_back(seed: int) -> tuple[list[str], list[str], list[str]]:
    """Load the county inside a savepoint, read it, and undo it."""
    with transaction.atomic():
        load_demo(seed=seed, password=PASSWORD, with_cases=False)
        ids = list(NaturalPerson.objects.order_by("pk").values_list("id_number", flat=True)[:20])
        codes = list(Department.objects.order_by("pk").values_list("uscc", flat=True))
        names = list(Staff.objects.order_by("employee_no").values_list("user__name", flat=True))
        transaction.set_rollback(True)
    assert not NaturalPerson.objects.exists()
    return ids, codes, names


def test_same_seed_gives_the_same_county(db):
    first = _load_and_roll_back(DEFAULT_SEED)
    second = _load_and_roll_back(DEFAULT_SEED)

    assert len(first[0]) == 20
    assert first == second


def test_another_seed_gives_other_people(db):
    first = _load_and_roll_back(DEFAULT_SEED)
    other = _load_and_roll_back(DEFAULT_SEED + 1)

    assert first[0] != other[0]


def test_personas_cover_every_landing(demo):
    assert {p[0] for p in PERSONAS} == set(LANDING)
    assert {p.username for p in demo.personas} == set(LANDING)


@pytest.mark.parametrize("username", sorted(LANDING))
def test_every_persona_signs_in_and_lands_on_its_workspace(demo, client, username):
    response = client.post(
        "/accounts/login/", {"username": username, "password": PASSWORD}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == LANDING[username]
    assert (
        int(client.session["_auth_user_id"]) == get_user_model().objects.get(username=username).pk
    )


def test_a_wrong_password_does_not_sign_in(demo, client):
    response = client.post("/accounts/login/", {"username": "clerk", "password": "wrong"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_management_command_loads_once(db, settings, capsys):
    from django.core.management import call_command

    settings.ONEWINDOW_DEMO_PASSWORD = PASSWORD
    call_command("load_demo", "--quiet-logins")
    first = table_counts()
    call_command("load_demo")

    out = capsys.readouterr().out
    assert table_counts() == first
    assert first["NaturalPerson"] >= 200
    assert "clerk" in out
    assert PASSWORD in out


def test_the_center_has_todays_queue(demo):
    """Kiosk, console and board open on a living queue: windows calling, tickets waiting."""
    from onewindow.queue.choices import TicketState
    from onewindow.queue.models import Category, Ticket, WindowSession

    center = ServicePlace.objects.get(name="榆中县政务服务中心")
    assert list(Category.objects.filter(place=center).values_list("letter", flat=True)) == [
        "A",
        "B",
        "C",
        "D",
    ]
    today = Ticket.objects.filter(place=center, day=timezone.localdate())
    assert today.filter(state=TicketState.WAITING).count() >= 5
    assert today.filter(state=TicketState.SERVING).count() == 2
    assert today.filter(state=TicketState.DONE).count() == 2
    assert set(
        WindowSession.objects.filter(ended_at__isnull=True).values_list("window__number", flat=True)
    ) == {"C01", "A01"}
    assert all(c.windows.exists() and c.entries.exists() for c in Category.objects.all())
