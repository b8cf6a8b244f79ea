"""The applicant's progress pages, corrections, withdrawal, documents and the public look-up."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases.choices import CaseKind, CaseState
from onewindow.cases.choices import MaterialStatus as MS
from onewindow.cases.factories import licence_entry
from onewindow.cases.models import Case, JointService, JointServiceItem
from onewindow.cases.services import acceptance, joint
from onewindow.cases.services.intake import MaterialInput
from onewindow.core.masking import mask_id_number
from onewindow.documents.choices import DocumentKind
from onewindow.organisations.factories import UserFactory
from onewindow.portal.tests.conftest import pdf
from onewindow.portal.views_progress import FAILURE_LIMIT
from onewindow.registries.factories import NaturalPersonFactory


def page(number: str, suffix: str = "") -> str:
    return f"/me/applications/{number}/{suffix}"


@pytest.fixture
def neighbour():
    user = UserFactory(username="neighbour")
    NaturalPersonFactory(name="张三", user=user)
    return user


def test_lists_show_my_applications_newest_first(world, login, submitted, entry):
    client = login(world.citizen)
    second = licence_entry(world.dept_x, name="食品经营许可")
    client.post(
        f"/apply/{second.public_id}/",
        {
            "submission_key": "8f4d3a52-1a4e-4c53-9a43-3d1f1f3e0c11",
            "answers": "self",
            "delivery_method": "pickup",
            "action": "save",
        },
    )
    html = client.get("/me/applications/").content.decode()
    assert html.count('data-testid="application"') == 2
    assert html.index("食品经营许可") < html.index(submitted.number)
    assert "text-bg-info" in html  # the received case's badge
    me = client.get("/me/").content.decode()
    assert submitted.number in me
    assert 'id="my-applications"' in me


def test_correction_then_resubmit_through_the_page(world, login, submitted):
    acceptance.case_request_correction(
        case=submitted,
        expected_revision=submitted.revision,
        actor=world.clerk_a,
        materials=[MaterialInput(position=0, status=MS.DEFECTIVE, note="申请书未签名")],
        opinion="请补正申请书",
    )
    client = login(world.citizen)
    response = client.get(page(submitted.number))
    html = response.content.decode()
    assert 'data-state="correction"' in html
    assert "请补正申请书" in html
    assert "申请书未签名" in html
    # the form asks for exactly what the notice listed
    assert list(response.context["resubmit_form"].fields) == ["material-0"]
    assert html.count('data-testid="requested-material"') == 1
    # nothing chosen, or a fake file: refused, nothing changes
    response = client.post(page(submitted.number, "resubmit/"), {"revision": submitted.revision})
    assert "material-0" in response.context["resubmit_form"].errors
    fake = SimpleUploadedFile("fixed.pdf", b"GIF89a not a pdf")
    response = client.post(
        page(submitted.number, "resubmit/"), {"revision": submitted.revision, "material-0": fake}
    )
    assert "material-0" in response.context["resubmit_form"].errors
    submitted.refresh_from_db()
    assert submitted.state == CaseState.CORRECTION
    # the right file goes back to the window
    response = client.post(
        page(submitted.number, "resubmit/"),
        {"revision": submitted.revision, "material-0": pdf("签名版.pdf")},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == CaseState.RECEIVED
    assert submitted.materials.get(position=0).file_name == "签名版.pdf"
    acceptance.case_accept(
        case=submitted, expected_revision=submitted.revision, actor=world.clerk_a
    )
    html = client.get(page(submitted.number)).content.decode()
    assert 'data-state="in_review"' in html
    assert 'id="resubmit-form"' not in html


def test_withdraw(world, login, submitted):
    client = login(world.citizen)
    assert 'id="withdraw"' in client.get(page(submitted.number)).content.decode()
    response = client.post(
        page(submitted.number, "withdraw/"), {"revision": submitted.revision, "reason": ""}
    )
    assert "reason" in response.context["withdraw_form"].errors
    response = client.post(
        page(submitted.number, "withdraw/"),
        {"revision": submitted.revision, "reason": "信息填写有误，重新申请"},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == CaseState.WITHDRAWN
    html = client.get(page(submitted.number)).content.decode()
    assert 'id="withdraw"' not in html
    assert "信息填写有误" in html  # the reason is on the timeline
    # a second withdrawal is refused on the form, not with a server error
    response = client.post(
        page(submitted.number, "withdraw/"), {"revision": submitted.revision, "reason": "again"}
    )
    assert response.status_code == 200
    assert response.context["withdraw_form"].errors


def test_documents_are_pdfs_for_the_owner_only(world, login, submitted, neighbour):
    receipt = submitted.documents.get(kind=DocumentKind.RECEIPT)
    url = page(submitted.number, f"documents/{receipt.number}.pdf")
    response = login(world.citizen).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    other = login(neighbour)
    for path in (
        page(submitted.number),
        page(submitted.number, "edit/"),
        url,
        page(submitted.number, "materials/0/"),
    ):
        assert other.get(path).status_code == 404, path
    assert (
        other.post(
            page(submitted.number, "withdraw/"), {"revision": submitted.revision, "reason": "x"}
        ).status_code
        == 404
    )
    assert (
        other.post(
            page(submitted.number, "resubmit/"), {"revision": submitted.revision}
        ).status_code
        == 404
    )
    submitted.refresh_from_db()
    assert submitted.state == CaseState.RECEIVED
    # staff use their own pages: the applicant pages are not theirs
    assert login(world.clerk_a).get(page(submitted.number)).status_code == 403


def test_owner_downloads_own_uploaded_material(world, login, submitted):
    response = login(world.citizen).get(page(submitted.number, "materials/0/"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert login(world.citizen).get(page(submitted.number, "materials/9/")).status_code == 404


def test_public_lookup_with_the_right_and_wrong_id(world, client, submitted):
    person = world.citizen_person
    # the QR code link prefills the number but still asks for the ID
    form = client.get("/progress/", {"number": submitted.number}).content.decode()
    assert f'value="{submitted.number}"' in form
    # without a successful look-up the progress page is not shown
    response = client.get(f"/progress/{submitted.number}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/progress/?number=")

    wrong = client.post(
        "/progress/", {"number": submitted.number, "id_number": "110101199003071234"}
    )
    missing = client.post("/progress/", {"number": "NOPE2026", "id_number": person.id_number})
    assert wrong.status_code == missing.status_code == 200
    assert wrong.context["form"].non_field_errors() == missing.context["form"].non_field_errors()
    assert b'id="lookup-error"' in wrong.content
    assert person.id_number not in missing.content.decode()  # the typed ID is not echoed

    response = client.post(
        "/progress/", {"number": submitted.number, "id_number": person.id_number.lower()}
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert 'data-state="received"' in html
    assert person.name not in html
    assert person.name[0] + "*" in html
    assert mask_id_number(person.id_number) in html
    assert "/materials/" not in html  # no uploaded files on the public page
    assert 'id="withdraw"' not in html
    receipt = submitted.documents.get(kind=DocumentKind.RECEIPT)
    response = client.get(f"/progress/{submitted.number}/documents/{receipt.number}.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    # another visitor's session has not looked it up
    from django.test import Client

    assert (
        Client().get(f"/progress/{submitted.number}/documents/{receipt.number}.pdf").status_code
        == 302
    )


def test_drafts_are_not_found_by_the_public_lookup(world, client, login, entry):
    login(world.citizen).post(
        f"/apply/{entry.public_id}/",
        {
            "submission_key": "0b5d3c9e-7a4a-4d67-9b1a-0f6f0d3b8a21",
            "answers": "self",
            "delivery_method": "pickup",
            "action": "save",
        },
    )
    from onewindow.cases.models import Case

    draft = Case.objects.get()
    response = client.post(
        "/progress/", {"number": draft.number, "id_number": world.citizen_person.id_number}
    )
    assert b'id="lookup-error"' in response.content


WRONG_ID = "11010119900307123X"


def test_lookup_is_throttled_per_address(world, client, submitted):
    right = {"number": submitted.number, "id_number": world.citizen_person.id_number}
    # Ten misses on ten case numbers (none reaches the per-case limit)
    for i in range(FAILURE_LIMIT):
        response = client.post("/progress/", {"number": f"NOPE{i}", "id_number": WRONG_ID})
        assert response.status_code == 200
    # even the right answer is refused now, with a clear message
    response = client.post("/progress/", right)
    assert response.status_code == 429
    assert b'id="lookup-blocked"' in response.content
    # another address is not affected
    response = client.post("/progress/", right, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302


def test_lookup_is_throttled_per_case_number(world, client, submitted):
    """Issue 17 item 5: many addresses guessing one case's ID number are stopped too."""
    for i in range(FAILURE_LIMIT):
        response = client.post(
            "/progress/",
            {"number": submitted.number.lower(), "id_number": WRONG_ID},
            REMOTE_ADDR=f"198.51.100.{i + 1}",
        )
        assert response.status_code == 200
    right = {"number": submitted.number, "id_number": world.citizen_person.id_number}
    response = client.post("/progress/", right, REMOTE_ADDR="198.51.100.200")
    assert response.status_code == 429
    # another case number from that address is looked up as usual
    response = client.post(
        "/progress/", {"number": "NOPE", "id_number": WRONG_ID}, REMOTE_ADDR="198.51.100.200"
    )
    assert response.status_code == 200


