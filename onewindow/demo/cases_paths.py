"""Demo cases, one story each: the path a case takes through the real case services.

A story is planned first, as a list of (delay, action) pairs in working minutes, and played later
from a start the loader picks (``cases_loader``), so each action of a case happens after the one
before it and none in the future. The wording of opinions, reasons and legal bases is here too.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from onewindow.cases.choices import Channel, DeliveryMethod
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.services import acceptance, backoffice, delivery, intake
from onewindow.cases.services import joint as joint_services
from onewindow.cases.services.intake import MaterialInput
from onewindow.cases.services.steps import review_steps
from onewindow.catalog.choices import ItemType, MaterialForm, Necessity
from onewindow.catalog.schema import Guide, Material

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.cases.models import Case

M, H, D = 1, 60, 420  # a minute, an hour, a working day (8:30-12:00 and 14:30-18:00)

# --- wording -------------------------------------------------------------------------------------

LAW = "《中华人民共和国行政许可法》"
STEP_OPINIONS = {
    "现场核查": "经两名工作人员现场核查，场所地址、面积、布局与申请材料一致，设施设备符合要求。",
    "入户调查": "经入户调查和邻里走访，申请人家庭收入、财产状况与申报情况一致。",
    "专家评审": "已组织专家评审，技术方案可行，符合相关规范和标准要求，同意通过。",
    "公示": "已在申请人所在村（社区）公示栏公示7日，公示期内无异议。",
    "鉴定": "经委托房屋安全鉴定机构鉴定，房屋安全等级与申报情况一致。",
    "检验检测": "经第三方检测机构检测，各项指标均符合国家标准。",
    "村级审查": "经村民小组会议讨论、村级组织审查，申请符合“一户一宅”规定，同意上报。",
    "联审": "经镇自然资源、农业农村、住建等部门联审，选址符合村庄规划，同意。",
    "制证": "证件已制作完成，经质量检验合格，提交签发。",
    "冷静期": "离婚冷静期届满，双方共同到场申请发给离婚证。",
    "答辩": "已向被申请人送达仲裁申请书副本，被申请人已按期提交答辩书。",
    "开庭": "已依法开庭审理，双方当事人到庭陈述、质证，事实已查清。",
    "调解": "经人民调解员主持调解，双方当事人自愿达成一致意见。",
    "核实": "经村组核实，补贴面积与承包地确权登记面积一致。",
    "认定": "经学校认定小组评议，符合家庭经济困难学生认定条件。",
    "申报": "申报信息完整，相关数据已与部门共享数据比对一致。",
    "申请": "申请信息完整，已通过学籍系统核验学生信息。",
}
REVIEW_OPINIONS = (
    "经审查，申请材料齐全，符合法定形式，申请人符合法定条件，拟同意，提交决定。",
    "材料真实有效，复印件与原件核对一致，符合审查要求，建议准予。",
    "经审查并比对共享数据，申请事项符合规定条件，同意，报分管负责人审批。",
    "经审核，申请人提交的材料与实际情况相符，同意进入下一环节。",
)
APPROVALS = {
    "01": "经审查，申请人符合法定条件、标准，决定准予行政许可。",
    "04": "经审核，申报数据准确，同意。",
    "05": "经审核，申请人符合给付条件，同意按标准发放。",
    "07": "经审查，符合规定，予以确认（登记）。",
    "10": "材料齐全，符合规定，同意备案。",
    "20": "经审核，符合办理条件，同意办理。",
}
DENIAL_OPINIONS = {  # the act refused follows the item type (行政许可法 for 行政许可 only)
    "01": "经审查，申请人不符合法定条件，决定不予行政许可。",
    "05": "经审查，申请人不符合给付条件，决定不予给付。",
    "07": "经审查，不符合规定，决定不予确认（登记）。",
    "20": "经审查，不符合办理条件，决定不予办理。",
}
DENIALS = (  # (words in the item's name, reason, legal basis)
    (
        ("食品经营",),
        "经现场核查，经营场所未设置独立的食品处理区，且与旱厕距离不足25米，不符合食品经营许可条件。",
        "《食品经营许可和备案管理办法》第十二条",
    ),
    (
        ("公共场所卫生",),
        "经现场核查，场所通风、消毒和公共用品清洗设施不符合卫生规范要求。",
        "《公共场所卫生管理条例实施细则》第二十二条",
    ),
    (
        ("最低生活保障", "特困", "临时救助", "医疗救助"),
        "经入户调查核实，申请人家庭月人均收入高于本县最低生活保障标准，不符合救助条件。",
        "《社会救助暂行办法》第九条",
    ),
    (
        ("宅基地",),
        "申请人家庭已有一处宅基地且面积已达标准，不符合“一户一宅”规定。",
        "《中华人民共和国土地管理法》第六十二条",
    ),
    (
        ("公共租赁住房",),
        "经核查，申请人家庭名下已有住房，不符合公共租赁住房保障条件。",
        "《公共租赁住房管理办法》第七条",
    ),
    (
        ("危房改造",),
        "经鉴定，申请人房屋安全等级为B级，不属于农村危房改造补助范围。",
        "《农村危房改造基本安全技术导则》",
    ),
)
REFUSALS = (  # 不予受理: reason, legal basis
    (
        "申请事项依法不属于本行政机关职权范围，应向兰州市相关主管部门申请。",
        f"{LAW}第三十二条第一款第（二）项",
    ),
    ("申请事项依法不需要取得行政许可，可直接办理。", f"{LAW}第三十二条第一款第（一）项"),
    (
        "同一申请事项已于近期受理且正在办理中，本次属重复申请。",
        f"{LAW}第三十二条",
    ),
    (
        "申请人不具备申请资格：申请人户籍不在本县且未取得本县居住证。",
        f"{LAW}第三十二条",
    ),
)
MATERIAL_NOTES = (
    "缺少申请人签字",
    "复印件模糊不清，无法辨认",
    "已超过有效期",
    "未加盖单位公章",
    "缺页，内容不完整",
    "未提交",
)
RETURN_REASONS = (  # 退回 by the back office, to the applicant: "{name}" is the material
    "经审查，{name}记载内容与实际情况不一致，请申请人核实后重新提交。",
    "{name}缺少出租方（权利人）签章，请补正后重新提交。",
    "{name}为复印件且未注明“与原件一致”，请补正。",
)
STEP_RETURNS = (
    "现场核查记录缺少核查人员签字，退回重新核查。",
    "审查意见未逐项说明是否符合法定条件，请补充审查意见后重新提交。",
)
WITHDRAWALS = (
    "申请人因经营计划调整，书面申请撤回。",
    "申请人已另行选择办理地点，申请撤回本次申请。",
    "申请人提出暂缓办理，撤回本次申请。",
    "申请人发现申请信息填写有误，申请撤回后重新提交。",
)
EXTENSION = "申请事项情况复杂，需征求相关部门意见，经本机关负责人批准延长办理期限。"
PROCEDURES = {  # kind: (step words, reason, result)
    "inspection": (
        ("现场核查", "入户调查", "核查"),
        "需对申请人申报的场所进行现场核查，核查时间不计入办理时限。",
        "现场核查完毕，核查结论：符合要求。",
    ),
    "announcement": (
        ("公示",),
        "按规定对申请情况进行公示，公示期7日，公示时间不计入办理时限。",
        "公示期满，无异议。",
    ),
    "expert_review": (
        ("专家评审",),
        "需组织专家对申报方案进行技术评审，评审时间不计入办理时限。",
        "专家评审完毕，评审结论：通过。",
    ),
    "testing": (
        ("检验检测",),
        "需委托具有资质的检测机构进行检验检测，检测时间不计入办理时限。",
        "检测完毕，各项指标合格。",
    ),
    "appraisal": (
        ("鉴定",),
        "需委托房屋安全鉴定机构进行鉴定，鉴定时间不计入办理时限。",
        "鉴定完毕，已出具鉴定报告。",
    ),
}


def step_opinion(name: str, rng: Any) -> str:
    for words, text in STEP_OPINIONS.items():
        if words in name:
            return text
    return rng.choice(REVIEW_OPINIONS)


def denial(guide: Guide) -> tuple[str, str]:
    for words, reason, basis in DENIALS:
        if any(w in guide.name for w in words):
            return reason, basis
    basis = (guide.legal_basis or LAW).split("；")[0]
    return "经审查，申请人不符合法定条件，相关证明材料不能证明其具备规定的条件。", basis


def can_deny(guide: Guide) -> bool:
    return any(any(w in guide.name for w in words) for words, _r, _b in DENIALS)


def procedure_kinds(guide: Guide) -> list[str]:
    return [k for k in guide.special_procedures if k in PROCEDURES]


def tiny_pdf(title: str) -> bytes:
    """A valid one-page PDF of a few hundred bytes (a scanned material stand-in)."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
        b"<</Title(" + title.encode("ascii", "replace") + b")>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R/Info 4 0 R>>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# --- stories -------------------------------------------------------------------------------------


