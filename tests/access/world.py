"""The data set of the access test: two counties, every demo login, and one object of each kind
inside county A and one inside county B.

Built once per test module inside a transaction that is rolled back at the end (see
``test_access.access_world``), so it never meets another test's data and needs no files outside
the test's temporary folder. The personas carry the demo's login names and roles (README, "Demo
logins"), and a second county's staff carry a ``b_`` prefix.
"""

from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.models import Case, JointService, JointServiceItem
from onewindow.cases.services import acceptance, intake
from onewindow.cases.services.intake import MaterialInput
from onewindow.catalog import attachments
from onewindow.catalog import services as catalog_services
from onewindow.catalog.choices import ChangeKind
from onewindow.core.identity_makers import make_resident_id
from onewindow.evaluation import services as evaluation
from onewindow.notifications.models import Message
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
from onewindow.queue.choices import ApplicantKind
from onewindow.queue.models import Category
from onewindow.queue.services.tickets import ticket_take
from onewindow.registries.factories import LegalPersonFactory, NaturalPersonFactory
from onewindow.supervision import cards, urging

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"

# Personas of county A carry the demo's login names; county B's staff a "b_" prefix.
PERSONAS_A = (
    "clerk",
    "clerk_town",
    "reviewer",
    "approver",
    "manager",
    "supervisor",
    "hotline",
    "admin",
    "catalog",
    "citizen",
    "company",
)
PERSONAS_B = ("b_clerk", "b_reviewer", "b_manager", "b_supervisor", "b_admin")
ANONYMOUS = "anonymous"
PERSONAS = (ANONYMOUS, *PERSONAS_A, *PERSONAS_B)


def county_of(persona: str) -> str:
    """ "b" for the second county's staff, "a" for everyone else (anonymous included)."""
    return "b" if persona.startswith("b_") else "a"


@dataclass
class AccessWorld:
    users: dict[str, Any] = field(default_factory=dict)
    # kind → {"a": object of county A, "b": object of county B}
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)

    def pair(self, kind: str, a: Any, b: Any) -> None:
        self.objects[kind] = {"a": a, "b": b}


def _staff(username: str, role: Role, **scope: object):
    staff = StaffFactory(user=UserFactory(username=username))
    AssignmentFactory(staff=staff, role=role, **scope)
    return staff.user


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _online_case(*, user: Any, applicant: Any, entry: Any, clerk: Any) -> Case:
    """An online application with uploads, submitted and accepted by the center's clerk."""
    answers = ["self"]
    materials = [
        MaterialInput(position=p, upload=_pdf(f"m{p}.pdf"))
        for p, _m in intake.checklist_lines(entry.current_version, answers)
    ]
    case = intake.case_draft_save(
        user=user,
        entry=entry,
        applicant=applicant,
        answers=answers,
        materials=materials,
        submission_key=uuid.uuid4(),
    )
    case = intake.case_submit(case=case, actor=user, expected_revision=case.revision)
    return acceptance.case_accept(case=case, actor=clerk, expected_revision=case.revision)