def test_behind_a_trusted_proxy_one_guesser_does_not_lock_everyone_out(
    world, client, submitted, settings
):
    """Issue 17 item 5: behind the reverse proxy every request comes from the proxy's address;
    the forwarded address (believed only from TRUSTED_PROXIES) is the client."""
    settings.TRUSTED_PROXIES = ["10.1.0.0/16"]
    proxy = {"REMOTE_ADDR": "10.1.0.5"}
    for i in range(FAILURE_LIMIT):
        client.post(
            "/progress/",
            {"number": f"NOPE{i}", "id_number": WRONG_ID},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **proxy,
        )
    right = {"number": submitted.number, "id_number": world.citizen_person.id_number}
    guesser = client.post("/progress/", right, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert guesser.status_code == 429
    # The citizen behind the same proxy gets through (a forged left part changes nothing).
    citizen = client.post(
        "/progress/", right, HTTP_X_FORWARDED_FOR="203.0.113.7, 203.0.113.8", **proxy
    )
    assert citizen.status_code == 302


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(world, client, submitted, settings):
    settings.TRUSTED_PROXIES = ["10.1.0.0/16"]
    for i in range(FAILURE_LIMIT):
        # A fresh forged address on every try does not buy fresh tries.
        client.post(
            "/progress/",
            {"number": f"NOPE{i}", "id_number": WRONG_ID},
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i + 1}",
        )
    right = {"number": submitted.number, "id_number": world.citizen_person.id_number}
    response = client.post(
        "/progress/", right, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.99"
    )
    assert response.status_code == 429