@dataclass
class Desk:
    """The implementing department's people: reviewers pass steps, the approver decides."""

    reviewers: list[User]
    approver: User


@dataclass
class Story:
    """One demo case: who applies where, and the actions to play, each after a delay."""

    rng: Any
    scenario: str
    applicant: Any
    place: Any
    clerk: User  # receives or pre-reviews, accepts, proposes refusals
    window: Any
    manager: User
    handover: dict[str, User]  # delivery method → the clerk of the delivery window
    entry: Any = None
    joint: Any = None
    agent: Any = None
    user: User | None = None  # online: the portal account that files the application
    channel: str = Channel.WINDOW
    delivery: str = DeliveryMethod.PICKUP
    address: str = ""
    answers: Any = None
    lines: list = field(default_factory=list)
    steps: list[tuple[int, Callable[[datetime.datetime], object]]] = field(default_factory=list)
    age: tuple[int, int] = (0, 10**9)  # how long ago the last action happened, working minutes
    pin_day: int | None = None  # or: the last action happened this many working days ago
    start: int = 0
    case: Case | None = None

    # -- planning helpers -------------------------------------------------------------------------

    def then(self, lo: int, hi: int, action: Callable[[datetime.datetime], object]) -> None:
        self.steps.append((self.rng.randint(int(lo), int(max(lo, hi))), action))

    @property
    def online(self) -> bool:
        return self.user is not None

    @property
    def filed(self) -> Case:
        """The case, which every action after the receipt acts on."""
        if self.case is None:
            raise ValueError(f"{self.scenario}: the case has not been received yet")
        return self.case

    def pick_lines(self, count: int, *, deferrable: bool = False) -> list[int]:
        handed = [
            p
            for p, m in self.lines
            if m.form != MaterialForm.FETCHED
            and (
                m.necessity == Necessity.DEFERRABLE
                if deferrable
                else m.necessity != Necessity.OPTIONAL
            )
        ]
        return sorted(self.rng.sample(handed, min(count, len(handed))))

    def inputs(self, missing: Sequence[int] = ()) -> list[MaterialInput]:
        """What the clerk records at the window: everything in hand but ``missing``."""
        result = []
        for position, m in self.lines:
            if m.form == MaterialForm.FETCHED:
                result.append(MaterialInput(position=position, status=MS.FETCHED))
            elif position in missing:
                note = self.rng.choice(MATERIAL_NOTES)
                result.append(MaterialInput(position=position, status=MS.MISSING, note=note))
            elif m.necessity == Necessity.OPTIONAL and self.rng.random() < 0.4:
                result.append(MaterialInput(position=position, status=MS.NOT_PROVIDED))
            else:
                result.append(self.handed(position, m))
        return result

    def handed(self, position: int, m: Material) -> MaterialInput:
        if self.online:
            name = m.name.replace("/", "、")[:60]
            upload = SimpleUploadedFile(
                f"{name}.pdf", tiny_pdf(f"material {position + 1}"), "application/pdf"
            )
            return MaterialInput(position=position, status=MS.RECEIVED, upload=upload)
        return MaterialInput(
            position=position,
            status=MS.RECEIVED,
            copies=m.copies or 0,  # a guide saved without a count: none recorded, as before
            original_seen=m.kind == "original",
        )

    def uploads(self) -> list[MaterialInput]:
        return [
            self.handed(p, m)
            for p, m in self.lines
            if m.form != MaterialForm.FETCHED
            and (m.necessity != Necessity.OPTIONAL or self.rng.random() < 0.5)
        ]

    def part(self, code: str) -> Case:
        return self.filed.parts.get(entry__code=code)

    # -- intake and acceptance ------------------------------------------------------------------

    def receive(self, missing: Sequence[int] = ()) -> None:
        def act(at: datetime.datetime) -> None:
            common = {
                "applicant": self.applicant,
                "answers": self.answers,
                "contact_phone": self.applicant.phone,
                "delivery_method": self.delivery,
                "delivery_address": self.address,
            }
            if self.joint is not None:
                self.case = joint_services.case_receive_joint(
                    actor=self.clerk,
                    place=self.place,
                    joint=self.joint,
                    materials=self.inputs(missing),
                    agent=self.agent,
                    window=self.window,
                    at=at,
                    **common,
                )
            elif self.user is not None:  # online
                draft = intake.case_draft_save(
                    user=self.user,
                    entry=self.entry,
                    materials=self.uploads(),
                    submission_key=uuid.UUID(int=self.rng.getrandbits(128)),
                    channel=self.channel,
                    **common,
                )
                self.case = intake.case_submit(
                    case=draft, expected_revision=draft.revision, actor=self.user, at=at
                )
            else:
                self.case = intake.case_receive_at_window(
                    actor=self.clerk,
                    place=self.place,
                    entry=self.entry,
                    materials=self.inputs(missing),
                    agent=self.agent,
                    window=self.window,
                    at=at,
                    **common,
                )

        self.then(0, 0, act)

    def pre_review_delay(self) -> tuple[int, int]:
        return (H, 2 * D) if self.online else (5 * M, 40 * M)

    def accept(self, how: str = "normal") -> None:
        def act(at: datetime.datetime) -> None:
            if how == "deferred":
                due = timezone.localdate(at) + datetime.timedelta(days=7)
                acceptance.case_accept_deferred(
                    case=self.filed,
                    expected_revision=self.filed.revision,
                    actor=self.clerk,
                    due_date=due,
                    at=at,
                )
            elif how == "commitment":
                acceptance.case_accept_commitment(
                    case=self.filed, expected_revision=self.filed.revision, actor=self.clerk, at=at
                )
            else:
                acceptance.case_accept(
                    case=self.filed, expected_revision=self.filed.revision, actor=self.clerk, at=at
                )

        self.then(*self.pre_review_delay(), act)

    def request_correction(self, positions: list[int]) -> None:
        """补正告知 listing everything at once (online: the clerk marks the uploads defective)."""

        def act(at: datetime.datetime) -> None:
            marks = None
            if self.online:
                marks = [
                    MaterialInput(
                        position=p, status=MS.DEFECTIVE, note=self.rng.choice(MATERIAL_NOTES)
                    )
                    for p in positions
                ]
            acceptance.case_request_correction(
                case=self.filed,
                expected_revision=self.filed.revision,
                actor=self.clerk,
                materials=marks,
                at=at,
                opinion=("请按一次性告知内容补齐补正材料后重新提交；补正期间不计入受理时限。"),
            )

        self.then(*self.pre_review_delay(), act)

    def resubmit(self, positions: list[int], lo: int = D // 2, hi: int = 6 * D) -> None:
        def act(at: datetime.datetime) -> None:
            given = [self.handed(p, m) for p, m in self.lines if p in positions]
            actor = self.user if self.user is not None else self.clerk  # online: the applicant
            acceptance.case_resubmit(
                case=self.filed,
                expected_revision=self.filed.revision,
                actor=actor,
                materials=given,
                at=at,
            )

        self.then(lo, hi, act)

    @property
    def licensing(self) -> bool:
        guide = self.entry.current_version.guide if self.entry is not None else None
        return guide is None or guide.item_type == ItemType.LICENSING

    def _law(self, licensing_basis: str) -> str:
        """The basis a demo clerk or reviewer cites: 行政许可法 for a 行政许可 item only, the
        item's own catalog basis otherwise (issue 11, item 7)."""
        if self.licensing:
            return licensing_basis
        return self.entry.current_version.guide.legal_basis.split("；")[0] or "依法"

    def propose_refusal(self) -> None:
        reason, basis = self.rng.choice(REFUSALS)
        if not self.licensing:
            basis = self._law(basis)
            reason = reason.replace("依法不需要取得行政许可", "依法不需要申请")

        def act(at: datetime.datetime) -> None:
            acceptance.case_propose_refusal(
                case=self.filed,
                expected_revision=self.filed.revision,
                actor=self.clerk,
                reason=reason,
                basis=basis,
                at=at,
            )

        self.then(*self.pre_review_delay(), act)

    def settle_refusal(self, *, confirm: bool) -> None:
        def act(at: datetime.datetime) -> None:
            if confirm:
                acceptance.case_confirm_refusal(
                    case=self.filed,
                    expected_revision=self.filed.revision,
                    actor=self.manager,
                    opinion="同意不予受理，请出具不予受理通知书并告知申请人救济途径。",
                    at=at,
                )
            else:
                acceptance.case_reject_refusal(
                    case=self.filed,
                    expected_revision=self.filed.revision,
                    actor=self.manager,
                    opinion="该事项属进驻部门职权范围，申请人资格经核实无误，不予受理理由不成立，请依法受理。",
                    at=at,
                )

        self.then(30 * M, D, act)

    def decide_on_spot(self) -> None:
        def act(at: datetime.datetime) -> None:
            acceptance.case_decide_on_spot(
                case=self.filed, expected_revision=self.filed.revision, actor=self.clerk, at=at
            )

        self.then(5 * M, 25 * M, act)

    # -- back office -------------------------------------------------------------------------

    def review(
        self,
        target: Callable[[], Case],
        guide: Guide,
        desk: Desk,
        *,
        upto: int | None = None,
        procedure: str = "",
        suspend: bool = False,
        back_return: bool = False,
        step_return: bool = False,
        extension: bool = False,
        pace: float = 0.6,
    ) -> None:
        """Pass the reviewers' steps (all, or the first ``upto``); optionally a special procedure
        at its step, a return to the applicant, a return by the approver, or an extension."""
        steps = review_steps(guide)
        last = len(steps) - 1
        promised = guide.promised_days
        if guide.promised_unit == "calendar":
            promised = promised * 5 // 7
        per_step = max(20 * M, int(promised * D * pace) // (last + 1))
        reviewer = self.rng.choice(desk.reviewers)
        proc_at = -1
        if procedure:
            words = PROCEDURES[procedure][0]
            found = [i for i, s in enumerate(steps[:last]) if any(w in s["name"] for w in words)]
            proc_at = found[0] if found else 0
        passes = last if upto is None else min(upto, last)
        if suspend:  # pass the steps before the procedure's, start it and stop there
            passes = proc_at + 1
        for i in range(passes):
            if i == proc_at:
                self._procedure(target, procedure, reviewer, per_step, end=not suspend)
                if suspend:
                    return
            if back_return and i == 0:
                self._return_to_applicant(target, reviewer, per_step)
            self._pass(target, reviewer, steps[i]["name"], per_step)
        if upto is None and step_return and last >= 1:
            self._approver_returns(target, desk.approver, per_step)
            self._pass(target, reviewer, steps[last - 1]["name"], per_step)
        if extension:

            def extend(at: datetime.datetime) -> None:
                case = target()
                backoffice.case_extend(
                    case=case,
                    expected_revision=case.revision,
                    actor=desk.approver,
                    days=self.rng.choice((5, 10)),
                    reason=EXTENSION,
                    at=at,
                )

            self.then(per_step // 3, per_step, extend)

    def _pass(self, target: Callable[[], Case], reviewer: User, name: str, per: int) -> None:
        opinion = step_opinion(name, self.rng)

        def act(at: datetime.datetime) -> None:
            case = target()
            backoffice.case_step_pass(
                case=case, expected_revision=case.revision, actor=reviewer, opinion=opinion, at=at
            )

        self.then(per // 3, per + 20 * M, act)

    def _procedure(
        self, target: Callable[[], Case], kind: str, reviewer: User, per: int, *, end: bool
    ) -> None:
        _words, reason, result = PROCEDURES[kind]
        length = self.rng.randint(3, 9)

        def start(at: datetime.datetime) -> None:
            case = target()
            backoffice.case_procedure_start(
                case=case,
                expected_revision=case.revision,
                actor=reviewer,
                kind=kind,
                reason=reason,
                basis=self._law(f"{LAW}第四十五条"),
                expected_end=timezone.localdate(at) + datetime.timedelta(days=length + 2),
                at=at,
            )

        def finish(at: datetime.datetime) -> None:
            case = target()
            backoffice.case_procedure_end(
                case=case, expected_revision=case.revision, actor=reviewer, result=result, at=at
            )

        self.then(per // 4, per // 2 + 10 * M, start)
        if end:
            self.then(length * D - D // 2, length * D + D // 2, finish)

    def _return_to_applicant(self, target: Callable[[], Case], reviewer: User, per: int) -> None:
        position = self.pick_lines(1)
        name = next(m.name for p, m in self.lines if p in position)
        opinion = self.rng.choice(RETURN_REASONS).format(name=f"“{name}”")

        def act(at: datetime.datetime) -> None:
            case = target()
            backoffice.case_step_return(
                case=case,
                expected_revision=case.revision,
                actor=reviewer,
                opinion=opinion,
                materials=position,
                at=at,
            )

        self.then(per // 3, per, act)
        self.resubmit(position, D, 5 * D)

    def _approver_returns(self, target: Callable[[], Case], approver: User, per: int) -> None:
        opinion = self.rng.choice(STEP_RETURNS)

        def act(at: datetime.datetime) -> None:
            case = target()
            backoffice.case_step_return(
                case=case, expected_revision=case.revision, actor=approver, opinion=opinion, at=at
            )

        self.then(per // 3, per, act)

    def decide(
        self, target: Callable[[], Case], guide: Guide, desk: Desk, *, approved: bool = True
    ) -> None:
        # Licence numbers come from the counter; the draw keeps the demo's random sequence.
        self.rng.randint(0, 999999)

        def act(at: datetime.datetime) -> None:
            case = target()
            if approved:
                backoffice.case_decide(
                    case=case,
                    expected_revision=case.revision,
                    actor=desk.approver,
                    approved=True,
                    opinion=APPROVALS.get(guide.item_type, APPROVALS["20"]),
                    at=at,
                )
            else:
                reason, basis = denial(guide)
                backoffice.case_decide(
                    case=case,
                    expected_revision=case.revision,
                    actor=desk.approver,
                    approved=False,
                    opinion=DENIAL_OPINIONS.get(guide.item_type, DENIAL_OPINIONS["20"]),
                    reason=reason,
                    basis=basis,
                    at=at,
                )

        self.then(20 * M, D, act)

    def supply_deferred(self) -> None:
        def act(at: datetime.datetime) -> None:
            for row in self.filed.materials.filter(status=MS.DEFERRED):
                delivery.case_material_supply(
                    case=self.filed,
                    expected_revision=self.filed.revision,
                    actor=self.clerk,
                    position=row.position,
                    at=at,
                )

        self.then(D, 4 * D, act)

    # -- delivery and early ends -------------------------------------------------------------

    def hand_over(self, *, until: str = "completed", quick: bool = False) -> None:
        """统一出件: pickup (ready, then collected), mail (mailed, then received), or nothing
        to do for an electronic result (delivered by the system at the decision)."""
        if self.delivery == DeliveryMethod.ELECTRONIC or until == "decided":
            return
        clerk = self.clerk if quick else self.handover[self.delivery]
        if self.delivery == DeliveryMethod.PICKUP:
            self.then(
                *((2 * M, 8 * M) if quick else (H, D)),
                lambda at: delivery.case_ready(
                    case=self.filed, expected_revision=self.filed.revision, actor=clerk, at=at
                ),
            )
            if until == "ready":
                return
            self.then(
                *((2 * M, 10 * M) if quick else (D // 2, 6 * D)),
                lambda at: delivery.case_deliver(
                    case=self.filed,
                    expected_revision=self.filed.revision,
                    actor=clerk,
                    pickup_code=self.filed.pickup_code,
                    recipient_name=self.recipient(),
                    at=at,
                ),
            )
            return
        tracking = f"11{self.rng.randint(10**10, 10**11 - 1)}"
        self.then(
            H,
            D,
            lambda at: delivery.case_mail(
                case=self.filed,
                expected_revision=self.filed.revision,
                actor=clerk,
                tracking_number=tracking,
                at=at,
            ),
        )
        if until == "mailed":
            return
        self.then(
            D,
            3 * D,
            lambda at: delivery.case_deliver(
                case=self.filed,
                expected_revision=self.filed.revision,
                actor=clerk,
                recipient_name=self.recipient(),
                at=at,
            ),
        )

    def recipient(self) -> str:
        if self.agent is not None:
            return self.agent.name
        return getattr(self.applicant, "representative_name", "") or self.applicant.name

    def withdraw(self) -> None:
        reason = self.rng.choice(WITHDRAWALS)
        actor = self.user if self.user is not None else self.clerk  # online: the applicant

        def act(at: datetime.datetime) -> None:
            delivery.case_withdraw(
                case=self.filed,
                expected_revision=self.filed.revision,
                actor=actor,
                reason=reason,
                at=at,
            )

        self.then(H, 3 * D, act)

    def return_case(self) -> None:
        def act(at: datetime.datetime) -> None:
            delivery.case_return(
                case=self.filed,
                expected_revision=self.filed.revision,
                actor=self.clerk,
                reason="补正告知送达后申请人逾期未补正，经电话联系仍未能补齐，"
                "依申请人意愿退回全部申请材料。",
                at=at,
            )

        self.then(15 * D, 30 * D, act)