def build() -> AccessWorld:
    w = AccessWorld()
    province = ProvinceFactory()
    city = CityFactory(parent=province)
    county_a = Region.objects.create(
        code="620123000000", name="榆中县", level=RegionLevel.COUNTY, parent=city
    )
    town_a = Region.objects.create(
        code="620123100000", name="城关镇", level=RegionLevel.TOWNSHIP, parent=county_a
    )
    county_b = Region.objects.create(
        code="620121000000", name="永登县", level=RegionLevel.COUNTY, parent=city
    )
    center_a = PlaceFactory(name="榆中县政务服务中心", region=county_a)
    town_center_a = PlaceFactory(
        name="城关镇便民服务中心", region=town_a, kind=PlaceKind.CONVENIENCE_CENTER
    )
    center_b = PlaceFactory(name="永登县政务服务中心", region=county_b)
    dept_x = DepartmentFactory(name="榆中县市场监督管理局", region=county_a)
    dept_z = DepartmentFactory(name="永登县市场监督管理局", region=county_b)
    dept_x.places.add(center_a)
    dept_z.places.add(center_b)
    window_a = WindowFactory(place=center_a, number="C01", name="公民个人综合受理")
    WindowFactory(
        place=center_a, number="E01", name="统一出件", kind=WindowKind.DELIVERY, category=""
    )
    window_town = WindowFactory(place=town_center_a, number="01", name="综合受理")
    window_b = WindowFactory(place=center_b, number="C01", name="公民个人综合受理")

    u = w.users
    u["clerk"] = _staff("clerk", Role.WINDOW_CLERK, place=center_a, window=window_a)
    u["clerk_town"] = _staff(
        "clerk_town", Role.WINDOW_CLERK, place=town_center_a, window=window_town
    )
    u["reviewer"] = _staff("reviewer", Role.REVIEWER, department=dept_x)
    u["approver"] = _staff("approver", Role.APPROVER, department=dept_x)
    u["manager"] = _staff("manager", Role.CENTER_MANAGER, place=center_a)
    u["supervisor"] = _staff("supervisor", Role.SUPERVISOR, region=county_a)
    u["hotline"] = _staff("hotline", Role.HOTLINE_AGENT, region=county_a)
    u["admin"] = _staff("admin", Role.ADMINISTRATOR, region=county_a)
    u["catalog"] = _staff("catalog", Role.CATALOG_MANAGER, region=county_a)
    u["b_clerk"] = _staff("b_clerk", Role.WINDOW_CLERK, place=center_b, window=window_b)
    u["b_reviewer"] = _staff("b_reviewer", Role.REVIEWER, department=dept_z)
    u["b_manager"] = _staff("b_manager", Role.CENTER_MANAGER, place=center_b)
    u["b_supervisor"] = _staff("b_supervisor", Role.SUPERVISOR, region=county_b)
    u["b_admin"] = _staff("b_admin", Role.ADMINISTRATOR, region=county_b)
    for name in ("admin", "b_admin"):
        u[name].is_staff = True
        u[name].save(update_fields=["is_staff"])
    u["citizen"] = UserFactory(username="citizen", name="李华")
    citizen_person = NaturalPersonFactory(name="李华", user=u["citizen"])
    u["company"] = UserFactory(username="company")
    company = LegalPersonFactory(name="兰州示例商贸有限公司", user=u["company"])
    # Another citizen, of county B: the owner of the case outside the citizen's scope.
    other_user = UserFactory(username="citizen_b", name="张伟")
    other_person = NaturalPersonFactory(name="张伟", user=other_user)

    w.pair("region", county_a, county_b)
    w.pair("window", window_a, window_b)
    w.pair("staff", u["clerk"].staff, u["b_clerk"].staff)
    w.pair("user", u["clerk"], u["b_clerk"])
    w.pair("place", center_a, center_b)
    w.pair("department", dept_x, dept_z)
    w.pair("person", citizen_person, other_person)
    w.pair("organisation", company, LegalPersonFactory(name="永登县示例有限公司"))

    entry_x = licence_entry(dept_x)
    entry_z = licence_entry(dept_z, name="永登个体工商户设立登记")
    w.pair("entry", entry_x, entry_z)
    w.pair(
        "attachment",
        attachments.attachment_upload(actor=None, department=dept_x, name="申请书.pdf", data=PDF),
        attachments.attachment_upload(
            actor=None, department=dept_z, name="申请书.pdf", data=PDF + b"\n"
        ),
    )
    effective = datetime.date(2030, 1, 1)
    w.pair(
        "change",
        catalog_services.change_draft(
            actor=u["reviewer"],
            kind=ChangeKind.SUSPEND,
            department=dept_x,
            reason="暂停办理，等待系统升级。",
            effective_date=effective,
            entry=entry_x,
        ),
        catalog_services.change_draft(
            actor=u["b_reviewer"],
            kind=ChangeKind.SUSPEND,
            department=dept_z,
            reason="暂停办理，等待系统升级。",
            effective_date=effective,
            entry=entry_z,
        ),
    )
    joint_a = JointService.objects.create(code="YJSA", name="开办个体店一件事", region=county_a)
    JointServiceItem.objects.create(joint=joint_a, entry=entry_x, stage=1)
    joint_b = JointService.objects.create(code="YJSB", name="永登开店一件事", region=county_b)
    JointServiceItem.objects.create(joint=joint_b, entry=entry_z, stage=1)
    w.pair("joint", joint_a, joint_b)

    case_a = _online_case(
        user=u["citizen"], applicant=citizen_person, entry=entry_x, clerk=u["clerk"]
    )
    case_b = _online_case(
        user=other_user, applicant=other_person, entry=entry_z, clerk=u["b_clerk"]
    )
    w.pair("case", case_a, case_b)
    w.pair(
        "document", case_a.documents.order_by("pk").first(), case_b.documents.order_by("pk").first()
    )
    w.pair(
        "message",
        Message.objects.filter(region_code__startswith="620123").order_by("pk").first(),
        Message.objects.filter(region_code__startswith="620121").order_by("pk").first(),
    )
    w.pair(
        "urging",
        urging.urging_send(case=case_a, actor=u["supervisor"], message="请尽快办理此件。"),
        urging.urging_send(case=case_b, actor=u["b_supervisor"], message="请尽快办理此件。"),
    )
    w.pair(
        "card",
        cards.card_issue(
            department=dept_x,
            colour="yellow",
            reason="多件办件超期未办结，群众反映强烈，请限期整改。",
            actor=u["supervisor"],
        ),
        cards.card_issue(
            department=dept_z,
            colour="yellow",
            reason="多件办件超期未办结，群众反映强烈，请限期整改。",
            actor=u["b_supervisor"],
        ),
    )
    # 好差评: per county a refused case not yet rated (the rating pages), and one rated 差评
    # with its loop open at the unit that served.
    rateable, rated = [], []
    for county, person, user in (
        ("", citizen_person, u["citizen"]),
        ("b_", other_person, other_user),
    ):
        clerk, manager = u[f"{county}clerk"], u[f"{county}manager"]
        place, entry = (center_a, entry_x) if not county else (center_b, entry_z)
        cases = []
        for _ in range(2):
            case = receive_case(clerk=clerk, place=place, entry=entry, applicant=person)
            acceptance.case_propose_refusal(
                case=case,
                actor=clerk,
                reason="不属于本机关职权范围",
                basis="行政许可法第三十二条",
                expected_revision=case.revision,
            )
            case = acceptance.case_confirm_refusal(
                case=case, actor=manager, expected_revision=case.revision
            )
            cases.append(case)
        rateable.append(cases[0])
        rated.append(
            evaluation.rate(
                case=cases[1], actor=user, level=5, reasons=["slow"], comment="等了很久"
            ).review
        )
    w.pair(
        "complaint",
        *[
            evaluation.complaint_file(
                actor=u[f"{county}clerk"],
                channel="window",
                place=place,
                about="service",
                content="排队时间过长，无人引导。",
                name="王小明",
                phone="13912345678",
            )
            for county, place in (("", center_a), ("b_", center_b))
        ],
    )
    w.pair("rateable", *rateable)
    w.pair("review", *rated)

    w.pair("ticket", _ticket(center_a, window_a), _ticket(center_b, window_b))
    return w


def _ticket(place: Any, window: Any) -> Any:
    """A waiting queue ticket of the center, in a category its comprehensive window serves."""
    category = Category.objects.create(place=place, letter="A", name="个人事务")
    category.windows.add(window)
    return ticket_take(
        place=place,
        category=category,
        applicant_kind=ApplicantKind.PERSON,
        number=make_resident_id(random.Random(place.pk), area="620123"),
    )
