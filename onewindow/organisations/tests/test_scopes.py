"""Who sees which part of the organisation: ``visible_to`` per role, and the same over HTTP."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onewindow.core.masking import mask_phone
from onewindow.organisations.choices import PlaceKind, RegionLevel, Role, WindowKind
from onewindow.organisations.factories import (
    AssignmentFactory,
    PlaceFactory,
    StaffFactory,
    UserFactory,
    WindowFactory,
)
from onewindow.organisations.models import Department, Region, ServicePlace, Staff, Window

COUNTY_A_STAFF = {
    "clerk_a",
    "reviewer_x",
    "reviewer_y",
    "approver_x",
    "manager_a",
    "supervisor_a",
    "hotline_a",
    "admin_a",
}
COUNTY_B_STAFF = {"clerk_b", "reviewer_z", "manager_b", "admin_b"}


def names(qs) -> set[str]:
    return {str(o) for o in qs}


def usernames(qs) -> set[str]:
    return set(qs.values_list("user__username", flat=True))


# --- visible_to, role by role ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["admin_a", "supervisor_a"])
def test_region_roles_see_their_county_subtree_only(world, persona):
    user = getattr(world, persona)

    assert set(Region.objects.visible_to(user)) == {world.county_a, world.town_a, world.village_a}
    assert set(ServicePlace.objects.visible_to(user)) == {
        world.center_a,
        world.town_center_a,
        world.station_a,
    }
    assert set(Department.objects.visible_to(user)) == {world.dept_x, world.dept_y}
    assert set(Window.objects.visible_to(user)) == {world.window_a, world.delivery_a}
    assert usernames(Staff.objects.visible_to(user)) == COUNTY_A_STAFF


def test_admin_b_sees_county_b_and_nothing_of_a(world):
    user = world.admin_b

    assert set(Region.objects.visible_to(user)) == {world.county_b}
    assert set(ServicePlace.objects.visible_to(user)) == {world.center_b}
    assert set(Department.objects.visible_to(user)) == {world.dept_z}
    assert set(Window.objects.visible_to(user)) == {world.window_b}
    assert usernames(Staff.objects.visible_to(user)) == COUNTY_B_STAFF


def test_center_manager_sees_own_center_only(world):
    user = world.manager_a

    assert not Region.objects.visible_to(user).exists()
    assert set(ServicePlace.objects.visible_to(user)) == {world.center_a}
    # The departments stationed at the center, each once despite the join.
    assert list(Department.objects.visible_to(user).order_by("name")) == sorted(
        [world.dept_x, world.dept_y], key=lambda d: d.name
    )
    assert set(Window.objects.visible_to(user)) == {world.window_a, world.delivery_a}
    assert usernames(Staff.objects.visible_to(user)) == {"clerk_a", "manager_a"}


def test_reviewer_sees_own_department_only(world):
    # Given a department window of X and one of Y at center A
    window_x = WindowFactory(
        place=world.center_a,
        number="D01",
        kind=WindowKind.DEPARTMENT,
        category="",
        department=world.dept_x,
    )
    WindowFactory(
        place=world.center_a,
        number="D02",
        kind=WindowKind.DEPARTMENT,
        category="",
        department=world.dept_y,
    )
    user = world.reviewer_x

    assert not Region.objects.visible_to(user).exists()
    assert not ServicePlace.objects.visible_to(user).exists()
    assert set(Department.objects.visible_to(user)) == {world.dept_x}
    assert set(Window.objects.visible_to(user)) == {window_x}
    assert usernames(Staff.objects.visible_to(user)) == {"reviewer_x", "approver_x"}


def test_clerk_sees_colleagues_of_its_place_only(world):
    user = world.clerk_a

    assert usernames(Staff.objects.visible_to(user)) == {"clerk_a", "manager_a"}
    assert set(Window.objects.visible_to(user)) == {world.window_a, world.delivery_a}
    assert not Region.objects.visible_to(user).exists()
    assert not ServicePlace.objects.visible_to(user).exists()
    assert not Department.objects.visible_to(user).exists()


def test_hotline_agent_sees_only_themselves_in_the_roster(world):
    assert usernames(Staff.objects.visible_to(world.hotline_a)) == {"hotline_a"}
    assert not Region.objects.visible_to(world.hotline_a).exists()


@pytest.mark.parametrize("who", ["anonymous", "none", "stranger", "citizen", "inactive_admin"])
def test_nobody_without_a_role_sees_anything(world, who):
    if who == "inactive_admin":
        world.admin_a.is_active = False
        world.admin_a.save()
    user = {
        "anonymous": AnonymousUser(),
        "none": None,
        "stranger": world.stranger,
        "citizen": world.citizen,
        "inactive_admin": world.admin_a,
    }[who]

    for model in (Region, ServicePlace, Department, Window, Staff):
        assert not model.objects.visible_to(user).exists(), model.__name__


def test_superuser_sees_everything(world):
    root = UserFactory.create(username="root", is_superuser=True, is_staff=True)

    assert Region.objects.visible_to(root).count() == Region.objects.count() == 6
    assert ServicePlace.objects.visible_to(root).count() == 4
    assert Department.objects.visible_to(root).count() == 3
    assert Window.objects.visible_to(root).count() == 3
    # admin_province: the provincial administrator of the root conftest (issue 17 item 7).
    assert usernames(Staff.objects.visible_to(root)) == COUNTY_A_STAFF | COUNTY_B_STAFF | {
        "admin_province"
    }


# --- the same rules over HTTP ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "region", "status"),
    [
        ("admin_a", "county_a", 200),
        ("admin_a", "town_a", 200),
        ("admin_a", "village_a", 200),
        ("admin_a", "county_b", 404),
        ("admin_a", "city", 404),
        ("supervisor_a", "county_a", 200),
        ("supervisor_a", "county_b", 404),
        ("admin_b", "county_b", 200),
        ("admin_b", "county_a", 404),
        ("manager_a", "county_a", 404),
    ],
)
def test_region_page_is_404_outside_scope(world, login, persona, region, status):
    code = getattr(world, region).code

    response = login(getattr(world, persona)).get(f"/org/regions/{code}/")

    assert response.status_code == status


def test_unknown_region_code_is_404(world, login):
    assert login(world.admin_a).get("/org/regions/620123999000/").status_code == 404


def test_region_page_does_not_link_to_ancestors_outside_scope(world, login):
    response = login(world.admin_a).get(f"/org/regions/{world.town_a.code}/")

    content = response.content.decode()
    assert f'href="/org/regions/{world.county_a.code}/"' in content
    assert f'href="/org/regions/{world.city.code}/"' not in content
    assert f'href="/org/regions/{world.province.code}/"' not in content


@pytest.mark.parametrize(
    ("persona", "place", "status"),
    [
        ("admin_a", "center_a", 200),
        ("admin_a", "station_a", 200),
        ("admin_a", "center_b", 404),
        ("supervisor_a", "town_center_a", 200),
        ("supervisor_a", "center_b", 404),
        ("manager_a", "center_a", 200),
        ("manager_a", "town_center_a", 404),
        ("manager_a", "center_b", 404),
        ("manager_b", "center_b", 200),
        ("manager_b", "center_a", 404),
    ],
)
def test_place_page_is_404_outside_scope(world, login, persona, place, status):
    pk = getattr(world, place).pk

    response = login(getattr(world, persona)).get(f"/org/places/{pk}/")

    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "department", "status"),
    [
        ("reviewer_x", "dept_x", 200),
        ("reviewer_x", "dept_y", 404),
        ("reviewer_x", "dept_z", 404),
        ("approver_x", "dept_x", 200),
        ("approver_x", "dept_y", 404),
        ("reviewer_z", "dept_z", 200),
        ("reviewer_z", "dept_x", 404),
        ("admin_a", "dept_y", 200),
        ("admin_a", "dept_z", 404),
        ("admin_b", "dept_z", 200),
        ("admin_b", "dept_x", 404),
        ("manager_a", "dept_x", 200),
        ("manager_a", "dept_z", 404),
        # The hotline agent routes callers with its region's department directory (its guide).
        ("hotline_a", "dept_x", 200),
        ("hotline_a", "dept_y", 200),
        ("hotline_a", "dept_z", 404),
    ],
)
def test_department_page_is_404_outside_scope(world, login, persona, department, status):
    pk = getattr(world, department).pk

    response = login(getattr(world, persona)).get(f"/org/departments/{pk}/")

    assert response.status_code == status


@pytest.mark.parametrize("persona", ["clerk_a", "hotline_a"])
def test_roles_without_the_tree_get_403_not_404(world, login, persona):
    client = login(getattr(world, persona))

    assert client.get(f"/org/regions/{world.county_a.code}/").status_code == 403
    assert client.get(f"/org/places/{world.center_a.pk}/").status_code == 403
    department = client.get(f"/org/departments/{world.dept_x.pk}/").status_code
    assert department == (200 if persona == "hotline_a" else 403)


def test_the_hotline_desk_links_the_department_directory(world, login):
    """Known defect: the hotline guide promises the directory, the page answered 403."""
    client = login(world.hotline_a)
    desk = client.get("/accounts/work/hotline/").content.decode()
    url = f"/org/departments/{world.dept_x.pk}/"
    assert f'href="{url}"' in desk
    page = client.get(url)
    assert page.status_code == 200
    assert world.dept_x.name in page.content.decode()


# --- the staff roster -----------------------------------------------------------------------------

_ROW = re.compile(r"<tr><td>([^<]*)</td><td>([^<]*)</td>")


def roster_rows(response) -> list[tuple[str, str]]:
    body = response.content.decode().split('id="roster"', 1)[1]
    return sorted(_ROW.findall(body))


def expected_rows(world, usernames_: set[str]) -> list[tuple[str, str]]:
    return sorted(
        (s.employee_no, s.user.name)
        for s in Staff.objects.filter(user__username__in=usernames_).select_related("user")
    )


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("admin_a", COUNTY_A_STAFF),
        ("supervisor_a", COUNTY_A_STAFF),
        ("admin_b", COUNTY_B_STAFF),
        ("manager_a", {"clerk_a", "manager_a"}),
        ("clerk_a", {"clerk_a", "manager_a"}),
        ("reviewer_x", {"reviewer_x", "approver_x"}),
        ("hotline_a", {"hotline_a"}),
    ],
)
def test_roster_lists_exactly_the_visible_staff(world, login, persona, visible):
    response = login(getattr(world, persona)).get("/org/staff/")

    assert response.status_code == 200
    assert roster_rows(response) == expected_rows(world, visible)


def test_roster_masks_phone_numbers(world, login):
    response = login(world.admin_a).get("/org/staff/")

    content = response.content.decode()
    phones = list(
        Staff.objects.filter(user__username__in=COUNTY_A_STAFF).values_list("phone", flat=True)
    )
    assert len(phones) == len(COUNTY_A_STAFF)
    for phone in phones:
        assert phone not in content
        assert mask_phone(phone) in content


def test_roster_filters_by_role(world, login):
    response = login(world.admin_a).get("/org/staff/", {"role": Role.REVIEWER})

    assert roster_rows(response) == expected_rows(world, {"reviewer_x", "reviewer_y"})


def test_roster_ignores_an_unknown_role_filter(world, login):
    response = login(world.clerk_a).get("/org/staff/", {"role": "pope"})

    assert response.status_code == 200
    assert roster_rows(response) == expected_rows(world, {"clerk_a", "manager_a"})


def test_roster_is_403_without_a_role(world, login):
    assert login(world.stranger).get("/org/staff/").status_code == 403
    assert login(world.citizen).get("/org/staff/").status_code == 403


# --- query counts do not grow with rows -----------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def add_county_a_staff(world, n: int) -> None:
    """Clerks at every place of county A, each with a window, plus reviewers of X."""
    for i in range(n):
        place = [world.center_a, world.town_center_a, world.station_a][i % 3]
        window = WindowFactory(place=place, number=f"Q{i:02d}")
        clerk = StaffFactory(user=UserFactory(username=f"extra_clerk{i}"))
        AssignmentFactory(staff=clerk, role=Role.WINDOW_CLERK, place=place, window=window)
        reviewer = StaffFactory(user=UserFactory(username=f"extra_reviewer{i}"))
        AssignmentFactory(staff=reviewer, role=Role.REVIEWER, department=world.dept_x)


def test_staff_roster_queries_do_not_grow_with_rows(world, login, django_assert_max_num_queries):
    client = login(world.admin_a)
    baseline = count_queries(client, "/org/staff/")

    # 8 staff + 2 × 12 new ones: still one page of 50.
    add_county_a_staff(world, 12)

    with django_assert_max_num_queries(baseline):
        response = client.get("/org/staff/")
    assert len(roster_rows(response)) == len(COUNTY_A_STAFF) + 24


def test_region_page_queries_do_not_grow_with_rows(world, login, django_assert_max_num_queries):
    client = login(world.admin_a)
    url = f"/org/regions/{world.county_a.code}/"
    baseline = count_queries(client, url)

    # More townships, each with a convenience center, windows and staff.
    for i in range(5):
        town = Region.objects.create(
            code=f"620123{101 + i}000",
            name=f"新镇{i}",
            level=RegionLevel.TOWNSHIP,
            parent=world.county_a,
        )
        hub = PlaceFactory(region=town, kind=PlaceKind.CONVENIENCE_CENTER)
        WindowFactory(place=hub)
        WindowFactory(place=hub)
    add_county_a_staff(world, 6)

    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    assert len(response.context["summary"].rows) == 6
