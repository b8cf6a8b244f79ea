"""Shared personas for the whole suite.

``world`` builds two counties. County A (榆中县) has a government center, a township convenience
center, a market-regulation department X and a tax department Y; county B (永登县) has its own
center and department Z. Every role has a named persona scoped to county A (plus a few in B), so a
test can say "the reviewer of X cannot see Y" in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.test import Client
from huey.contrib.djhuey import HUEY

from onewindow.organisations.choices import PlaceKind, RegionLevel, Role, WindowKind
from onewindow.organisations.factories import (
    AssignmentFactory,
    CityFactory,
    DepartmentFactory,
    PlaceFactory,
    ProvinceFactory,
    StaffFactory,
    UserFactory,
    WindowFactory,
)
from onewindow.organisations.models import Region
from onewindow.registries.factories import LegalPersonFactory, NaturalPersonFactory

# Background tasks run inline as they are enqueued: tests need no consumer. pytest-django loads the
# settings (and djhuey builds its instance from them) before this file is imported, so setting
# HUEY_IMMEDIATE in os.environ here would come too late; switch the instance itself (in immediate
# mode it also keeps its queue in memory).
HUEY.immediate = True


@pytest.fixture(autouse=True)
def _test_settings(settings: pytest.FixtureRequest, tmp_path_factory) -> None:
    # A private in-process cache, emptied for every test (throttle counters must not leak).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
    # Hashing is deliberately slow; tests sign in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A clean checkout has no collectstatic manifest: serve assets straight from the finders.
    # Uploaded files go to a temporary folder, never into var/media.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.getbasetemp() / "media")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _seeded_rows(request: pytest.FixtureRequest) -> None:
    """Rows the data migrations seed (the national calendar, the default card rules) are there
    for every database test, whatever ran before it on this worker.

    A transactional test (``django_db(transaction=True)``) flushes every table when it ends;
    pytest-django runs those last, but parallel workers that steal tests may not, so put the
    seeded rows back when they are missing (two indexed reads when they are there).
    """
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    if marker is None and "db" not in names and "transactional_db" not in names:
        return
    if "db" in names:
        request.getfixturevalue("db")
    import importlib

    from django.apps import apps

    from onewindow.deadlines.models import CalendarYear
    from onewindow.deadlines.services import calendar_seed_from_library
    from onewindow.supervision.models import CardRule

    if not CalendarYear.objects.filter(year=2026).exists():
        calendar_seed_from_library(years=range(2004, 2027), missing_only=True)
    if not CardRule.objects.exists():
        migration = importlib.import_module(
            "onewindow.supervision.migrations.0002_default_card_rules"
        )
        migration.seed(apps, None)


def _staff(username: str, role: Role, **scope: object):
    staff = StaffFactory(user=UserFactory(username=username))
    AssignmentFactory(staff=staff, role=role, **scope)
    return staff.user


@pytest.fixture
def world(db: None) -> SimpleNamespace:
    province = ProvinceFactory()
    city = CityFactory(parent=province)
    county_a = Region.objects.create(
        code="620123000000", name="榆中县", level=RegionLevel.COUNTY, parent=city
    )
    town_a = Region.objects.create(
        code="620123100000", name="城关镇", level=RegionLevel.TOWNSHIP, parent=county_a
    )
    village_a = Region.objects.create(
        code="620123100201", name="东关村", level=RegionLevel.VILLAGE, parent=town_a
    )
    county_b = Region.objects.create(
        code="620121000000", name="永登县", level=RegionLevel.COUNTY, parent=city
    )
    center_a = PlaceFactory(name="榆中县政务服务中心", region=county_a)
    town_center_a = PlaceFactory(
        name="城关镇便民服务中心", region=town_a, kind=PlaceKind.CONVENIENCE_CENTER
    )
    station_a = PlaceFactory(
        name="东关村便民服务站", region=village_a, kind=PlaceKind.CONVENIENCE_STATION
    )
    center_b = PlaceFactory(name="永登县政务服务中心", region=county_b)
    dept_x = DepartmentFactory(name="榆中县市场监督管理局", region=county_a)
    dept_y = DepartmentFactory(name="国家税务总局榆中县税务局", region=county_a)
    dept_z = DepartmentFactory(name="永登县市场监督管理局", region=county_b)
    dept_x.places.add(center_a)
    dept_y.places.add(center_a)
    dept_z.places.add(center_b)
    window_a = WindowFactory(place=center_a, number="C01", name="公民个人综合受理")
    delivery_a = WindowFactory(
        place=center_a, number="E01", name="统一出件", kind=WindowKind.DELIVERY, category=""
    )
    window_b = WindowFactory(place=center_b, number="C01", name="公民个人综合受理")
    w = SimpleNamespace(
        province=province,
        city=city,
        county_a=county_a,
        town_a=town_a,
        village_a=village_a,
        county_b=county_b,
        center_a=center_a,
        town_center_a=town_center_a,
        station_a=station_a,
        center_b=center_b,
        dept_x=dept_x,
        dept_y=dept_y,
        dept_z=dept_z,
        window_a=window_a,
        delivery_a=delivery_a,
        window_b=window_b,
    )
    w.clerk_a = _staff("clerk_a", Role.WINDOW_CLERK, place=center_a, window=window_a)
    w.clerk_b = _staff("clerk_b", Role.WINDOW_CLERK, place=center_b, window=window_b)
    w.reviewer_x = _staff("reviewer_x", Role.REVIEWER, department=dept_x)
    w.reviewer_y = _staff("reviewer_y", Role.REVIEWER, department=dept_y)
    w.reviewer_z = _staff("reviewer_z", Role.REVIEWER, department=dept_z)
    w.approver_x = _staff("approver_x", Role.APPROVER, department=dept_x)
    w.manager_a = _staff("manager_a", Role.CENTER_MANAGER, place=center_a)
    w.manager_b = _staff("manager_b", Role.CENTER_MANAGER, place=center_b)
    w.supervisor_a = _staff("supervisor_a", Role.SUPERVISOR, region=county_a)
    w.hotline_a = _staff("hotline_a", Role.HOTLINE_AGENT, region=county_a)
    w.admin_a = _staff("admin_a", Role.ADMINISTRATOR, region=county_a)
    w.admin_a.is_staff = True
    w.admin_a.save()
    w.admin_b = _staff("admin_b", Role.ADMINISTRATOR, region=county_b)
    w.admin_b.is_staff = True
    w.admin_b.save()
    # The province's administrator: the one who sets the national calendar (issue 17 item 7).
    w.admin_province = _staff("admin_province", Role.ADMINISTRATOR, region=province)
    w.stranger = UserFactory(username="stranger")  # a login with no role at all
    w.person = NaturalPersonFactory(name="王小明")
    w.citizen = UserFactory(username="citizen", name="李华")
    w.citizen_person = NaturalPersonFactory(name="李华", user=w.citizen)
    w.company_user = UserFactory(username="company")
    w.company = LegalPersonFactory(name="兰州示例商贸有限公司", user=w.company_user)
    return w


@pytest.fixture
def login(db: None) -> Callable[[object], Client]:
    """``login(user)`` → a test client signed in as that user (Chinese by default)."""

    def make(user: object) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
