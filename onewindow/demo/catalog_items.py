"""The demo catalog of Yuzhong County: service guides of the county's high-frequency items.

Written for this demo from general knowledge of Chinese county administration; no guide is copied
from a real government site. Laws and regulations are cited by name, with an article number only
where the article is certain. Each guide is raw input for
``onewindow.catalog.schema.clean_content``; ``onewindow.demo.catalog_loader.load_catalog``
publishes them through the catalog services.

Basic codes follow one local pattern: ``00`` + item type (2) + department number (2, the order of
``county.DEPARTMENTS``) + serial within the department (3) + ``000``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from onewindow.catalog.choices import (
    HandlingForm,
    ItemType,
    LimitUnit,
    MaterialForm,
    MaterialKind,
    MaterialSource,
    Necessity,
    OnlineDepth,
    ResultType,
    ServiceObject,
    SpecialProcedure,
    Theme,
    TongbanScope,
)
from onewindow.demo import county

# --- shorthands ------------------------------------------------------------------------------

LICENSING = ItemType.LICENSING
LEVY = ItemType.LEVY
BENEFIT = ItemType.BENEFIT
CONFIRMATION = ItemType.CONFIRMATION
OTHER_POWER = ItemType.OTHER_POWER
PUBLIC_SERVICE = ItemType.PUBLIC_SERVICE

PERSON = (ServiceObject.NATURAL_PERSON,)
COMPANY = (ServiceObject.ENTERPRISE, ServiceObject.OTHER)
PERSON_OR_COMPANY = (*PERSON, *COMPANY)
ORGANISATIONS = (
    ServiceObject.ENTERPRISE,
    ServiceObject.INSTITUTION,
    ServiceObject.SOCIAL_ORGANISATION,
    ServiceObject.OTHER,
)
PUBLIC_BODIES = (ServiceObject.INSTITUTION, ServiceObject.GOVERNMENT)

ORIGINAL, COPY, EITHER = MaterialKind.ORIGINAL, MaterialKind.COPY, MaterialKind.EITHER
PAPER, ELECTRONIC = MaterialForm.PAPER, MaterialForm.ELECTRONIC
BOTH, FETCHED = MaterialForm.PAPER_OR_ELECTRONIC, MaterialForm.FETCHED
REQUIRED, OPTIONAL, DEFER = Necessity.REQUIRED, Necessity.OPTIONAL, Necessity.DEFERRABLE

INSPECTION = SpecialProcedure.INSPECTION
EXPERT = SpecialProcedure.EXPERT_REVIEW
HEARING = SpecialProcedure.HEARING
EXTENSION = SpecialProcedure.EXTENSION
ANNOUNCEMENT = SpecialProcedure.ANNOUNCEMENT
APPRAISAL = SpecialProcedure.APPRAISAL
TESTING = SpecialProcedure.TESTING

LICENCE, APPROVAL, OTHER = ResultType.LICENCE, ResultType.APPROVAL, ResultType.OTHER

NONE, COUNTY, CITY = TongbanScope.NONE, TongbanScope.COUNTY, TongbanScope.CITY
PROVINCE, NATIONAL = TongbanScope.PROVINCE, TongbanScope.NATIONAL

PHONES = {short: f"0931-{suffix}" for _name, short, suffix in county.DEPARTMENTS}

TOWNSHIP_PLACE = "户籍所在地乡镇便民服务中心 02 社会事务综合受理窗口"

# Where an item is accepted: (place, the window as the handler of the acceptance step). Keys are
# business categories (organisations.choices.BusinessCategory) plus a few dedicated halls.
WINDOWS: dict[str, tuple[str, str]] = {
    "enterprise": ("榆中县政务服务中心 A01-A04 企业经营综合受理窗口", "企业经营综合受理窗口"),
    "construction": ("榆中县政务服务中心 B01-B03 工程建设综合受理窗口", "工程建设综合受理窗口"),
    "personal": ("榆中县政务服务中心 C01-C03 公民个人综合受理窗口", "公民个人综合受理窗口"),
    "social": ("榆中县政务服务中心 C04-C05 社会事务综合受理窗口", "社会事务综合受理窗口"),
    "real_estate": ("榆中县政务服务中心 D01 不动产登记窗口", "不动产登记窗口"),
    "tax": ("榆中县政务服务中心 D02 税费缴纳窗口", "税费缴纳窗口"),
    "public_security": ("榆中县政务服务中心 D03 户籍与出入境窗口", "户籍与出入境窗口"),
    "insurance": ("榆中县政务服务中心 D04 社保医保窗口", "社保医保窗口"),
    "township": (
        f"{TOWNSHIP_PLACE}；榆中县政务服务中心 C04-C05 社会事务综合受理窗口",
        "乡镇便民服务中心社会事务窗口",
    ),
    "marriage": ("榆中县政务服务中心三楼 婚姻登记处", "婚姻登记处受理窗口"),
}

DELIVERY = "统一出件窗口（E01/E02）"
APPROVER = "分管负责人"

ACCEPT = "申请材料齐全、符合法定形式的当场受理；材料不齐全的，一次性告知需要补正的全部内容"
ACCEPT_NOW = "核验身份和申请材料，材料齐全、符合条件的当场受理"
REVIEW = "审查申请材料的真实性、完整性和合法性，提出审查意见"
DECIDE = "作出准予或者不予的决定；不予的，书面说明理由并告知复议和诉讼的权利"
DELIVER = "按申请人选择的方式送达：窗口领取或免费邮寄"

# Special procedures whose time the law leaves out of the limit (行政许可法 第四十五条).
UNCOUNTED: dict[str, tuple[str, str]] = {
    EXPERT: ("专家评审", "组织专家评审，评审意见作为审查依据"),
    HEARING: ("听证", "依法举行听证，根据听证笔录作出决定"),
    ANNOUNCEMENT: ("公示", "在县政府门户网站或村（居）务公开栏公示"),
    TESTING: ("检验检测", "委托有资质的机构检验检测"),
    APPRAISAL: ("鉴定", "委托有资质的机构鉴定"),
}


def cal(days: int) -> tuple[int, str]:
    """A limit in calendar days (a bare number means working days)."""
    return days, LimitUnit.CALENDAR_DAYS


def _limit(value: int | tuple[int, str], note: str = "") -> dict[str, Any]:
    days, unit = value if isinstance(value, tuple) else (value, LimitUnit.WORKING_DAYS)
    return {"value": days, "unit": str(unit), "note": note}


# --- materials, situations, fees -------------------------------------------------------------


def m(
    name: str,
    *,
    kind: str = ORIGINAL,
    form: str = PAPER,
    need: str = REQUIRED,
    copies: int = 1,
    when: Iterable[str] = (),
    standard: str = "",
    notes: str = "",
    basis: str = "",
    blank: str = "",
    sample: str = "",
    source: str = MaterialSource.APPLICANT,
    issuer: str = "",
) -> dict[str, Any]:
    """A material the applicant provides; ``when`` names the situation answers requiring it."""
    return {
        "name": name,
        "kind": str(kind),
        "form": str(form),
        "necessity": str(need),
        "source": str(source),
        "issuer": issuer,
        "copies": copies,
        "standard": standard,
        "notes": notes,
        "basis": basis,
        "blank_form": blank,
        "sample": sample,
        "situations": list(when),
    }


def issued(name: str, issuer: str, *, form: str = FETCHED, **kwargs: Any) -> dict[str, Any]:
    """A document a government department issued: fetched from the e-licence library if it can."""
    if form == FETCHED:
        kwargs.setdefault("notes", "通过电子证照库或部门数据共享调取，无需提交")
    return m(name, form=form, source=MaterialSource.GOVERNMENT, issuer=issuer, **kwargs)


def table(name: str, **kwargs: Any) -> dict[str, Any]:
    """An application form with a blank form and a filled-in sample."""
    kwargs.setdefault("standard", "内容填写完整、真实，申请人签字（单位加盖公章）")
    return m(
        name,
        form=kwargs.pop("form", BOTH),
        blank=f"{name}（空白表格）",
        sample=f"{name}（填写样例）",
        **kwargs,
    )


def id_card(who: str = "申请人", **kwargs: Any) -> dict[str, Any]:
    kwargs.setdefault("standard", "在有效期内；可出示电子居民身份证")
    kwargs.setdefault("notes", "窗口核验原件后当场退还")
    return issued(f"{who}居民身份证", "公安机关", form=BOTH, **kwargs)


def hukou(who: str = "申请人", **kwargs: Any) -> dict[str, Any]:
    return issued(f"{who}居民户口簿", "公安机关", **kwargs)


def business_licence(**kwargs: Any) -> dict[str, Any]:
    return issued("营业执照", "市场监督管理部门", **kwargs)


def property_certificate(name: str = "不动产权证书", **kwargs: Any) -> dict[str, Any]:
    return issued(name, "榆中县不动产登记中心", **kwargs)


def ask(code: str, text: str, *options: tuple[str, str]) -> dict[str, Any]:
    """A situation question; each option is (code, label)."""
    return {
        "code": code,
        "text": text,
        "options": [{"code": c, "label": label} for c, label in options],
    }


AGENT = ("agent",)


def who(principal: str = "申请人本人办理", agent: str = "委托代理人办理") -> dict[str, Any]:
    """The standard question 办理方式, whose answer ``agent`` requires the agent's papers."""
    return ask("who", "办理方式", ("self", principal), ("agent", agent))


def agent_papers(*, notarised: bool = False, company: bool = False) -> list[dict[str, Any]]:
    """授权委托书 and the agent's identity card, required only when an agent applies."""
    signer = "法定代表人（负责人）签字并加盖单位公章" if company else "委托人签字"
    return [
        m(
            "经公证的授权委托书" if notarised else "授权委托书",
            when=AGENT,
            standard=f"载明委托事项、权限和期限，{signer}",
            blank="授权委托书（空白表格）",
        ),
        id_card("代理人（经办人）", when=AGENT),
    ]


def fee(name: str, standard: str, basis: str, *, waivable: bool = False) -> dict[str, Any]:
    return {"name": name, "standard": standard, "basis": basis, "waivable": waivable}


ESTATE_FEE_BASIS = "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
ID_FEE_BASIS = "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》"


def estate_fees() -> list[dict[str, Any]]:
    return [
        fee(
            "不动产登记费",
            "住宅类每件80元，非住宅类每件550元（均含第一本证书工本费）；"
            "小微企业（含个体工商户）申请的免收",
            ESTATE_FEE_BASIS,
            waivable=True,
        ),
        fee("不动产权属证书工本费", "每增加一本证书加收10元", ESTATE_FEE_BASIS),
    ]


# --- steps -----------------------------------------------------------------------------------


def step(name: str, handler: str, limit: int = 0, criteria: str = "") -> dict[str, Any]:
    return {"name": name, "handler": handler, "limit": limit, "criteria": criteria}


def instant_steps(window: str, office: str) -> list[dict[str, Any]]:
    """受理 → 审核办结 → 出件, all on the spot."""
    return [
        step("受理", window, 0, ACCEPT_NOW),
        step("审核办结", office, 0, "当场审核，符合条件的当场办结"),
        step("出件", window, 0, "当场发放办理结果，或按申请人选择免费邮寄"),
    ]


def promised_steps(
    days: int, window: str, office: str, special: Sequence[str], *, final: str = "送达"
) -> list[dict[str, Any]]:
    """受理 → 审查 (→ 现场核查 → uncounted procedures) → 决定 → 送达, summing to ``days``."""
    decide = 1 if days >= 3 else 0
    deliver = 1 if days >= 5 else 0
    review = days - decide - deliver
    inspect = review // 2 if INSPECTION in special else 0
    steps = [step("受理", window, 0, ACCEPT), step("审查", office, review - inspect, REVIEW)]
    if INSPECTION in special:
        steps.append(step("现场核查", office, inspect, "两名以上工作人员实地核查，制作核查记录"))
    for procedure in special:
        if procedure in UNCOUNTED:
            name, criteria = UNCOUNTED[procedure]
            steps.append(step(name, office, 0, f"{criteria}；所需时间依法不计入办理时限"))
    steps.append(step("决定", APPROVER, decide, DECIDE))
    steps.append(step(final, DELIVERY, deliver, DELIVER))
    return steps


# --- one guide -------------------------------------------------------------------------------


def item(
    department: str,
    code: str,
    category: str,
    themes: Sequence[str],
    name: str,
    *,
    item_type: str,
    objects: Sequence[str],
    basis: str,
    conditions: str,
    limit: tuple[int | tuple[int, str], int | tuple[int, str]],
    materials: Sequence[dict[str, Any]],
    office: str,
    result: tuple[str, str] = (APPROVAL, ""),
    limit_note: str = "",
    questions: Sequence[dict[str, Any]] = (),
    fees: Sequence[dict[str, Any]] = (),
    faq: Sequence[tuple[str, str]] = (),
    special: Sequence[str] = (),
    commitment: bool = False,
    visits: int = 1,
    online: bool = True,
    express: bool = False,
    kiosk: bool = False,
    appointment: bool = True,
    tongban: str = NONE,
    depth: int = OnlineDepth.ACCEPTANCE,
    window: str | None = None,
    place: str | None = None,
    hours: str = county.HOURS,
    steps: Sequence[dict[str, Any]] | None = None,
    joint: Sequence[str] = (),
) -> dict[str, Any]:
    """One catalog item with its implementation guide; a promised limit of 0 makes it 即办件."""
    statutory, promised = limit
    promised_days = promised[0] if isinstance(promised, tuple) else promised
    window_place, window_name = WINDOWS[window or category]
    if steps is None:
        final = "制证送达" if result[0] == LICENCE else "送达"
        steps = (
            instant_steps(window_name, office)
            if promised_days == 0
            else promised_steps(promised_days, window_name, office, special, final=final)
        )
    forms = [HandlingForm.WINDOW]
    if online:
        forms += [HandlingForm.PC, HandlingForm.MOBILE]
    if express:
        forms.append(HandlingForm.EXPRESS)
    if kiosk:
        forms.append(HandlingForm.KIOSK)
    content = {
        "name": name,
        "item_type": str(item_type),
        "service_objects": [str(o) for o in objects],
        "legal_basis": basis,
        "conditions": conditions,
        "statutory_limit": _limit(statutory, limit_note),
        "promised_limit": _limit(promised),
        "case_type": "1" if promised_days == 0 else "2",
        "visits": visits,
        "special_procedures": [str(s) for s in special],
        "allows_commitment": commitment,
        "result_type": str(result[0]),
        "result_name": result[1],
        "handling_forms": [str(f) for f in forms],
        "tongban_scope": str(tongban),
        "joint_departments": list(joint),
        "online_depth": int(depth),
        "appointment": appointment,
        "online_payment": bool(fees) and online,
        "express": express,
        "kiosk": kiosk,
        "place": place or window_place,
        "hours": hours,
        "consult_phone": PHONES[department],
        "complaint_phone": "12345",
        "questions": list(questions),
        "materials": list(materials),
        "fees": list(fees),
        "steps": list(steps),
        "faq": [{"question": q, "answer": a} for q, a in faq],
    }
    return {
        "basic_code": code,
        "department": department,
        "category": category,
        "themes": [str(t) for t in themes],
        "content": content,
    }


# =============================================================================================
# 市场监管局 (12)
# =============================================================================================

market = partial(item, "市场监管局")
REGISTRY = "县市场监管局登记注册股"
FOOD = "县市场监管局食品经营监管股"
DRUGS = "县市场监管局药品医疗器械监管股"
COMPANY_BASIS = (
    "《中华人民共和国公司法》；《市场主体登记管理条例》第十九条；《市场主体登记管理条例实施细则》"
)
SOLE_BASIS = (
    "《促进个体工商户发展条例》；《市场主体登记管理条例》；《市场主体登记管理条例实施细则》"
)

