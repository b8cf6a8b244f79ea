"""Bad input at the counter and in the services: a clear message, nothing written, nothing clamped
or cut (issue 11, item 8)."""

from __future__ import annotations

import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from onewindow.cases.factories import inputs_for, receive_case
from onewindow.cases.models import Case
from onewindow.cases.tests.test_views import _intake_post
from onewindow.core.errors import DomainError
from onewindow.core.identity_makers import make_resident_id
from onewindow.registries.services import citizen_signup, natural_person_register


@pytest.mark.parametrize("copies", [-1, "-1", "abc", "999", "1.5"])
def test_bad_copies_are_refused_never_clamped(world, entry_x, copies):
    materials = inputs_for(entry_x, ["self"])
    materials[0].copies = copies

    with translation.override("zh-hans"), pytest.raises(DomainError) as caught:
        receive_case(
            clerk=world.clerk_a,
            place=world.center_a,
            entry=entry_x,
            applicant=world.person,
            materials=materials,
        )
    assert "份数" in str(caught.value.message)
    assert "1至99" in str(caught.value.message)
    assert Case.objects.count() == 0


def test_copies_as_typed_are_kept(world, entry_x):
    materials = inputs_for(entry_x, ["self"])
    materials[0].copies = "3"
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry_x,
        applicant=world.person,
        materials=materials,
    )
    assert case.materials.get(position=materials[0].position).copies_received == 3


def test_a_long_note_is_refused_not_cut(world, entry_x):
    materials = inputs_for(entry_x, ["self"])
    materials[0].note = "字" * 10000

    with translation.override("zh-hans"), pytest.raises(DomainError) as caught:
        receive_case(
            clerk=world.clerk_a,
            place=world.center_a,
            entry=entry_x,
            applicant=world.person,
            materials=materials,
        )
    assert "10000" in str(caught.value.message)
    assert Case.objects.count() == 0


@pytest.mark.parametrize("phone", ["😀", "-1", "abc"])
def test_the_windows_contact_phone_is_a_phone(world, entry_x, phone):
    with pytest.raises(DomainError) as caught:
        receive_case(
            clerk=world.clerk_a,
            place=world.center_a,
            entry=entry_x,
            applicant=world.person,
            contact_phone=phone,
        )
    assert caught.value.field == "contact_phone"
    assert Case.objects.count() == 0


@pytest.mark.parametrize("phone", ["😀", "-1"])
def test_the_counter_form_refuses_a_bad_contact_phone(world, login, entry_x, phone):
    clerk = login(world.clerk_a)
    data = _intake_post(
        entry_x, ["self"], applicant=str(world.person.public_id), contact_phone=phone
    )
    with translation.override("zh-hans"):
        response = clerk.post(f"/cases/new/{entry_x.public_id}/", data, HTTP_ACCEPT_LANGUAGE="zh")
    assert response.status_code == 200
    assert "联系电话" in response.content.decode()
    assert Case.objects.count() == 0


def test_the_counter_form_refuses_copies_over_the_limit(world, login, entry_x):
    clerk = login(world.clerk_a)
    data = _intake_post(entry_x, ["self"], applicant=str(world.person.public_id))
    data["m-0-copies"] = "999"
    response = clerk.post(f"/cases/new/{entry_x.public_id}/", data, HTTP_ACCEPT_LANGUAGE="zh")
    assert response.status_code == 200
    assert "1至99" in response.content.decode()
    assert Case.objects.count() == 0


def test_tampered_answers_at_the_counter_get_a_message(world, login, entry_x):
    clerk = login(world.clerk_a)
    data = _intake_post(entry_x, ["self"], applicant=str(world.person.public_id))
    data["q-who"] = "hacked"
    response = clerk.post(
        f"/cases/new/{entry_x.public_id}/", data, HTTP_ACCEPT_LANGUAGE="zh", follow=True
    )
    assert response.status_code == 200
    assert "情形选项已在页面之外被改动" in response.content.decode()
    assert Case.objects.count() == 0


def test_a_mistyped_credit_code_at_intake_gets_the_credit_code_message(world, login):
    """17 digits and a Y: a credit code with a wrong check character, not a broken ID."""
    clerk = login(world.clerk_a)
    response = clerk.post(
        "/cases/new/", {"applicant": "11620123326222973Y", "q": ""}, HTTP_ACCEPT_LANGUAGE="zh"
    )
    text = response.content.decode()
    assert "公民身份号码应为17位数字" not in text
    assert "统一社会信用代码校验码不正确" in text


@pytest.mark.parametrize(
    "name", ["<script>alert(1)</script>", "张三😀", "Robert'); DROP TABLE users;--", "A"]
)
def test_the_registry_refuses_what_is_no_name(world, name):
    with pytest.raises(ValidationError) as caught:
        natural_person_register(id_number=make_resident_id(random.Random(7)), name=name)
    assert "name" in caught.value.message_dict


def test_signup_refuses_an_id_of_no_province_and_a_bad_phone(db):
    from stdnum.cn import ric

    body = "00000019900307001"
    fake = body + ric.calc_check_digit(body + "0")
    with pytest.raises(ValidationError) as caught:
        citizen_signup(id_number=fake, name="张三", phone="13800138000", password="x-Strong-pass-1")
    assert "id_number" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        citizen_signup(
            id_number=make_resident_id(random.Random(8)),
            name="张三",
            phone="😀",
            password="x-Strong-pass-1",
        )
    assert "phone" in caught.value.message_dict
