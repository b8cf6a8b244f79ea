"""Window and hotline pages for applicants, and the citizen's portal sign-up."""

from __future__ import annotations

import datetime
import random
import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation
from stdnum.cn import ric

from onewindow.core.identity import clean_resident_id, clean_uscc
from onewindow.core.identity_makers import make_resident_id, make_uscc
from onewindow.core.masking import mask_id_number
from onewindow.registries.factories import NaturalPersonFactory
from onewindow.registries.models import AgentAuthorization, LegalPerson, NaturalPerson

User = get_user_model()
LOOKUP = "/registries/lookup/"
PERSON_NEW = "/registries/persons/new/"
ORGANISATION_NEW = "/registries/organisations/new/"
CJK = re.compile(r"[\u4e00-\u9fff]")

_rng = random.Random(20261122)


def with_check_digit(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def new_id(**kwargs) -> str:
    """A valid ID number nobody in the world fixture holds."""
    while True:
        number = make_resident_id(_rng, **kwargs)
        if not NaturalPerson.objects.filter(id_number=number).exists():
            return number


def new_uscc() -> str:
    while True:
        code = make_uscc(_rng, kind="91")
        if not LegalPerson.objects.filter(uscc=code).exists():
            return code


def chinese_errors(response, field: str) -> list[str]:
    """The form's errors on ``field``; there must be some, all shown in Chinese."""
    errors = response.context["form"].errors.get(field, [])
    assert errors, f"no error on {field}"
    assert all(CJK.search(e) for e in errors), errors
    return errors


def counts() -> tuple[int, int, int, int]:
    return (
        NaturalPerson.objects.count(),
        LegalPerson.objects.count(),
        AgentAuthorization.objects.count(),
        User.objects.count(),
    )


def person_url(person) -> str:
    return f"/registries/persons/{person.public_id}/"


def organisation_url(organisation) -> str:
    return f"/registries/organisations/{organisation.public_id}/"


# --- look-up --------------------------------------------------------------------------------------


def test_lookup_of_a_registered_person_opens_the_record(world, login):
    response = login(world.clerk_a).post(LOOKUP, {"number": world.person.id_number})

    assert response.status_code == 302
    assert response.url == person_url(world.person)


def test_lookup_tolerates_spaces_and_a_lower_case_x(world, login):
    person = NaturalPersonFactory(id_number="11010519491231002X")

    response = login(world.clerk_a).post(LOOKUP, {"number": " 11010519491231002x "})

    assert response.url == person_url(person)


def test_lookup_of_a_registered_organisation_opens_the_record(world, login):
    response = login(world.hotline_a).post(LOOKUP, {"number": world.company.uscc.lower()})

    assert response.status_code == 302
    assert response.url == organisation_url(world.company)


def test_lookup_of_an_unknown_valid_id_offers_registration(world, login):
    number = new_id()

    response = login(world.clerk_a).post(LOOKUP, {"number": number})

    assert response.status_code == 200
    assert response.context["searched"] is True
    assert response.context["found"] is None
    content = response.content.decode()
    assert 'data-testid="not-found"' in content
    # The number goes on in a POST body, never in a link (issue 17 item 3).
    assert f'action="{PERSON_NEW}"' in content
    assert f'name="number" value="{number}"' in content
    assert f"?number={number}" not in content


def test_lookup_of_an_unknown_valid_uscc_offers_organisation_registration(world, login):
    code = new_uscc()

    response = login(world.clerk_a).post(LOOKUP, {"number": code})

    assert response.status_code == 200
    content = response.content.decode()
    assert f'action="{ORGANISATION_NEW}"' in content
    assert f"?number={code}" not in content


def test_hotline_sees_not_registered_without_a_register_link(world, login):
    response = login(world.hotline_a).post(LOOKUP, {"number": new_id()})

    content = response.content.decode()
    assert 'data-testid="not-found"' in content
    assert PERSON_NEW not in content


def _bad_id_checksum() -> str:
    right = make_resident_id(random.Random(1))
    return right[:17] + ("0" if right[17] != "0" else "1")


def _bad_uscc_checksum() -> str:
    right = make_uscc(random.Random(1))
    return right[:17] + ("0" if right[17] != "0" else "1")


@pytest.mark.parametrize(
    ("number", "clean", "code"),
    [
        ("62012319900101123", clean_resident_id, "id_length"),
        (_bad_id_checksum(), clean_resident_id, "id_checksum"),
        (with_check_digit("62012319900230123"), clean_resident_id, "id_birth_date"),
        (_bad_uscc_checksum(), clean_uscc, "uscc_checksum"),
        ("91620123IO7XQ2K11X", clean_uscc, "uscc_format"),
    ],
)
def test_lookup_of_an_invalid_number_explains_in_chinese(world, login, number, clean, code):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as info:
        clean(number)
    assert info.value.code == code
    with translation.override("zh-hans"):
        expected = info.value.messages
    before = counts()

    response = login(world.clerk_a).post(LOOKUP, {"number": number})

    assert response.status_code == 200
    errors = response.context["form"].errors["number"]
    assert errors == expected
    assert CJK.search(errors[0]), "the message is not translated into Chinese"
    assert 'data-testid="lookup-error"' in response.content.decode()
    assert response.context["searched"] is False
    assert counts() == before


def test_lookup_message_in_english_when_asked(world, login):
    response = login(world.clerk_a).post(
        LOOKUP, {"number": "62012319900101123"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.context["form"].errors["number"] == [
        "A resident ID number has 18 characters; this one has 17."
    ]


def test_lookup_with_a_look_alike_digit_is_an_error_not_a_crash(world, login):
    response = login(world.clerk_a).post(LOOKUP, {"number": "62²123199001011234"})

    assert response.status_code == 200
    assert response.context["form"].errors["number"]


@pytest.mark.parametrize("persona", ["reviewer_x", "approver_x", "supervisor_a", "manager_a"])
def test_lookup_is_403_for_staff_without_the_duty(world, login, persona):
    client = login(getattr(world, persona))

    assert client.post(LOOKUP, {"number": world.person.id_number}).status_code == 403
    assert client.get(person_url(world.person)).status_code == 403


@pytest.mark.parametrize("persona", ["citizen", "company_user", "stranger"])
def test_lookup_is_403_for_applicants_and_strangers(world, login, persona):
    client = login(getattr(world, persona))

    assert client.get(LOOKUP).status_code == 403
    assert client.get(person_url(world.citizen_person)).status_code == 403


def test_lookup_sends_anonymous_users_to_login(client, world):
    response = client.get(LOOKUP)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_unknown_public_id_is_404(world, login):
    client = login(world.clerk_a)

    assert client.get(f"/registries/persons/{uuid.uuid4()}/").status_code == 404
    assert client.get(f"/registries/organisations/{uuid.uuid4()}/").status_code == 404


# --- personal numbers: in full for the clerk, masked for everyone else ----------------------------


def test_clerk_sees_the_full_id_number(world, login):
    # The person is at the window: the clerk has looked them up by number.
    client = login(world.clerk_a)
    client.post(LOOKUP, {"number": world.person.id_number})
    response = client.get(person_url(world.person))

    assert response.status_code == 200
    content = response.content.decode()
    assert world.person.id_number in content
    assert world.person.phone in content


@pytest.mark.parametrize("persona", ["hotline_a", "admin_a"])
def test_others_see_the_id_number_masked(world, login, persona):
    response = login(getattr(world, persona)).get(person_url(world.person))

    assert response.status_code == 200
    content = response.content.decode()
    assert world.person.id_number not in content
    assert mask_id_number(world.person.id_number) in content
    assert world.person.phone not in content
    assert world.person.birth_date.strftime("%Y-%m-%d") not in content


@pytest.mark.parametrize(("persona", "full"), [("clerk_a", True), ("hotline_a", False)])
def test_representative_id_number_on_the_organisation_page(world, login, persona, full):
    client = login(getattr(world, persona))
    client.post(LOOKUP, {"number": world.company.uscc})
    response = client.get(organisation_url(world.company))

    content = response.content.decode()
    number = world.company.representative_id_number
    assert (number in content) is full
    assert (mask_id_number(number) in content) is not full


# --- registering a person -------------------------------------------------------------------------


def test_clerk_registers_a_person(world, login):
    number = new_id(female=True, birth=datetime.date(1990, 3, 7))

    response = login(world.clerk_a).post(
        PERSON_NEW,
        {"id_number": number, "name": " 张桂英 ", "phone": "13912345678", "address": "城关镇"},
    )

    person = NaturalPerson.objects.get(id_number=number)
    assert response.status_code == 302
    assert response.url == person_url(person)
    assert person.name == "张桂英"
    assert person.birth_date == datetime.date(1990, 3, 7)
    assert person.gender == "2"


def test_register_form_is_prefilled_from_the_lookup(world, login):
    number = new_id()
    before = counts()

    response = login(world.clerk_a).post(PERSON_NEW, {"prefill": "1", "number": number})

    assert response.status_code == 200
    assert f'value="{number}"' in response.content.decode()
    assert not response.context["form"].is_bound  # opened filled in, nothing registered
    assert counts() == before


def test_personal_numbers_never_travel_in_a_url(world, login):
    """Issue 17 item 3: the look-up and the registration form take no number from the query
    string (the access log, browser history and proxies would keep it)."""
    client = login(world.clerk_a)
    response = client.get(LOOKUP, {"number": world.person.id_number})
    assert response.status_code == 200
    assert response.context["searched"] is False  # a number in the URL is not looked up
    assert not response.context["form"].is_bound
    number = new_id()
    response = client.get(PERSON_NEW, {"number": number})
    assert response.context["form"]["id_number"].value() in (None, "")
    # The look-up POSTs and answers with the record's opaque public id.
    response = client.post(LOOKUP, {"number": world.person.id_number})
    assert response.status_code == 302
    assert world.person.id_number not in response.url
    assert str(world.person.public_id) in response.url
    # The window desk's look-up card posts too.
    html = client.get("/accounts/work/window/").content.decode()
    form = re.search(r'<form[^>]*action="/registries/lookup/"[^>]*>', html)
    assert form is not None
    assert 'method="post"' in form.group(0)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"id_number": "62012319900101123"}, "id_number"),
        ({"id_number": "620123199002301230"}, "id_number"),
        ({"phone": "12345678901"}, "phone"),
        ({"phone": "1391234567"}, "phone"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_person_data_is_refused_in_chinese(world, login, data, field):
    post = {"id_number": new_id(), "name": "张三", "phone": "", "address": ""}
    post.update(data)
    before = counts()

    response = login(world.clerk_a).post(PERSON_NEW, post)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert CJK.search(errors[field][0])
    assert counts() == before


def test_duplicate_person_is_refused(world, login):
    before = counts()

    response = login(world.clerk_a).post(
        PERSON_NEW, {"id_number": world.person.id_number.lower(), "name": "王小明"}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["id_number"]
    chinese_errors(response, "id_number")
    assert counts() == before


@pytest.mark.parametrize("persona", ["hotline_a", "admin_a", "reviewer_x"])
def test_only_clerks_register(world, login, persona):
    before = counts()

    response = login(getattr(world, persona)).post(
        PERSON_NEW, {"id_number": new_id(), "name": "张三"}
    )

    assert response.status_code == 403
    assert counts() == before


# --- registering an organisation ------------------------------------------------------------------


def organisation_post(**overrides) -> dict[str, str]:
    data = {
        "uscc": new_uscc(),
        "name": "兰州新开商贸有限公司",
        "kind": "enterprise",
        "representative_name": "赵六",
        "representative_id_number": new_id(),
        "phone": "0931-5221234",
        "address": "榆中县兴隆路1号",
    }
    data.update(overrides)
    return data


def test_clerk_registers_an_organisation(world, login):
    data = organisation_post()

    response = login(world.clerk_a).post(ORGANISATION_NEW, data)

    organisation = LegalPerson.objects.get(uscc=data["uscc"])
    assert response.status_code == 302
    assert response.url == organisation_url(organisation)
    assert organisation.representative_id_number == data["representative_id_number"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"uscc": "91620123MA7XQ2K1"}, "uscc"),
        ({"uscc": "9462012377763170XX"}, "uscc"),
        ({"representative_id_number": "620123199001011230"}, "representative_id_number"),
        ({"kind": "pirate_ship"}, "kind"),
    ],
)
def test_bad_organisation_data_is_refused(world, login, overrides, field):
    before = counts()

    response = login(world.clerk_a).post(ORGANISATION_NEW, organisation_post(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert counts() == before


def test_duplicate_organisation_is_refused(world, login):
    before = counts()

    response = login(world.clerk_a).post(
        ORGANISATION_NEW, organisation_post(uscc=world.company.uscc)
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["uscc"]
    chinese_errors(response, "uscc")
    assert counts() == before


# --- agents ---------------------------------------------------------------------------------------


def agent_url(kind: str, principal) -> str:
    return f"/registries/{kind}/{principal.public_id}/agents/new/"


def agent_post(agent_id_number: str, **overrides) -> dict[str, str]:
    data = {
        "agent_id_number": agent_id_number,
        "relation": "family",
        "matters": "代为办理社保事项",
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
    }
    data.update(overrides)
    return data


def test_clerk_authorises_an_agent_for_a_person(world, login):
    response = login(world.clerk_a).post(
        agent_url("person", world.person), agent_post(world.citizen_person.id_number)
    )

    assert response.status_code == 302
    assert response.url == person_url(world.person)
    authorisation = AgentAuthorization.objects.get()
    assert authorisation.agent == world.citizen_person
    assert authorisation.principal == world.person
    assert authorisation.valid_until == datetime.date(2026, 12, 31)


def test_clerk_authorises_an_employee_for_a_company(world, login):
    response = login(world.clerk_a).post(
        agent_url("organisation", world.company),
        agent_post(world.person.id_number, relation="employee"),
    )

    assert response.status_code == 302
    assert response.url == organisation_url(world.company)
    assert AgentAuthorization.objects.get().principal == world.company


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("agent_not_registered", "agent_id_number"),
        ("agent_id_invalid", "agent_id_number"),
        ("until_before_from", "valid_until"),
        ("self_agency", "agent_id_number"),
        ("bad_relation", "relation"),
    ],
)
def test_bad_agent_authorisations_are_refused(world, login, case, field):
    data = {
        "agent_not_registered": agent_post(new_id()),
        "agent_id_invalid": agent_post("620123199001011230"),
        "until_before_from": agent_post(
            world.citizen_person.id_number, valid_from="2026-06-01", valid_until="2026-05-31"
        ),
        "self_agency": agent_post(world.person.id_number),
        "bad_relation": agent_post(world.citizen_person.id_number, relation="spouse_of_cousin"),
    }[case]
    before = counts()

    response = login(world.clerk_a).post(agent_url("person", world.person), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert CJK.search(errors[field][0])
    assert counts() == before


def test_agent_page_for_an_unknown_kind_or_principal_is_404(world, login):
    client = login(world.clerk_a)

    assert client.get(f"/registries/pets/{world.person.public_id}/agents/new/").status_code == 404
    assert client.get(agent_url("person", world.company)).status_code == 404


def test_only_clerks_authorise_agents(world, login):
    before = counts()

    response = login(world.hotline_a).post(
        agent_url("person", world.person), agent_post(world.citizen_person.id_number)
    )

    assert response.status_code == 403
    assert counts() == before


# --- portal sign-up -------------------------------------------------------------------------------

SIGNUP = "/signup/"
PASSWORD = "Qiyun-Road-188"


def signup_post(**overrides) -> dict[str, str]:
    data = {
        "id_number": new_id(),
        "name": "刘洋",
        "phone": "13712345678",
        "password": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def test_signup_opens_an_account_and_signs_in(client, world):
    data = signup_post()

    response = client.post(SIGNUP, data)

    assert response.status_code == 302
    assert response.url == "/me/"
    person = NaturalPerson.objects.get(id_number=data["id_number"])
    assert person.user.username == data["id_number"]
    assert person.user.check_password(PASSWORD)
    assert int(client.session["_auth_user_id"]) == person.user.pk
    me = client.get("/me/")
    assert me.status_code == 200
    content = me.content.decode()
    assert mask_id_number(data["id_number"]) in content
    assert data["id_number"] not in content


def test_signup_can_then_sign_in_with_the_id_number(client, world):
    data = signup_post()
    client.post(SIGNUP, data)
    client.logout()

    response = client.post(
        "/accounts/login/", {"username": data["id_number"], "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.get("/accounts/workspace/").url == "/me/"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id_number": "620123199001011230"}, "id_number"),
        ({"id_number": "62012319900101"}, "id_number"),
        ({"phone": "0931-5221234"}, "phone"),
        ({"phone": ""}, "phone"),
        ({"password2": PASSWORD + "x"}, "password2"),
        ({"password": "12345678", "password2": "12345678"}, "password"),
        ({"password": "abc", "password2": "abc"}, "password"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_signup_is_refused_and_saves_nothing(client, world, overrides, field):
    before = counts()

    response = client.post(SIGNUP, signup_post(**overrides))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert counts() == before
    assert "_auth_user_id" not in client.session


def test_signup_twice_with_the_same_id_is_refused(client, world):
    data = signup_post()
    client.post(SIGNUP, data)
    client.logout()
    before = counts()

    response = client.post(SIGNUP, data)

    assert response.status_code == 200
    assert "id_number" in response.context["form"].errors
    assert counts() == before


def test_signup_for_a_person_who_already_has_an_account_is_refused(client, world):
    before = counts()

    response = client.post(
        SIGNUP, signup_post(id_number=world.citizen_person.id_number, name="李华")
    )

    assert response.status_code == 200
    assert "id_number" in response.context["form"].errors
    assert counts() == before
    world.citizen_person.refresh_from_db()
    assert world.citizen_person.user == world.citizen


def test_signup_with_another_name_for_a_window_registered_number_is_refused(client, world):
    # Given 王小明 registered at a window, without an account
    before = counts()

    # When someone signs up with his number but another name
    response = client.post(SIGNUP, signup_post(id_number=world.person.id_number, name="王大明"))

    # Then nobody takes over his record
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    chinese_errors(response, "name")
    assert counts() == before
    world.person.refresh_from_db()
    assert world.person.user is None


def test_signup_with_the_right_name_attaches_the_window_record(client, world):
    before_persons = NaturalPerson.objects.count()

    response = client.post(SIGNUP, signup_post(id_number=world.person.id_number, name="王小明"))

    assert response.status_code == 302
    world.person.refresh_from_db()
    assert world.person.user is not None
    assert world.person.phone == "13712345678"
    assert NaturalPerson.objects.count() == before_persons


def test_signed_in_user_is_sent_away_from_signup(world, login):
    response = login(world.citizen).get(SIGNUP)

    assert response.status_code == 302
    assert response.url == "/accounts/workspace/"


@pytest.mark.parametrize("persona", ["clerk_a", "admin_a", "stranger"])
def test_me_is_403_for_staff(world, login, persona):
    assert login(getattr(world, persona)).get("/me/").status_code == 403


def test_me_sends_anonymous_users_to_login(client, world):
    response = client.get("/me/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_company_sees_its_organisation_on_me(world, login):
    response = login(world.company_user).get("/me/")

    assert response.status_code == 200
    assert world.company.name in response.content.decode()


# --- issue 17 item 7: another county's applicants, in full only at this clerk's window -----------


def _applied_at(world, person, clerk, place):
    from onewindow.cases.factories import accepted_case, licence_entry

    department = world.dept_x if place == world.center_a else world.dept_z
    return accepted_case(
        clerk=clerk, place=place, entry=licence_entry(department), applicant=person
    )


def test_a_clerk_of_another_county_sees_an_applicant_masked(world, login):
    # 王小明 applied at county A's center; county B's clerk opens his record without him at
    # the window.
    _applied_at(world, world.person, world.clerk_a, world.center_a)
    content = login(world.clerk_b).get(person_url(world.person)).content.decode()
    assert world.person.id_number not in content
    assert mask_id_number(world.person.id_number) in content
    assert world.person.phone not in content
    # County A's own clerk sees his applicant in full.
    content = login(world.clerk_a).get(person_url(world.person)).content.decode()
    assert world.person.id_number in content


def test_the_other_countys_applicant_at_this_window_is_shown_in_full(world, login):
    _applied_at(world, world.person, world.clerk_a, world.center_a)
    # He comes to county B's window: the clerk looks him up by his card's number ...
    client = login(world.clerk_b)
    client.post(LOOKUP, {"number": world.person.id_number})
    assert world.person.id_number in client.get(person_url(world.person)).content.decode()
    # ... or he has applied there.
    other = NaturalPersonFactory(name="赵六")
    _applied_at(world, other, world.clerk_a, world.center_a)
    _applied_at(world, other, world.clerk_b, world.center_b)
    assert other.id_number in login(world.clerk_b).get(person_url(other)).content.decode()