MARKET = [
    market(
        "000112001000",
        "enterprise",
        (Theme.ESTABLISHMENT,),
        "个体工商户设立登记",
        item_type=LICENSING,
        objects=PERSON,
        basis=(
            "《促进个体工商户发展条例》；《市场主体登记管理条例》第三条、第十九条；"
            "《市场主体登记管理条例实施细则》"
        ),
        conditions=(
            "1. 申请人为有经营能力的自然人，个人经营或者家庭经营；"
            "2. 有固定的经营场所；"
            "3. 经营范围不属于法律、行政法规禁止进入的行业，"
            "涉及许可的经营项目，取得许可后方可开展经营；"
            "4. 使用名称的，名称符合名称登记管理的有关规定。"
        ),
        limit=(3, 0),
        limit_note="不能当场登记的3个工作日内登记；情形复杂的经批准可再延长3个工作日",
        office="企业经营综合受理窗口（授权即办）",
        result=(LICENCE, "营业执照（个体工商户）"),
        questions=[
            ask("form", "经营形式", ("solo", "个人经营"), ("family", "家庭经营")),
            who("经营者本人办理"),
        ],
        materials=[
            table("个体工商户登记（备案）申请书"),
            id_card("经营者"),
            m(
                "经营场所使用证明",
                kind=COPY,
                standard="自有房屋提供不动产权证书，租用房屋提供租赁合同；无法提供的可填写住所（经营场所）申报承诺书",
                notes="将住宅改为经营性用房的，还应提交有利害关系的业主同意的证明",
            ),
            issued(
                "家庭成员关系证明（户口簿或结婚证）",
                "公安机关、民政部门",
                when=("family",),
            ),
            id_card("参加经营的家庭成员", when=("family",)),
            *agent_papers(),
        ],
        faq=[
            (
                "个体工商户一定要起名称吗？",
                "不一定。个体工商户可以使用名称，也可以不使用名称，以经营者姓名登记。",
            ),
            (
                "在自己家里开店，可以用住宅登记为经营场所吗？",
                "可以，但应当遵守法律、法规以及管理规约，并经有利害关系的业主一致同意"
                "（《中华人民共和国民法典》第二百七十九条）。",
            ),
        ],
        visits=0,
        express=True,
        kiosk=True,
        tongban=COUNTY,
        depth=OnlineDepth.E_LICENCE,
    ),
    market(
        "000112002000",
        "enterprise",
        (Theme.ESTABLISHMENT,),
        "有限责任公司设立登记",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis=COMPANY_BASIS,
        conditions=(
            "1. 股东为一个以上五十个以下；"
            "2. 全体股东认缴的出资额由公司章程规定，自公司成立之日起五年内缴足；"
            "3. 股东共同制定公司章程；"
            "4. 有公司名称，建立符合有限责任公司要求的组织机构；"
            "5. 有公司住所。"
        ),
        limit=(3, 1),
        limit_note="情形复杂的，经登记机关负责人批准可再延长3个工作日",
        office=REGISTRY,
        result=(LICENCE, "营业执照"),
        questions=[who("法定代表人或全体股东办理", "委托代理人办理")],
        materials=[
            table("公司登记（备案）申请书", standard="全体股东签字（盖章），法定代表人签字"),
            m("公司章程", standard="全体股东签字（盖章），载明注册资本、出资方式和出资期限"),
            m(
                "股东的主体资格证明或者自然人身份证件",
                kind=COPY,
                notes="自然人股东通过实名认证核验；法人股东的营业执照通过数据共享调取",
            ),
            m("法定代表人、董事、监事和经理的任职文件", standard="股东会决议或股东决定，签字齐全"),
            m(
                "住所使用相关文件",
                kind=COPY,
                need=DEFER,
                notes="可先行签署住所（经营场所）申报承诺书，30日内补交",
            ),
            *agent_papers(company=True),
        ],
        faq=[
            (
                "注册资本需要实缴验资吗？",
                "设立登记时不需要提交验资证明。有限责任公司全体股东认缴的出资额应当按照公司章程的规定"
                "自公司成立之日起五年内缴足。",
            ),
            (
                "领到营业执照后还要去哪些窗口？",
                "不需要。印章刻制、税务登记信息确认、发票申领、社保医保单位登记和银行预约开户在企业开办"
                "专区（A04）一次申请，统一出件窗口一次领取。",
            ),
        ],
        visits=0,
        express=True,
        depth=OnlineDepth.E_LICENCE,
        joint=("县公安局", "县税务局", "县人社局", "县医保局"),
    ),
    market(
        "000112003000",
        "enterprise",
        (Theme.CHANGE,),
        "营业执照变更登记",
        item_type=LICENSING,
        objects=COMPANY,
        basis=COMPANY_BASIS,
        conditions="登记事项发生变更的，自作出变更决议、决定或者法定变更事项发生之日起30日内申请变更登记。",
        limit=(3, 0),
        office="企业经营综合受理窗口（授权即办）",
        result=(LICENCE, "营业执照（换发）"),
        questions=[
            ask(
                "change",
                "变更事项",
                ("name", "名称"),
                ("address", "住所"),
                ("rep", "法定代表人"),
                ("capital", "注册资本"),
                ("scope", "经营范围"),
            ),
        ],
        materials=[
            table("公司变更登记申请书"),
            m("股东会决议或者股东决定", standard="载明变更事项，按章程规定签字（盖章）"),
            m(
                "修改后的公司章程或者章程修正案",
                when=("name", "address", "capital", "scope"),
                standard="法定代表人签字并加盖公章",
            ),
            m("新住所使用证明", kind=COPY, need=DEFER, when=("address",)),
            m("新任法定代表人的任职文件及身份证明", kind=COPY, when=("rep",)),
            m(
                "依法公告减资的说明及债务清偿或者担保情况的说明",
                when=("capital",),
                notes="仅减少注册资本时提交；公告可在国家企业信用信息公示系统发布",
            ),
            issued(
                "原营业执照正本、副本",
                "市场监督管理部门",
                form=PAPER,
                notes="换发新照时缴回；使用电子营业执照的无需提交",
            ),
        ],
        faq=[
            (
                "只变更经营范围需要换执照吗？",
                "需要换发营业执照，但原照上的统一社会信用代码不变。",
            ),
        ],
        visits=0,
        express=True,
        depth=OnlineDepth.E_LICENCE,
    ),
    market(
        "000112004000",
        "enterprise",
        (Theme.DEREGISTRATION,),
        "企业注销登记",
        item_type=LICENSING,
        objects=COMPANY,
        basis="《中华人民共和国公司法》；《市场主体登记管理条例》；《市场主体登记管理条例实施细则》",
        conditions=(
            "企业因解散、被宣告破产或者其他法定事由需要终止的，依法清算后申请注销登记。"
            "未发生债权债务或者已将债权债务清偿完结、未发生或者已结清清算费用、职工工资、社会保险费用、"
            "法定补偿金和应缴税款，且全体投资人书面承诺对上述情况的真实性承担法律责任的，可以适用简易注销。"
        ),
        limit=(3, 1),
        limit_note="简易注销的公示期20日、普通注销的债权人公告期45日不计入办理时限",
        office=REGISTRY,
        result=(OTHER, "准予注销登记通知书"),
        questions=[
            ask("route", "注销程序", ("simple", "简易注销"), ("general", "普通注销")),
            who("法定代表人或清算组负责人办理", "委托经办人办理"),
        ],
        materials=[
            table("企业注销登记申请书"),
            m("全体投资人承诺书", when=("simple",), standard="全体投资人签字（盖章）"),
            m("清算报告", when=("general",), standard="经股东会确认并由清算组成员签字"),
            m(
                "清算组成员备案确认信息",
                form=ELECTRONIC,
                when=("general",),
                notes="清算组成立之日起10日内通过国家企业信用信息公示系统备案",
            ),
            issued("清税信息", "税务机关", notes="市场监管与税务部门共享，无需提交清税证明"),
            issued("营业执照正本、副本", "市场监督管理部门", form=PAPER, need=DEFER),
            *agent_papers(company=True),
        ],
        special=[ANNOUNCEMENT],
        faq=[
            (
                "简易注销要公示多久？",
                "在国家企业信用信息公示系统公示20日，公示期内无异议的，公示期满之日起20日内申请注销登记。",
            ),
            (
                "营业执照丢了还能注销吗？",
                "可以。营业执照遗失的，在申请书中如实说明并在公示系统作遗失公示，不影响办理注销。",
            ),
        ],
        visits=0,
        depth=OnlineDepth.RESULT,
        joint=("县税务局", "县人社局"),
    ),
    market(
        "000112005000",
        "enterprise",
        (Theme.CHANGE,),
        "个体工商户变更登记",
        item_type=LICENSING,
        objects=PERSON,
        basis=SOLE_BASIS,
        conditions="个体工商户登记事项发生变更的，应当申请变更登记。",
        limit=(3, 0),
        office="企业经营综合受理窗口（授权即办）",
        result=(LICENCE, "营业执照（个体工商户，换发）"),
        questions=[
            ask(
                "change",
                "变更事项",
                ("name", "名称"),
                ("place", "经营场所"),
                ("scope", "经营范围"),
                ("owner", "经营者"),
            ),
            who("经营者本人办理"),
        ],
        materials=[
            table("个体工商户变更登记申请书"),
            id_card("经营者"),
            m("新经营场所使用证明", kind=COPY, when=("place",)),
            id_card("新经营者", when=("owner",)),
            m("原经营者同意变更的书面声明", when=("owner",), standard="原经营者签字"),
            issued("原营业执照正本、副本", "市场监督管理部门", form=PAPER),
            *agent_papers(),
        ],
        faq=[
            (
                "个体工商户可以直接变更经营者吗？",
                "可以。个体工商户变更经营者的，可以直接申请变更登记，无需先注销再重新设立。",
            ),
        ],
        visits=0,
        express=True,
        tongban=COUNTY,
        depth=OnlineDepth.E_LICENCE,
    ),
    market(
        "000112006000",
        "enterprise",
        (Theme.DEREGISTRATION,),
        "个体工商户注销登记",
        item_type=LICENSING,
        objects=PERSON,
        basis=SOLE_BASIS,
        conditions="个体工商户不再从事经营活动的，应当申请注销登记；有未结清的税款、罚款的，应当先行结清。",
        limit=(3, 0),
        office="企业经营综合受理窗口（授权即办）",
        result=(OTHER, "准予注销登记通知书"),
        questions=[who("经营者本人办理")],
        materials=[
            table("个体工商户注销登记申请书"),
            id_card("经营者"),
            issued("营业执照正本、副本", "市场监督管理部门", form=PAPER, need=DEFER),
            *agent_papers(),
        ],
        visits=0,
        tongban=COUNTY,
        depth=OnlineDepth.RESULT,
    ),
    market(
        "000112007000",
        "enterprise",
        (Theme.ESTABLISHMENT,),
        "农民专业合作社设立登记",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国农民专业合作社法》；《市场主体登记管理条例》",
        conditions=(
            "1. 有五名以上符合规定的成员，其中农民至少占成员总数的百分之八十；"
            "2. 有符合规定的章程；3. 有符合规定的组织机构；"
            "4. 有符合法律、行政法规规定的名称和章程确定的住所；5. 有符合章程规定的成员出资。"
        ),
        limit=(3, 0),
        office="企业经营综合受理窗口（授权即办）",
        result=(LICENCE, "营业执照（农民专业合作社）"),
        questions=[who("法定代表人（理事长）办理", "委托经办人办理")],
        materials=[
            table("农民专业合作社登记申请书"),
            m("设立大会纪要及章程", standard="全体设立人签名、盖章"),
            m("法定代表人、理事的任职文件及身份证明", kind=COPY),
            m("出资成员签名、盖章的出资清单"),
            m("成员名册及成员身份证明", kind=COPY, standard="农民成员提供户口簿或身份证复印件"),
            m("住所使用证明", kind=COPY, need=DEFER),
            *agent_papers(company=True),
        ],
        visits=1,
        express=True,
        depth=OnlineDepth.E_LICENCE,
    ),
    market(
        "000112008000",
        "enterprise",
        (Theme.ESTABLISHMENT, Theme.OPERATION),
        "食品经营许可（新办）",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国食品安全法》第三十五条；《中华人民共和国行政许可法》；《食品经营许可和备案管理办法》",
        conditions=(
            "1. 具有与经营的食品品种、数量相适应的食品原料处理、加工、销售、贮存等场所，"
            "并与有毒、有害场所以及其他污染源保持规定的距离；"
            "2. 具有相应的设备设施；"
            "3. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；"
            "4. 具有合理的设备布局和工艺流程。"
        ),
        limit=(10, 5),
        office=FOOD,
        result=(LICENCE, "食品经营许可证"),
        questions=[
            ask("kind", "经营项目", ("sale", "食品销售"), ("catering", "餐饮服务")),
            who("法定代表人（负责人）办理", "委托经办人办理"),
        ],
        materials=[
            table("食品经营许可申请书"),
            business_licence(),
            m("经营场所平面布局图及设备设施布局、操作流程说明"),
            m(
                "食品安全管理人员信息及食品安全管理制度目录",
                standard="制度含从业人员健康管理、进货查验记录、食品安全自查、事故处置等",
            ),
            m(
                "厨房布局及排烟、油烟净化设施说明",
                when=("catering",),
                standard="标明粗加工、烹饪、餐用具清洗消毒等区域",
            ),
            m(
                "从业人员健康证明",
                kind=COPY,
                need=DEFER,
                notes="可在领取许可证前补交，开始经营前必须取得",
            ),
            *agent_papers(company=True),
        ],
        special=[INSPECTION],
        commitment=True,
        faq=[
            (
                "只卖预包装食品需要办许可证吗？",
                "不需要。仅销售预包装食品的，向县市场监管局办理备案即可。",
            ),
            (
                "什么是告知承诺？",
                "申请人书面承诺符合许可条件的，可当场作出许可决定，县市场监管局在许可后开展现场核查；"
                "核查发现不符合承诺的，依法撤销许可。",
            ),
        ],
        express=True,
        depth=OnlineDepth.E_LICENCE,
    ),
    market(
        "000112009000",
        "enterprise",
        (Theme.CHANGE, Theme.OPERATION),
        "食品经营许可（变更）",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
        conditions="食品经营许可证载明的许可事项发生变化的，应当在变化后10个工作日内申请变更许可。",
        limit=(10, 3),
        office=FOOD,
        result=(LICENCE, "食品经营许可证（变更）"),
        questions=[who("法定代表人（负责人）办理", "委托经办人办理")],
        materials=[
            table("食品经营许可变更申请书"),
            issued("原食品经营许可证", "市场监督管理部门", form=PAPER),
            m(
                "与变更事项有关的材料",
                standard="经营项目或布局变化的，提交新的平面布局图和设备清单",
            ),
            *agent_papers(company=True),
        ],
        special=[INSPECTION],
        commitment=True,
        express=True,
        depth=OnlineDepth.E_LICENCE,
    ),
    market(
        "001012010000",
        "enterprise",
        (Theme.OPERATION,),
        "仅销售预包装食品备案",
        item_type=OTHER_POWER,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
        conditions="已取得营业执照、仅销售预包装食品的经营者，在开展经营前备案。",
        limit=(0, 0),
        limit_note="材料齐全的当场备案",
        office=FOOD,
        result=(OTHER, "仅销售预包装食品备案信息采集表（回执）"),
        materials=[
            table("仅销售预包装食品经营者备案信息采集表", form=ELECTRONIC),
            business_licence(),
            id_card("经营者（负责人）"),
        ],
        visits=0,
        depth=OnlineDepth.RESULT,
    ),
    market(
        "000112011000",
        "enterprise",
        (Theme.ESTABLISHMENT, Theme.OPERATION),
        "药品零售企业经营许可",
        item_type=LICENSING,
        objects=COMPANY,
        basis="《中华人民共和国药品管理法》第五十一条；《药品经营和使用质量监督管理办法》",
        conditions=(
            "1. 有依法经过资格认定的药师或者其他药学技术人员；"
            "2. 有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；"
            "3. 有与所经营药品相适应的质量管理机构或者人员；"
            "4. 有保证药品质量的规章制度，并符合药品经营质量管理规范要求。"
        ),
        limit=(20, 10),
        office=DRUGS,
        result=(LICENCE, "药品经营许可证"),
        questions=[who("法定代表人（企业负责人）办理", "委托经办人办理")],
        materials=[
            table("药品经营许可证申请表"),
            business_licence(),
            issued("执业药师注册证", "药品监督管理部门", notes="通过执业药师注册信息系统核验"),
            m("经营场所、仓库的平面布局图及产权或使用权证明", kind=COPY),
            m("质量管理文件目录及主要设施设备目录"),
            m("企业负责人、质量负责人的身份证明、学历或职称证明", kind=COPY),
            *agent_papers(company=True),
        ],
        special=[INSPECTION],
        faq=[
            (
                "药品零售许可证有效期多久？",
                "药品经营许可证有效期为5年，有效期届满需要继续经营的，应当在届满前6个月至2个月期间申请重新审查发证。",
            ),
        ],
        express=True,
        depth=OnlineDepth.E_LICENCE,
    ),
    market(
        "001012012000",
        "enterprise",
        (Theme.OPERATION,),
        "第二类医疗器械经营备案",
        item_type=OTHER_POWER,
        objects=COMPANY,
        basis="《医疗器械监督管理条例》；《医疗器械经营监督管理办法》",
        conditions="从事第二类医疗器械经营的企业，具有与经营范围和经营规模相适应的经营场所、贮存条件和质量管理制度。",
        limit=(0, 0),
        limit_note="材料齐全、符合形式要求的当场备案",
        office=DRUGS,
        result=(OTHER, "第二类医疗器械经营备案凭证"),
        materials=[
            table("第二类医疗器械经营备案表"),
            business_licence(),
            m("法定代表人、企业负责人、质量负责人的身份证明、学历或职称证明", kind=COPY),
            m("经营场所、库房的地理位置图、平面图及产权证明或租赁协议", kind=COPY),
            m("经营质量管理制度、工作程序等文件目录"),
        ],
        visits=0,
        depth=OnlineDepth.RESULT,
    ),
    market(
        "000112013000",
        "enterprise",
        (Theme.OPERATION,),
        "特种设备使用登记",
        item_type=LICENSING,
        objects=ORGANISATIONS,
        basis="《中华人民共和国特种设备安全法》第三十三条；《特种设备使用管理规则》",
        conditions="特种设备使用单位在特种设备投入使用前或者投入使用后三十日内申请办理使用登记。",
        limit=(15, 3),
        office="县市场监管局特种设备安全监察股",
        result=(LICENCE, "特种设备使用登记证"),
        questions=[
            ask(
                "kind",
                "设备类别",
                ("elevator", "电梯"),
                ("boiler", "锅炉、压力容器"),
                ("other", "其他特种设备"),
            ),
        ],
        materials=[
            table("特种设备使用登记表", copies=2),
            business_licence(),
            m("特种设备产品合格证（含产品数据表）", kind=COPY),
            m("安装监督检验证书", when=("elevator", "boiler"), kind=COPY),
            m("特种设备定期检验报告", kind=COPY, need=DEFER, notes="在用设备变更使用单位时提交"),
            m("安全管理人员资格证书", kind=COPY),
        ],
        visits=0,
        depth=OnlineDepth.E_LICENCE,
    ),
    market(
        "002012014000",
        "enterprise",
        (Theme.CHANGE,),
        "营业执照遗失补领",
        item_type=PUBLIC_SERVICE,
        objects=COMPANY,
        basis="《市场主体登记管理条例》；《市场主体登记管理条例实施细则》",
        conditions="营业执照遗失或者毁坏的，通过国家企业信用信息公示系统声明作废后申请补领。",
        limit=(3, 0),
        office="企业经营综合受理窗口（授权即办）",
        result=(LICENCE, "营业执照（补领）"),
        questions=[who("法定代表人（经营者）办理", "委托经办人办理")],
        materials=[
            table("营业执照补领申请书"),
            m(
                "营业执照遗失作废公示截图",
                form=ELECTRONIC,
                need=OPTIONAL,
                notes="系统可自动核验公示信息",
            ),
            *agent_papers(company=True),
        ],
        visits=0,
        express=True,
        kiosk=True,
        depth=OnlineDepth.E_LICENCE,
    ),
]


# =============================================================================================
# 公安局 (03)
# =============================================================================================

police = partial(item, "公安局")
HUKOU_OFFICE = "县公安局户政管理大队"
ID_BASIS = "《中华人民共和国居民身份证法》；《居民身份证申领发放管理规定》"
TRAFFIC = "县公安局交通警察大队车辆管理所"
TRAFFIC_PLACE = (
    "榆中县公安局交通警察大队车辆管理所业务大厅；榆中县政务服务中心 D03 窗口（交管服务站）"
)


def id_card_steps() -> list[dict[str, Any]]:
    """居民身份证: accepted and photographed at the window, made by the provincial centre."""
    return [
        step("受理", "户籍与出入境窗口", 0, "核验户籍信息，现场采集相片和指纹"),
        step("审核", HUKOU_OFFICE, 2, "审核申领信息，上传省级制证中心"),
        step("制证", "甘肃省公安厅居民身份证制证中心", 10, "制作居民身份证"),
        step("签发", HUKOU_OFFICE, 2, "核对证件信息并签发"),
        step("送达", "户籍与出入境窗口", 1, "窗口领取或邮寄送达"),
    ]


def id_card_item(code: str, name: str, conditions: str, fee_text: str, **kwargs: Any) -> dict:
    return police(
        code,
        "public_security",
        (Theme.HOUSEHOLD,),
        name,
        item_type=CONFIRMATION,
        objects=PERSON,
        basis=kwargs.pop("basis", ID_BASIS),
        conditions=conditions,
        limit=(cal(60), 15),
        limit_note="交通不便地区可适当延长，但延长时间不超过三十日",
        office=HUKOU_OFFICE,
        result=(LICENCE, "中华人民共和国居民身份证"),
        fees=[fee("居民身份证工本费", fee_text, ID_FEE_BASIS)],
        steps=id_card_steps(),
        express=True,
        **kwargs,
    )