def test_a_case_number_in_small_letters_matches_and_is_no_failure(world, client, submitted):
    """Issue 11 item 8 (input): the look-up accepts the case number in any letter case."""
    if submitted.number == submitted.number.lower():
        # The department's random credit code came out all digits: give the number a letter.
        lettered = submitted.number[:17] + "X" + submitted.number[18:]
        Case.objects.filter(pk=submitted.pk).update(number=lettered)
        submitted.number = lettered
    assert submitted.number != submitted.number.lower()  # the number carries letters
    right = {"number": submitted.number.lower(), "id_number": world.citizen_person.id_number}
    for _i in range(FAILURE_LIMIT + 1):
        response = client.post("/progress/", right)
        assert response.status_code == 302
        assert response["Location"].endswith(f"/progress/{submitted.number}/")


def test_no_full_id_or_phone_on_any_page(world, login, client, submitted, entry):
    person = world.citizen_person
    assert person.phone
    assert submitted.contact_phone == person.phone
    owner = login(world.citizen)
    pages = [
        owner.get(f"/apply/{entry.public_id}/", {"who": "self"}),
        owner.get("/me/"),
        owner.get("/me/applications/"),
        owner.get(page(submitted.number)),
        client.post("/progress/", {"number": submitted.number, "id_number": "bad"}),
        client.post(
            "/progress/", {"number": submitted.number, "id_number": person.id_number}, follow=True
        ),
    ]
    acceptance.case_request_correction(
        case=submitted,
        expected_revision=submitted.revision,
        actor=world.clerk_a,
        materials=[MaterialInput(position=1, status=MS.MISSING)],
        opinion=f"请联系 {person.phone}",  # staff wrote a number into the opinion
    )
    pages.append(owner.get(page(submitted.number)))
    pages.append(client.get(f"/progress/{submitted.number}/"))
    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        assert person.id_number not in html
        assert person.phone not in html


