"""Loads the demo county through the domain services, so demo rows pass every real validation.

Deterministic: the same seed gives the same people, numbers and posts. Idempotent: a county that is
already loaded is left untouched.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from faker import Faker

from onewindow.catalog.models import Entry
from onewindow.core.identity_makers import make_resident_id, make_uscc
from onewindow.deadlines.services import calendar_seed_from_library
from onewindow.demo import (
    county,
    evaluation_ratings,
    queue_loader,
    supervision_cards,
    supervision_urgings,
)
from onewindow.demo.cases_loader import load_cases
from onewindow.demo.catalog_loader import load_catalog
from onewindow.demo.county import DEFAULT_SEED
from onewindow.demo.personas import PERSONAS, Persona, demo_personas, is_loaded
from onewindow.organisations import services as org
from onewindow.organisations.choices import BusinessCategory, PlaceKind, Role, WindowKind
from onewindow.organisations.models import Department, Region, ServicePlace, Staff, Window
from onewindow.registries import services as reg
from onewindow.registries.choices import AgentRelation, LegalPersonType, RealNameLevel
from onewindow.supervision.sweep import warnings_sweep

__all__ = ["DEFAULT_SEED", "PERSONAS", "DemoSummary", "Persona", "demo_personas", "load_demo"]


@dataclass
class DemoSummary:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    personas: list[Persona] = field(default_factory=list)


class _Builder:
    def __init__(self, seed: int, password: str) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.password_hash = make_password(password)
        self.staff_serial = 0
        self.used_phones: set[str] = set()

    def phone(self) -> str:
        while True:
            head = f"1{self.rng.choice('3578')}{self.rng.randint(0, 9)}"
            number = f"{head}{self.rng.randint(0, 99999999):08d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def staff(
        self, role: Role, *, username: str | None = None, title: str = "", **scope: Any
    ) -> Staff:
        self.staff_serial += 1
        employee_no = f"YZ{self.staff_serial:04d}"
        person = org.staff_create(
            username=username or f"s{self.staff_serial:04d}",
            name=self.fake.name(),
            employee_no=employee_no,
            password=None,
            phone=self.phone(),
            title=title,
        )
        org.role_grant(staff=person, role=role, **scope)
        return person


@transaction.atomic
def load_demo(*, seed: int = DEFAULT_SEED, password: str, with_cases: bool = True) -> DemoSummary:
    """Create the demo county unless it exists. Returns what was created and the logins."""
    if is_loaded():
        return DemoSummary(created=False, personas=demo_personas())
    b = _Builder(seed, password)
    rng = b.rng
    # A flushed database (tests, benchmarks) has lost the calendar the migrations seeded; the
    # demo also loads next year's provisional schedule so December cases get a deadline (the
    # administrator is warned to confirm it against the State Council's notice).
    calendar_seed_from_library(years=range(2004, 2027), missing_only=True)
    calendar_seed_from_library(years=[2027], missing_only=True)

    # --- regions -------------------------------------------------------------------------------
    province = Region.objects.filter(code=county.PROVINCE[0]).first() or org.region_create(
        code=county.PROVINCE[0], name=county.PROVINCE[1]
    )
    city = Region.objects.filter(code=county.CITY[0]).first() or org.region_create(
        code=county.CITY[0], name=county.CITY[1], parent=province
    )
    the_county = org.region_create(code=county.COUNTY[0], name=county.COUNTY[1], parent=city)
    townships: list[tuple[Region, list[Region]]] = []
    for suffix, name, village_names in county.TOWNSHIPS:
        town = org.region_create(code=f"620123{suffix}000", name=name, parent=the_county)
        community_no, village_no = 1, 201
        members = []
        for village_name in village_names:
            if village_name.endswith("社区"):
                code, community_no = f"620123{suffix}{community_no:03d}", community_no + 1
            else:
                code, village_no = f"620123{suffix}{village_no:03d}", village_no + 1
            members.append(org.region_create(code=code, name=village_name, parent=town))
        townships.append((town, members))

    # --- places ----------------------------------------------------------------------------------
    center = org.place_create(
        name="榆中县政务服务中心",
        kind=PlaceKind.GOVERNMENT_CENTER,
        region=the_county,
        address=county.CENTER_ADDRESS,
        phone=county.CENTER_PHONE,
        opening_hours=county.HOURS,
    )
    org.place_create(
        name="榆中县网上办事大厅",
        kind=PlaceKind.ONLINE_HALL,
        region=the_county,
        phone="12345",
        opening_hours="全天候 7×24 小时",
    )

    # --- departments -----------------------------------------------------------------------------
    departments: dict[str, Department] = {}
    for name, short, phone in county.DEPARTMENTS:
        # The codes are fixed (the catalog workbooks name the bodies by them); the draw that once
        # made them is still taken, so that a seed keeps giving the same people.
        make_uscc(rng, kind="11", region="620123")
        departments[short] = org.department_create(
            name=name,
            short_name=short,
            uscc=county.DEPARTMENT_USCC[short],
            region=the_county,
            phone=f"0931-{phone}",
            complaint_phone="12345",
            places=[center],
        )

    # --- windows and their clerks ----------------------------------------------------------------
    for number, name, kind, category, dept in county.CENTER_WINDOWS:
        window = org.window_create(
            place=center,
            number=number,
            name=name,
            kind=kind,
            category=category,
            department=departments[dept] if dept else None,
        )
        username = "clerk" if number == "C01" else None
        b.staff(
            Role.WINDOW_CLERK, username=username, title="窗口工作人员", place=center, window=window
        )
    # The personal and business comprehensive windows are authorised to decide 即办件 on the spot.
    Window.objects.filter(
        place=center,
        kind=WindowKind.COMPREHENSIVE,
        category__in=[BusinessCategory.PERSONAL, BusinessCategory.ENTERPRISE],
    ).update(decides_on_spot=True)

    for (town, villages), street in zip(townships, county.STREETS, strict=False):
        hub = org.place_create(
            name=f"{town.name}便民服务中心",
            kind=PlaceKind.CONVENIENCE_CENTER,
            region=town,
            address=f"榆中县{town.name}{street}{rng.randint(1, 120)}号",
            phone=f"0931-52{rng.randint(30000, 99999)}",
            opening_hours="周一至周五 9:00-12:00, 14:30-17:30",
        )
        for number, name, kind, category in county.TOWNSHIP_WINDOWS:
            window = org.window_create(
                place=hub, number=number, name=name, kind=kind, category=category
            )
            username = "clerk_town" if town.name == "城关镇" and number == "01" else None
            b.staff(
                Role.WINDOW_CLERK, username=username, title="便民服务专员", place=hub, window=window
            )
        b.staff(Role.CENTER_MANAGER, title="便民服务中心主任", place=hub)
        for village in villages:
            station = org.place_create(
                name=f"{village.name}便民服务站",
                kind=PlaceKind.CONVENIENCE_STATION,
                region=village,
                address=f"榆中县{town.name}{village.name}"
                + ("居委会" if village.name.endswith("社区") else "村委会"),
                phone=b.phone(),
                opening_hours="工作日 9:00-17:00（代办员可预约上门）",
            )
            window = org.window_create(
                place=station,
                number="01",
                name="便民代办",
                kind="comprehensive",
                category="personal",
            )
            b.staff(Role.WINDOW_CLERK, title="村级代办员", place=station, window=window)

    # --- back office, management, supervision, hotline, administration ---------------------------
    for short, department in departments.items():
        is_demo = short == "市场监管局"
        b.staff(
            Role.REVIEWER,
            username="reviewer" if is_demo else None,
            title="审查员",
            department=department,
        )
        b.staff(Role.REVIEWER, title="审查员", department=department)
        b.staff(
            Role.APPROVER,
            username="approver" if is_demo else None,
            title="分管负责人",
            department=department,
        )
    b.staff(Role.CENTER_MANAGER, username="manager", title="中心主任", place=center)
    b.staff(Role.CENTER_MANAGER, title="中心副主任", place=center)
    b.staff(Role.SUPERVISOR, username="supervisor", title="电子监察室", region=the_county)
    b.staff(Role.SUPERVISOR, title="电子监察室", region=the_county)
    for i in range(3):
        b.staff(
            Role.HOTLINE_AGENT,
            username="hotline" if i == 0 else None,
            title="12345 坐席",
            region=the_county,
        )
    b.staff(Role.ADMINISTRATOR, username="admin", title="系统管理员", region=the_county)
    catalog_manager = b.staff(
        Role.CATALOG_MANAGER, username="catalog", title="事项目录管理员", region=the_county
    )

    # --- service catalog: the guides of the departments' high-frequency items ------------------
    # Imported by the catalog manager from the departments' list workbooks, as a real county's
    # lists are, so the demo exercises the importer.
    load_catalog(actor=catalog_manager.user)

    # --- applicants ------------------------------------------------------------------------------
    persons = []
    for _ in range(300):
        female = rng.random() < 0.5
        town, villages = rng.choice(townships)
        village = rng.choice(villages)
        persons.append(
            reg.natural_person_register(
                id_number=make_resident_id(rng, female=female),
                name=b.fake.name_female() if female else b.fake.name_male(),
                phone=b.phone(),
                address=f"甘肃省兰州市榆中县{town.name}{village.name}{rng.randint(1, 199)}号",
                real_name_level=rng.choice(list(RealNameLevel)),
            )
        )
    kinds = [
        ("91", LegalPersonType.ENTERPRISE, "有限公司"),
        ("92", LegalPersonType.INDIVIDUAL_BUSINESS, "商行"),
        ("93", LegalPersonType.COOPERATIVE, "种植专业合作社"),
    ]
    organisations = []
    for i in range(60):
        code, kind, suffix = kinds[i % 3]
        representative = persons[i]
        stem = b.fake.company_prefix()
        organisations.append(
            reg.legal_person_register(
                uscc=make_uscc(rng, kind=code, region="620123"),
                name=f"榆中县{stem}{suffix}"
                if kind != LegalPersonType.ENTERPRISE
                else f"兰州{stem}{b.fake.company_suffix()}",
                kind=kind,
                representative_name=representative.name,
                representative_id_number=representative.id_number,
                phone=b.phone(),
                address=f"甘肃省兰州市榆中县{rng.choice(county.STREETS)}{rng.randint(1, 300)}号",
            )
        )
    today = datetime.date(2026, 11, 1)
    for i in range(24):
        agent = persons[100 + i]
        principal = organisations[i] if i % 2 else persons[200 + i]
        reg.agent_authorize(
            agent=agent,
            principal=principal,
            relation=AgentRelation.EMPLOYEE if i % 2 else AgentRelation.FAMILY,
            matters="代为办理政务服务事项的申请、补正与领取",
            valid_from=today - datetime.timedelta(days=rng.randint(0, 300)),
            valid_until=today + datetime.timedelta(days=rng.randint(30, 700)),
        )

    # Portal accounts for the demo citizen and company.
    user_model = get_user_model()
    citizen = persons[0]
    citizen.user = user_model.objects.create(username="citizen", name=citizen.name)
    citizen.save(update_fields=["user"])
    company = organisations[0]
    company.user = user_model.objects.create(username="company", name=company.name)
    company.save(update_fields=["user"])
    reg.agent_authorize(
        agent=citizen,
        principal=persons[1],
        relation=AgentRelation.FAMILY,
        matters="代为办理养老保险与医保事项",
        valid_from=today,
        valid_until=today + datetime.timedelta(days=365),
    )

    # Cases over the last months, through the case services (also opens a few portal accounts).
    # Tests that need the county but not its history skip the cases (they are most of the time).
    cases = load_cases(county=the_county, center=center, seed=seed) if with_cases else 0
    if with_cases:
        warnings_sweep()  # the supervisor's yellow and red lists are filled at once
        today = timezone.localdate()
        supervision_urgings.load(today)
        supervision_cards.load(today)
        evaluation_ratings.load()

    # The province's administrator sets the national holiday schedule, which a county's
    # administrator may not (issue 17 item 7). Last, so the county's random data stays as it was.
    b.staff(Role.ADMINISTRATOR, username="admin_province", title="省级系统管理员", region=province)

    # Today's queue in the center's hall (kiosk, console, board).
    queue_loader.load(center, persons, seed)

    # One password for every demo login, hashed once: hashing is deliberately slow.
    user_model.objects.all().update(password=b.password_hash)

    return DemoSummary(
        created=True,
        counts={
            "regions": Region.objects.count(),
            "places": ServicePlace.objects.count(),
            "departments": Department.objects.count(),
            "staff": Staff.objects.count(),
            "persons": len(persons),
            "organisations": len(organisations),
            "catalog entries": Entry.objects.count(),
            "cases": cases,
        },
        personas=demo_personas(),
    )