POLICE = [
    id_card_item(
        "000703001000",
        "居民身份证申领（首次）",
        "在本县登记常住户口的中国公民，年满十六周岁的应当申请领取居民身份证；未满十六周岁的可以申请领取。",
        "每证20元",
        basis="《中华人民共和国居民身份证法》第二条；《居民身份证申领发放管理规定》",
        questions=[ask("age", "申领人年龄", ("adult", "已满十六周岁"), ("minor", "未满十六周岁"))],
        materials=[
            table("居民身份证申领登记表", form=PAPER, notes="窗口现场填写"),
            hukou(),
            m("本人相片", notes="窗口现场免费采集，无需提交"),
            id_card("监护人", when=("minor",)),
            issued("出生医学证明", "卫生健康部门", when=("minor",)),
        ],
        faq=[
            (
                "未满十六周岁的孩子可以自己去办吗？",
                "不可以。未满十六周岁的公民申领居民身份证，由监护人陪同办理。",
            ),
        ],
    ),
    id_card_item(
        "000703002000",
        "居民身份证换领",
        "居民身份证有效期满、登记项目变更或者证件严重损坏不能辨认的，申请换领新证。",
        "到期换领、登记项目变更换领每证20元；损坏换领每证40元",
        questions=[
            ask(
                "reason",
                "换领原因",
                ("expiry", "有效期满"),
                ("change", "登记项目变更"),
                ("damage", "证件损坏"),
            )
        ],
        materials=[
            table("居民身份证申领登记表", form=PAPER, notes="窗口现场填写"),
            m("本人相片", notes="窗口现场免费采集，无需提交"),
            issued("原居民身份证", "公安机关", form=PAPER, notes="换领时交回"),
            hukou(when=("change",), notes="登记项目变更的，户籍信息已变更后调取核验"),
        ],
        tongban=NATIONAL,
        kiosk=True,
    ),
    id_card_item(
        "000703003000",
        "居民身份证补领",
        "居民身份证丢失的，申请补领新证。",
        "每证40元",
        questions=[who("本人办理", "未满十六周岁由监护人陪同办理")],
        materials=[
            table("居民身份证申领登记表", form=PAPER, notes="窗口现场填写"),
            m("本人相片", notes="窗口现场免费采集，无需提交"),
            id_card("监护人", when=AGENT),
        ],
        faq=[
            (
                "身份证丢了要先登报声明吗？",
                "不需要。补领时原证即在系统中作废，无需登报挂失；发现被冒用的，应及时报警。",
            ),
        ],
        tongban=NATIONAL,
    ),
    police(
        "000703004000",
        "public_security",
        (Theme.HOUSEHOLD, Theme.TRAVEL),
        "临时居民身份证申领",
        item_type=CONFIRMATION,
        objects=PERSON,
        basis="《中华人民共和国居民身份证法》；《临时居民身份证管理办法》",
        conditions="正在申领、换领、补领居民身份证期间，急需使用居民身份证的，可以申请领取临时居民身份证。",
        limit=(cal(3), 0),
        office=HUKOU_OFFICE,
        result=(LICENCE, "临时居民身份证"),
        materials=[
            m("居民身份证申领受理回执"),
            m("本人相片", notes="窗口现场免费采集，无需提交"),
            hukou(),
        ],
        fees=[fee("临时居民身份证工本费", "每证10元", ID_FEE_BASIS)],
        tongban=NATIONAL,
        online=False,
    ),
    police(
        "000703005000",
        "public_security",
        (Theme.BIRTH, Theme.HOUSEHOLD),
        "出生登记（新生儿落户）",
        item_type=CONFIRMATION,
        objects=PERSON,
        basis="《中华人民共和国户口登记条例》第七条；《国务院办公厅关于解决无户口人员登记户口问题的意见》",
        conditions="婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记。",
        limit=(20, 0),
        office=HUKOU_OFFICE,
        result=(OTHER, "居民户口簿（新生儿户口页）"),
        questions=[
            ask("parents", "父母婚姻状况", ("married", "已婚"), ("unmarried", "非婚生育")),
            who("父母一方办理", "委托亲属办理"),
        ],
        materials=[
            issued(
                "出生医学证明", "卫生健康部门", notes="“出生一件事”联办时由助产机构推送，无需提交"
            ),
            hukou("父母双方"),
            id_card("父母双方"),
            issued("结婚证", "民政部门", when=("married",)),
            m("非婚生育说明书", when=("unmarried",), standard="父母双方签字确认"),
            *agent_papers(),
        ],
        faq=[
            (
                "孩子可以随父亲还是随母亲落户？",
                "可以随父亲或者母亲一方申报常住户口，由父母协商确定。",
            ),
        ],
        visits=0,
        tongban=COUNTY,
        depth=OnlineDepth.RESULT,
        joint=("县卫健局", "县医保局", "县人社局"),
    ),
    police(
        "000703006000",
        "public_security",
        (Theme.HOUSEHOLD,),
        "户口迁移（迁入）",
        item_type=CONFIRMATION,
        objects=PERSON,
        basis="《中华人民共和国户口登记条例》；《国务院关于进一步推进户籍制度改革的意见》",
        conditions="符合本县落户条件的，可以申请将户口迁入本县；跨省迁移实行迁入地“一站式”办理。",
        limit=(20, 5),
        office=HUKOU_OFFICE,
        result=(OTHER, "准予迁入证明及居民户口簿"),
        questions=[
            ask(
                "basis",
                "迁入情形",
                ("relative", "投靠亲属"),
                ("house", "购房落户"),
                ("job", "就业落户"),
                ("graduate", "大中专毕业生落户"),
            ),
            who(),
        ],
        materials=[
            table("户口迁移申请表"),
            id_card(),
            issued(
                "投靠人居民户口簿及亲属关系证明",
                "公安机关、民政部门",
                when=("relative",),
                notes="户籍和婚姻登记信息可查询的无需提交",
            ),
            property_certificate(when=("house",)),
            m(
                "劳动合同及社会保险参保缴费记录",
                kind=COPY,
                when=("job",),
                notes="参保缴费记录通过数据共享核验",
            ),
            m("毕业证书", kind=COPY, when=("graduate",)),
            *agent_papers(),
        ],
        tongban=NATIONAL,
        depth=OnlineDepth.ACCEPTANCE,
    ),
    police(
        "000703007000",
        "public_security",
        (Theme.DEATH, Theme.HOUSEHOLD),
        "死亡人员户口注销",
        item_type=CONFIRMATION,
        objects=PERSON,
        basis="《中华人民共和国户口登记条例》第八条",
        conditions="公民死亡的，由户主、亲属、抚养人或者邻居向户口登记机关申报死亡登记，注销户口。",
        limit=(20, 0),
        office=HUKOU_OFFICE,
        result=(OTHER, "户口注销证明"),
        questions=[ask("death", "死亡情形", ("normal", "正常死亡"), ("abnormal", "非正常死亡"))],
        materials=[
            issued(
                "居民死亡医学证明（推断）书",
                "医疗卫生机构",
                when=("normal",),
                notes="“身后一件事”联办时由医疗机构推送，无需提交",
            ),
            issued("公安机关出具的死亡证明", "公安机关", when=("abnormal",)),
            hukou("死者"),
            issued(
                "死者居民身份证",
                "公安机关",
                form=PAPER,
                need=OPTIONAL,
                notes="有证件的交回；遗失的说明情况",
            ),
            id_card("申报人"),
        ],
        faq=[
            (
                "注销户口后还能领取丧葬补助吗？",
                "可以。户口注销信息同步推送人社、医保、民政部门，家属可以一并申请丧葬补助金、抚恤金等待遇。",
            ),
        ],
        tongban=COUNTY,
        joint=("县人社局", "县医保局", "县民政局"),
    ),
    police(
        "000703008000",
        "public_security",
        (Theme.HOUSEHOLD, Theme.EMPLOYMENT),
        "居住证申领",
        item_type=CONFIRMATION,
        objects=PERSON,
        basis="《居住证暂行条例》",
        conditions="离开常住户口所在地到本县居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以申领居住证。",
        limit=(cal(15), 7),
        office=HUKOU_OFFICE,
        result=(LICENCE, "居住证"),
        questions=[
            ask(
                "ground",
                "申领条件",
                ("work", "合法稳定就业"),
                ("home", "合法稳定住所"),
                ("study", "连续就读"),
            ),
            who(),
        ],
        materials=[
            table("居住证申领登记表"),
            id_card(),
            m("本人相片", notes="窗口现场免费采集，无需提交"),
            m("劳动合同或营业执照", kind=COPY, when=("work",)),
            m("房屋租赁合同或不动产权证书", kind=COPY, when=("home",)),
            m("在校就读证明", when=("study",)),
            *agent_papers(),
        ],
        tongban=COUNTY,
        express=True,
    ),
    police(
        "002003009000",
        "public_security",
        (Theme.EMPLOYMENT,),
        "无犯罪记录证明开具",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis="《公安机关办理犯罪记录查询工作规定》",
        conditions="个人因就业、出国等需要，可以申请查询本人有无犯罪记录并出具证明。",
        limit=(3, 0),
        limit_note="情况复杂的经批准可延长至10个工作日",
        office="县公安局户政管理大队（派出所）",
        result=(OTHER, "无犯罪记录证明"),
        questions=[who()],
        materials=[
            table("犯罪记录查询申请表", form=ELECTRONIC),
            id_card(),
            *agent_papers(),
        ],
        visits=0,
        tongban=PROVINCE,
        depth=OnlineDepth.RESULT,
    ),
    police(
        "000103010000",
        "public_security",
        (Theme.TRAVEL,),
        "普通护照签发",
        item_type=LICENSING,
        objects=PERSON,
        basis="《中华人民共和国护照法》第五条、第六条；《中华人民共和国出境入境管理法》",
        conditions="中国公民因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国的，申请普通护照。",
        limit=(cal(15), 7),
        limit_note="偏远地区或交通不便地区，经签发机关负责人批准可延长至三十日",
        office="县公安局出入境管理大队",
        result=(LICENCE, "中华人民共和国普通护照"),
        questions=[
            ask("staff", "是否为登记备案的国家工作人员", ("official", "是"), ("ordinary", "否"))
        ],
        materials=[
            table("中国公民出入境证件申请表", form=PAPER, notes="窗口现场填写"),
            id_card(),
            m("出入境证件数字相片", notes="窗口现场免费采集，无需提交"),
            m(
                "所在单位出具的同意出境意见",
                when=("official",),
                standard="按干部管理权限由主管部门出具",
            ),
        ],
        fees=[
            fee(
                "普通护照工本费",
                "每本120元",
                "国家发展改革委、财政部有关出入境证件收费标准的规定",
            ),
        ],
        tongban=NATIONAL,
        express=True,
        place="榆中县政务服务中心 D03 户籍与出入境窗口（出入境业务）",
    ),
    police(
        "001003011000",
        "enterprise",
        (Theme.ESTABLISHMENT,),
        "印章刻制备案",
        item_type=OTHER_POWER,
        objects=ORGANISATIONS,
        basis="《印铸刻字业暂行管理规则》",
        conditions="公章刻制实行备案管理。新设立或者需要重新刻制印章的单位，自主选择已备案的印章刻制企业刻制，印章信息由刻制企业报公安机关备案。",
        limit=(1, 0),
        office="县公安局治安管理大队",
        result=(OTHER, "印章备案信息"),
        materials=[
            business_licence(),
            id_card("法定代表人（负责人）"),
            m(
                "印章刻制申请",
                form=ELECTRONIC,
                standard="在企业开办平台或印章治安管理系统中勾选印章种类",
            ),
        ],
        faq=[
            (
                "新开办企业刻章要交钱吗？",
                "新开办企业的首套印章（公章、财务章、发票专用章、法定代表人名章）由县政府购买服务免费刻制。",
            ),
        ],
        visits=0,
        depth=OnlineDepth.RESULT,
        window="enterprise",
    ),
    police(
        "000703012000",
        "personal",
        (Theme.TRAVEL,),
        "机动车驾驶证期满换证",
        item_type=CONFIRMATION,
        objects=PERSON,
        basis="《中华人民共和国道路交通安全法》；《机动车驾驶证申领和使用规定》",
        conditions="机动车驾驶人应当于机动车驾驶证有效期满前九十日内，申请换领机动车驾驶证。",
        limit=(1, 0),
        office=TRAFFIC,
        result=(LICENCE, "机动车驾驶证（电子驾驶证同步更新）"),
        materials=[
            id_card(),
            issued("原机动车驾驶证", "公安机关交通管理部门", form=PAPER),
            m(
                "身体条件证明",
                form=BOTH,
                notes="医疗机构已上传电子体检信息的无需提交纸质证明",
            ),
        ],
        fees=[fee("机动车驾驶证工本费", "每证10元", "国家和甘肃省公安交通管理行政事业性收费标准")],
        visits=0,
        express=True,
        kiosk=True,
        tongban=NATIONAL,
        depth=OnlineDepth.E_LICENCE,
        place=TRAFFIC_PLACE,
    ),
    police(
        "000703013000",
        "personal",
        (Theme.TRAVEL,),
        "机动车检验合格标志核发",
        item_type=CONFIRMATION,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国道路交通安全法》；《中华人民共和国道路交通安全法实施条例》",
        conditions="机动车按规定期限检验合格，或者符合免予上线检验条件并已投保机动车交通事故责任强制保险。",
        limit=(1, 0),
        office=TRAFFIC,
        result=(LICENCE, "机动车检验合格标志（电子凭证）"),
        questions=[ask("check", "检验方式", ("exempt", "免予上线检验"), ("station", "上线检验"))],
        materials=[
            issued("机动车行驶证", "公安机关交通管理部门", form=BOTH),
            m(
                "机动车交通事故责任强制保险凭证",
                form=FETCHED,
                notes="与保险机构联网核查，无需提交",
            ),
            m("机动车安全技术检验报告", form=FETCHED, when=("station",), notes="检验机构联网上传"),
        ],
        visits=0,
        kiosk=True,
        tongban=NATIONAL,
        depth=OnlineDepth.E_LICENCE,
        place=TRAFFIC_PLACE,
    ),
]


# =============================================================================================
# 民政局 (04)
# =============================================================================================

civil = partial(item, "民政局")
MARRIAGE_OFFICE = "婚姻登记员"
MARRIAGE_BASIS = "《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》"
RELIEF = "县民政局社会救助股"
RELIEF_BASIS = "《社会救助暂行办法》；《最低生活保障审核确认办法》；《特困人员认定办法》"


def assistance_steps(days: int, approver: str = RELIEF) -> list[dict[str, Any]]:
    """Township acceptance, household survey, village notice, county confirmation, payment."""
    rest = days - 6
    survey, review = rest // 2, rest // 4
    return [
        step("受理", "乡镇便民服务中心社会事务窗口", 0, ACCEPT),
        step("入户调查", "乡镇人民政府", survey, "入户调查、邻里访问，开展家庭经济状况信息核对"),
        step("审核", "乡镇人民政府", review, "组织村（居）民委员会评议，提出审核意见"),
        step("公示", "村（居）民委员会", 5, "在村（居）务公开栏公示7天；所需时间计入承诺时限"),
        step("审批确认", approver, rest - survey - review, "抽查核实，作出确认或不予确认的决定"),
        step(
            "发放",
            approver,
            1,
            "自批准次月起按月发放至申请人社会保障卡或惠民惠农财政补贴“一卡通”账户",
        ),
    ]


CIVIL = [
    civil(
        "000704001000",
        "personal",
        (Theme.MARRIAGE,),
        "结婚登记（内地居民）",
        item_type=CONFIRMATION,
        objects=PERSON,
        basis=MARRIAGE_BASIS,
        conditions=(
            "1. 男女双方完全自愿；2. 男方年满二十二周岁，女方年满二十周岁；"
            "3. 双方均无配偶；4. 双方没有直系血亲和三代以内旁系血亲关系。"
        ),
        limit=(0, 0),
        limit_note="符合条件的当场予以登记",
        office=MARRIAGE_OFFICE,
        result=(LICENCE, "结婚证"),
        materials=[
            id_card("男女双方"),
            m(
                "申请结婚登记声明书",
                notes="双方在婚姻登记员面前现场签署，声明本人无配偶以及与对方没有直系血亲和三代以内旁系血亲关系",
                blank="申请结婚登记声明书（空白表格）",
            ),
            m("双方近期半身免冠合影照片", copies=3, standard="2寸红底彩色照片"),
        ],
        faq=[
            (
                "结婚登记可以委托他人代办吗？",
                "不可以。要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记。",
            ),
            (
                "还需要带户口簿吗？",
                "按现行规定，内地居民办理结婚登记凭本人有效居民身份证即可，不再要求提交户口簿。",
            ),
        ],
        online=False,
        tongban=NATIONAL,
        window="marriage",
        hours="周一至周五 8:30-12:00, 14:30-18:00；“5·20”“七夕”等特殊日期延时服务",
    ),
    civil(
        "000704002000",
        "personal",
        (Theme.MARRIAGE,),
        "离婚登记（内地居民）",
        item_type=CONFIRMATION,
        objects=PERSON,
        basis="《中华人民共和国民法典》第一千零七十六条、第一千零七十七条；《婚姻登记条例》",
        conditions=(
            "夫妻双方自愿离婚，签订书面离婚协议，对子女抚养、财产以及债务处理等事项协商一致，"
            "并亲自到婚姻登记机关申请离婚登记。"
        ),
        limit=(cal(30), cal(30)),
        limit_note="自受理之日起三十日为离婚冷静期；期满后三十日内双方未亲自到场申请发给离婚证的，视为撤回申请",
        office=MARRIAGE_OFFICE,
        result=(LICENCE, "离婚证"),
        materials=[
            id_card("男女双方"),
            issued("结婚证", "婚姻登记机关", form=PAPER, notes="双方各自的结婚证原件"),
            m(
                "离婚协议书",
                copies=3,
                standard="双方亲笔签名，载明自愿离婚的意思表示及子女抚养、财产和债务处理意见",
            ),
            m("双方近期半身免冠单人照片", copies=2, standard="每人2张，2寸红底彩色照片"),
        ],
        steps=[
            step(
                "受理",
                "婚姻登记处受理窗口",
                0,
                "双方亲自到场，查验证件和离婚协议，发给离婚登记申请受理回执",
            ),
            step("离婚冷静期", "当事人", 30, "冷静期内任何一方不愿意离婚的，可以撤回申请"),
            step("审查", MARRIAGE_OFFICE, 0, "冷静期满后三十日内双方亲自到场，询问确认离婚意愿"),
            step("登记发证", MARRIAGE_OFFICE, 0, "符合条件的当场登记，发给离婚证"),
        ],
        faq=[
            (
                "冷静期内可以撤回离婚申请吗？",
                "可以。冷静期内任何一方不愿意离婚的，可以持受理回执向婚姻登记机关撤回离婚登记申请。",
            ),
        ],
        visits=2,
        online=False,
        window="marriage",
    ),
    civil(
        "000704003000",
        "personal",
        (Theme.MARRIAGE,),
        "补领婚姻登记证",
        item_type=CONFIRMATION,
        objects=PERSON,
        basis="《婚姻登记条例》；《婚姻登记工作规范》",
        conditions="结婚证、离婚证遗失或者损毁的，当事人可以向原办理婚姻登记的机关或者一方常住户口所在地的婚姻登记机关申请补领。",
        limit=(0, 0),
        limit_note="婚姻登记档案可查的当场补发",
        office=MARRIAGE_OFFICE,
        result=(LICENCE, "结婚证或离婚证（补发）"),
        questions=[ask("paper", "补领证件", ("marry", "结婚证"), ("divorce", "离婚证"))],
        materials=[
            id_card(),
            issued("婚姻登记档案", "婚姻登记机关", notes="通过全国婚姻登记信息系统查询，无需提交"),
            m("双方近期半身免冠合影照片", copies=2, when=("marry",), standard="2寸红底彩色照片"),
            m("本人近期半身免冠单人照片", copies=2, when=("divorce",), standard="2寸红底彩色照片"),
        ],
        online=False,
        tongban=PROVINCE,
        window="marriage",
    ),
    civil(
        "000504004000",
        "social",
        (Theme.DISABILITY,),
        "最低生活保障审批",
        item_type=BENEFIT,
        objects=PERSON,
        basis=RELIEF_BASIS,
        conditions=(
            "持有本县户籍的城乡居民，共同生活的家庭成员人均收入低于本县最低生活保障标准，"
            "且家庭财产状况符合本县规定的，可以以家庭为单位申请最低生活保障。"
        ),
        limit=(30, 20),
        office=RELIEF,
        result=(APPROVAL, "最低生活保障审批确认决定"),
        questions=[
            ask(
                "family",
                "家庭特殊情况",
                ("disabled", "有重度残疾人"),
                ("ill", "有重病患者"),
                ("none", "无上述情况"),
            ),
            who("申请人本人办理", "委托村（居）民委员会代为申请"),
        ],
        materials=[
            table("最低生活保障申请书"),
            id_card("共同生活家庭成员"),
            hukou(),
            m("家庭经济状况核对授权书", standard="共同生活的成年家庭成员逐一签字"),
            table("家庭收入及财产状况申报表"),
            issued("残疾人证", "县残疾人联合会", when=("disabled",)),
            m("医院诊断证明及医疗费用票据", kind=COPY, need=DEFER, when=("ill",)),
            m("委托申请书", when=AGENT, standard="申请人签字或按手印"),
        ],
        special=[INSPECTION, ANNOUNCEMENT],
        steps=assistance_steps(20),
        faq=[
            (
                "申请低保一定要本人去乡镇吗？",
                "不一定。可以由本人向户籍所在地乡镇人民政府申请，也可以委托村（居）民委员会代为申请，"
                "还可以通过“甘快办”在线申请。",
            ),
            (
                "低保金什么时候开始发？",
                "自批准之日的次月起按月发放至申请人的社会保障卡或“一卡通”账户。",
            ),
        ],
        tongban=COUNTY,
        window="township",
    ),
    civil(
        "000504005000",
        "social",
        (Theme.ELDERLY, Theme.DISABILITY),
        "特困人员救助供养",
        item_type=BENEFIT,
        objects=PERSON,
        basis=RELIEF_BASIS,
        conditions=(
            "老年人、残疾人以及未满十六周岁的未成年人，同时具备无劳动能力、无生活来源、"
            "无法定赡养抚养扶养义务人或者其法定义务人无履行义务能力的，可以申请特困人员救助供养。"
        ),
        limit=(30, 20),
        office=RELIEF,
        result=(APPROVAL, "特困人员救助供养审批确认决定"),
        questions=[
            ask(
                "care",
                "供养方式",
                ("home", "分散供养（在家居住）"),
                ("institution", "集中供养（入住供养服务机构）"),
            )
        ],
        materials=[
            table("特困人员救助供养申请书"),
            id_card(),
            hukou(),
            issued("残疾人证", "县残疾人联合会", need=OPTIONAL, notes="残疾人申请的调取核验"),
            m(
                "委托照料服务协议",
                need=DEFER,
                when=("home",),
                standard="生活不能自理的分散供养人员与照料人签订",
            ),
            m("入住供养服务机构申请", when=("institution",)),
        ],
        special=[INSPECTION, ANNOUNCEMENT],
        steps=assistance_steps(20),
        tongban=COUNTY,
        window="township",
    ),
    civil(
        "000504006000",
        "social",
        (Theme.DISABILITY,),
        "临时救助",
        item_type=BENEFIT,
        objects=PERSON,
        basis="《社会救助暂行办法》；《国务院关于全面建立临时救助制度的通知》",
        conditions="因火灾、交通事故等意外事件或家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭或个人。",
        limit=(15, 10),
        office=RELIEF,
        result=(APPROVAL, "临时救助审批决定"),
        questions=[
            ask(
                "kind",
                "救助类型",
                ("urgent", "急难型（意外事件、突发疾病）"),
                ("expense", "支出型（刚性支出过大）"),
            )
        ],
        materials=[
            table("临时救助申请书"),
            id_card(),
            m(
                "事故、灾害或者突发疾病的相关证明",
                when=("urgent",),
                need=DEFER,
                notes="情况紧急的先行救助，事后补齐",
            ),
            m("医疗、教育等刚性支出票据", kind=COPY, when=("expense",)),
            m("家庭经济状况核对授权书", standard="共同生活的成年家庭成员逐一签字"),
        ],
        steps=assistance_steps(10),
        faq=[
            (
                "情况紧急等不及审批怎么办？",
                "对情况紧急、需立即采取措施的，乡镇人民政府和县民政局可以先行救助，事后补齐手续。",
            ),
        ],
        tongban=COUNTY,
        window="township",
    ),
    civil(
        "000504007000",
        "social",
        (Theme.DISABILITY,),
        "残疾人两项补贴申领",
        item_type=BENEFIT,
        objects=PERSON,
        basis="《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》",
        conditions=(
            "困难残疾人生活补贴：持有第二代残疾人证的最低生活保障家庭中的残疾人；"
            "重度残疾人护理补贴：持有第二代残疾人证、残疾等级为一级或二级且需要长期照护的重度残疾人。"
        ),
        limit=(20, 15),
        office="县民政局社会事务股",
        result=(APPROVAL, "残疾人两项补贴审批决定"),
        questions=[
            ask(
                "subsidy",
                "申请补贴",
                ("living", "困难残疾人生活补贴"),
                ("care", "重度残疾人护理补贴"),
                ("both", "两项均申请"),
            ),
            who("残疾人本人办理", "法定监护人或委托代理人办理"),
        ],
        materials=[
            table("残疾人两项补贴申请审批表"),
            id_card("残疾人"),
            issued("第二代残疾人证", "县残疾人联合会"),
            issued("最低生活保障证", "民政部门", when=("living", "both")),
            *agent_papers(),
        ],
        tongban=NATIONAL,
        window="township",
        depth=OnlineDepth.RESULT,
    ),
    civil(
        "000504008000",
        "social",
        (Theme.ELDERLY,),
        "高龄老人生活补贴申领",
        item_type=BENEFIT,
        objects=PERSON,
        basis="《中华人民共和国老年人权益保障法》",
        conditions="具有本县户籍、年满八十周岁的老年人。",
        limit=(20, 10),
        office="县民政局养老服务股",
        result=(APPROVAL, "高龄老人生活补贴审批决定"),
        questions=[who("老年人本人办理", "子女或委托代理人办理")],
        materials=[
            table("高龄老人生活补贴申请表"),
            id_card("老年人"),
            hukou("老年人"),
            m("社会保障卡或“一卡通”账户信息", kind=COPY, need=OPTIONAL),
            *agent_papers(),
        ],
        faq=[
            (
                "满80岁的当月就能申请吗？",
                "可以在年满八十周岁的当月申请，审批通过后自次月起按月发放。",
            ),
        ],
        visits=0,
        tongban=COUNTY,
        window="township",
        depth=OnlineDepth.RESULT,
    ),
    civil(
        "000104009000",
        "social",
        (Theme.ESTABLISHMENT,),
        "社会团体成立登记",
        item_type=LICENSING,
        objects=(*PERSON, ServiceObject.SOCIAL_ORGANISATION),
        basis="《社会团体登记管理条例》",
        conditions=(
            "1. 有50个以上的个人会员或者30个以上的单位会员；2. 有规范的名称和相应的组织机构；"
            "3. 有固定的住所；4. 有与其业务活动相适应的专职工作人员；"
            "5. 有合法的资产和经费来源，地方性的社会团体有3万元以上活动资金；"
            "6. 有独立承担民事责任的能力。"
        ),
        limit=(cal(60), 20),
        office="县民政局社会组织管理股",
        result=(LICENCE, "社会团体法人登记证书"),
        materials=[
            table("社会团体法人登记申请表"),
            issued("业务主管单位的批准文件", "业务主管单位", form=PAPER),
            m("验资报告或资金证明"),
            m("住所使用权证明", kind=COPY),
            m("发起人和拟任负责人的基本情况及身份证明", kind=COPY),
            m("章程草案", standard="经会员大会或会员代表大会通过"),
        ],
        special=[INSPECTION],
        express=True,
    ),
    civil(
        "000504010000",
        "social",
        (Theme.DEATH,),
        "基本殡葬服务费用减免",
        item_type=BENEFIT,
        objects=PERSON,
        basis="《殡葬管理条例》；《民政部等部门关于推行惠民殡葬政策的指导意见》",
        conditions="本县户籍居民死亡后在县殡仪馆火化的，遗体接运、暂存、火化、骨灰寄存等基本殡葬服务费用按规定减免。",
        limit=(5, 0),
        office="榆中县殡仪馆",
        result=(OTHER, "基本殡葬服务费用减免结算单"),
        materials=[
            issued("居民死亡医学证明（推断）书", "医疗卫生机构", form=PAPER),
            hukou("逝者"),
            id_card("经办家属"),
        ],
        faq=[
            (
                "减免的费用需要先垫付吗？",
                "不需要。在县殡仪馆结算时直接减免，家属只需支付选择性服务的费用。",
            ),
        ],
        online=False,
        place="榆中县殡仪馆业务窗口；榆中县政务服务中心 C04-C05 社会事务综合受理窗口",
        hours="全年 24 小时",
    ),
    civil(
        "000504011000",
        "social",
        (Theme.DISABILITY, Theme.BIRTH),
        "孤儿基本生活保障金申领",
        item_type=BENEFIT,
        objects=PERSON,
        basis="《国务院办公厅关于加强孤儿保障工作的意见》；《社会救助暂行办法》",
        conditions="父母双方死亡或者依法宣告死亡、失踪，未满十八周岁的本县户籍儿童。",
        limit=(30, 20),
        office="县民政局儿童福利股",
        result=(APPROVAL, "孤儿基本生活保障金审批决定"),
        materials=[
            table("孤儿基本生活保障金申请表", standard="监护人签字"),
            hukou("儿童"),
            m("父母死亡证明或者人民法院宣告死亡、失踪的判决书", kind=COPY),
            id_card("监护人"),
        ],
        special=[INSPECTION, ANNOUNCEMENT],
        steps=assistance_steps(20, "县民政局儿童福利股"),
        tongban=COUNTY,
        window="township",
    ),
    civil(
        "001004012000",
        "social",
        (Theme.OPERATION,),
        "养老机构备案",
        item_type=OTHER_POWER,
        objects=ORGANISATIONS,
        basis="《中华人民共和国老年人权益保障法》；《养老机构管理办法》",
        conditions="依法登记后拟开展养老服务的养老机构，向县民政局备案。",
        limit=(0, 0),
        limit_note="材料齐全的当场备案",
        office="县民政局养老服务股",
        result=(OTHER, "养老机构备案回执"),
        materials=[
            table("养老机构备案书"),
            issued("营业执照或事业单位、民办非企业单位登记证书", "登记管理机关"),
            m("养老机构备案承诺书", standard="承诺服务场所符合消防、卫生、食品安全等要求"),
            m("服务场所使用权证明", kind=COPY),
        ],
        visits=0,
        depth=OnlineDepth.RESULT,
    ),
]


