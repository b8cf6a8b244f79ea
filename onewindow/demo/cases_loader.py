"""Demo cases (办件) of the demo county: a few hundred, in every state, over the last four months.

Every case is created and moved only through the case services, each action with its real time
(``at=``), so events, steps, formal documents and notifications agree. Times are working minutes
on the county center's calendar (8:30-12:00, 14:30-18:00 on working days), counted back from now;
the choices come from a seeded ``random.Random``, so one seed gives the same cases on the same day.
The paths and their wording are in ``cases_paths``.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from onewindow.cases.choices import CaseKind, Channel, DeliveryMethod
from onewindow.cases.models import Case, CaseDocument, CaseEvent, JointService, JointServiceItem
from onewindow.cases.services import acceptance
from onewindow.cases.services.intake import checklist_lines, online_possible
from onewindow.cases.services.joint import joint_checklist
from onewindow.cases.services.steps import review_steps
from onewindow.catalog.choices import MaterialForm, Necessity, TongbanScope
from onewindow.catalog.models import Entry
from onewindow.catalog.schema import Guide
from onewindow.deadlines.calendar import CalendarNotLoaded, calendar_for
from onewindow.demo.cases_paths import D, Desk, Story, can_deny, procedure_kinds
from onewindow.notifications.choices import MessageStatus
from onewindow.notifications.models import Message
from onewindow.organisations.choices import PlaceKind, Role
from onewindow.organisations.models import Assignment, ServicePlace
from onewindow.registries.choices import LegalPersonType
from onewindow.registries.models import AgentAuthorization, LegalPerson, NaturalPerson

if TYPE_CHECKING:
    from onewindow.organisations.models import Region

SPAN_DAYS = 125  # about four months of working days back from today
MORNING, AFTERNOON, HALF = 8 * 60 + 30, 14 * 60 + 30, 210  # minutes of the day; half a day

# (scenario, how many). Joint applications and the personas' cases come on top.
SCENARIOS = (
    ("completed", 52), ("mail", 12), ("electronic", 16), ("corrected", 12), ("back_return", 6),
    ("procedure", 10), ("extension", 3), ("step_return", 4), ("denied", 8), ("deferred_done", 5),
    ("commitment", 4), ("spot", 32), ("instant", 12), ("refused", 7), ("refusal_rejected", 2),
    ("refusal_pending", 4), ("received", 10), ("auto", 5), ("correction", 8), ("in_review", 18),
    ("overdue", 7), ("suspended", 7), ("decided", 5), ("ready", 10), ("mailed", 5),
    ("withdrawn", 6), ("returned", 5), ("deferred_overdue", 4), ("commitment_open", 3),
)  # fmt: skip
PERSONA_CASES = {
    "citizen": ("electronic", "in_review", "correction", "ready", "received", "withdrawn", "mail"),
    "company": ("electronic", "commitment_open", "mailed", "decided", "refused"),
}
# How long ago the last action of an open case happened (working minutes); others: any time.
AGES = {
    "refusal_pending": (0, D), "correction": (0, 10 * D), "in_review": (0, 2 * D),
    "suspended": (0, 5 * D), "decided": (0, D // 2), "ready": (0, 8 * D), "mailed": (0, 2 * D),
    "deferred_overdue": (6 * D, 15 * D), "commitment_open": (0, 2 * D),
    "joint_stage": (0, 3 * D), "joint_suspended": (0, 4 * D), "joint_ready": (0, 6 * D),
    "joint_decided": (0, D // 2),
}  # fmt: skip
NEEDS_REVIEW = {"completed", "mail", "electronic", "corrected", "back_return", "denied", "decided"}
NEEDS_REVIEW |= {"ready", "mailed", "in_review", "overdue", "withdrawn", "refusal_rejected"}
ONLINE_OK = NEEDS_REVIEW | {"received", "correction", "refused", "refusal_pending", "returned"}
CENTER_DESKS = {
    "enterprise": ("A01", "A02", "A03", "A04"), "construction": ("B01", "B02", "B03"),
    "personal": ("C01", "C02", "C03"), "social": ("C04", "C05"), "real_estate": ("D01",),
    "tax": ("D02",), "public_security": ("D03",),
}  # fmt: skip
JOINTS = (
    (
        "YJS620123001",
        "开办餐饮店一件事",
        "个体工商户设立登记后，食品经营许可与公共场所卫生许可并联办理：一次告知、一表申请、"
        "一窗受理、一次办好。",
        ((1, "个体工商户设立登记"), (2, "食品经营许可（新办）"), (2, "公共场所卫生许可")),
    ),
    (
        "YJS620123002",
        "工程建设项目审批一件事",
        "立项、用地、规划、施工、验收五个阶段，一窗受理、分段并联审批、限时办结。",
        (
            (1, "企业投资项目备案"),
            (2, "建设项目用地预审与选址意见书核发"),
            (3, "建设用地规划许可证核发"),
            (3, "建设工程规划许可证核发"),
            (4, "建筑工程施工许可证核发"),
            (5, "特殊建设工程消防验收"),
            (5, "房屋建筑和市政基础设施工程竣工验收备案"),
        ),
    ),
)
JOINT_CASES = (  # (joint code, scenario, applicant: "person" / "company" / "enterprise")
    *[("YJS620123001", s, "person") for s in ("joint_completed",) * 4],
    ("YJS620123001", "joint_ready", "person"),
    ("YJS620123001", "joint_denied", "person"),
    ("YJS620123001", "joint_stage", "person"),
    ("YJS620123001", "joint_suspended", "person"),
    ("YJS620123002", "joint_completed", "enterprise"),
    ("YJS620123002", "joint_stage", "company"),
    ("YJS620123002", "joint_stage", "enterprise"),
    ("YJS620123002", "joint_decided", "enterprise"),
)


def joint_services_create(region: Region) -> dict[str, JointService]:
    """The two 一件事 of the demo county, from entries of the demo catalog."""
    entries = {e.name: e for e in Entry.objects.filter(region=region)}
    result = {}
    for code, name, description, items in JOINTS:
        joint, created = JointService.objects.get_or_create(
            code=code, defaults={"name": name, "region": region, "description": description}
        )
        if created:
            for stage, entry_name in items:
                JointServiceItem.objects.create(joint=joint, entry=entries[entry_name], stage=stage)
        result[code] = joint
    return result


# --- time ------------------------------------------------------------------------------------


class Axis:
    """Working minutes of the last ``SPAN_DAYS`` days, up to the last whole minute before now."""

    def __init__(self, place: ServicePlace, now: datetime.datetime) -> None:
        self.calendar = calendar_for(place)
        self.tz = timezone.get_current_timezone()
        local = timezone.localtime(now)
        self.today = local.date()
        first = self.today - datetime.timedelta(days=SPAN_DAYS)
        days = (first + datetime.timedelta(days=i) for i in range(SPAN_DAYS + 1))
        self.days = [d for d in days if self.is_workday(d)]
        elapsed = len(self.days) * D
        if self.days and self.days[-1] == self.today:
            minute = local.hour * 60 + local.minute
            done = min(max(minute - MORNING, 0), HALF) + min(max(minute - AFTERNOON, 0), HALF)
            elapsed -= D - done
        self.limit = elapsed - 1

    def is_workday(self, day: datetime.date) -> bool:
        try:
            return self.calendar.is_workday(day)
        except CalendarNotLoaded:  # a year nobody loaded yet: Monday to Friday
            return day.weekday() < 5

    def at(self, index: int) -> datetime.datetime:
        day, minute = divmod(index, D)
        minute = MORNING + minute if minute < HALF else AFTERNOON + minute - HALF
        clock = datetime.time(minute // 60, minute % 60, (index * 37) % 60)
        return datetime.datetime.combine(self.days[day], clock, tzinfo=self.tz)

    def days_back(self, received_back: int) -> datetime.date:
        return self.days[self.limit // D - received_back]

    def auto_accepted(self, received_back: int) -> bool:
        """Would an application received that many working days ago be accepted by §32 today?"""
        try:
            due = self.calendar.add_days(self.days_back(received_back), 5)
        except CalendarNotLoaded:  # the case gets no §32 date, so it is never auto-accepted
            return False
        return due < self.today


# --- who is who ------------------------------------------------------------------------------


@dataclass
class Cast:
    center: ServicePlace
    hubs: list[ServicePlace]
    clerks: dict[tuple[int, str], tuple[Any, Any]]  # (place, window number) → (user, window)
    desks: dict[int, Desk]
    managers: dict[int, Any]
    persons: list[NaturalPerson]
    enterprises: list[LegalPerson]
    others: list[LegalPerson]
    accounts: dict[Any, Any] = field(default_factory=dict)  # applicant → portal user
    authorised: dict[int, NaturalPerson] = field(default_factory=dict)

    @classmethod
    def build(cls, county: Region, center: ServicePlace) -> Cast:
        users: dict[int, Any] = {}  # one object per user: it caches its assignments
        clerks: dict[tuple[int, str], tuple[Any, Any]] = {}
        desks: dict[int, Desk] = {}
        managers: dict[int, Any] = {}
        rows = Assignment.objects.select_related("staff__user", "window")
        for a in rows.order_by("pk"):
            user = users.setdefault(a.staff.user_id, a.staff.user)
            if a.role == Role.WINDOW_CLERK and a.window is not None and a.place_id is not None:
                clerks.setdefault((a.place_id, a.window.number), (user, a.window))
            elif a.role in (Role.REVIEWER, Role.APPROVER) and a.department_id is not None:
                # Every demo department has an approver: it is filled in when its row comes.
                desk = desks.setdefault(a.department_id, Desk([], None))  # type: ignore[arg-type]
                if a.role == Role.REVIEWER:
                    desk.reviewers.append(user)
                else:
                    desk.approver = desk.approver or user
            elif (
                a.role == Role.CENTER_MANAGER
                and a.place_id is not None
                and (a.place_id not in managers or user.username == "manager")
            ):
                managers[a.place_id] = user
        hubs = list(
            ServicePlace.objects.filter(
                kind=PlaceKind.CONVENIENCE_CENTER, region__code__startswith=county.code[:6]
            ).order_by("pk")
        )
        orgs = list(LegalPerson.objects.order_by("pk"))
        cast = cls(
            center=center,
            hubs=hubs,
            clerks=clerks,
            desks=desks,
            managers=managers,
            persons=list(NaturalPerson.objects.order_by("pk")),
            enterprises=[o for o in orgs if o.kind == LegalPersonType.ENTERPRISE],
            others=[o for o in orgs if o.kind != LegalPersonType.ENTERPRISE],
        )
        authorisations = AgentAuthorization.objects.filter(principal_person__isnull=False)
        for authorisation in authorisations.select_related("agent").order_by("pk"):
            if authorisation.principal_person_id is not None:  # filtered above
                cast.authorised.setdefault(authorisation.principal_person_id, authorisation.agent)
        cast._open_accounts(orgs)
        return cast

    def _open_accounts(self, orgs: list[LegalPerson]) -> None:
        """Portal accounts: the demo citizen and company, and a few more who apply online."""
        user_model = get_user_model()
        people = [p for p in self.persons if p.user_id] + self.persons[40:46]
        companies = [o for o in orgs if o.user_id] + self.enterprises[3:6]
        for holder, username in [(p, p.id_number) for p in people] + [
            (o, o.uscc) for o in companies
        ]:
            if holder.user_id is None:
                holder.user = user_model.objects.create(username=username, name=holder.name)
                holder.save(update_fields=["user"])
            self.accounts[holder] = holder.user

    def clerk_for(
        self, place: ServicePlace, entry: Entry, rng: random.Random, *, spot: bool = False
    ) -> tuple[Any, Any]:
        if place.pk != self.center.pk:
            number = "02" if entry.item.category == "social" else "01"
            return self.clerks[(place.pk, number)]
        numbers = CENTER_DESKS.get(entry.item.category, ("C01",))
        if entry.department.short_name in ("人社局", "医保局") and not spot and rng.random() < 0.4:
            numbers = ("D04",)
        return self.clerks[(place.pk, rng.choice(numbers))]

    def handover(self, place: ServicePlace) -> dict[str, Any]:
        if place.pk == self.center.pk:
            return {
                DeliveryMethod.PICKUP: self.clerks[(place.pk, "E01")][0],
                DeliveryMethod.MAIL: self.clerks[(place.pk, "E02")][0],
            }
        clerk = self.clerks[(place.pk, "03")][0]
        return {DeliveryMethod.PICKUP: clerk, DeliveryMethod.MAIL: clerk}


# --- planning --------------------------------------------------------------------------------


def _answers(guide: Guide, rng: random.Random) -> list[str]:
    return [rng.choice(q.options).code for q in guide.questions]


def _kinds(guide: Guide) -> set[str]:
    objects = set(guide.service_objects)
    kinds = {"person"} if "natural_person" in objects else set()
    return kinds | ({"enterprise", "other"} & objects)


def _promised(guide: Guide) -> int:
    return guide.promised_days * (5 if guide.promised_unit == "calendar" else 7) // 7


class Planner:
    def __init__(self, rng: random.Random, cast: Cast, axis: Axis, joints: dict) -> None:
        self.rng, self.cast, self.axis, self.joints = rng, cast, axis, joints
        self.entries = list(
            Entry.objects.filter(region=cast.center.region, current_version__isnull=False)
            .select_related("current_version", "department", "item")
            .order_by("code")
        )
        self.used: Counter[int] = Counter()
        self.waiting = 0  # received applications planned so far

    def plan(self) -> list[Story]:
        stories = [self.story(scenario) for scenario, n in SCENARIOS for _ in range(n)]
        citizen = next(p for p in self.cast.persons if p.user_id)
        company = next(o for o in self.cast.enterprises if o.user_id)
        for holder, scenarios in ((citizen, "citizen"), (company, "company")):
            for scenario in PERSONA_CASES[scenarios]:
                online = scenario not in ("ready", "mail", "decided", "commitment_open")
                stories.append(self.story(scenario, applicant=holder, online=online))
        # The citizen files for a relative she is authorised to act for.
        relative = next(p for p, agent in self.cast.authorised.items() if agent.pk == citizen.pk)
        stories.append(
            self.story(
                "electronic",
                applicant=NaturalPerson.objects.get(pk=relative),
                online=True,
                user=citizen.user,
            )
        )
        for code, scenario, who in JOINT_CASES:
            applicant = {"person": None, "company": company}.get(who)
            stories.append(self.joint_story(code, scenario, applicant, who))
        return [s for s in stories if s is not None]

    # -- one case -----------------------------------------------------------------------------

    def fits(self, entry: Entry, scenario: str) -> bool:
        c = entry.effective_version.guide
        instant = c.case_type == "1"
        category = entry.item.category
        checks = {
            "spot": instant and category in ("enterprise", "personal"),
            "instant": instant and category not in ("enterprise", "personal"),
            "procedure": not instant and bool(procedure_kinds(c)),
            "suspended": not instant and bool(procedure_kinds(c)),
            "extension": not instant and _promised(c) >= 5,
            "step_return": not instant and len(review_steps(c)) >= 2,
            "denied": not instant and can_deny(c),
            "commitment": bool(c.allows_commitment),
            "commitment_open": bool(c.allows_commitment),
            "overdue": not instant and _promised(c) >= 3,
            "mail": not instant and bool(c.express),
            "mailed": not instant and bool(c.express),
        }
        # Lines handed in whatever the answers: what a correction or 容缺 can be about.
        handed = [
            m.necessity for m in c.materials if m.form != MaterialForm.FETCHED and not m.situations
        ]
        if scenario.startswith("deferred"):
            return not instant and Necessity.DEFERRABLE in handed
        if scenario in ("correction", "returned", "corrected", "back_return") and not (
            set(handed) - {Necessity.OPTIONAL}
        ):
            return False
        if scenario in checks:
            return checks[scenario]
        return scenario in ("received", "auto", "correction", "refused", "returned") or not instant

    def pick_entry(self, scenario: str, kind: str | None, online: bool) -> Entry | None:
        candidates = [
            e
            for e in self.entries
            if self.fits(e, scenario)
            and _kinds(e.effective_version.guide)
            and (kind is None or kind in _kinds(e.effective_version.guide))
            and (not online or self.online_ok(e.effective_version.guide))
        ]
        if not candidates:
            return None
        low = min(self.used[e.pk] for e in candidates)
        entry = self.rng.choice([e for e in candidates if self.used[e.pk] <= low + 1])
        self.used[entry.pk] += 1
        return entry

    @staticmethod
    def online_ok(guide: Guide) -> bool:
        """Applied for online, by someone with a portal account (persons and enterprises)."""
        return online_possible(guide) and bool(_kinds(guide) & {"person", "enterprise"})

    def applicant_of(self, kind: str, place: ServicePlace, online: bool) -> Any:
        rng, cast = self.rng, self.cast
        if online:
            holders = [
                h
                for h in (cast.persons if kind == "person" else cast.enterprises)
                if h in cast.accounts
                and h.user is not None
                and h.user.username not in ("citizen", "company")
            ]
            return rng.choice(holders)
        if kind == "person":
            town = place.region.name if place.pk != cast.center.pk else ""
            people = [p for p in cast.persons[1:] if town in p.address and not p.user_id]
            return rng.choice(people or cast.persons[1:])
        return rng.choice(cast.enterprises[1:] if kind == "enterprise" else cast.others)

    def story(
        self,
        scenario: str,
        *,
        applicant: Any = None,
        online: bool | None = None,
        user: Any = None,
    ) -> Story | None:
        rng, cast = self.rng, self.cast
        kind = None
        if applicant is not None:
            kind = "person" if isinstance(applicant, NaturalPerson) else applicant.kind
            kind = "enterprise" if kind == LegalPersonType.ENTERPRISE else kind
            kind = "other" if kind not in ("person", "enterprise") else kind
        if online is None:
            chance = 0.7 if scenario == "electronic" else 0.15
            online = scenario in ONLINE_OK and rng.random() < chance
        entry = self.pick_entry(scenario, kind, online)
        if entry is None:
            return None
        guide = entry.effective_version.guide
        if kind is None:
            kinds = sorted(_kinds(guide) - ({"other"} if online else set()))
            kind = "person" if "person" in kinds and rng.random() < 0.65 else rng.choice(kinds)
        place = cast.center
        tongban = guide.tongban_scope != TongbanScope.NONE
        if not online and tongban and scenario != "spot" and rng.random() < 0.25:
            place = rng.choice(cast.hubs)
        applicant = applicant or self.applicant_of(kind, place, online)
        clerk, window = cast.clerk_for(
            cast.center if online else place, entry, rng, spot=scenario == "spot"
        )
        answers = _answers(guide, rng)
        agent = None
        if "agent" in answers:
            agent = cast.authorised.get(applicant.pk) if kind == "person" else None
            agent = agent or rng.choice([p for p in cast.persons[100:200] if p.pk != applicant.pk])
        s = Story(
            rng=rng,
            scenario=scenario,
            applicant=applicant,
            place=cast.center if online else place,
            clerk=clerk,
            window=None if online else window,
            manager=cast.managers[place.pk],
            handover=cast.handover(place),
            entry=entry,
            agent=agent,
            user=(user or cast.accounts[applicant]) if online else None,
            channel=rng.choice((Channel.PC, Channel.MOBILE)) if online else Channel.WINDOW,
            delivery=self.delivery(scenario, guide, online),
            address=applicant.address,
            answers=answers,
            lines=checklist_lines(entry.effective_version, answers),
            age=AGES.get(scenario, (0, 10**9)),
        )
        if scenario == "overdue":
            s.age = ((_promised(guide) + 2) * D, (_promised(guide) + 12) * D)
        if scenario in ("received", "auto"):
            # Received that many working days ago: still waiting for the window (some on the
            # last day of the five), or accepted by §32 when the loader ends.
            backs = [k for k in range(13) if self.axis.auto_accepted(k) == (scenario == "auto")]
            if scenario == "received":
                waiting = backs[:6] or [0]
                self.waiting += 1
                s.pin_day = waiting[-1] if self.waiting % 3 == 1 else rng.choice(waiting)
            else:
                s.pin_day = rng.choice(backs[:6] or [6])
        script(s, scenario, guide, cast.desks[entry.department_id])
        return s

    def delivery(self, scenario: str, guide: Guide, online: bool) -> str:
        if scenario in ("mail", "mailed"):
            return DeliveryMethod.MAIL
        if scenario == "electronic":
            return DeliveryMethod.ELECTRONIC
        if scenario in ("ready", "decided"):
            return DeliveryMethod.PICKUP
        roll = self.rng.random()
        if roll < (0.4 if online else 0.1):
            return DeliveryMethod.ELECTRONIC
        if guide.express and roll > (0.7 if online else 0.88):
            return DeliveryMethod.MAIL
        return DeliveryMethod.PICKUP

    # -- one joint application ----------------------------------------------------------------

    def joint_story(self, code: str, scenario: str, applicant: Any, who: str) -> Story:
        rng, cast = self.rng, self.cast
        joint = self.joints[code]
        items = list(
            joint.items.select_related(
                "entry__current_version", "entry__department", "entry__item"
            ).order_by("stage", "id")
        )
        if applicant is None:
            pool = cast.persons[1:100] if who == "person" else cast.enterprises[1:]
            applicant = rng.choice(pool)
        answers = {i.entry.code: _answers(i.entry.effective_version.guide, rng) for i in items}
        _clean, lines = joint_checklist(joint, answers)
        number = "A04" if who == "person" else rng.choice(CENTER_DESKS["construction"])
        clerk, window = cast.clerks[(cast.center.pk, number)]
        wants_agent = any("agent" in a for a in answers.values())
        s = Story(
            rng=rng,
            scenario=scenario,
            applicant=applicant,
            place=cast.center,
            clerk=clerk,
            window=window,
            manager=cast.managers[cast.center.pk],
            handover=cast.handover(cast.center),
            joint=joint,
            agent=rng.choice(cast.persons[100:200]) if wants_agent else None,
            answers=answers,
            lines=lines,
            address=applicant.address,
            age=AGES.get(scenario, (0, 10**9)),
        )
        s.receive()
        s.accept()
        stages = sorted({i.stage for i in items})
        stop = {"joint_stage": rng.choice(stages[1:]), "joint_suspended": 2}.get(scenario)
        if who == "company":
            stop = 3
        for stage in stages:
            members = [i for i in items if i.stage == stage]
            for item in members:
                guide = item.entry.effective_version.guide
                desk = cast.desks[item.entry.department_id]
                target = partial(s.part, item.entry.code)
                last = len(review_steps(guide)) - 1
                if stage == stop and scenario == "joint_stage":
                    s.review(target, guide, desk, upto=rng.randint(0, last))
                    continue
                if stage == stop and "inspection" in procedure_kinds(guide):
                    s.review(target, guide, desk, procedure="inspection", suspend=True)
                    continue
                s.review(target, guide, desk, pace=rng.uniform(0.3, 0.8))
                denied = scenario == "joint_denied" and item is members[-1] and stage > 1
                s.decide(target, guide, desk, approved=not denied)
            if stage == stop:
                return s
        s.hand_over(until={"joint_ready": "ready", "joint_decided": "decided"}.get(scenario, ""))
        return s


def script(s: Story, scenario: str, guide: Guide, desk: Desk) -> None:
    """The actions of one single-item case, from receipt to the scenario's end state."""
    rng = s.rng
    last = len(review_steps(guide)) - 1
    target = lambda: s.filed  # noqa: E731 - the case exists only once the story plays
    if scenario == "spot":
        s.receive()
        s.decide_on_spot()
        s.hand_over(quick=s.delivery == DeliveryMethod.PICKUP)
        return
    if scenario in ("received", "auto"):
        s.receive()
        return
    if scenario in ("refused", "refusal_pending"):
        s.receive()
        s.propose_refusal()
        if scenario == "refused":
            s.settle_refusal(confirm=True)
        return
    if scenario in ("correction", "returned", "corrected"):
        missing = s.pick_lines(rng.randint(1, 2))
        s.receive(missing)
        s.request_correction(missing)
        if scenario == "returned":
            s.return_case()
            return
        if scenario == "correction":
            return
        s.resubmit(missing)
        s.accept()
    elif scenario == "refusal_rejected":
        s.receive()
        s.propose_refusal()
        s.settle_refusal(confirm=False)
        s.accept()
    elif scenario.startswith("deferred"):
        s.receive(s.pick_lines(1, deferrable=True))
        s.accept("deferred")
        if scenario == "deferred_done":
            s.supply_deferred()
    elif scenario.startswith("commitment"):
        s.receive()
        s.accept("commitment")
    elif scenario == "withdrawn" and rng.random() < 0.4:
        s.receive()
        s.withdraw()
        return
    else:
        s.receive()
        s.accept()
    pace = rng.uniform(0.3, 0.95)
    if scenario in ("in_review", "overdue", "deferred_overdue", "commitment_open", "withdrawn"):
        s.review(target, guide, desk, upto=rng.randint(0, last), pace=pace)
        if scenario == "withdrawn":
            s.withdraw()
        return
    if scenario == "suspended":
        kind = rng.choice(procedure_kinds(guide))
        s.review(target, guide, desk, procedure=kind, suspend=True, pace=pace)
        return
    s.review(
        target,
        guide,
        desk,
        procedure=rng.choice(procedure_kinds(guide)) if scenario == "procedure" else "",
        back_return=scenario == "back_return",
        step_return=scenario == "step_return",
        extension=scenario == "extension",
        pace=pace,
    )
    s.decide(target, guide, desk, approved=scenario != "denied")
    s.hand_over(until=scenario if scenario in ("decided", "ready", "mailed") else "completed")


