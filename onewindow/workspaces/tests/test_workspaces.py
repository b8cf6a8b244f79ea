"""Workspaces and the side menu, role by role.

The expectations below are written out by hand from the roles' duties (not derived from
``navigation.py``), so a change to the menu rules has to change this table too.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from onewindow.organisations.choices import Role
from onewindow.organisations.factories import AssignmentFactory, StaffFactory, UserFactory

WS = {
    "window": "/accounts/work/window/",
    "review": "/accounts/work/review/",
    "approve": "/accounts/work/approve/",
    "center": "/accounts/work/center/",
    "supervision": "/accounts/work/supervision/",
    "hotline": "/accounts/work/hotline/",
    "admin": "/accounts/work/admin/",
    "me": "/me/",
}
TOOL = {
    "lookup": "/registries/lookup/",
    "person_new": "/registries/persons/new/",
    "organisation_new": "/registries/organisations/new/",
    "regions": "/org/regions/",
    "staff": "/org/staff/",
    "admin_site": "/admin/",
    "catalog_items": "/catalog/manage/",
    "catalog_changes": "/catalog/changes/",
    "catalog_lists": "/catalog/lists/",
    "intake": "/cases/new/",
    "window_list": "/cases/window/",
    "inbox": "/cases/inbox/",
    "refusals": "/cases/refusals/",
    "cases": "/cases/",
    "backdoor": "/cases/supervision/acceptance-check/",
    "calendar": "/calendar/",
    "messages": "/notifications/",
    "my_messages": "/notifications/inbox/",
    "warnings": "/supervision/warnings/",
    "urgings": "/supervision/urgings/",
    "cards": "/supervision/cards/",
    "figures": "/supervision/figures/",
    "rules": "/supervision/rules/",
    "reviews": "/evaluation/reviews/",
    "complaints": "/evaluation/complaints/",
    "report": "/evaluation/report/",
    "complaint_take": "/evaluation/complaints/take/",
}
ALL_LINKS = set(WS.values()) | set(TOOL.values())

CLERK = ("intake", "window_list", "cases", "messages", "my_messages", "complaint_take")
DEPT = ("inbox", "cases", "my_messages", "urgings", "cards", "reviews", "report")
MANAGER = (
    "refusals",
    "cases",
    "messages",
    "my_messages",
    "warnings",
    "urgings",
    "cards",
    "figures",
    "reviews",
    "complaints",
    "report",
)
WATCH = ("warnings", "urgings", "cards", "figures", "rules", "reviews", "complaints", "report")

# persona → (its workspace, the tools it is entitled to)
ENTITLED: dict[str, tuple[str, set[str]]] = {
    "clerk_a": ("window", {"lookup", "person_new", "organisation_new", "staff", *CLERK}),
    "clerk_b": ("window", {"lookup", "person_new", "organisation_new", "staff", *CLERK}),
    "reviewer_x": ("review", {"catalog_items", "catalog_changes", "staff", *DEPT}),
    "reviewer_z": ("review", {"catalog_items", "catalog_changes", "staff", *DEPT}),
    "approver_x": ("approve", {"catalog_items", "catalog_changes", "staff", *DEPT}),
    "manager_a": (
        "center",
        {"regions", "staff", *MANAGER},
    ),
    "manager_b": (
        "center",
        {"regions", "staff", *MANAGER},
    ),
    "supervisor_a": (
        "supervision",
        {"regions", "staff", "cases", "backdoor", "messages", "my_messages", *WATCH},
    ),
    "hotline_a": ("hotline", {"lookup", "staff", "cases", "my_messages", "complaint_take"}),
    "admin_a": (
        "admin",
        {
            "lookup",
            "regions",
            "staff",
            "admin_site",
            "cases",
            "backdoor",
            "calendar",
            "messages",
            "my_messages",
            *WATCH,
        },
    ),
    "admin_b": (
        "admin",
        {
            "lookup",
            "regions",
            "staff",
            "admin_site",
            "cases",
            "backdoor",
            "calendar",
            "messages",
            "my_messages",
            *WATCH,
        },
    ),
    "citizen": ("me", set()),
    "company_user": ("me", set()),
}
PERSONAS = sorted(ENTITLED)

# Pages guarded by a role check: anyone not entitled gets 403 (the admin site is Django's own and
# sends non-staff to its login page instead, so it is checked separately).
ROLE_GUARDED = (set(WS.values()) | set(TOOL.values())) - {TOOL["admin_site"]}

_SIDE_NAV = re.compile(r'<nav[^>]*\bid="side-nav"[^>]*>(.*?)</nav>', re.S)
_HREF = re.compile(r'href="([^"]+)"')


def side_nav_links(response) -> set[str] | None:
    """The links of the side menu, or ``None`` when the page has no side menu."""
    match = _SIDE_NAV.search(response.content.decode())
    if match is None:
        return None
    return set(_HREF.findall(match.group(1)))


def expected_links(persona: str) -> set[str]:
    workspace, tools = ENTITLED[persona]
    return {WS[workspace]} | {TOOL[t] for t in tools}


@pytest.mark.parametrize("persona", PERSONAS)
def test_workspace_redirects_to_the_personas_own_workspace(world, login, persona):
    client = login(getattr(world, persona))

    response = client.get("/accounts/workspace/")

    assert response.status_code == 302
    assert response.url == WS[ENTITLED[persona][0]]


@pytest.mark.parametrize("persona", PERSONAS)
def test_own_workspace_shows_exactly_the_entitled_menu(world, login, persona):
    client = login(getattr(world, persona))

    response = client.get(WS[ENTITLED[persona][0]])

    assert response.status_code == 200
    links = side_nav_links(response)
    assert links is not None, "the workspace has no side navigation"
    expected = expected_links(persona)
    assert links == expected
    # Spelled out as well: nothing from the other roles' menus leaks in.
    assert not (links & (ALL_LINKS - expected))


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_other_workspace_answers_403(world, login, persona):
    client = login(getattr(world, persona))
    own = WS[ENTITLED[persona][0]]

    statuses = {url: client.get(url).status_code for url in WS.values() if url != own}

    assert statuses == dict.fromkeys(statuses, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_tools_outside_the_menu_answer_403(world, login, persona):
    client = login(getattr(world, persona))
    not_entitled = ROLE_GUARDED - expected_links(persona)

    statuses = {url: client.get(url).status_code for url in not_entitled}

    assert statuses == dict.fromkeys(not_entitled, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_menu_link_can_be_followed(world, login, persona):
    client = login(getattr(world, persona))

    statuses = {url: client.get(url, follow=True).status_code for url in expected_links(persona)}

    assert statuses == dict.fromkeys(statuses, 200)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if "admin_site" not in ENTITLED[p][1]])
def test_admin_site_is_closed_to_non_administrators(world, login, persona):
    response = login(getattr(world, persona)).get(TOOL["admin_site"])

    # Django's admin sends users without admin access to its own login page.
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", sorted({"/accounts/workspace/", *ROLE_GUARDED}))
def test_anonymous_users_are_sent_to_login(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_anonymous_pages_have_no_side_menu(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert side_nav_links(response) is None


def test_stranger_gets_the_no_role_page(world, login):
    client = login(world.stranger)

    response = client.get("/accounts/workspace/")

    assert response.status_code == 403
    assert "workspaces/no_role.html" in [t.name for t in response.templates]
    assert side_nav_links(response) is None


@pytest.mark.parametrize("url", sorted(ROLE_GUARDED))
def test_stranger_is_refused_everywhere(world, login, url):
    assert login(world.stranger).get(url).status_code == 403


def test_superuser_without_role_lands_on_the_admin_site(db, login):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)

    response = login(root).get("/accounts/workspace/")

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def _two_role_user(world, username, first, second):
    staff = StaffFactory(user=UserFactory(username=username))
    AssignmentFactory(staff=staff, **first)
    AssignmentFactory(staff=staff, **second)
    return staff.user


def test_manager_who_also_reviews_sees_both_workspaces(world, login):
    # Given a center manager of A who is also a reviewer of department X
    user = _two_role_user(
        world,
        "manager_reviewer",
        {"role": Role.CENTER_MANAGER, "place": world.center_a},
        {"role": Role.REVIEWER, "department": world.dept_x},
    )
    client = login(user)

    # When they open their workspace
    landing = client.get("/accounts/workspace/")

    # Then they land on the higher-priority one, and the menu offers both plus both roles' tools
    assert landing.status_code == 302
    assert landing.url == WS["center"]
    links = side_nav_links(client.get(WS["center"]))
    assert links == {
        WS["center"],
        WS["review"],
        TOOL["regions"],
        TOOL["staff"],
        TOOL["catalog_items"],
        TOOL["catalog_changes"],
        TOOL["refusals"],
        TOOL["inbox"],
        TOOL["cases"],
        TOOL["messages"],
        TOOL["my_messages"],
        TOOL["warnings"],
        TOOL["urgings"],
        TOOL["cards"],
        TOOL["figures"],
        TOOL["reviews"],
        TOOL["complaints"],
        TOOL["report"],
    }
    assert client.get(WS["review"]).status_code == 200
    assert client.get(WS["window"]).status_code == 403


def test_clerk_who_also_answers_the_hotline_sees_both_workspaces(world, login):
    user = _two_role_user(
        world,
        "clerk_hotline",
        {"role": Role.WINDOW_CLERK, "place": world.center_a, "window": world.window_a},
        {"role": Role.HOTLINE_AGENT, "region": world.county_a},
    )
    client = login(user)

    landing = client.get("/accounts/workspace/")

    assert landing.url == WS["window"]
    links = side_nav_links(client.get(WS["hotline"]))
    assert links == {
        WS["window"],
        WS["hotline"],
        TOOL["lookup"],
        TOOL["person_new"],
        TOOL["organisation_new"],
        TOOL["staff"],
        TOOL["intake"],
        TOOL["window_list"],
        TOOL["cases"],
        TOOL["messages"],
        TOOL["my_messages"],
        TOOL["complaint_take"],
    }
    assert client.get(WS["window"]).status_code == 200
    assert client.get(WS["admin"]).status_code == 403


def test_inactive_user_is_not_signed_in(world, login):
    world.clerk_a.is_active = False
    world.clerk_a.save()

    response = login(world.clerk_a).get(WS["window"])

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