# =============================================================================================
# 司法局 (05)
# =============================================================================================

justice = partial(item, "司法局")
LEGAL_PLACE = "榆中县公共法律服务中心；榆中县政务服务中心 C04-C05 社会事务综合受理窗口"

JUSTICE = [
    justice(
        "002005001000",
        "social",
        (Theme.DISABILITY, Theme.EMPLOYMENT),
        "法律援助申请",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis="《中华人民共和国法律援助法》；《法律援助条例》",
        conditions=(
            "因经济困难没有委托代理人的，可以就依法请求给予社会保险待遇或者社会救助、"
            "请求支付劳动报酬、请求给付赡养费抚养费扶养费、请求工伤事故人身损害赔偿等事项申请法律援助；"
            "法律规定免予核查经济困难状况的，不受经济困难条件限制。"
        ),
        limit=(7, 3),
        office="县法律援助中心",
        result=(APPROVAL, "给予法律援助决定书"),
        questions=[
            ask(
                "means",
                "经济状况审查",
                ("poor", "因经济困难申请"),
                ("exempt", "免予核查经济困难状况"),
            ),
            who(),
        ],
        materials=[
            table("法律援助申请表"),
            id_card(),
            m(
                "经济困难状况说明表",
                when=("poor",),
                standard="申请人如实填写并签字承诺，由法律援助机构核查",
            ),
            m(
                "免予核查经济困难状况的证明材料",
                when=("exempt",),
                notes="如低保证、特困供养证、残疾人证，或请求支付劳动报酬的农民工提交用工相关材料",
            ),
            m(
                "与所申请法律援助事项有关的材料",
                kind=EITHER,
                need=DEFER,
                notes="如起诉状、判决书、劳动合同、欠条等",
            ),
            *agent_papers(),
        ],
        faq=[
            (
                "法律援助收费吗？",
                "不收费。法律援助是国家无偿提供的法律咨询、代理、刑事辩护等法律服务。",
            ),
        ],
        tongban=COUNTY,
        place=LEGAL_PLACE,
    ),
    justice(
        "002005002000",
        "social",
        (Theme.HOUSING, Theme.FARMING),
        "人民调解申请",
        item_type=PUBLIC_SERVICE,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国人民调解法》",
        conditions="当事人之间发生婚姻家庭、邻里、土地承包、物业、损害赔偿等民间纠纷，自愿申请人民调解的。",
        limit=(cal(30), cal(30)),
        limit_note="人民调解委员会一般在受理之日起三十日内调结；双方同意延长的除外",
        office="县（乡镇）人民调解委员会",
        result=(OTHER, "人民调解协议书"),
        materials=[
            m("人民调解申请书", form=BOTH, need=OPTIONAL, notes="可口头申请，由调解员记录"),
            id_card("当事人"),
            m("与纠纷有关的证据材料", kind=EITHER, need=OPTIONAL),
        ],
        steps=[
            step("受理", "县（乡镇）人民调解委员会", 3, "当事人自愿的，登记受理"),
            step("调解", "人民调解员", 25, "查明事实、分清责任，在自愿平等基础上促成协议"),
            step(
                "制作协议",
                "县（乡镇）人民调解委员会",
                2,
                "达成协议的制作人民调解协议书，可申请司法确认",
            ),
        ],
        faq=[
            (
                "人民调解要交费吗？",
                "不收费。人民调解委员会调解民间纠纷，不收取任何费用（《中华人民共和国人民调解法》第四条）。",
            ),
            (
                "调解协议有法律效力吗？",
                "经人民调解委员会调解达成的调解协议具有法律约束力；双方可以自协议生效之日起三十日内共同向人民法院申请司法确认。",
            ),
        ],
        tongban=COUNTY,
        place=LEGAL_PLACE,
    ),
    justice(
        "001005003000",
        "social",
        (Theme.TRAVEL,),
        "社区矫正对象外出审批",
        item_type=OTHER_POWER,
        objects=PERSON,
        basis="《中华人民共和国社区矫正法》；《中华人民共和国社区矫正法实施办法》",
        conditions="社区矫正对象因就医、就学、参与诉讼、处理家庭或者工作重要事务等正当理由，需要离开所居住的县。",
        limit=(cal(3), cal(3)),
        office="县社区矫正管理局",
        result=(APPROVAL, "社区矫正对象外出审批决定"),
        materials=[
            table("社区矫正对象外出申请书"),
            id_card("社区矫正对象"),
            m("外出事由证明材料", notes="如医院诊断证明、入学通知书、法院传票等"),
        ],
        steps=[
            step("受理", "乡镇司法所", 1, "核实外出事由和去向"),
            step("审批", "县社区矫正管理局", 2, "根据外出事由和时间依法审批，批准的发给外出审批表"),
        ],
        online=False,
        appointment=False,
        place="居住地乡镇司法所",
    ),
]


# =============================================================================================
# 人社局 (06)
# =============================================================================================

labour = partial(item, "人社局")
SOCIAL_INSURANCE = "县社会保险事业服务中心"
JOBS = "县就业服务中心"
RESIDENT_PENSION_BASIS = (
    "《中华人民共和国社会保险法》；"
    "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）"
)
SSC = issued("社会保障卡", "人力资源和社会保障部门", form=BOTH, notes="可出示电子社保卡")

LABOUR = [
    labour(
        "002006001000",
        "personal",
        (Theme.SOCIAL_SECURITY,),
        "城乡居民基本养老保险参保登记",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis=RESIDENT_PENSION_BASIS,
        conditions=(
            "年满十六周岁（不含在校学生），非国家机关和事业单位工作人员及不属于职工基本养老保险制度覆盖范围的"
            "城乡居民，可以在户籍地参加城乡居民基本养老保险。"
        ),
        limit=(5, 0),
        office=SOCIAL_INSURANCE,
        result=(OTHER, "参保登记信息"),
        questions=[who("本人办理", "委托村（社区）协办员或亲属代办")],
        materials=[
            table("城乡居民基本养老保险参保登记表"),
            id_card(),
            hukou(need=OPTIONAL, notes="户籍信息可共享核验的无需提交"),
            *agent_papers(),
        ],
        visits=0,
        kiosk=True,
        tongban=COUNTY,
        depth=OnlineDepth.RESULT,
        window="insurance",
    ),
    labour(
        "000506002000",
        "personal",
        (Theme.ELDERLY, Theme.SOCIAL_SECURITY),
        "城乡居民基本养老保险待遇申领",
        item_type=BENEFIT,
        objects=PERSON,
        basis=RESIDENT_PENSION_BASIS,
        conditions="参加城乡居民基本养老保险，年满六十周岁、累计缴费满十五年，且未领取国家规定的基本养老保障待遇。",
        limit=(20, 5),
        office=SOCIAL_INSURANCE,
        result=(APPROVAL, "城乡居民基本养老保险待遇核定表"),
        questions=[who("本人办理", "委托亲属代办")],
        materials=[
            table("城乡居民基本养老保险待遇申领表"),
            id_card(),
            SSC,
            *agent_papers(),
        ],
        faq=[
            (
                "缴费不满15年，到了60岁怎么办？",
                "可以按规定一次性补缴至满15年后申领待遇；也可以在达到待遇领取年龄后继续缴费，缴满15年后申领。",
            ),
            (
                "领待遇后每年要做资格认证吗？",
                "需要，每年进行一次领取资格认证，可通过手机“人脸识别”自助完成，也可由村协办员上门认证。",
            ),
        ],
        visits=0,
        tongban=COUNTY,
        depth=OnlineDepth.RESULT,
        window="insurance",
    ),
    labour(
        "002006003000",
        "personal",
        (Theme.SOCIAL_SECURITY,),
        "社会保障卡申领",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis="《中华人民共和国社会保险法》；《社会保障卡管理办法》",
        conditions="参加社会保险或者享受人力资源社会保障公共服务的人员，可以申领社会保障卡。",
        limit=(10, 0),
        limit_note="即时制卡网点当场领卡；批量制卡约10个工作日",
        office="县社会保障卡服务网点",
        result=(LICENCE, "社会保障卡"),
        questions=[
            ask(
                "applicant",
                "申领人",
                ("self", "本人申领"),
                ("guardian", "监护人为未成年人申领"),
                ("agent", "委托代理人申领"),
            ),
        ],
        materials=[
            id_card(),
            m("本人近期免冠照片", need=OPTIONAL, notes="窗口现场免费采集；已有合格相片的无需提交"),
            id_card("监护人", when=("guardian",)),
            hukou("未成年人", when=("guardian",)),
            *agent_papers(),
        ],
        faq=[
            (
                "社保卡丢了怎么办？",
                "先通过电子社保卡、12333或窗口办理挂失，再申请补卡；补领的卡片账户和待遇不变。",
            ),
        ],
        kiosk=True,
        tongban=NATIONAL,
        depth=OnlineDepth.RESULT,
        window="insurance",
    ),
    labour(
        "000506004000",
        "personal",
        (Theme.EMPLOYMENT, Theme.SOCIAL_SECURITY),
        "失业保险金申领",
        item_type=BENEFIT,
        objects=PERSON,
        basis="《中华人民共和国社会保险法》第四十五条、第四十六条；《失业保险条例》",
        conditions=(
            "1. 失业前用人单位和本人已经缴纳失业保险费满一年；2. 非因本人意愿中断就业；"
            "3. 已经进行失业登记，并有求职要求。"
        ),
        limit=(20, 5),
        office=SOCIAL_INSURANCE,
        result=(APPROVAL, "失业保险待遇核定通知"),
        materials=[
            id_card(),
            SSC,
            issued(
                "终止或者解除劳动关系的证明",
                "用人单位",
                form=BOTH,
                need=DEFER,
                notes="用人单位已通过系统报送的无需提交",
            ),
        ],
        faq=[
            (
                "失业保险金能领多久？",
                "累计缴费满一年不足五年的，最长12个月；满五年不足十年的，最长18个月；十年以上的，最长24个月。",
            ),
        ],
        visits=0,
        tongban=PROVINCE,
        depth=OnlineDepth.RESULT,
        window="insurance",
    ),
    labour(
        "002006005000",
        "personal",
        (Theme.EMPLOYMENT,),
        "就业创业证申领",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis="《中华人民共和国就业促进法》；《就业服务与就业管理规定》",
        conditions="在法定劳动年龄内、有劳动能力的劳动者，可以办理就业登记或者失业登记并申领就业创业证。",
        limit=(5, 0),
        office=JOBS,
        result=(LICENCE, "就业创业证（电子证）"),
        questions=[ask("status", "登记类型", ("employed", "就业登记"), ("unemployed", "失业登记"))],
        materials=[
            id_card(),
            table("就业创业登记表", form=ELECTRONIC),
            m("劳动合同", kind=COPY, when=("employed",), need=DEFER),
            m("终止或解除劳动关系证明", kind=COPY, when=("unemployed",), need=OPTIONAL),
        ],
        visits=0,
        tongban=NATIONAL,
        depth=OnlineDepth.E_LICENCE,
    ),
    labour(
        "002006006000",
        "personal",
        (Theme.EMPLOYMENT,),
        "创业担保贷款申请",
        item_type=PUBLIC_SERVICE,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国就业促进法》；财政部、人力资源社会保障部、中国人民银行有关创业担保贷款贴息的规定",
        conditions=(
            "城镇登记失业人员、就业困难人员、退役军人、高校毕业生、返乡创业农民工等重点群体，"
            "以及符合条件的小微企业；贷款额度、期限和贴息按国家和甘肃省现行政策执行。"
        ),
        limit=(20, 10),
        office=JOBS,
        result=(APPROVAL, "创业担保贷款审核意见"),
        questions=[ask("subject", "申请主体", ("person", "个人创业者"), ("firm", "小微企业"))],
        materials=[
            table("创业担保贷款申请表"),
            id_card(),
            business_licence(need=OPTIONAL, notes="已登记的经营主体通过数据共享调取，无需提交"),
            m("创业项目计划书", standard="说明项目内容、资金用途和还款来源"),
            issued("就业创业证或重点群体身份证明", "人力资源和社会保障部门", when=("person",)),
            m("小微企业当年新招用符合条件人员的劳动合同", kind=COPY, when=("firm",)),
            m("反担保材料", need=DEFER, notes="担保机构要求时提交"),
        ],
        special=[INSPECTION],
        joint=("县财政局", "县创业担保贷款担保中心", "承办银行"),
    ),
    labour(
        "000706007000",
        "social",
        (Theme.EMPLOYMENT, Theme.SOCIAL_SECURITY),
        "工伤认定申请",
        item_type=CONFIRMATION,
        objects=PERSON_OR_COMPANY,
        basis="《工伤保险条例》第十七条、第二十条；《工伤认定办法》",
        conditions=(
            "职工发生事故伤害或者被诊断、鉴定为职业病的，所在单位应当自事故伤害发生之日或者被诊断、"
            "鉴定为职业病之日起30日内申请工伤认定；单位未申请的，职工或者其近亲属、工会组织在1年内可以直接申请。"
        ),
        limit=(cal(60), 30),
        limit_note="对受理的事实清楚、权利义务明确的申请，15日内作出决定",
        office="县人社局工伤保险股",
        result=(APPROVAL, "认定工伤（视同工伤）决定书或不予认定工伤决定书"),
        questions=[
            ask("applicant", "申请人", ("employer", "用人单位"), ("worker", "职工或其近亲属")),
            ask(
                "event",
                "伤害情形",
                ("work", "工作时间、工作场所内事故伤害"),
                ("commute", "上下班途中交通事故"),
            ),
        ],
        materials=[
            table("工伤认定申请表"),
            m(
                "与用人单位存在劳动关系的证明材料",
                kind=COPY,
                standard="劳动合同、工资支付记录、考勤记录等",
            ),
            m("医疗诊断证明或者职业病诊断证明书", kind=COPY),
            id_card("受伤害职工"),
            business_licence(when=("employer",)),
            issued(
                "道路交通事故认定书",
                "公安机关交通管理部门",
                form=PAPER,
                kind=COPY,
                need=DEFER,
                when=("commute",),
            ),
        ],
        special=[INSPECTION],
        faq=[
            (
                "单位不给申请工伤怎么办？",
                "用人单位未在30日内提出申请的，职工本人或者近亲属、工会组织可以在事故伤害发生之日起1年内直接申请。",
            ),
        ],
        window="insurance",
    ),
    labour(
        "000506008000",
        "social",
        (Theme.DEATH, Theme.SOCIAL_SECURITY),
        "丧葬补助金、抚恤金申领",
        item_type=BENEFIT,
        objects=PERSON,
        basis="《中华人民共和国社会保险法》第四十九条",
        conditions="参加基本养老保险的个人因病或者非因工死亡的，其遗属可以申领丧葬补助金和抚恤金。",
        limit=(20, 5),
        office=SOCIAL_INSURANCE,
        result=(APPROVAL, "丧葬补助金、抚恤金核定表"),
        questions=[who("遗属本人办理", "委托他人办理")],
        materials=[
            table("丧葬补助金、抚恤金申领表"),
            issued("死亡证明", "医疗卫生机构或公安机关", notes="“身后一件事”联办时共享，无需提交"),
            id_card("申领遗属"),
            issued(
                "与逝者的关系证明", "公安机关、民政部门", notes="户籍或婚姻登记信息可查询的无需提交"
            ),
            m("遗属银行账户信息", need=OPTIONAL),
            *agent_papers(),
        ],
        tongban=COUNTY,
        window="insurance",
    ),
    labour(
        "002006009000",
        "enterprise",
        (Theme.ESTABLISHMENT,),
        "单位社会保险登记",
        item_type=PUBLIC_SERVICE,
        objects=ORGANISATIONS,
        basis="《中华人民共和国社会保险法》第五十七条；《社会保险费征缴暂行条例》",
        conditions="用人单位应当自成立之日起三十日内，申请办理社会保险登记。",
        limit=(15, 0),
        office=SOCIAL_INSURANCE,
        result=(OTHER, "社会保险登记信息"),
        materials=[
            business_licence(),
            table("单位参保登记表", form=ELECTRONIC),
            id_card("经办人"),
        ],
        faq=[
            (
                "企业开办时能一并办理吗？",
                "可以。在企业开办平台勾选社保登记，营业执照信息共享后自动完成单位参保登记。",
            ),
        ],
        visits=0,
        depth=OnlineDepth.RESULT,
        joint=("县市场监管局",),
    ),
    labour(
        "002006010000",
        "personal",
        (Theme.SOCIAL_SECURITY, Theme.EMPLOYMENT),
        "企业职工基本养老保险关系转移接续",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis="《中华人民共和国社会保险法》；《城镇企业职工基本养老保险关系转移接续暂行办法》",
        conditions="参加企业职工基本养老保险的人员跨统筹地区就业的，其基本养老保险关系随本人转移，缴费年限累计计算。",
        limit=(45, 15),
        office=SOCIAL_INSURANCE,
        result=(OTHER, "基本养老保险参保缴费凭证及转移接续结果"),
        materials=[
            table("基本养老保险关系转移接续申请表", form=ELECTRONIC),
            id_card(),
            SSC,
        ],
        visits=0,
        tongban=NATIONAL,
        depth=OnlineDepth.RESULT,
        window="insurance",
    ),
    labour(
        "002006011000",
        "social",
        (Theme.EMPLOYMENT,),
        "劳动人事争议仲裁申请",
        item_type=PUBLIC_SERVICE,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国劳动争议调解仲裁法》；《劳动人事争议仲裁办案规则》",
        conditions="劳动者与用人单位因劳动报酬、工伤医疗费、经济补偿或者赔偿金等发生争议，在仲裁时效内申请仲裁。",
        limit=(cal(45), cal(45)),
        limit_note="案情复杂需要延期的，经仲裁委员会主任批准可以延长，延长期限不超过十五日",
        office="县劳动人事争议仲裁院",
        result=(OTHER, "仲裁调解书或仲裁裁决书"),
        materials=[
            m("仲裁申请书", copies=2, standard="按被申请人人数提交副本"),
            id_card(),
            issued("被申请人营业执照或登记信息", "市场监督管理部门"),
            m("证据材料", kind=COPY, notes="劳动合同、工资条、考勤记录、解除通知等"),
        ],
        special=[EXTENSION],
        steps=[
            step("受理", "县劳动人事争议仲裁院立案窗口", 5, "收到申请之日起五日内决定是否受理"),
            step("送达答辩", "县劳动人事争议仲裁院", 10, "送达申请书副本，被申请人十日内答辩"),
            step("开庭审理", "仲裁庭", 25, "先行调解；调解不成的开庭审理"),
            step("裁决", "仲裁庭", 5, "制作调解书或裁决书并送达"),
        ],
        faq=[
            (
                "劳动仲裁收费吗？",
                "不收费。劳动争议仲裁委员会的经费由财政予以保障。",
            ),
            (
                "申请仲裁有时间限制吗？",
                "劳动争议申请仲裁的时效期间为一年，从当事人知道或者应当知道其权利被侵害之日起计算；"
                "拖欠劳动报酬争议在劳动关系存续期间不受此限。",
            ),
        ],
        place="榆中县劳动人事争议仲裁院；榆中县政务服务中心 C04-C05 社会事务综合受理窗口",
    ),
]


# =============================================================================================
# 医保局 (13)
# =============================================================================================

medical = partial(item, "医保局")
MEDICAL_INSURANCE = "县医疗保障事业服务中心"
MEDICAL_BASIS = "《中华人民共和国社会保险法》；《医疗保障基金使用监督管理条例》"