# --- playing ---------------------------------------------------------------------------------


def _schedule(stories: list[Story], axis: Axis, rng: random.Random) -> None:
    """Give each story its start so that its last action lies ``age`` before now."""
    for s in stories:
        total = sum(d for d, _a in s.steps)
        if s.pin_day is not None:
            day = axis.limit // D - s.pin_day
            end = min(day * D + rng.randint(0, D - 1), axis.limit)
        else:
            lo, hi = s.age
            if total > axis.limit - lo:  # squeeze a long story into the window
                factor = (axis.limit - lo) / total
                s.steps = [(max(1, int(d * factor)), a) for d, a in s.steps]
                total = sum(d for d, _a in s.steps)
            end = axis.limit - rng.randint(lo, max(lo, min(hi, axis.limit - total)))
        s.start = max(0, end - total)


class Outbox:
    """The messages of a past action are dated at its time and recorded as sent then.

    They are not dispatched: a history must not reach a real SMS gateway (``sms_log``, the
    default channel, only records a message as delivered anyway). One UPDATE per action.
    """

    def __init__(self, region_code: str) -> None:
        self.pending = Message.objects.filter(
            status=MessageStatus.PENDING, region_code__startswith=region_code[:6]
        )

    def dispatch(self, at: datetime.datetime) -> None:
        sent = at + datetime.timedelta(seconds=2)
        self.pending.update(
            created_at=at, next_attempt_at=sent, sent_at=sent, attempts=1, status=MessageStatus.SENT
        )