def test_joint_application_shows_its_parts(world, login):
    j = JointService.objects.create(code="YJS1", name="开办企业一件事", region=world.county_a)
    for stage, name in ((1, "企业设立登记"), (2, "公章刻制备案")):
        JointServiceItem.objects.create(
            joint=j, entry=licence_entry(world.dept_x, name=name), stage=stage
        )
    answers = {item.entry.code: ["self"] for item in j.items.all()}
    _clean, lines = joint.joint_checklist(j, answers)
    parent = joint.case_receive_joint(
        actor=world.clerk_a,
        place=world.center_a,
        joint=j,
        applicant=world.company,
        answers=answers,
        materials=[MaterialInput(position=p, status="received", copies=1) for p, _m in lines],
    )
    acceptance.case_accept(case=parent, expected_revision=parent.revision, actor=world.clerk_a)
    assert parent.kind == CaseKind.JOINT
    client = login(world.company_user)
    html = client.get(page(parent.number)).content.decode()
    assert html.count('data-testid="part"') == 2
    assert "企业设立登记" in html
    assert "公章刻制备案" in html
    # only the joint application is listed; its parts are shown inside it
    assert client.get("/me/applications/").content.decode().count('data-testid="application"') == 1


def test_a_decided_case_tells_when_the_result_is_due(world, login, submitted):
    from onewindow.cases.services import backoffice

    acceptance.case_accept(
        case=submitted, expected_revision=submitted.revision, actor=world.clerk_a
    )
    html = login(world.citizen).get(page(submitted.number)).content.decode()
    assert 'data-testid="delivery-due"' not in html  # no §44 clock before the decision
    backoffice.case_step_pass(
        case=submitted, expected_revision=submitted.revision, actor=world.reviewer_x, opinion="同意"
    )
    backoffice.case_decide(
        case=submitted,
        expected_revision=submitted.revision,
        actor=world.approver_x,
        approved=True,
        opinion="准予",
    )
    submitted.refresh_from_db()
    assert submitted.delivery_due is not None
    html = login(world.citizen).get(page(submitted.number)).content.decode()
    assert f'data-testid="delivery-due">{submitted.delivery_due.isoformat()}' in html


def test_a_case_number_in_lower_case_is_found_and_not_a_failed_try(world, client, submitted):
    """Issue 11, item 8: the number read off a paper in any letter case is the same number."""
    number = submitted.number.lower()
    typed = f" {number[:20]} {number[20:]} "
    right = {"number": typed, "id_number": world.citizen_person.id_number.lower()}
    for _i in range(FAILURE_LIMIT + 1):
        response = client.post("/progress/", right)
        assert response.status_code == 302
        assert response["Location"] == f"/progress/{submitted.number}/"