MEDICAL = [
    medical(
        "002013001000",
        "personal",
        (Theme.HEALTH, Theme.SOCIAL_SECURITY),
        "城乡居民基本医疗保险参保登记",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis="《中华人民共和国社会保险法》；《国务院关于整合城乡居民基本医疗保险制度的意见》",
        conditions="除职工基本医疗保险应参保人员以外的其他所有城乡居民，可以参加城乡居民基本医疗保险。",
        limit=(5, 0),
        office=MEDICAL_INSURANCE,
        result=(OTHER, "参保登记信息"),
        questions=[ask("person", "参保人员", ("resident", "一般城乡居民"), ("newborn", "新生儿"))],
        materials=[
            id_card(need=OPTIONAL, notes="新生儿可凭出生医学证明参保"),
            hukou(),
            issued("出生医学证明", "卫生健康部门", when=("newborn",)),
        ],
        faq=[
            (
                "什么时候缴费？",
                "每年集中参保缴费期内缴纳下一年度的保费，可通过“甘肃税务”APP、银行或村协办员缴纳。",
            ),
            (
                "新生儿什么时候参保？",
                "新生儿在出生后90日内参保缴费的，自出生之日起享受医保待遇。",
            ),
        ],
        visits=0,
        tongban=COUNTY,
        depth=OnlineDepth.RESULT,
        window="insurance",
        joint=("县税务局",),
    ),
    medical(
        "002013002000",
        "personal",
        (Theme.HEALTH, Theme.TRAVEL),
        "异地就医备案",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis="《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》",
        conditions="参加本县基本医疗保险，需要在省外或省内其他统筹地区就医并直接结算的参保人员。",
        limit=(1, 0),
        office=MEDICAL_INSURANCE,
        result=(OTHER, "异地就医备案信息"),
        questions=[
            ask(
                "kind",
                "备案类型",
                ("resident", "异地长期居住"),
                ("worker", "常驻异地工作"),
                ("referral", "异地转诊就医"),
                ("temporary", "临时外出就医"),
            ),
        ],
        materials=[
            table("异地就医登记备案表", form=ELECTRONIC),
            id_card(),
            m(
                "个人承诺书",
                form=ELECTRONIC,
                when=("resident", "worker"),
                notes="以承诺代替居住证明或工作证明",
            ),
            m(
                "转诊转院证明",
                form=BOTH,
                when=("referral",),
                standard="由本县二级及以上定点医疗机构出具",
            ),
        ],
        faq=[
            (
                "备案后多久可以直接结算？",
                "备案成功后即时生效，可以在就医地已开通直接结算的定点医疗机构持医保码或社保卡直接结算。",
            ),
        ],
        visits=0,
        tongban=NATIONAL,
        depth=OnlineDepth.RESULT,
        window="insurance",
        hours="网上办理全天候；窗口 " + county.HOURS,
    ),
    medical(
        "000713003000",
        "personal",
        (Theme.HEALTH,),
        "门诊慢特病待遇认定",
        item_type=CONFIRMATION,
        objects=PERSON,
        basis=MEDICAL_BASIS,
        conditions="参保人员患有本省门诊慢特病病种范围内的疾病，符合病种认定标准的。",
        limit=(20, 10),
        office=MEDICAL_INSURANCE,
        result=(APPROVAL, "门诊慢特病待遇认定结果"),
        questions=[who("参保人本人办理", "家属代办")],
        materials=[
            table("门诊慢特病待遇认定申请表"),
            id_card(),
            m("二级及以上医疗机构出具的诊断证明", standard="加盖医疗机构公章"),
            m("相关检查检验报告及病历资料", kind=COPY, need=DEFER),
            *agent_papers(),
        ],
        special=[EXPERT],
        faq=[
            (
                "可以在医院直接认定吗？",
                "可以。本县二级以上定点医疗机构可以受理认定申请，经医保经办机构确认后即可享受待遇。",
            ),
        ],
        tongban=COUNTY,
        window="insurance",
    ),
    medical(
        "000513004000",
        "personal",
        (Theme.HEALTH,),
        "医疗费用手工（零星）报销",
        item_type=BENEFIT,
        objects=PERSON,
        basis=MEDICAL_BASIS,
        conditions="参保人员因异地就医未能直接结算，或因急诊抢救在非定点医疗机构就医发生的符合规定的医疗费用。",
        limit=(30, 15),
        office=MEDICAL_INSURANCE,
        result=(OTHER, "医疗费用报销结算单"),
        questions=[
            ask("case", "就医情形", ("remote", "异地就医未直接结算"), ("emergency", "急诊抢救")),
            who("参保人本人办理", "家属代办"),
        ],
        materials=[
            SSC,
            m("医疗费用收费票据", standard="电子票据可通过平台查验"),
            m("费用明细清单", kind=EITHER),
            m("出院记录或诊断证明", kind=COPY),
            m("急诊抢救病历或证明", kind=COPY, when=("emergency",)),
            *agent_papers(),
        ],
        express=True,
        tongban=COUNTY,
        window="insurance",
    ),
    medical(
        "000513005000",
        "personal",
        (Theme.BIRTH, Theme.HEALTH),
        "生育保险待遇申领",
        item_type=BENEFIT,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国社会保险法》；《国务院办公厅关于全面推进生育保险和职工基本医疗保险合并实施的意见》",
        conditions="参加职工基本医疗保险（生育保险）的职工，生育或者施行计划生育手术后，按规定享受生育医疗费用和生育津贴。",
        limit=(20, 10),
        office=MEDICAL_INSURANCE,
        result=(OTHER, "生育保险待遇核定结果"),
        questions=[
            ask(
                "benefit",
                "申领项目",
                ("medical", "生育医疗费用（未直接结算部分）"),
                ("allowance", "生育津贴"),
            )
        ],
        materials=[
            id_card(),
            issued("出生医学证明", "卫生健康部门"),
            m("医疗费用票据及费用明细", when=("medical",)),
            table("生育津贴申领表", when=("allowance",), standard="用人单位盖章确认"),
        ],
        faq=[
            (
                "生育津贴发给谁？",
                "生育津贴按规定支付给用人单位，由用人单位发放给职工；用人单位已按工资标准发放的可直接拨付单位。",
            ),
        ],
        tongban=COUNTY,
        window="insurance",
        joint=("县卫健局", "县公安局"),
    ),
    medical(
        "000513006000",
        "social",
        (Theme.HEALTH, Theme.DISABILITY),
        "医疗救助申请",
        item_type=BENEFIT,
        objects=PERSON,
        basis="《社会救助暂行办法》；《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》",
        conditions=(
            "特困人员、低保对象、防止返贫监测对象等医疗救助对象，以及因高额医疗费用支出导致家庭基本生活出现严重困难的"
            "大病患者，经基本医保、大病保险报销后的政策范围内个人自付费用。"
        ),
        limit=(20, 10),
        office=MEDICAL_INSURANCE,
        result=(APPROVAL, "医疗救助审批结果"),
        questions=[
            ask(
                "status",
                "救助对象类别",
                ("listed", "已认定的救助对象"),
                ("sick", "因病致贫重病患者"),
            )
        ],
        materials=[
            table("医疗救助申请表"),
            id_card(),
            issued("救助对象身份证明", "民政部门", when=("listed",)),
            m("医疗费用票据及基本医保、大病保险结算单", kind=COPY, need=DEFER, when=("sick",)),
            m("家庭经济状况核对授权书", when=("sick",)),
        ],
        faq=[
            (
                "低保户住院还要单独申请医疗救助吗？",
                "一般不需要。已认定的救助对象在定点医疗机构住院的，出院时“一站式”直接结算医疗救助；未能直接结算的再申请。",
            ),
        ],
        tongban=COUNTY,
        window="insurance",
    ),
    medical(
        "002013007000",
        "personal",
        (Theme.HEALTH,),
        "职工医保个人账户家庭共济绑定",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis="《国务院办公厅关于建立健全职工基本医疗保险门诊共济保障机制的指导意见》",
        conditions="参加职工基本医疗保险的人员，可以将个人账户与配偶、父母、子女绑定，用于支付其在定点医药机构发生的个人负担费用。",
        limit=(1, 0),
        office=MEDICAL_INSURANCE,
        result=(OTHER, "家庭共济绑定关系"),
        materials=[
            SSC,
            id_card("共济人"),
            issued("家庭关系证明", "公安机关、民政部门", notes="通过户籍、婚姻登记信息核验"),
        ],
        visits=0,
        tongban=PROVINCE,
        depth=OnlineDepth.RESULT,
        window="insurance",
    ),
]


# =============================================================================================
# 卫健局 (11)
# =============================================================================================

health = partial(item, "卫健局")
MEDICAL_ADMIN = "县卫生健康局医政医管股"
FAMILY = "县卫生健康局人口监测与家庭发展股"
HEALTH_CHECK = m("近6个月内县级以上医疗机构出具的健康体检证明")

HEALTH = [
    health(
        "000111001000",
        "social",
        (Theme.EMPLOYMENT,),
        "医师执业注册",
        item_type=LICENSING,
        objects=PERSON,
        basis="《中华人民共和国医师法》；《医师执业注册管理办法》",
        conditions="取得医师资格，拟在本县医疗、预防、保健机构中执业，且无法律规定不予注册情形的。",
        limit=(20, 5),
        office=MEDICAL_ADMIN,
        result=(LICENCE, "医师执业证书（电子证照）"),
        questions=[
            ask("kind", "注册类型", ("first", "首次注册"), ("change", "变更执业地点或范围"))
        ],
        materials=[
            table("医师执业注册申请审核表"),
            id_card(),
            issued("医师资格证书", "卫生健康部门"),
            HEALTH_CHECK,
            m("拟执业机构的聘用证明", standard="加盖拟执业机构公章"),
            issued("原医师执业证书", "卫生健康部门", when=("change",)),
        ],
        visits=0,
        depth=OnlineDepth.E_LICENCE,
        faq=[
            (
                "医师多机构执业需要另外注册吗？",
                "在主要执业机构注册后，到其他机构执业的通过电子化注册系统备案，不需要重复注册。",
            ),
        ],
    ),
    health(
        "000111002000",
        "social",
        (Theme.EMPLOYMENT,),
        "护士执业注册",
        item_type=LICENSING,
        objects=PERSON,
        basis="《护士条例》；《护士执业注册管理办法》",
        conditions=(
            "1. 具有完全民事行为能力；"
            "2. 完成规定的普通全日制3年以上护理、助产专业课程学习并取得相应学历证书；"
            "3. 通过国家护士执业资格考试；4. 符合规定的健康标准。"
        ),
        limit=(20, 5),
        office=MEDICAL_ADMIN,
        result=(LICENCE, "护士执业证书（电子证照）"),
        materials=[
            table("护士执业注册申请审核表"),
            id_card(),
            m("学历证书及专业学习中的临床实习证明", kind=COPY),
            issued("护士执业资格考试成绩合格证明", "卫生健康部门"),
            HEALTH_CHECK,
            m("拟执业医疗卫生机构的接收证明", standard="加盖机构公章"),
        ],
        visits=0,
        depth=OnlineDepth.E_LICENCE,
    ),
    health(
        "000111003000",
        "enterprise",
        (Theme.ESTABLISHMENT, Theme.OPERATION),
        "医疗机构执业登记",
        item_type=LICENSING,
        objects=ORGANISATIONS,
        basis="《医疗机构管理条例》；《医疗机构管理条例实施细则》",
        conditions="按照规定设置的医疗机构（诊所除外），符合医疗机构基本标准，有相应的场所、设备设施、卫生技术人员和规章制度。",
        limit=(cal(45), 20),
        office=MEDICAL_ADMIN,
        result=(LICENCE, "医疗机构执业许可证"),
        materials=[
            table("医疗机构申请执业登记注册书"),
            issued(
                "设置医疗机构批准书",
                "卫生健康部门",
                need=OPTIONAL,
                notes="按规定免于设置审批的无需提交",
            ),
            m("医疗机构用房产权证明或者使用证明", kind=COPY),
            m("医疗机构建筑设计平面图"),
            m("验资证明或资产评估报告"),
            m("医疗机构规章制度"),
            m("法定代表人或主要负责人、各科室负责人名录及资格证书、执业证书", kind=COPY),
        ],
        special=[INSPECTION],
        express=True,
    ),
    health(
        "001011004000",
        "enterprise",
        (Theme.ESTABLISHMENT,),
        "诊所备案",
        item_type=OTHER_POWER,
        objects=PERSON_OR_COMPANY,
        basis="《医疗机构管理条例》；《诊所备案管理暂行办法》",
        conditions="举办诊所的，具有符合规定的诊所用房、设备设施和执业人员，向县卫生健康局备案后即可开展执业活动。",
        limit=(0, 0),
        limit_note="备案材料齐全的当场发放备案凭证",
        office=MEDICAL_ADMIN,
        result=(OTHER, "诊所备案凭证"),
        materials=[
            table("诊所备案信息表"),
            m("诊所房屋平面布局图", standard="标明功能分区"),
            m("诊所用房产权证明或者使用证明", kind=COPY),
            m("诊所主要负责人及执业人员的资格证书、执业证书", kind=COPY),
            m("诊所规章制度"),
        ],
        faq=[
            (
                "备案后多久会来检查？",
                "县卫生健康局在备案后30日内进行现场核查，核查不符合要求的责令整改。",
            ),
        ],
        visits=1,
        depth=OnlineDepth.RESULT,
    ),
    health(
        "002011005000",
        "personal",
        (Theme.BIRTH,),
        "生育登记",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis="《中华人民共和国人口与计划生育法》；《甘肃省人口与计划生育条例》",
        conditions="夫妻双方生育子女的，可以在孕前、孕期或者子女出生后进行生育登记。",
        limit=(1, 0),
        office=FAMILY,
        result=(OTHER, "生育登记服务单（电子）"),
        materials=[
            table("生育登记信息表", form=ELECTRONIC, standard="填写夫妻双方及子女基本信息"),
            id_card("夫妻双方"),
            issued("结婚证", "民政部门"),
        ],
        faq=[
            (
                "生育登记有次数限制吗？",
                "没有。一孩、二孩、三孩均实行生育登记服务，不设审批。",
            ),
        ],
        visits=0,
        tongban=NATIONAL,
        depth=OnlineDepth.RESULT,
        window="social",
    ),
    health(
        "002011006000",
        "personal",
        (Theme.BIRTH,),
        "出生医学证明首次签发",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis="《中华人民共和国母婴保健法》；《中华人民共和国母婴保健法实施办法》",
        conditions="在本县助产机构出生的新生儿，由其父母或监护人申请首次签发。",
        limit=(1, 0),
        office="县妇幼保健院出生医学证明签发办公室",
        result=(LICENCE, "出生医学证明"),
        materials=[
            table(
                "出生医学证明首次签发登记表",
                form=PAPER,
                standard="父母双方签字确认新生儿姓名等信息",
            ),
            id_card("父母双方"),
            m("新生儿住院分娩记录", form=FETCHED, notes="助产机构系统调取，无需提交"),
            issued("结婚证", "民政部门", need=OPTIONAL),
        ],
        faq=[
            (
                "出生医学证明上的名字签发后还能改吗？",
                "签发后原则上不得更改，请父母双方在签发前认真核对姓名等信息。",
            ),
        ],
        online=False,
        place="榆中县妇幼保健院出生医学证明签发窗口；榆中县人民医院产科",
        joint=("县公安局", "县医保局"),
    ),
    health(
        "002011007000",
        "personal",
        (Theme.BIRTH, Theme.HEALTH),
        "预防接种证办理",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis="《中华人民共和国疫苗管理法》；《中华人民共和国传染病防治法》",
        conditions="儿童出生后1个月内，其监护人到儿童居住地承担预防接种工作的接种单位为其办理预防接种证。",
        limit=(1, 0),
        office="乡镇卫生院（社区卫生服务中心）预防接种门诊",
        result=(LICENCE, "预防接种证"),
        materials=[
            issued("出生医学证明", "卫生健康部门", form=BOTH),
            id_card("监护人"),
            m(
                "新生儿首剂次疫苗接种记录",
                need=OPTIONAL,
                notes="在助产机构接种乙肝疫苗、卡介苗的记录",
            ),
        ],
        online=False,
        tongban=COUNTY,
        place="居住地乡镇卫生院或社区卫生服务中心预防接种门诊",
        hours="接种门诊开诊日 8:30-12:00",
    ),
    health(
        "000111008000",
        "enterprise",
        (Theme.ESTABLISHMENT, Theme.OPERATION),
        "公共场所卫生许可",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《公共场所卫生管理条例》；《公共场所卫生管理条例实施细则》",
        conditions="住宿、沐浴、美容美发等公共场所，有符合卫生要求的场所布局、卫生设施和卫生管理制度。",
        limit=(20, 5),
        office="县卫生健康综合监督执法队",
        result=(LICENCE, "公共场所卫生许可证"),
        questions=[who("法定代表人（经营者）办理", "委托经办人办理")],
        materials=[
            table("公共场所卫生许可申请表"),
            business_licence(),
            m("公共场所地址方位示意图、平面图和卫生设施平面布局图"),
            m("公共场所卫生管理制度"),
            m("公共场所卫生检测或者评价报告", need=DEFER, notes="可在许可后30日内补交"),
            m("从业人员健康合格证明", kind=COPY, need=DEFER),
            *agent_papers(company=True),
        ],
        special=[INSPECTION],
        commitment=True,
        express=True,
        depth=OnlineDepth.E_LICENCE,
    ),
    health(
        "000511009000",
        "social",
        (Theme.FARMING, Theme.ELDERLY),
        "农村部分计划生育家庭奖励扶助",
        item_type=BENEFIT,
        objects=PERSON,
        basis="《中华人民共和国人口与计划生育法》；《甘肃省人口与计划生育条例》",
        conditions=(
            "本人及配偶均为农业户口或界定为农村居民户口，1973年至2001年期间没有违反计划生育法律法规和政策规定生育，"
            "现存一个子女或两个女孩或子女死亡现无子女，年满六十周岁。"
        ),
        limit=(30, 20),
        office=FAMILY,
        result=(APPROVAL, "奖励扶助资格确认"),
        materials=[
            table("农村部分计划生育家庭奖励扶助对象申报表"),
            id_card("夫妻双方"),
            hukou(),
            m(
                "子女情况证明",
                kind=COPY,
                need=DEFER,
                notes="村（居）民委员会出具，或由户籍信息核验",
            ),
        ],
        special=[ANNOUNCEMENT],
        tongban=COUNTY,
        window="township",
    ),
]


# =============================================================================================
# 自然资源局 (07)
# =============================================================================================

land = partial(item, "自然资源局")
ESTATE = "县不动产登记中心"
PLANNING = "县自然资源局国土空间规划股"
ESTATE_BASIS = (
    "《中华人民共和国民法典》；《不动产登记暂行条例》第二十条；《不动产登记暂行条例实施细则》"
)
PLANNING_BASIS = "《中华人民共和国城乡规划法》"
ESTATE_APPLICATION = table("不动产登记申请书", form=PAPER, notes="窗口可代为打印，申请人核对后签字")


def estate_item(
    code: str, name: str, *, themes: Sequence[str] = (Theme.HOUSING,), **kwargs: Any
) -> dict[str, Any]:
    """An item of the 不动产登记 window: same basis, window and e-certificate as the rest."""
    kwargs.setdefault("result", (LICENCE, "不动产权证书或不动产登记证明（同步发放电子证照）"))
    kwargs.setdefault("basis", ESTATE_BASIS)
    kwargs.setdefault("depth", OnlineDepth.E_LICENCE)
    kwargs.setdefault("express", True)
    return land(
        code,
        "real_estate",
        themes,
        name,
        item_type=CONFIRMATION,
        objects=kwargs.pop("objects", PERSON_OR_COMPANY),
        office=ESTATE,
        **kwargs,
    )