def _play(stories: list[Story], axis: Axis, outbox: Outbox) -> None:
    for s in sorted(stories, key=lambda s: s.start):
        t = s.start
        for delay, action in s.steps:
            t += delay
            at = axis.at(t)
            try:
                if s.case is not None:
                    # Each step acts on the case as its page shows it now (revision included):
                    # a joint application's parts move their parent behind its back.
                    s.case.refresh_from_db()
                action(at)
            except Exception as exc:
                what = s.joint.name if s.joint else s.entry.name
                raise RuntimeError(f"demo case “{what}” ({s.scenario}) failed at {at}") from exc
            outbox.dispatch(at)


def _backdate(region_code: str) -> None:
    """Rows the services date with the clock (created_at) get the time of their first event."""
    cases = Case.objects.filter(region_code__startswith=region_code[:6])
    first = CaseEvent.objects.filter(case=OuterRef("pk")).order_by("at", "pk").values("at")[:1]
    cases.exclude(events=None).update(created_at=Subquery(first))
    issued = CaseEvent.objects.filter(pk=OuterRef("event_id")).values("at")[:1]
    CaseDocument.objects.filter(case__in=cases, event__isnull=False).update(
        created_at=Subquery(issued)
    )


def load_cases(
    *, county: Region, center: ServicePlace, seed: int, now: datetime.datetime | None = None
) -> int:
    """Create the demo cases of the county (none if it has cases); return how many applications
    (joint applications counted once) the county holds."""
    existing = Case.objects.filter(region_code__startswith=county.code[:6]).exclude(
        kind=CaseKind.PART
    )
    if existing.exists():
        return existing.count()
    now = now or timezone.now()
    rng = random.Random(seed * 31 + 7)
    joints = joint_services_create(county)
    cast = Cast.build(county, center)
    axis = Axis(center, now)
    outbox = Outbox(county.code)
    stories = Planner(rng, cast, axis, joints).plan()
    _schedule(stories, axis, rng)
    _play(stories, axis, outbox)
    # §32: what nobody answered within five working days is accepted by law (at the time of the
    # run: the service stamps its own time).
    acceptance.case_auto_accept_due(today=axis.today)
    outbox.dispatch(timezone.now())
    _backdate(county.code)
    return existing.count()
