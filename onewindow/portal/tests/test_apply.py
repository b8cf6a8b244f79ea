"""Applying online: the form, drafts, submission, and what the form refuses."""

from __future__ import annotations

import uuid

from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases.choices import Action, CaseState, Channel
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.factories import licence_entry
from onewindow.cases.models import Case
from onewindow.cases.services import acceptance
from onewindow.catalog.factories import BASE_GUIDE
from onewindow.portal.tests.conftest import pdf


def apply_url(entry) -> str:
    return f"/apply/{entry.public_id}/"


def form_key(response) -> str:
    return str(response.context["form"]["submission_key"].value())


def test_draft_save_edit_submit_then_accepted(world, login, entry):
    client = login(world.citizen)
    # Given the applicant opens the form: the checklist waits for the situation answers
    response = client.get(apply_url(entry))
    assert response.status_code == 200
    assert b'id="answer-first"' in response.content
    assert b'id="application-form"' not in response.content
    response = client.get(apply_url(entry), {"who": "self"})
    assert b'id="application-form"' in response.content
    key = form_key(response)

    # When a draft is saved with the first material only
    response = client.post(
        apply_url(entry),
        {
            "submission_key": key,
            "answers": "self",
            "delivery_method": "pickup",
            "action": "save",
            "material-0": pdf("申请书.pdf"),
        },
    )
    case = Case.objects.get()
    assert case.state == CaseState.DRAFT
    assert case.channel == Channel.PC
    assert str(case.submission_key) == key
    assert response.status_code == 302
    assert response["Location"] == f"/me/applications/{case.number}/edit/"

    # A fresh form for the same item points to the draft
    assert b'id="earlier-draft"' in client.get(apply_url(entry)).content
    # Then the draft can be reopened: the upload is there and the key is the draft's
    response = client.get(f"/me/applications/{case.number}/edit/")
    assert response.status_code == 200
    assert form_key(response) == key
    assert "申请书.pdf" in response.content.decode()
    assert response.content.count(b'data-testid="uploaded"') == 1

    # Submitting with required materials missing keeps the draft and says what is missing
    response = client.post(
        f"/me/applications/{case.number}/edit/",
        {"answers": "self", "delivery_method": "pickup", "action": "submit"},
        follow=True,
    )
    assert "经营者身份证件" in response.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.DRAFT

    # Uploading the rest and submitting sends it to the window
    response = client.post(
        f"/me/applications/{case.number}/edit/",
        {
            "answers": "self",
            "delivery_method": "mail",
            "delivery_address": "甘肃省兰州市榆中县城关镇兴隆路8号",
            "action": "submit",
            "material-1": pdf("id.pdf"),
            "material-2": pdf("lease.pdf"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/me/applications/{case.number}/"
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED
    assert case.delivery_method == "mail"
    assert case.materials.get(position=0).file_name == "申请书.pdf"  # kept from the draft

    # The clerk of the competent center accepts it; the progress page shows the review
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    response = client.get(f"/me/applications/{case.number}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-state="in_review"' in html
    assert html.count('data-testid="event"') == case.events.count() >= 2
    assert html.count('data-testid="document"') == case.documents.count() >= 2
    assert world.center_a.name in html  # where the steps took place
    # a submitted application can no longer be edited
    response = client.get(f"/me/applications/{case.number}/edit/")
    assert response.status_code == 302


def test_double_post_of_the_same_form_makes_one_case(world, login, entry):
    client = login(world.citizen)
    key = form_key(client.get(apply_url(entry), {"who": "self"}))

    def post():
        return client.post(
            apply_url(entry),
            {
                "submission_key": key,
                "answers": "self",
                "delivery_method": "pickup",
                "action": "submit",
                **{f"material-{p}": pdf() for p in (0, 1, 2)},
            },
        )

    first, second = post(), post()
    case = Case.objects.get()
    assert first["Location"] == second["Location"] == f"/me/applications/{case.number}/"
    assert case.state == CaseState.RECEIVED
    assert case.events.filter(action=Action.SUBMIT).count() == 1


def test_renamed_executable_is_refused_and_nothing_saved(world, login, entry):
    client = login(world.citizen)
    key = form_key(client.get(apply_url(entry), {"who": "self"}))
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00\x03 this is an exe", "application/pdf")
    response = client.post(
        apply_url(entry),
        {
            "submission_key": key,
            "answers": "self",
            "delivery_method": "pickup",
            "action": "save",
            "material-0": fake,
            "material-1": pdf(),
        },
    )
    assert response.status_code == 200
    assert "material-0" in response.context["form"].errors
    assert "scan.pdf" in response.content.decode()
    assert b"is-invalid" in response.content
    assert Case.objects.count() == 0
    # an extension that is no scan at all is refused too
    response = client.post(
        apply_url(entry),
        {
            "submission_key": key,
            "answers": "self",
            "delivery_method": "pickup",
            "action": "save",
            "material-0": SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
        },
    )
    assert "material-0" in response.context["form"].errors
    assert Case.objects.count() == 0


def test_changing_the_answers_changes_the_checklist(world, login, entry):
    client = login(world.citizen)
    self_page = client.get(apply_url(entry), {"who": "self"})
    agent_page = client.get(apply_url(entry), {"who": "agent"})
    assert "授权委托书" not in self_page.content.decode()
    assert 'data-testid="material-3"' in agent_page.content.decode()
    # the guide's own query string (and ?answers=) both work
    assert (
        'data-testid="material-3"'
        in client.get(apply_url(entry), {"answers": "agent"}).content.decode()
    )
    # a draft saved for "self" and reopened with ?who=agent shows the agent's checklist
    key = form_key(self_page)
    client.post(
        apply_url(entry),
        {"submission_key": key, "answers": "self", "delivery_method": "pickup", "action": "save"},
    )
    case = Case.objects.get()
    edit = client.get(f"/me/applications/{case.number}/edit/", {"who": "agent"})
    assert 'data-testid="material-3"' in edit.content.decode()
    client.post(
        f"/me/applications/{case.number}/edit/",
        {"answers": "agent", "delivery_method": "pickup", "action": "save"},
    )
    case.refresh_from_db()
    assert case.answers == ["agent"]
    assert case.materials.filter(position=3).exists()


def test_mail_needs_an_address(world, login, entry):
    client = login(world.citizen)
    key = form_key(client.get(apply_url(entry), {"who": "self"}))
    response = client.post(
        apply_url(entry),
        {"submission_key": key, "answers": "self", "delivery_method": "mail", "action": "save"},
    )
    assert "delivery_address" in response.context["form"].errors
    assert Case.objects.count() == 0


def test_fetched_material_needs_no_upload(world, login):
    materials = [
        {"name": "个体工商户登记申请书", "kind": "original", "necessity": "1"},
        {"name": "户口簿", "kind": "copy", "necessity": "1", "form": "fetched"},
    ]
    entry = licence_entry(world.dept_x, questions=[], materials=materials)
    client = login(world.citizen)
    response = client.get(apply_url(entry))
    html = response.content.decode()
    assert 'data-testid="fetched"' in html
    assert 'name="material-1"' not in html
    assert 'name="material-0"' in html
    client.post(
        apply_url(entry),
        {
            "submission_key": form_key(response),
            "delivery_method": "pickup",
            "action": "submit",
            "material-0": pdf(),
        },
    )
    case = Case.objects.get()
    assert case.state == CaseState.RECEIVED
    assert case.materials.get(position=1).status == MS.FETCHED


def test_window_only_item_sends_the_applicant_to_the_hall(world, login, client):
    entry = licence_entry(world.dept_x, handling_forms=["window"], online_depth=2)
    response = login(world.citizen).get(apply_url(entry))
    html = response.content.decode()
    assert 'id="apply-at-window"' in html
    assert world.center_a.name in html
    assert 'id="application-form"' not in html
    # the public guide offers the button only where online application is possible
    assert (
        'id="apply-online"'
        not in client.get(f"/catalog/guides/{entry.public_id}/").content.decode()
    )
    online = licence_entry(world.dept_x)
    guide = client.get(f"/catalog/guides/{online.public_id}/", {"who": "agent"}).content.decode()
    assert f'href="/apply/{online.public_id}/?who=agent"' in guide


def test_item_for_persons_is_not_offered_to_a_company(world, login, entry):
    response = login(world.company_user).get(apply_url(entry))
    assert 'id="application-form"' not in response.content.decode()
    assert 'id="apply-at-window"' in response.content.decode()
    company_item = licence_entry(world.dept_x, service_objects=["enterprise"])
    response = login(world.company_user).get(apply_url(company_item), {"who": "self"})
    assert 'id="application-form"' in response.content.decode()


def test_only_applicants_apply(world, login, client, entry):
    assert login(world.clerk_a).get(apply_url(entry)).status_code == 403
    response = client.get(apply_url(entry))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert login(world.citizen).get(f"/apply/{uuid.uuid4()}/").status_code == 404


def test_someone_elses_submission_key_is_refused(world, login, entry):
    key = form_key(login(world.citizen).get(apply_url(entry), {"who": "self"}))
    data = {"submission_key": key, "answers": "self", "delivery_method": "pickup"}
    login(world.citizen).post(apply_url(entry), {**data, "action": "save"})
    other = _other_citizen()
    response = login(other).post(apply_url(entry), {**data, "action": "save"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Case.objects.get().submitted_by == world.citizen


def _other_citizen():
    from onewindow.organisations.factories import UserFactory
    from onewindow.registries.factories import NaturalPersonFactory

    user = UserFactory(username="neighbour")
    NaturalPersonFactory(name="张三", user=user)
    return user


def test_guide_base_has_the_questions_the_tests_rely_on():
    assert [o["code"] for o in BASE_GUIDE["questions"][0]["options"]] == ["self", "agent"]


def test_a_draft_reopened_with_one_new_answer_keeps_the_others(world, login):
    questions = [
        *BASE_GUIDE["questions"],
        {
            "code": "kind",
            "text": "经营项目",
            "options": [{"code": "sale", "label": "食品销售"}, {"code": "food", "label": "餐饮"}],
        },
    ]
    materials = [
        {"name": "申请书", "kind": "original", "necessity": "1"},
        {"name": "厨房布局图", "kind": "original", "necessity": "1", "situations": ["food"]},
    ]
    entry = licence_entry(world.dept_x, questions=questions, materials=materials)
    client = login(world.citizen)
    page = client.get(apply_url(entry), {"who": "self"})
    assert b'id="answer-first"' in page.content  # one question still open
    key = form_key(client.get(apply_url(entry), {"who": "self", "kind": "sale"}))
    client.post(
        apply_url(entry),
        {"submission_key": key, "answers": ["self", "sale"], "delivery_method": "pickup"},
    )
    case = Case.objects.get()
    assert case.answers == ["self", "sale"]
    edit = client.get(f"/me/applications/{case.number}/edit/", {"kind": "food"})
    html = edit.content.decode()
    assert 'id="application-form"' in html
    assert 'value="self" id="answer-self" autocomplete="off" checked' in html
    assert 'data-testid="material-1"' in html