LAND = [
    estate_item(
        "000707001000",
        "不动产首次登记（国有建设用地使用权及房屋所有权）",
        themes=(Theme.HOUSING, Theme.INVESTMENT),
        conditions="依法取得国有建设用地使用权，房屋已经竣工、符合规划，且权属清楚、界址清楚、面积准确的。",
        limit=(30, 5),
        questions=[
            ask("project", "项目类型", ("estate", "房地产开发项目"), ("own", "单位或个人自建房屋")),
            who("权利人本人（法定代表人）办理", "委托代理人办理"),
        ],
        materials=[
            ESTATE_APPLICATION,
            m(
                "申请人身份证明",
                kind=EITHER,
                notes="个人提交居民身份证，单位的营业执照通过数据共享调取",
            ),
            property_certificate("国有建设用地使用权不动产权证书"),
            issued(
                "建设工程规划条件核实意见及竣工验收备案材料",
                "自然资源、住房和城乡建设主管部门",
            ),
            m("房屋测绘报告", standard="由具有相应资质的测绘单位出具"),
            m(
                "业主共有的道路、绿地、物业服务用房等的确认材料",
                when=("estate",),
                standard="建筑区划内属于业主共有部分的清单和位置图",
            ),
            *agent_papers(company=True),
        ],
        fees=estate_fees(),
        special=[INSPECTION],
        faq=[
            (
                "开发企业办完首次登记，购房人怎么办证？",
                "开发企业完成首次登记后，购房人持购房合同、完税信息等申请转移登记；"
                "可以由开发企业统一代为申请，也可以在县政务服务中心 D01 窗口自行申请。",
            ),
        ],
    ),
    estate_item(
        "000707002000",
        "不动产转移登记（存量房买卖）",
        conditions="已经登记的不动产因买卖发生权利转移，买卖双方已签订存量房买卖合同并缴清相关税费。",
        limit=(30, 3),
        questions=[
            ask(
                "seller",
                "出卖人婚姻状况",
                ("married", "已婚"),
                ("single", "未婚、离异或丧偶（在申请书中声明）"),
            ),
            who("买卖双方本人办理", "委托代理人办理"),
        ],
        materials=[
            ESTATE_APPLICATION,
            id_card("买卖双方"),
            property_certificate(form=PAPER, notes="办理转移登记时收回原证书"),
            issued("存量房买卖合同（网签备案）", "住房和城乡建设主管部门"),
            issued("完税凭证", "税务机关", notes="“一窗受理”后税务部门推送完税信息，无需提交"),
            m(
                "配偶同意出售的书面意见",
                when=("married",),
                need=DEFER,
                standard="配偶签字；配偶到场签字的无需提交",
            ),
            *agent_papers(notarised=True),
        ],
        fees=estate_fees(),
        faq=[
            (
                "买卖双方需要分别跑税务和不动产窗口吗？",
                "不需要。在 D01 窗口“一窗受理”，税费在线缴纳，登记完成后可以选择邮寄证书。",
            ),
        ],
        joint=("县税务局", "县住建局"),
    ),
    estate_item(
        "000707003000",
        "不动产抵押权首次登记",
        themes=(Theme.HOUSING, Theme.OPERATION),
        conditions="以已登记的不动产设定抵押，抵押合同已经签订，当事人共同申请抵押权登记。",
        limit=(30, 1),
        questions=[who("抵押人、抵押权人共同办理", "委托代理人办理")],
        materials=[
            ESTATE_APPLICATION,
            m(
                "抵押人、抵押权人的身份证明",
                kind=EITHER,
                notes="金融机构提交营业执照和金融许可证复印件",
            ),
            property_certificate(form=BOTH),
            m("主债权合同"),
            m("抵押合同", standard="可以是单独订立的合同，也可以是主债权合同中的抵押条款"),
            *agent_papers(company=True),
        ],
        fees=estate_fees(),
        faq=[
            (
                "在银行就能办抵押登记吗？",
                "可以。县不动产登记中心在合作银行设立“不动产登记+金融服务”网点，签约后由银行在线申请，无需到窗口。",
            ),
        ],
        visits=0,
    ),
    estate_item(
        "000707004000",
        "不动产变更登记",
        conditions="权利人姓名或名称、身份证明号码，或者不动产坐落、界址、用途、面积等状况发生变化的。",
        limit=(30, 1),
        questions=[
            ask(
                "change",
                "变更事项",
                ("name", "权利人姓名或名称"),
                ("id", "身份证明类型或号码"),
                ("parcel", "坐落、界址、用途或面积"),
            ),
            who("权利人本人办理", "委托代理人办理"),
        ],
        materials=[
            ESTATE_APPLICATION,
            id_card("权利人"),
            property_certificate(form=PAPER),
            issued("姓名或名称变更的证明", "公安机关或市场监督管理部门", when=("name",)),
            issued("身份证明号码变更的证明", "公安机关", when=("id",)),
            issued(
                "有批准权的机关批准变更的材料或测绘成果",
                "自然资源主管部门",
                form=PAPER,
                when=("parcel",),
            ),
            *agent_papers(),
        ],
        faq=[
            (
                "变更登记收费吗？",
                "权利人姓名（名称）或身份证明号码变化等情形的变更登记不收取登记费；需要换发证书的按规定收取证书工本费。",
            ),
        ],
    ),
    estate_item(
        "000707005000",
        "不动产预告登记（预购商品房）",
        conditions="购买预售商品房，商品房预售合同已经网签备案的，当事人可以申请预告登记。",
        limit=(30, 0),
        result=(LICENCE, "不动产登记证明（预告登记）"),
        questions=[who("买受人本人办理", "委托开发企业或代理人办理")],
        materials=[
            ESTATE_APPLICATION,
            id_card("买受人"),
            issued("已备案的商品房预售合同", "住房和城乡建设主管部门"),
            m("当事人关于预告登记的约定", need=OPTIONAL, notes="预售合同中已有约定的无需另行提交"),
            *agent_papers(),
        ],
        visits=0,
    ),
    estate_item(
        "000707006000",
        "不动产抵押权注销登记",
        themes=(Theme.HOUSING, Theme.OPERATION),
        conditions="主债权消灭、抵押权已经实现或者抵押权人放弃抵押权的。",
        limit=(30, 0),
        result=(OTHER, "抵押权注销登记结果（电子）"),
        materials=[
            ESTATE_APPLICATION,
            m("抵押权人身份证明及经办人授权材料", kind=COPY),
            issued("不动产登记证明（抵押权）", "榆中县不动产登记中心", form=PAPER),
            m("抵押权消灭的材料", standard="债务结清证明或抵押权人同意注销的书面材料"),
        ],
        visits=0,
    ),
    land(
        "002007007000",
        "real_estate",
        (Theme.HOUSING,),
        "不动产登记资料查询",
        item_type=PUBLIC_SERVICE,
        objects=PERSON_OR_COMPANY,
        basis="《不动产登记暂行条例》；《不动产登记资料查询暂行办法》",
        conditions="权利人、利害关系人可以依法查询、复制不动产登记资料。",
        limit=(5, 0),
        office=ESTATE,
        result=(OTHER, "不动产登记资料查询结果证明"),
        questions=[
            ask(
                "requester",
                "查询人",
                ("owner", "权利人本人"),
                ("interested", "利害关系人"),
                ("agent", "委托代理人"),
            ),
        ],
        materials=[
            table("不动产登记资料查询申请书"),
            id_card("查询人"),
            m(
                "存在利害关系的证明材料",
                when=("interested",),
                notes="如买卖合同、判决书、继承关系证明等",
            ),
            *agent_papers(),
        ],
        visits=0,
        kiosk=True,
        tongban=COUNTY,
        depth=OnlineDepth.RESULT,
    ),
    land(
        "000107008000",
        "construction",
        (Theme.INVESTMENT,),
        "建设用地规划许可证核发",
        item_type=LICENSING,
        objects=ORGANISATIONS,
        basis=f"{PLANNING_BASIS}第三十七条、第三十八条",
        conditions="在城市、镇规划区内以划拨或者出让方式取得国有土地使用权的建设项目。",
        limit=(20, 5),
        office=PLANNING,
        result=(LICENCE, "建设用地规划许可证"),
        questions=[ask("supply", "供地方式", ("grant", "出让"), ("allocate", "划拨"))],
        materials=[
            table("建设用地规划许可申请表"),
            business_licence(),
            issued("建设项目批准、核准或者备案文件", "发展改革部门"),
            m("国有建设用地使用权出让合同", kind=COPY, when=("grant",)),
            issued("建设项目用地预审与选址意见书", "自然资源主管部门", when=("allocate",)),
            m("宗地界址坐标和红线图", form=BOTH),
        ],
        depth=OnlineDepth.E_LICENCE,
    ),
    land(
        "000107009000",
        "construction",
        (Theme.INVESTMENT,),
        "建设工程规划许可证核发",
        item_type=LICENSING,
        objects=ORGANISATIONS,
        basis=f"{PLANNING_BASIS}第四十条",
        conditions="在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设，符合控制性详细规划和规划条件的。",
        limit=(20, 10),
        office=PLANNING,
        result=(LICENCE, "建设工程规划许可证"),
        questions=[who("建设单位法定代表人办理", "委托经办人办理")],
        materials=[
            table("建设工程规划许可申请表"),
            business_licence(),
            property_certificate("国有建设用地使用权不动产权证书"),
            issued(
                "建设用地规划许可证",
                "自然资源主管部门",
                need=OPTIONAL,
                notes="以出让方式取得且已合并办理的无需提交",
            ),
            m(
                "建设工程设计方案",
                form=ELECTRONIC,
                standard="含总平面图、单体建筑平立剖面图，符合规划条件",
            ),
            *agent_papers(company=True),
        ],
        special=[EXPERT, ANNOUNCEMENT],
        faq=[
            (
                "设计方案要公示吗？",
                "需要。设计方案在批准前进行批前公示，公示时间不计入办理时限。",
            ),
        ],
        depth=OnlineDepth.E_LICENCE,
    ),
    land(
        "000107010000",
        "personal",
        (Theme.FARMING, Theme.HOUSING),
        "乡村建设规划许可证核发",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis=f"{PLANNING_BASIS}第四十一条",
        conditions="在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设以及农村村民住宅建设，不占用农用地或已办理农用地转用审批手续的。",
        limit=(20, 10),
        office="乡镇人民政府（县自然资源局委托）",
        result=(LICENCE, "乡村建设规划许可证"),
        materials=[
            table("农村宅基地和建房（规划许可）申请表"),
            id_card(),
            hukou(),
            issued("农村宅基地批准书", "乡镇人民政府"),
            m("建房设计图或者选用的通用图集", form=BOTH, need=OPTIONAL),
        ],
        special=[INSPECTION],
        tongban=COUNTY,
        window="township",
        joint=("乡镇人民政府", "县农业农村局"),
    ),
    land(
        "000107011000",
        "construction",
        (Theme.INVESTMENT,),
        "建设项目用地预审与选址意见书核发",
        item_type=LICENSING,
        objects=ORGANISATIONS,
        basis="《中华人民共和国土地管理法》；《中华人民共和国城乡规划法》第三十六条；《建设项目用地预审管理办法》",
        conditions="需要办理用地预审的建设项目，以及以划拨方式提供国有土地使用权、按照国家规定需要有关部门批准或者核准的建设项目。",
        limit=(20, 10),
        office=PLANNING,
        result=(LICENCE, "建设项目用地预审与选址意见书"),
        materials=[
            table("建设项目用地预审与选址申请表"),
            m(
                "建设项目用地预审与选址申请报告",
                standard="说明拟用地情况、选址理由和节约集约用地情况",
            ),
            m("项目建议书批复或项目立项相关文件", kind=COPY, need=DEFER),
            m("拟选址位置图和勘测定界图", form=BOTH),
        ],
        special=[EXPERT],
        depth=OnlineDepth.E_LICENCE,
    ),
]


# =============================================================================================
# 住建局 (08)
# =============================================================================================

housing = partial(item, "住建局")
BUILDING = "县住建局建筑市场管理股"
FIRE = "县住建局建设工程消防审验股"
HOUSING_OFFICE = "县住建局房地产市场与住房保障股"
FIRE_BASIS = "《中华人民共和国消防法》{}；《建设工程消防设计审查验收管理暂行规定》"

HOUSING = [
    housing(
        "000108001000",
        "construction",
        (Theme.INVESTMENT,),
        "建筑工程施工许可证核发",
        item_type=LICENSING,
        objects=ORGANISATIONS,
        basis="《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》",
        conditions=(
            "1. 已经办理该建筑工程用地批准手续；2. 依法应当办理建设工程规划许可证的，已经取得；"
            "3. 需要拆迁的，其拆迁进度符合施工要求；4. 已经确定建筑施工企业；"
            "5. 有满足施工需要的资金安排、施工图纸及技术资料；6. 有保证工程质量和安全的具体措施。"
        ),
        limit=(7, 3),
        office=BUILDING,
        result=(LICENCE, "建筑工程施工许可证（电子证照）"),
        questions=[who("建设单位法定代表人办理", "委托经办人办理")],
        materials=[
            table("建筑工程施工许可证申请表"),
            issued("建设工程规划许可证", "自然资源主管部门"),
            issued("中标通知书或直接发包备案材料", "住房和城乡建设主管部门"),
            m("施工合同", kind=COPY),
            m("施工图设计文件审查合格书", need=DEFER, notes="实行告知承诺的可在开工前补交"),
            m(
                "建设资金已经落实承诺书及保证工程质量和安全的具体措施",
                standard="建设单位法定代表人签字并加盖公章；含质量安全监督手续办理信息",
            ),
            *agent_papers(company=True),
        ],
        commitment=True,
        faq=[
            (
                "哪些工程可以不办施工许可证？",
                "工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证。",
            ),
        ],
        visits=0,
        depth=OnlineDepth.E_LICENCE,
    ),
    housing(
        "000108002000",
        "real_estate",
        (Theme.OPERATION, Theme.INVESTMENT),
        "商品房预售许可",
        item_type=LICENSING,
        objects=COMPANY,
        basis="《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》",
        conditions=(
            "1. 已交付全部土地使用权出让金，取得土地使用权证书；2. 持有建设工程规划许可证；"
            "3. 按提供预售的商品房计算，投入开发建设的资金达到工程建设总投资的百分之二十五以上，"
            "并已经确定施工进度和竣工交付日期。"
        ),
        limit=(10, 5),
        office=HOUSING_OFFICE,
        result=(LICENCE, "商品房预售许可证"),
        materials=[
            table("商品房预售许可申请表"),
            business_licence(),
            issued("房地产开发企业资质证书", "住房和城乡建设主管部门"),
            property_certificate("国有建设用地使用权不动产权证书"),
            issued("建设工程规划许可证和建筑工程施工许可证", "自然资源、住房和城乡建设主管部门"),
            m(
                "投入开发建设资金达到工程建设总投资25%以上的证明",
                standard="工程形象进度证明及监理单位意见",
            ),
            m("商品房预售方案", standard="含预售房屋的位置、面积、竣工交付日期，附分层平面图"),
            m("商品房预售资金监管协议"),
        ],
        special=[INSPECTION],
        window="construction",
    ),
    housing(
        "000108003000",
        "construction",
        (Theme.INVESTMENT,),
        "特殊建设工程消防设计审查",
        item_type=LICENSING,
        objects=ORGANISATIONS,
        basis=FIRE_BASIS.format("第十一条"),
        conditions="国务院住房和城乡建设主管部门规定的特殊建设工程，建设单位在施工前申请消防设计审查。",
        limit=(15, 10),
        office=FIRE,
        result=(APPROVAL, "特殊建设工程消防设计审查意见书"),
        questions=[ask("design", "是否采用特殊消防设计", ("special", "是"), ("standard", "否"))],
        materials=[
            table("消防设计审查申请表"),
            m("消防设计文件", form=ELECTRONIC, standard="符合国家工程建设消防技术标准"),
            issued("建设工程规划许可文件", "自然资源主管部门"),
            m(
                "特殊消防设计技术资料",
                when=("special",),
                notes="含设计说明、技术分析论证报告、模拟分析等",
            ),
        ],
        special=[EXPERT],
        depth=OnlineDepth.RESULT,
    ),
    housing(
        "000108004000",
        "construction",
        (Theme.INVESTMENT,),
        "特殊建设工程消防验收",
        item_type=LICENSING,
        objects=ORGANISATIONS,
        basis=FIRE_BASIS.format("第十三条"),
        conditions="特殊建设工程竣工后，建设单位组织竣工验收时对消防要求进行查验合格的，申请消防验收。",
        limit=(15, 10),
        office=FIRE,
        result=(APPROVAL, "特殊建设工程消防验收意见书"),
        materials=[
            table("消防验收申请表"),
            m("工程竣工验收报告"),
            m("涉及消防的建设工程竣工图纸", form=ELECTRONIC),
            m("消防设施检测报告", need=OPTIONAL),
        ],
        special=[INSPECTION],
        depth=OnlineDepth.RESULT,
    ),
    housing(
        "001008005000",
        "construction",
        (Theme.INVESTMENT,),
        "房屋建筑和市政基础设施工程竣工验收备案",
        item_type=OTHER_POWER,
        objects=ORGANISATIONS,
        basis="《建设工程质量管理条例》；《房屋建筑和市政基础设施工程竣工验收备案管理办法》",
        conditions="建设单位自工程竣工验收合格之日起15日内，向县住建局备案。",
        limit=(15, 3),
        office="县建设工程质量安全监督站",
        result=(OTHER, "工程竣工验收备案表"),
        materials=[
            table("工程竣工验收备案表", copies=2),
            m("工程竣工验收报告", standard="含勘察、设计、施工、监理单位签署的质量合格文件"),
            issued("建设工程规划条件核实意见", "自然资源主管部门"),
            issued("消防验收意见或备案凭证", "住房和城乡建设主管部门"),
            m("施工单位签署的工程质量保修书"),
            m("住宅工程的《住宅质量保证书》和《住宅使用说明书》", need=OPTIONAL),
        ],
        depth=OnlineDepth.RESULT,
    ),
    housing(
        "000508006000",
        "social",
        (Theme.HOUSING,),
        "公共租赁住房保障资格申请",
        item_type=BENEFIT,
        objects=PERSON,
        basis="《公共租赁住房管理办法》",
        conditions="在本县无房或住房面积低于规定标准，家庭收入、财产符合本县规定的城镇中等偏下收入住房困难家庭、新就业无房职工和在本县稳定就业的外来务工人员。",
        limit=(30, 20),
        office=HOUSING_OFFICE,
        result=(APPROVAL, "公共租赁住房保障资格确认"),
        questions=[
            ask(
                "group",
                "申请人类别",
                ("local", "本县城镇住房困难家庭"),
                ("migrant", "新就业职工或外来务工人员"),
            ),
            who(),
        ],
        materials=[
            table("公共租赁住房申请表"),
            id_card("家庭成员"),
            hukou(when=("local",)),
            m("家庭收入、住房情况申报及授权核查书", standard="共同申请的成年家庭成员逐一签字"),
            issued("居住证", "公安机关", when=("migrant",)),
            m("劳动合同和社会保险缴纳证明", kind=COPY, when=("migrant",)),
            *agent_papers(),
        ],
        special=[INSPECTION, ANNOUNCEMENT],
        tongban=COUNTY,
    ),
    housing(
        "002008007000",
        "real_estate",
        (Theme.HOUSING,),
        "商品房买卖合同网签备案",
        item_type=PUBLIC_SERVICE,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国城市房地产管理法》；《城市商品房预售管理办法》",
        conditions="购买已取得预售许可或已竣工的商品房，买卖双方签订商品房买卖合同。",
        limit=(5, 0),
        office=HOUSING_OFFICE,
        result=(OTHER, "商品房买卖合同备案信息"),
        materials=[
            id_card("买受人"),
            m(
                "商品房买卖合同",
                copies=4,
                form=BOTH,
                standard="使用示范文本网签生成，买卖双方签字（盖章）",
            ),
            m("购房款存入预售资金监管账户的凭证", kind=COPY),
        ],
        faq=[
            (
                "网签备案后还要办预告登记吗？",
                "建议办理。预告登记可以防止开发企业“一房多卖”，可在 D01 窗口一并申请。",
            ),
        ],
        joint=("县自然资源局",),
    ),
    housing(
        "000508008000",
        "social",
        (Theme.FARMING, Theme.HOUSING),
        "农村危房改造补助申请",
        item_type=BENEFIT,
        objects=PERSON,
        basis=(
            "《住房和城乡建设部 财政部 民政部 国家乡村振兴局"
            "关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》"
        ),
        conditions="农村低保户、分散供养特困人员、低保边缘家庭和防止返贫监测对象等低收入群体，住房经鉴定为C级或D级危房的。",
        limit=(30, 20),
        office="县住建局村镇建设股",
        result=(APPROVAL, "农村危房改造补助审批结果"),
        materials=[
            table("农村危房改造申请表"),
            id_card(),
            hukou(),
            issued("农村低收入群体身份证明", "民政部门"),
            m("房屋现状照片", need=OPTIONAL),
        ],
        special=[APPRAISAL, ANNOUNCEMENT],
        tongban=COUNTY,
        window="township",
        joint=("县民政局", "乡镇人民政府"),
    ),
]


# =============================================================================================
# 交通局 (09)
# =============================================================================================

transport = partial(item, "交通局")
ROAD_TRANSPORT = "县交通运输局运输管理股"
ROAD_BASIS = "《中华人民共和国道路运输条例》"

