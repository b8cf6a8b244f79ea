"""Fees charged in a case, checked against the guide's published fees (收费公示)."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

import pytest

from onewindow.cases.factories import licence_entry, receive_case
from onewindow.cases.models import CaseFee
from onewindow.cases.services import acceptance, delivery, intake
from onewindow.cases.services.fees import case_fee_record, highest_yuan
from onewindow.core.errors import DomainError, NotPermitted
from onewindow.core.models import AuditEntry

ESTATE_FEE = {
    "name": "不动产登记费",
    "standard": "住宅类每件80元，非住宅类每件550元（均含第一本证书工本费）；小微企业免收",
    "basis": "《关于不动产登记收费标准等有关问题的通知》",
    "waivable": True,
}
BOOK_FEE = {"name": "不动产权属证书工本费", "standard": "每增加一本证书加收10元", "basis": ""}
AT = datetime.datetime(2026, 6, 3, 2, tzinfo=datetime.UTC)


@pytest.fixture
def fee_entry(world):
    return licence_entry(world.dept_x, name="不动产登记", fees=[ESTATE_FEE, BOOK_FEE])


@pytest.fixture
def fee_case(world, fee_entry):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=fee_entry, applicant=world.person
    )
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    return case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ESTATE_FEE["standard"], Decimal(550)),
        ("每证10元", Decimal(10)),
        ("到期换领每证20元；损坏换领每证40元", Decimal(40)),
        ("每件 1,200 元", Decimal(1200)),
        ("每件12.5元", Decimal("12.5")),
        ("3万元以下免收", Decimal(30000)),
        ("住宅80，非住宅550元", Decimal(550)),  # a full-width comma separates, not groups
        ("按国家规定收取", None),
        ("", None),
    ],
)
def test_highest_yuan(text, expected):
    assert highest_yuan(text) == expected


def test_a_published_fee_within_the_standard_is_regular(world, fee_case):
    fee = case_fee_record(
        case=fee_case,
        actor=world.clerk_a,
        name=" 不动产登记费 ",
        amount="550",
        receipt_number="FS0001",
        at=AT,
    )
    assert fee.irregularity == ""
    assert fee.name == "不动产登记费"
    assert fee.amount == Decimal("550.00")
    assert fee.charged_by == world.clerk_a
    assert fee.charged_at == AT
    entry = AuditEntry.objects.get(kind="case.fee")
    assert entry.ref == fee_case.number
    assert entry.content["amount"] == "550.00"
    # the approver of the department may record one too
    other = case_fee_record(case=fee_case, actor=world.approver_x, name=BOOK_FEE["name"], amount=10)
    assert other.irregularity == ""


def test_more_than_the_standard_is_irregular(world, fee_case):
    fee = case_fee_record(case=fee_case, actor=world.clerk_a, name="不动产登记费", amount="600")
    assert "550" in fee.irregularity
    assert "600" in fee.irregularity
    assert CaseFee.objects.get(pk=fee.pk).irregularity == fee.irregularity


def test_an_unpublished_fee_name_is_irregular(world, fee_case):
    fee = case_fee_record(case=fee_case, actor=world.clerk_a, name="资料复印费", amount="5")
    assert "资料复印费" in fee.irregularity
    assert "不动产登记费" in fee.irregularity  # tells which fees are published


def test_any_fee_is_irregular_when_the_guide_publishes_none(world, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    fee = case_fee_record(case=case, actor=world.clerk_a, name="工本费", amount="10")
    assert fee.irregularity  # the guide's fees list is empty
    assert "收费" in fee.irregularity or "fees" in fee.irregularity


@pytest.mark.parametrize("amount", ["0", "-5", "abc", "1.234", "NaN", "Infinity", "", "1e12"])
def test_bad_amounts_are_refused(world, fee_case, amount):
    with pytest.raises(DomainError) as caught:
        case_fee_record(case=fee_case, actor=world.clerk_a, name="不动产登记费", amount=amount)
    assert caught.value.field == "amount"
    assert not CaseFee.objects.exists()
    assert not AuditEntry.objects.filter(kind="case.fee").exists()


def test_name_is_required(world, fee_case):
    with pytest.raises(DomainError):
        case_fee_record(case=fee_case, actor=world.clerk_a, name="  ", amount="10")
    assert not CaseFee.objects.exists()


@pytest.mark.parametrize("who", ["reviewer_x", "clerk_b", "supervisor_a", "manager_a"])
def test_only_clerks_and_approvers_record_fees(world, fee_case, who):
    with pytest.raises(NotPermitted):
        case_fee_record(case=fee_case, actor=getattr(world, who), name="不动产登记费", amount=80)
    assert not CaseFee.objects.exists()


def test_no_fee_on_a_withdrawn_case_or_a_draft(world, fee_entry):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=fee_entry, applicant=world.person
    )
    delivery.case_withdraw(
        case=case, expected_revision=case.revision, actor=world.clerk_a, reason="申请人书面申请撤回"
    )
    with pytest.raises(DomainError):
        case_fee_record(case=case, actor=world.clerk_a, name="不动产登记费", amount=80)
    draft = intake.case_draft_save(
        user=world.citizen,
        entry=fee_entry,
        applicant=world.citizen_person,
        answers=["self"],
        materials=[],
        submission_key=uuid.uuid4(),
    )
    with pytest.raises(DomainError):  # staff do not even see a draft
        case_fee_record(case=draft, actor=world.clerk_a, name="不动产登记费", amount=80)
    assert not CaseFee.objects.exists()


# --- the case page ---------------------------------------------------------------------------


def test_case_page_fee_section_per_role(world, login, fee_case):
    page = login(world.clerk_a).get(f"/cases/{fee_case.number}/").content.decode()
    assert 'data-testid="fee-form"' in page
    assert '<option value="不动产登记费">' in page  # the guide's fees are suggested
    page = login(world.reviewer_x).get(f"/cases/{fee_case.number}/").content.decode()
    assert 'data-testid="fee-form"' not in page


def test_fee_over_http(world, login, fee_case):
    url = f"/cases/{fee_case.number}/fees/"
    clerk = login(world.clerk_a)
    response = clerk.post(url, {"name": "不动产登记费", "amount": "80", "receipt_number": "R1"})
    assert response.status_code == 302
    assert CaseFee.objects.get().irregularity == ""
    response = clerk.post(url, {"name": "加急费", "amount": "200"}, follow=True)
    assert response.status_code == 200
    assert CaseFee.objects.count() == 2
    page = response.content.decode()
    assert "加急费" in page
    assert "text-bg-danger" in page


def test_bad_fee_over_http_changes_nothing(world, login, fee_case):
    url = f"/cases/{fee_case.number}/fees/"
    response = login(world.clerk_a).post(
        url, {"name": "不动产登记费", "amount": "12.345"}, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "two decimal places" in page or "两位小数" in page
    response = login(world.reviewer_x).post(url, {"name": "不动产登记费", "amount": "80"})
    assert response.status_code == 302
    assert login(world.clerk_b).post(url, {"name": "x", "amount": "1"}).status_code == 404
    assert login(world.clerk_a).get(url).status_code == 405
    assert not CaseFee.objects.exists()