TRANSPORT = [
    transport(
        "000109001000",
        "enterprise",
        (Theme.ESTABLISHMENT, Theme.OPERATION),
        "道路普通货物运输经营许可",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis=f"{ROAD_BASIS}；《道路货物运输及站场管理规定》",
        conditions=(
            "1. 有与其经营业务相适应并经检测合格的车辆；2. 有符合规定条件的驾驶人员；"
            "3. 有健全的安全生产管理制度。"
            "使用总质量4.5吨及以下普通货运车辆从事普通货运经营的，无需申请。"
        ),
        limit=(20, 5),
        office=ROAD_TRANSPORT,
        result=(LICENCE, "道路运输经营许可证"),
        questions=[who("法定代表人（经营者）办理", "委托经办人办理")],
        materials=[
            table("道路货物运输经营申请表"),
            business_licence(),
            m("拟投入车辆承诺书", standard="载明车辆数量、类型、技术性能"),
            issued("驾驶人员的机动车驾驶证和从业资格证", "公安机关、交通运输主管部门", need=DEFER),
            m("安全生产管理制度文本"),
            *agent_papers(company=True),
        ],
        commitment=True,
        faq=[
            (
                "开4.5吨以下的小货车拉货要办许可吗？",
                "不需要。使用总质量4.5吨及以下普通货运车辆从事普通货运经营的，无需办理道路运输经营许可证和车辆道路运输证。",
            ),
        ],
        visits=0,
        express=True,
        depth=OnlineDepth.E_LICENCE,
    ),
    transport(
        "000109002000",
        "enterprise",
        (Theme.OPERATION,),
        "道路旅客运输经营许可（县内班车客运）",
        item_type=LICENSING,
        objects=COMPANY,
        basis=f"{ROAD_BASIS}；《道路旅客运输及客运站管理规定》",
        conditions="有与其经营业务相适应并经检测合格的客车、符合条件的驾驶人员和健全的安全生产管理制度，申请线路符合县域客运发展规划。",
        limit=(20, 10),
        office=ROAD_TRANSPORT,
        result=(LICENCE, "道路运输经营许可证及班车客运标志牌"),
        materials=[
            table("道路旅客运输经营申请表"),
            business_licence(),
            m("可行性报告", standard="含客源调查、运营方案、效益分析及对其他相关经营者的影响"),
            m("拟投入车辆承诺书"),
            issued("拟聘用驾驶员的机动车驾驶证和从业资格证", "公安机关、交通运输主管部门"),
            m("安全生产管理制度文本"),
            m("客运班线经营方案", standard="载明起讫地、途经路线、停靠站点和班次"),
        ],
        special=[INSPECTION],
        express=True,
        depth=OnlineDepth.E_LICENCE,
    ),
    transport(
        "000109003000",
        "enterprise",
        (Theme.OPERATION,),
        "道路运输证配发",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis=ROAD_BASIS,
        conditions="已取得道路运输经营许可的经营者，投入运输的营运车辆经检测合格的。",
        limit=(5, 0),
        office=ROAD_TRANSPORT,
        result=(LICENCE, "道路运输证（电子证照）"),
        materials=[
            issued("道路运输经营许可证", "交通运输主管部门"),
            issued("机动车行驶证", "公安机关交通管理部门", form=BOTH),
            m(
                "车辆技术等级评定和综合性能检测报告",
                form=FETCHED,
                notes="检测机构联网上传，无需提交",
            ),
        ],
        visits=0,
        depth=OnlineDepth.E_LICENCE,
    ),
    transport(
        "000109004000",
        "personal",
        (Theme.EMPLOYMENT, Theme.TRAVEL),
        "道路运输从业人员从业资格证核发（经营性道路客货运输驾驶员）",
        item_type=LICENSING,
        objects=PERSON,
        basis=f"{ROAD_BASIS}；《道路运输从业人员管理规定》",
        conditions="取得相应的机动车驾驶证，年龄不超过60周岁；申请旅客运输驾驶员的，3年内无重大以上交通责任事故；经考试合格。",
        limit=(10, 0),
        limit_note="考试合格后当场核发",
        office=ROAD_TRANSPORT,
        result=(LICENCE, "道路运输从业人员从业资格证（电子证照）"),
        questions=[
            ask("kind", "从业类别", ("cargo", "货物运输驾驶员"), ("passenger", "旅客运输驾驶员"))
        ],
        materials=[
            table("经营性道路客货运输驾驶员从业资格考试申请表"),
            id_card(),
            issued("机动车驾驶证", "公安机关交通管理部门"),
            issued("无重大以上交通责任事故记录证明", "公安机关交通管理部门", when=("passenger",)),
        ],
        visits=1,
        tongban=PROVINCE,
        depth=OnlineDepth.E_LICENCE,
    ),
    transport(
        "001009005000",
        "enterprise",
        (Theme.ESTABLISHMENT,),
        "机动车维修经营备案",
        item_type=OTHER_POWER,
        objects=PERSON_OR_COMPANY,
        basis=f"{ROAD_BASIS}；《机动车维修管理规定》",
        conditions="从事机动车维修经营的，依法登记后向县交通运输局备案。",
        limit=(5, 0),
        limit_note="材料齐全的当场备案",
        office=ROAD_TRANSPORT,
        result=(OTHER, "机动车维修经营备案回执"),
        materials=[
            table("机动车维修经营备案表"),
            business_licence(),
            m("维修经营场地、停车场面积和使用权证明", kind=COPY),
            m("技术人员信息", standard="含技术负责人、质量检验员等的从业信息"),
            m("维修设备设施汇总表"),
            m("维修管理制度等文本"),
            m("环境保护措施说明"),
        ],
        visits=0,
        depth=OnlineDepth.RESULT,
    ),
    transport(
        "000109006000",
        "enterprise",
        (Theme.OPERATION,),
        "公路超限运输许可",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国公路法》；《公路安全保护条例》；《超限运输车辆行驶公路管理规定》",
        conditions="运载不可解体物品，车货总体的外廓尺寸或者总质量超过规定限值，需要在公路上行驶的。",
        limit=(15, 2),
        office="县交通运输局公路管理股",
        result=(LICENCE, "超限运输车辆通行证"),
        questions=[
            ask(
                "class",
                "超限类别",
                ("light", "一类（尺寸或质量轻度超限）"),
                ("heavy", "二类、三类（需加固或护送）"),
            )
        ],
        materials=[
            table("公路超限运输申请表"),
            issued("车辆行驶证和道路运输证", "公安机关、交通运输主管部门"),
            m("货物名称、重量、外廓尺寸及必要的总体轮廓图"),
            m("运输路线和护送方案", when=("heavy",)),
            m("公路加固改造措施方案", when=("heavy",), need=DEFER),
        ],
        special=[INSPECTION],
        visits=0,
        tongban=PROVINCE,
        depth=OnlineDepth.E_LICENCE,
    ),
    transport(
        "000109007000",
        "construction",
        (Theme.INVESTMENT,),
        "涉路施工许可",
        item_type=LICENSING,
        objects=ORGANISATIONS,
        basis="《中华人民共和国公路法》；《公路安全保护条例》",
        conditions="因修建铁路、机场、供电、通信、水利等建设工程需要占用、挖掘公路、公路用地，或者跨越、穿越公路架设、埋设管线等设施的。",
        limit=(20, 10),
        office="县交通运输局公路管理股",
        result=(APPROVAL, "涉路施工许可决定书"),
        materials=[
            table("涉路施工许可申请书"),
            m("符合有关技术标准、规范要求的设计和施工方案"),
            m("保障公路、公路附属设施质量和安全的技术评价报告"),
            m("处置施工险情和意外事故的应急方案"),
        ],
        special=[EXPERT],
    ),
]


# =============================================================================================
# 农业农村局 (10)
# =============================================================================================

farming = partial(item, "农业农村局")
RURAL_AFFAIRS = "县农业农村局农村经营管理股"
CROPS = "县农业农村局种植业管理股"
LIVESTOCK = "县畜牧兽医技术服务中心"
MACHINERY = "县农业机械化技术推广服务中心"

FARMING = [
    farming(
        "000110001000",
        "personal",
        (Theme.FARMING, Theme.HOUSING),
        "农村宅基地审批",
        item_type=LICENSING,
        objects=PERSON,
        basis=(
            "《中华人民共和国土地管理法》第六十二条；"
            "《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》"
        ),
        conditions=(
            "本集体经济组织成员以户为单位申请，符合“一户一宅”规定，宅基地面积不超过甘肃省规定的标准，"
            "符合国土空间规划和村庄规划；城镇居民不得在农村申请宅基地。"
        ),
        limit=(30, 20),
        office="乡镇人民政府",
        result=(LICENCE, "农村宅基地批准书"),
        questions=[
            ask(
                "build",
                "建房类型",
                ("new", "新建（申请新宅基地）"),
                ("rebuild", "原址翻建"),
                ("extend", "改建、扩建"),
            ),
            who("户主本人办理", "委托家庭成员办理"),
        ],
        materials=[
            table("农村宅基地和建房（规划许可）申请表"),
            m("农村宅基地使用承诺书", standard="承诺“一户一宅”、建新退旧"),
            id_card(),
            hukou(),
            m("村民小组会议记录", standard="经本村民小组讨论同意，并在本小组范围内公示"),
            property_certificate("原宅基地使用权证明或不动产权证书", when=("rebuild", "extend")),
            *agent_papers(),
        ],
        special=[INSPECTION, ANNOUNCEMENT],
        steps=[
            step("受理", "乡镇便民服务中心社会事务窗口", 0, "村民小组和村级组织审查同意后报送乡镇"),
            step(
                "村级审查",
                "村民委员会",
                4,
                "审查申请是否符合条件、拟用地是否符合村庄规划，公示不少于5个工作日",
            ),
            step(
                "联审",
                "乡镇农业农村、自然资源等机构",
                8,
                "实地审查申请人条件、拟用地位置和面积、四邻关系",
            ),
            step("审批", "乡镇人民政府", 6, "综合联审意见作出批准或者不批准的决定"),
            step(
                "发证",
                "乡镇人民政府",
                2,
                "核发农村宅基地批准书和乡村建设规划许可证，开工前到场放线",
            ),
        ],
        faq=[
            (
                "建房后还要做什么？",
                "开工前由乡镇组织到场确定建房位置（“放线”）；竣工后申请验收，验收合格的可以申请不动产登记。",
            ),
        ],
        tongban=COUNTY,
        window="township",
        joint=("县自然资源局", "乡镇人民政府"),
    ),
    farming(
        "000110002000",
        "enterprise",
        (Theme.ESTABLISHMENT, Theme.OPERATION),
        "农作物种子生产经营许可证核发",
        item_type=LICENSING,
        objects=COMPANY,
        basis="《中华人民共和国种子法》；《农作物种子生产经营许可管理办法》",
        conditions="具有与种子生产经营相适应的生产经营设施、设备及专业技术人员，以及法规和国务院农业农村主管部门规定的其他条件。",
        limit=(20, 10),
        office=CROPS,
        result=(LICENCE, "农作物种子生产经营许可证"),
        materials=[
            table("农作物种子生产经营许可证申请表"),
            business_licence(),
            m("种子加工、检验设施和仪器设备清单及产权证明", kind=COPY),
            m("种子检验人员资质证明和劳动合同", kind=COPY),
            m("种子贮藏设施证明", kind=COPY),
            issued(
                "品种审定证书或者登记证书",
                "农业农村主管部门",
                need=OPTIONAL,
                notes="生产经营主要农作物品种的提交",
            ),
        ],
        special=[INSPECTION],
        faq=[
            (
                "只卖包装好的种子需要办许可证吗？",
                "销售不再分装的包装种子的，不需要办理种子生产经营许可证，但应当向县农业农村局备案。",
            ),
        ],
        express=True,
        depth=OnlineDepth.E_LICENCE,
    ),
    farming(
        "000110003000",
        "enterprise",
        (Theme.OPERATION,),
        "兽药经营许可证核发",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《兽药管理条例》；《兽药经营质量管理规范》",
        conditions="有与所经营的兽药相适应的兽药技术人员、营业场所、设备、仓库设施和质量管理机构及人员，有完善的质量管理制度。",
        limit=(30, 10),
        office=LIVESTOCK,
        result=(LICENCE, "兽药经营许可证"),
        materials=[
            table("兽药经营许可证申请表"),
            business_licence(),
            m("兽药技术人员的学历或职称证明", kind=COPY),
            m("营业场所、仓库的产权或租赁证明及平面图", kind=COPY),
            m("质量管理制度文本"),
        ],
        special=[INSPECTION],
        express=True,
    ),
    farming(
        "000110004000",
        "enterprise",
        (Theme.ESTABLISHMENT, Theme.OPERATION),
        "动物防疫条件合格证核发",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国动物防疫法》；《动物防疫条件审查办法》",
        conditions="动物饲养场、隔离场所、动物屠宰加工场所以及动物和动物产品无害化处理场所，符合规定的选址、布局、设施设备和防疫制度要求。",
        limit=(15, 10),
        office=LIVESTOCK,
        result=(LICENCE, "动物防疫条件合格证"),
        questions=[
            ask(
                "site",
                "场所类型",
                ("farm", "动物饲养场"),
                ("slaughter", "屠宰加工场所"),
                ("disposal", "无害化处理场所"),
            )
        ],
        materials=[
            table("动物防疫条件审查申请表"),
            business_licence(need=OPTIONAL),
            m("场所地理位置图、各功能区布局平面图"),
            m("设施设备清单"),
            m("管理制度文本", standard="含免疫、消毒、检测、隔离、无害化处理等制度"),
            m("人员信息", standard="执业兽医或动物防疫技术人员情况"),
            issued(
                "动物屠宰加工场所的定点屠宰证明",
                "农业农村主管部门",
                when=("slaughter",),
                form=PAPER,
            ),
        ],
        special=[INSPECTION],
    ),
    farming(
        "000110005000",
        "enterprise",
        (Theme.OPERATION,),
        "农药经营许可",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《农药管理条例》；《农药经营许可管理办法》",
        conditions="有具备农药和病虫害防治专业知识、熟悉农药管理规定的经营人员，有与经营品种和规模相适应的营业场所、储存场所和管理制度（不含限制使用农药）。",
        limit=(20, 10),
        office=CROPS,
        result=(LICENCE, "农药经营许可证"),
        materials=[
            table("农药经营许可证申请表"),
            business_licence(),
            id_card("法定代表人（负责人）"),
            m("经营人员的学历或者培训证明", kind=COPY),
            m("营业场所和储存场所的地址、面积、平面图"),
            m("可追溯电子信息码扫描设备、安全防护和仓储设施清单及图片"),
            m("农药经营管理制度和岗位操作规程目录及文本"),
        ],
        special=[INSPECTION],
        express=True,
    ),
    farming(
        "000510006000",
        "personal",
        (Theme.FARMING,),
        "农机购置与应用补贴申请",
        item_type=BENEFIT,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国农业机械化促进法》；农业农村部、财政部农机购置与应用补贴实施指导意见",
        conditions="从事农业生产的个人和农业生产经营组织，购买补贴范围内的农业机械并投入使用的。",
        limit=(30, 15),
        office=MACHINERY,
        result=(APPROVAL, "农机购置补贴资金兑付结果"),
        questions=[
            ask(
                "machine",
                "机具类型",
                ("licensed", "拖拉机、联合收割机（需牌证）"),
                ("other", "其他农业机械"),
            )
        ],
        materials=[
            table("农机购置补贴申请表", form=ELECTRONIC),
            m(
                "购机人身份证明",
                kind=EITHER,
                notes="个人提交居民身份证，组织的营业执照通过数据共享调取",
            ),
            m("购机发票", standard="机动车销售统一发票或增值税发票，信息与机具一致"),
            m("机具铭牌照片及人机合影", form=ELECTRONIC, need=DEFER),
            issued("拖拉机、联合收割机行驶证", "农业农村主管部门", when=("licensed",)),
        ],
        special=[INSPECTION],
        faq=[
            (
                "补贴什么时候到账？",
                "核验通过后，补贴资金由财政部门直接兑付至购机人的“一卡通”或银行账户。",
            ),
        ],
        visits=0,
        tongban=COUNTY,
    ),
    farming(
        "000710007000",
        "personal",
        (Theme.FARMING, Theme.TRAVEL),
        "拖拉机和联合收割机登记",
        item_type=CONFIRMATION,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国道路交通安全法》；《农业机械安全监督管理条例》；《拖拉机和联合收割机登记规定》",
        conditions="拖拉机、联合收割机所有人在机具投入使用前申请注册登记。",
        limit=(2, 0),
        office=MACHINERY,
        result=(LICENCE, "拖拉机和联合收割机行驶证、登记证书及号牌"),
        materials=[
            table("拖拉机和联合收割机注册登记申请表"),
            id_card("所有人"),
            m("来历证明", standard="购机发票或者其他合法来历证明"),
            m("出厂合格证明", kind=ORIGINAL),
            m("安全技术检验合格证明", need=DEFER, notes="可由县农机推广中心现场检验"),
        ],
        tongban=COUNTY,
    ),
    farming(
        "000510008000",
        "personal",
        (Theme.FARMING,),
        "耕地地力保护补贴申报",
        item_type=BENEFIT,
        objects=PERSON_OR_COMPANY,
        basis="《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》",
        conditions="拥有耕地承包权的种地农民；已作为畜牧养殖场使用、改为林地等非农用途或者长年抛荒的耕地不再给予补贴。",
        limit=(30, 20),
        office=RURAL_AFFAIRS,
        result=(OTHER, "耕地地力保护补贴发放结果"),
        materials=[
            id_card(),
            issued("农村土地承包经营权证", "县人民政府（农业农村主管部门）"),
            m(
                "惠民惠农财政补贴“一卡通”账户信息",
                need=OPTIONAL,
                notes="已有“一卡通”账户的无需提交",
            ),
        ],
        special=[ANNOUNCEMENT],
        steps=[
            step("申报", "村民委员会", 0, "农户据实申报补贴面积"),
            step("核实", "乡镇人民政府", 10, "核实种植面积并在村内公示"),
            step("审核", RURAL_AFFAIRS, 8, "汇总审核补贴面积和资金"),
            step("发放", "县财政局", 2, "通过“一卡通”直接发放"),
        ],
        tongban=COUNTY,
        window="township",
    ),
]


# =============================================================================================
# 税务局 (15)
# =============================================================================================

tax = partial(item, "税务局")
TAX_SERVICE = "县税务局纳税服务股"
TAX_LAW = "《中华人民共和国税收征收管理法》"
ETAX = "甘肃省电子税务局；榆中县政务服务中心 D02 税费缴纳窗口"
# Most tax items are done online in the e-tax bureau, with the D02 window as a fallback.
online_tax = partial(tax, visits=0, depth=OnlineDepth.RESULT, place=ETAX)

TAX = [
    online_tax(
        "001015001000",
        "tax",
        (Theme.ESTABLISHMENT, Theme.TAX),
        "税务登记信息确认",
        item_type=OTHER_POWER,
        objects=PERSON_OR_COMPANY,
        basis=f"{TAX_LAW}；《税务登记管理办法》",
        conditions="已领取“多证合一”营业执照的纳税人，首次办理涉税事宜时确认登记信息并补充财务负责人、办税人员等信息。",
        limit=(1, 0),
        office=TAX_SERVICE,
        result=(OTHER, "税务登记信息确认结果"),
        materials=[
            business_licence(),
            id_card("法定代表人（负责人）"),
            m("财务负责人、办税人员身份信息", form=ELECTRONIC),
            m("生产经营地址及核算方式信息", form=ELECTRONIC, need=OPTIONAL),
        ],
        faq=[
            (
                "还需要单独办理税务登记证吗？",
                "不需要。实行“多证合一”后，营业执照即具有税务登记证的作用，只需确认登记信息。",
            ),
        ],
    ),
    online_tax(
        "001015002000",
        "tax",
        (Theme.ESTABLISHMENT, Theme.TAX),
        "增值税发票领用",
        item_type=OTHER_POWER,
        objects=PERSON_OR_COMPANY,
        basis=f"{TAX_LAW}；《中华人民共和国发票管理办法》；《中华人民共和国发票管理办法实施细则》",
        conditions="已办理税务登记信息确认、需要开具发票的纳税人；使用数字化电子发票的，由税务机关赋予开票额度。",
        limit=(1, 0),
        office=TAX_SERVICE,
        result=(OTHER, "发票票种核定及开票额度"),
        questions=[
            ask("invoice", "发票类型", ("digital", "数字化电子发票"), ("paper", "纸质发票"))
        ],
        materials=[
            table("发票领用申请", form=ELECTRONIC),
            id_card("经办人"),
            m("发票专用章印模", when=("paper",), standard="使用纸质发票的提交"),
        ],
        faq=[
            (
                "用数电发票还要去领发票吗？",
                "不需要。数电发票无需领用，税务机关自动赋予开票额度，登录电子税务局即可开具。",
            ),
        ],
    ),
    online_tax(
        "001015003000",
        "tax",
        (Theme.TAX, Theme.CHANGE),
        "增值税一般纳税人登记",
        item_type=OTHER_POWER,
        objects=COMPANY,
        basis="《中华人民共和国增值税法》；《增值税一般纳税人登记管理办法》",
        conditions="年应征增值税销售额超过500万元的纳税人应当办理一般纳税人登记；未超过但会计核算健全、能够提供准确税务资料的，可以申请登记。",
        limit=(1, 0),
        office=TAX_SERVICE,
        result=(OTHER, "增值税一般纳税人登记信息"),
        materials=[
            table("增值税一般纳税人登记表", form=ELECTRONIC),
            business_licence(),
            id_card("经办人"),
        ],
    ),
    online_tax(
        "001015004000",
        "tax",
        (Theme.DEREGISTRATION, Theme.TAX),
        "清税申报（注销税务登记）",
        item_type=OTHER_POWER,
        objects=PERSON_OR_COMPANY,
        basis=f"{TAX_LAW}；《税务登记管理办法》",
        conditions="纳税人解散、破产、撤销或者依法终止纳税义务的，在向市场监管部门申请注销登记前办理清税。",
        limit=(1, 0),
        office=TAX_SERVICE,
        result=(OTHER, "清税证明"),
        questions=[ask("route", "办理方式", ("clear", "即时清税"), ("promise", "承诺制容缺办理"))],
        materials=[
            table("清税申报表", form=ELECTRONIC),
            id_card("经办人"),
            m("发票缴销情况", form=ELECTRONIC, need=OPTIONAL, notes="领用过纸质发票的，先行缴销"),
            m("清税承诺书", when=("promise",), standard="承诺在约定期限内补齐资料、办结相关事项"),
            m("未结事项的补齐资料", when=("promise",), need=DEFER),
        ],
        faq=[
            (
                "哪些情况可以不去税务局直接注销？",
                "未办理过涉税事宜，或者办理过涉税事宜但未领用发票、无欠税（滞纳金）及罚款的纳税人，"
                "可以免予办理清税证明，直接向市场监管部门申请简易注销。",
            ),
        ],
        joint=("县市场监管局",),
    ),
    online_tax(
        "000415005000",
        "tax",
        (Theme.EMPLOYMENT,),
        "个人所得税综合所得年度汇算",
        item_type=LEVY,
        objects=PERSON,
        basis="《中华人民共和国个人所得税法》第十一条；《中华人民共和国个人所得税法实施条例》",
        conditions="居民个人取得综合所得，需要补税或者申请退税的，在取得所得的次年三月一日至六月三十日内办理汇算。",
        limit=(1, 0),
        limit_note="退税申请经审核后按规定时限退还",
        office=TAX_SERVICE,
        result=(OTHER, "个人所得税年度汇算申报结果"),
        questions=[who("本人通过个人所得税APP办理", "委托任职受雇单位或涉税专业服务机构代办")],
        materials=[
            id_card(),
            m("综合所得收入及扣缴信息", form=FETCHED, notes="个人所得税APP自动预填"),
            m("专项附加扣除信息", form=ELECTRONIC, need=OPTIONAL),
            m("退税银行账户", form=ELECTRONIC, need=OPTIONAL),
            *agent_papers(),
        ],
        tongban=NATIONAL,
    ),
    tax(
        "000415006000",
        "tax",
        (Theme.HOUSING,),
        "契税申报",
        item_type=LEVY,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国契税法》",
        conditions="在本县境内承受土地、房屋权属的单位和个人，在依法办理不动产权属登记手续前申报缴纳契税。",
        limit=(1, 0),
        office=TAX_SERVICE,
        result=(OTHER, "契税完税信息（推送不动产登记机构）"),
        questions=[
            ask(
                "home",
                "家庭购房情况",
                ("first", "家庭唯一住房"),
                ("second", "家庭第二套住房"),
                ("other", "其他情形"),
            )
        ],
        materials=[
            id_card("承受人"),
            issued("房屋买卖合同（网签备案）", "住房和城乡建设主管部门"),
            m("购房发票", kind=COPY, need=OPTIONAL, notes="新建商品房提供"),
            issued(
                "家庭住房情况查询结果",
                "不动产登记机构、住房和城乡建设主管部门",
                when=("first", "second"),
            ),
        ],
        faq=[
            (
                "个人买房契税税率是多少？",
                "家庭唯一住房面积90平方米及以下的减按1%，90平方米以上的减按1.5%；家庭第二套住房90平方米及以下的减按1%，"
                "90平方米以上的减按2%；其他情形按本省规定的3%税率征收。具体以现行政策为准。",
            ),
        ],
        tongban=COUNTY,
        window="real_estate",
        joint=("县自然资源局",),
    ),
    online_tax(
        "000415007000",
        "tax",
        (Theme.TAX, Theme.OPERATION),
        "房产税、城镇土地使用税申报",
        item_type=LEVY,
        objects=COMPANY,
        basis="《中华人民共和国房产税暂行条例》；《中华人民共和国城镇土地使用税暂行条例》",
        conditions="在城市、县城、建制镇和工矿区范围内拥有房屋产权或使用土地的单位和个人，按规定期限申报纳税。",
        limit=(1, 0),
        office=TAX_SERVICE,
        result=(OTHER, "财产和行为税申报结果"),
        materials=[
            table("财产和行为税纳税申报表", form=ELECTRONIC),
            property_certificate(need=OPTIONAL),
            m("房产原值、土地面积等税源信息", form=ELECTRONIC),
        ],
    ),
    online_tax(
        "001015008000",
        "tax",
        (Theme.HOUSING, Theme.EMPLOYMENT),
        "代开增值税发票（自然人）",
        item_type=OTHER_POWER,
        objects=PERSON,
        basis=f"{TAX_LAW}；《中华人民共和国发票管理办法》",
        conditions="自然人出租房屋、提供劳务等发生应税行为，需要开具发票的。",
        limit=(1, 0),
        office=TAX_SERVICE,
        result=(OTHER, "增值税发票"),
        materials=[
            table("代开增值税发票申请表", form=ELECTRONIC),
            id_card(),
            m("合同或者协议", kind=COPY, standard="载明交易双方、金额和期限"),
        ],
        kiosk=True,
        tongban=PROVINCE,
    ),
    online_tax(
        "001015009000",
        "tax",
        (Theme.TAX, Theme.OPERATION),
        "跨区域涉税事项报告",
        item_type=OTHER_POWER,
        objects=COMPANY,
        basis=f"{TAX_LAW}；《国家税务总局关于创新跨区域涉税事项报验管理制度的通知》",
        conditions="纳税人跨省（自治区、直辖市和计划单列市）临时从事生产经营活动的，在外出经营前报告。",
        limit=(1, 0),
        office=TAX_SERVICE,
        result=(OTHER, "跨区域涉税事项报告表"),
        materials=[
            table("跨区域涉税事项报告表", form=ELECTRONIC),
            business_licence(),
            m("外出经营合同", kind=COPY, need=OPTIONAL),
        ],
    ),
]


# =============================================================================================
# 教育局 (02)
# =============================================================================================

education = partial(item, "教育局")
SCHOOLS = "县教育局基础教育股"
EDUCATION_LAW = "《中华人民共和国义务教育法》"

EDUCATION = [
    education(
        "002002001000",
        "social",
        (Theme.EDUCATION,),
        "义务教育入学（小学一年级新生）",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis=f"{EDUCATION_LAW}第十一条、第十二条",
        conditions="年满六周岁的适龄儿童，由父母或者其他法定监护人为其申请在户籍所在地或居住地学校就近免试入学。",
        limit=(20, 10),
        limit_note="每年7月集中报名，8月公布录取结果",
        office=SCHOOLS,
        result=(OTHER, "入学通知书"),
        questions=[ask("residence", "户籍情况", ("local", "本县户籍"), ("migrant", "随迁子女"))],
        materials=[
            table("义务教育阶段新生入学登记表", form=ELECTRONIC),
            hukou("适龄儿童"),
            id_card("监护人"),
            property_certificate(
                "居住证明（不动产权证书或房屋租赁合同）",
                need=OPTIONAL,
                notes="户籍与实际居住地不一致时提交",
            ),
            issued("父母一方的居住证", "公安机关", when=("migrant",)),
            m(
                "父母一方的就业或经营证明",
                kind=COPY,
                when=("migrant",),
                need=DEFER,
                notes="劳动合同、营业执照等",
            ),
        ],
        faq=[
            (
                "孩子有残疾可以到普通学校上学吗？",
                "可以。具有接受普通教育能力的残疾适龄儿童在普通学校随班就读，学校不得拒绝；"
                "需要特殊教育的由县教育局统筹安排。",
            ),
        ],
        visits=0,
        depth=OnlineDepth.RESULT,
    ),
    education(
        "002002002000",
        "social",
        (Theme.EDUCATION,),
        "义务教育阶段转学",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis=f"{EDUCATION_LAW}；《中小学生学籍管理办法》",
        conditions="因户籍迁移、随父母工作调动或居住地变化等原因需要转学的义务教育阶段学生。",
        limit=(10, 5),
        office=SCHOOLS,
        result=(OTHER, "转学联系单（学籍系统办理）"),
        materials=[
            table("义务教育阶段学生转学申请表"),
            hukou("学生"),
            id_card("监护人"),
            m("转入学校同意接收的证明", standard="转入学校签署意见并加盖公章"),
        ],
        tongban=PROVINCE,
    ),
    education(
        "000102003000",
        "social",
        (Theme.EMPLOYMENT, Theme.EDUCATION),
        "教师资格认定（幼儿园、小学、初级中学）",
        item_type=LICENSING,
        objects=PERSON,
        basis="《中华人民共和国教师法》；《教师资格条例》；《〈教师资格条例〉实施办法》",
        conditions="遵守宪法和法律，热爱教育事业，具有良好的思想品德，具备规定的学历，普通话水平达到二级乙等以上，教师资格考试合格，身体条件符合要求。",
        limit=(30, 20),
        limit_note="每年春、秋两季集中受理",
        office="县教育局教师工作股",
        result=(LICENCE, "教师资格证书"),
        materials=[
            id_card(),
            issued("学历证书", "教育部门", notes="通过学信网核验，无需提交"),
            issued("普通话水平测试等级证书", "语言文字工作部门"),
            issued("中小学教师资格考试合格证明", "教育部门"),
            m("县级以上医院出具的体检结论", standard="按教师资格认定体检标准体检"),
            m("个人承诺书", form=ELECTRONIC, standard="承诺思想品德良好、无不得认定的情形"),
        ],
        visits=1,
        express=True,
        depth=OnlineDepth.RESULT,
    ),
    education(
        "000102004000",
        "social",
        (Theme.ESTABLISHMENT,),
        "民办幼儿园设立审批",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《中华人民共和国学前教育法》；《中华人民共和国民办教育促进法》；《中华人民共和国民办教育促进法实施条例》",
        conditions="有符合规定的举办者、组织机构和章程，有合格的园长和教职工，有符合标准的园舍、场地、设施设备和稳定的经费来源。",
        limit=(cal(90), 30),
        office=SCHOOLS,
        result=(LICENCE, "办学许可证"),
        materials=[
            m(
                "申办报告",
                standard="内容包括举办者、培养目标、办园规模、办园条件、内部管理体制、经费筹措与管理使用等",
            ),
            m("举办者的资格证明文件", kind=COPY),
            m("拟任园长、教职工的资格证明文件", kind=COPY),
            m("资产及经费来源的证明文件"),
            m("园舍产权证明或者租赁合同", kind=COPY, standard="租赁期限不少于5年"),
            m("消防、卫生保健评价等证明", need=DEFER),
            m("幼儿园章程"),
        ],
        special=[INSPECTION, EXPERT],
    ),
    education(
        "000502005000",
        "social",
        (Theme.EDUCATION, Theme.DISABILITY),
        "义务教育家庭经济困难学生生活补助申请",
        item_type=BENEFIT,
        objects=PERSON,
        basis=f"{EDUCATION_LAW}；《学生资助资金管理办法》",
        conditions="在本县义务教育学校就读的家庭经济困难学生，优先保障脱贫家庭、低保家庭、特困供养、残疾学生等。",
        limit=(30, 20),
        office="县学生资助管理中心",
        result=(APPROVAL, "生活补助资助名单"),
        questions=[
            ask(
                "status",
                "认定情形",
                ("listed", "低保、特困、残疾、防返贫监测等特殊群体"),
                ("other", "其他家庭经济困难"),
            )
        ],
        materials=[
            table("家庭经济困难学生认定申请表"),
            issued("特殊群体身份信息", "民政、残联、乡村振兴等部门", when=("listed",)),
            m("家庭经济困难情况说明", when=("other",), standard="监护人签字承诺"),
        ],
        special=[ANNOUNCEMENT],
        steps=[
            step("申请", "就读学校", 0, "学生或监护人向学校提出申请"),
            step("认定", "学校资助认定工作组", 10, "民主评议，确定资助对象"),
            step("公示", "就读学校", 5, "在校内公示，不公开涉及隐私的信息"),
            step("审核", "县学生资助管理中心", 4, "审核资助名单并发放"),
            step("发放", "县学生资助管理中心", 1, "发放至学生监护人社会保障卡或银行卡"),
        ],
        place="学生就读学校；榆中县政务服务中心 C04-C05 社会事务综合受理窗口",
    ),
    education(
        "002002006000",
        "social",
        (Theme.EDUCATION,),
        "初中毕业证明书补办",
        item_type=PUBLIC_SERVICE,
        objects=PERSON,
        basis=f"{EDUCATION_LAW}；《中小学生学籍管理办法》",
        conditions="在本县初级中学毕业，毕业证书遗失或者损毁的。",
        limit=(5, 0),
        office="县教育局学籍管理办公室",
        result=(OTHER, "初中毕业证明书"),
        questions=[who()],
        materials=[
            id_card(),
            issued("学籍档案信息", "教育部门", notes="通过学籍管理系统和档案查询，无需提交"),
            m("本人近期免冠照片", copies=1, standard="1寸白底彩色照片"),
            *agent_papers(),
        ],
        express=True,
    ),
]


# =============================================================================================
# 文旅局 (14)
# =============================================================================================

culture = partial(item, "文旅局")
CULTURE_MARKET = "县文旅局文化市场管理股"

CULTURE = [
    culture(
        "000114001000",
        "enterprise",
        (Theme.ESTABLISHMENT, Theme.OPERATION),
        "娱乐场所经营许可",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《娱乐场所管理条例》；《娱乐场所管理办法》",
        conditions="已取得营业执照，场所符合安全、消防、环保标准，投资人、法定代表人和主要负责人不存在《娱乐场所管理条例》规定的禁止情形。",
        limit=(20, 10),
        office=CULTURE_MARKET,
        result=(LICENCE, "娱乐经营许可证"),
        questions=[ask("kind", "场所类别", ("ktv", "歌舞娱乐场所"), ("arcade", "游艺娱乐场所"))],
        materials=[
            table("娱乐场所经营许可申请表"),
            business_licence(),
            id_card("投资人、法定代表人、主要负责人"),
            m("投资人、法定代表人、主要负责人无禁止情形的书面声明"),
            m("场所平面示意图及房屋产权或租赁证明", kind=COPY),
            m("游戏游艺设备清单", when=("arcade",), standard="列明设备名称、型号、数量"),
        ],
        special=[INSPECTION],
        express=True,
        depth=OnlineDepth.E_LICENCE,
    ),
    culture(
        "000114002000",
        "enterprise",
        (Theme.ESTABLISHMENT, Theme.OPERATION),
        "互联网上网服务营业场所经营许可",
        item_type=LICENSING,
        objects=COMPANY,
        basis="《互联网上网服务营业场所管理条例》",
        conditions="有与其经营活动相适应的营业场所、计算机等装置及附属设备，具有健全的网络安全技术措施和经营管理制度，场所符合消防安全条件和设立布局要求。",
        limit=(20, 10),
        office=CULTURE_MARKET,
        result=(LICENCE, "网络文化经营许可证"),
        materials=[
            table("互联网上网服务营业场所经营许可申请表"),
            business_licence(),
            id_card("法定代表人"),
            m("营业场所产权证明或租赁合同", kind=COPY),
            m("计算机台数及场所布局平面图"),
            m("网络安全技术措施和经营管理制度文本"),
        ],
        special=[INSPECTION],
        faq=[
            (
                "网吧能开在学校附近吗？",
                "不能。中学、小学校园周围200米范围内和居民住宅楼（院）内不得设立互联网上网服务营业场所。",
            ),
        ],
        express=True,
        depth=OnlineDepth.E_LICENCE,
    ),
    culture(
        "000114003000",
        "enterprise",
        (Theme.OPERATION,),
        "营业性演出审批",
        item_type=LICENSING,
        objects=COMPANY,
        basis="《营业性演出管理条例》；《营业性演出管理条例实施细则》",
        conditions="文艺表演团体、演出经纪机构在本县举办营业性演出，演出内容不含法律禁止的情形，演出场所符合安全条件。",
        limit=(3, 2),
        office=CULTURE_MARKET,
        result=(APPROVAL, "营业性演出批准文件"),
        materials=[
            table("营业性演出申请表"),
            issued(
                "演出举办单位的营业性演出许可证或营业执照", "文化和旅游主管部门、市场监督管理部门"
            ),
            m("演出节目内容材料及演员名单", standard="含节目单、节目视频或文本"),
            m("与演出场所签订的协议", kind=COPY),
            m("演出场所安全评估及应急预案", need=DEFER),
        ],
        visits=0,
    ),
    culture(
        "000114004000",
        "enterprise",
        (Theme.OPERATION,),
        "高危险性体育项目经营许可（游泳）",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《全民健身条例》；《经营高危险性体育项目许可管理办法》",
        conditions="相关体育设施符合国家标准，具有达到规定数量的取得国家职业资格证书的社会体育指导人员和救助人员，具有相应的安全保障制度和措施。",
        limit=(30, 10),
        office="县文旅局体育股",
        result=(LICENCE, "高危险性体育项目经营许可证"),
        materials=[
            table("经营高危险性体育项目申请书"),
            business_licence(),
            m("体育场所符合相关国家标准的说明性材料", standard="含游泳池水质检测报告"),
            issued(
                "社会体育指导人员、救助人员的职业资格证明", "人力资源和社会保障部门、体育主管部门"
            ),
            m("安全保障制度和措施"),
        ],
        special=[INSPECTION, TESTING],
        express=True,
    ),
]


# =============================================================================================
# 发改局 (01)
# =============================================================================================

reform = partial(item, "发改局")
INVESTMENT = "县发改局投资股"
ENTERPRISE_PROJECT_BASIS = "《企业投资项目核准和备案管理条例》；《企业投资项目核准和备案管理办法》"

REFORM = [
    reform(
        "001001001000",
        "construction",
        (Theme.INVESTMENT,),
        "企业投资项目备案",
        item_type=OTHER_POWER,
        objects=COMPANY,
        basis=ENTERPRISE_PROJECT_BASIS,
        conditions="实行备案管理的企业投资项目，企业在开工建设前通过投资项目在线审批监管平台告知项目信息。",
        limit=(1, 0),
        limit_note="备案信息完整的即时备案",
        office=INVESTMENT,
        result=(OTHER, "项目备案证明（项目代码）"),
        materials=[
            table(
                "企业投资项目备案信息表",
                form=ELECTRONIC,
                standard="含企业基本情况、项目名称、建设地点、建设规模、建设内容、项目总投资额，并声明符合国家产业政策",
            ),
            business_licence(),
            m("项目单位对备案信息真实性、合法性和完整性的承诺", form=ELECTRONIC),
        ],
        faq=[
            (
                "项目信息变了怎么办？",
                "已备案项目信息发生较大变更的，企业应当及时通过在线平台告知备案机关。",
            ),
        ],
        visits=0,
        depth=OnlineDepth.RESULT,
        place=(
            "全国投资项目在线审批监管平台（甘肃）；榆中县政务服务中心 B01-B03 工程建设综合受理窗口"
        ),
    ),
    reform(
        "000101002000",
        "construction",
        (Theme.INVESTMENT,),
        "企业投资项目核准",
        item_type=LICENSING,
        objects=COMPANY,
        basis=ENTERPRISE_PROJECT_BASIS,
        conditions="列入政府核准的投资项目目录、由县级核准的企业投资项目，不危害经济安全、社会安全、生态安全，符合相关规划和产业政策。",
        limit=(20, 15),
        limit_note="情况复杂的经批准可延长，延长期限不超过40个工作日；委托评估时间不计入",
        office=INVESTMENT,
        result=(APPROVAL, "项目核准文件"),
        materials=[
            m(
                "项目申请报告",
                standard="含企业基本情况、项目情况、资源利用和生态环境影响分析、经济和社会影响分析",
            ),
            issued("用地预审与选址意见书", "自然资源主管部门"),
            m("法律、行政法规规定需要办理的其他相关手续", need=DEFER),
        ],
        special=[EXPERT, EXTENSION],
        depth=OnlineDepth.RESULT,
    ),
    reform(
        "000101003000",
        "construction",
        (Theme.INVESTMENT,),
        "政府投资项目可行性研究报告审批",
        item_type=LICENSING,
        objects=PUBLIC_BODIES,
        basis="《政府投资条例》",
        conditions="使用预算安排资金的县级政府投资项目，项目建议书已经批准（或按规定可直接编报可行性研究报告）。",
        limit=(20, 15),
        office=INVESTMENT,
        result=(APPROVAL, "可行性研究报告批复"),
        materials=[
            m("可行性研究报告", standard="由具备相应能力的工程咨询单位编制"),
            issued("项目建议书批复", "发展改革部门", need=OPTIONAL),
            issued("用地预审与选址意见书", "自然资源主管部门"),
            issued("节能审查意见", "发展改革部门", need=OPTIONAL, notes="按规定需要节能审查的提交"),
            m("资金来源说明"),
        ],
        special=[EXPERT],
        depth=OnlineDepth.RESULT,
    ),
    reform(
        "000101004000",
        "construction",
        (Theme.INVESTMENT,),
        "固定资产投资项目节能审查",
        item_type=LICENSING,
        objects=ORGANISATIONS,
        basis="《中华人民共和国节约能源法》；《固定资产投资项目节能审查办法》",
        conditions="年综合能源消费量达到规定标准、需要单独进行节能审查的固定资产投资项目，在开工建设前申请。",
        limit=(20, 10),
        office="县发改局能源股",
        result=(APPROVAL, "节能审查意见"),
        materials=[
            m("节能审查申请", standard="建设单位盖章"),
            m("项目节能报告"),
            issued("项目备案或核准文件", "发展改革部门"),
        ],
        special=[EXPERT],
        depth=OnlineDepth.RESULT,
    ),
]


# =============================================================================================
# 应急局 (16)
# =============================================================================================

safety = partial(item, "应急局")
HAZARDS = "县应急管理局危险化学品和烟花爆竹安全监管股"

SAFETY = [
    safety(
        "000116001000",
        "enterprise",
        (Theme.OPERATION,),
        "烟花爆竹经营（零售）许可",
        item_type=LICENSING,
        objects=PERSON_OR_COMPANY,
        basis="《烟花爆竹安全管理条例》；《烟花爆竹经营许可实施办法》",
        conditions=(
            "1. 主要负责人经过安全培训合格，销售人员经过安全知识教育；"
            "2. 零售场所符合规定的面积和安全距离要求，设在县人民政府规定的布点范围内；"
            "3. 有与取得批发许可的企业签订的供货合同；4. 储存数量不超过规定限量。"
        ),
        limit=(20, 5),
        office=HAZARDS,
        result=(LICENCE, "烟花爆竹经营（零售）许可证"),
        questions=[who("经营者（主要负责人）办理", "委托经办人办理")],
        materials=[
            table("烟花爆竹经营（零售）许可证申请书"),
            business_licence(),
            m("零售经营场所产权或租赁证明", kind=COPY),
            m("零售场所平面图及周边安全条件说明"),
            m("主要负责人安全培训合格证明", kind=COPY, need=DEFER),
            m("与烟花爆竹批发企业签订的供货合同", kind=COPY),
            *agent_papers(),
        ],
        special=[INSPECTION],
        faq=[
            (
                "在县城哪里都能卖烟花爆竹吗？",
                "不能。零售网点只能设在县人民政府公布的布点规划范围内，县城禁止燃放区域原则上不布设零售网点。",
            ),
        ],
        express=True,
    ),
    safety(
        "000116002000",
        "enterprise",
        (Theme.ESTABLISHMENT, Theme.OPERATION),
        "危险化学品经营许可（不带储存）",
        item_type=LICENSING,
        objects=COMPANY,
        basis="《危险化学品安全管理条例》；《危险化学品经营许可证管理办法》",
        conditions="从事不带储存设施的危险化学品经营，有符合国家标准的经营场所、专职安全生产管理人员、健全的安全管理制度和事故应急救援预案。",
        limit=(cal(30), 10),
        office=HAZARDS,
        result=(LICENCE, "危险化学品经营许可证"),
        materials=[
            table("危险化学品经营许可证申请书"),
            business_licence(),
            m("安全生产规章制度和岗位操作规程目录"),
            issued(
                "主要负责人、安全生产管理人员的安全生产知识和管理能力考核合格证明", "应急管理部门"
            ),
            m("经营场所产权或租赁证明", kind=COPY),
            m("生产安全事故应急救援预案"),
        ],
        special=[INSPECTION],
        express=True,
    ),
    safety(
        "001016003000",
        "enterprise",
        (Theme.OPERATION,),
        "生产经营单位生产安全事故应急预案备案",
        item_type=OTHER_POWER,
        objects=ORGANISATIONS,
        basis="《中华人民共和国安全生产法》；《生产安全事故应急预案管理办法》",
        conditions="按规定需要备案的生产经营单位，在应急预案公布之日起20个工作日内备案。",
        limit=(0, 0),
        limit_note="材料齐全的当场备案",
        office="县应急管理局应急救援股",
        result=(OTHER, "应急预案备案登记表"),
        materials=[
            table("应急预案备案申报表"),
            m("应急预案评审意见", standard="按规定组织评审或论证"),
            m("应急预案电子文档", form=ELECTRONIC),
            m("风险评估结果和应急资源调查清单"),
        ],
        visits=0,
        depth=OnlineDepth.RESULT,
    ),
]


# =============================================================================================

ITEMS: list[dict[str, Any]] = [
    *MARKET,
    *POLICE,
    *CIVIL,
    *JUSTICE,
    *LABOUR,
    *MEDICAL,
    *HEALTH,
    *LAND,
    *HOUSING,
    *TRANSPORT,
    *FARMING,
    *TAX,
    *EDUCATION,
    *CULTURE,
    *REFORM,
    *SAFETY,
]
"""Every demo item: basic_code, department (short name), category, themes, content (raw guide)."""
