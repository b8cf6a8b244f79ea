"""The desks over HTTP: intake at the counter, back office, delivery, and who may see what."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases.choices import CaseState
from onewindow.cases.factories import receive_case
from onewindow.cases.models import Case
from onewindow.cases.services import acceptance
from onewindow.cases.services.intake import checklist_lines


def _intake_post(entry, answers, *, decision="accept", **extra):
    data = {"applicant": "", "decision": decision, "delivery_method": "pickup"}
    for q in entry.current_version.guide.questions:
        for o in q.options:
            if o.code in answers:
                data[f"q-{q.code}"] = o.code
    for position, m in checklist_lines(entry.current_version, answers):
        data[f"m-{position}-status"] = "received"
        data[f"m-{position}-copies"] = str(m.copies)
        data[f"m-{position}-original"] = "1"
    data.update(extra)
    return data


def _links_with(response, text: str) -> list[str]:
    """The links (and form targets) of a page that carry ``text``."""
    html = response.content.decode()
    return [u for u in re.findall(r'(?:href|action)="([^"]*)"', html) if text in u]


def _start(clerk, applicant, keyword: str):
    """The counter's first step: the applicant's number is POSTed, and the page goes on under
    the applicant's opaque public id (issue 17 item 3: no ID number in any URL)."""
    found = clerk.post("/cases/new/", {"applicant": applicant.id_number, "q": keyword})
    assert found.status_code == 302
    assert applicant.id_number not in found.url
    assert str(applicant.public_id) in found.url
    start = clerk.get(found.url)
    assert start.status_code == 200
    assert not _links_with(start, applicant.id_number)
    return start


def _act(client, case, action, **data):
    return client.post(
        f"/cases/{case.number}/act/{action}/", {"revision": case.revision, **data}, follow=True
    )


def test_counter_intake_to_pickup_over_http(world, login, entry_x):
    world.window_a.category = "enterprise"  # a comprehensive window takes its category's items
    world.window_a.save()
    clerk = login(world.clerk_a)
    start = _start(clerk, world.person, "个体")
    assert entry_x.name in start.content.decode()
    url = f"/cases/new/{entry_x.public_id}/"
    form = clerk.get(url, {"applicant": world.person.public_id, "q-who": "self"})
    assert form.status_code == 200
    assert "个体工商户登记申请书" in form.content.decode()
    assert not _links_with(form, world.person.id_number)
    data = _intake_post(entry_x, ["self"], applicant=str(world.person.public_id))
    data["m-0-file"] = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 scan", "application/pdf")
    response = clerk.post(url, data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.state == CaseState.IN_REVIEW
    assert case.materials.get(position=0).file

    page = login(world.reviewer_x).get(f"/cases/{case.number}/")
    assert page.status_code == 200
    assert world.person.id_number not in page.content.decode()
    _act(login(world.reviewer_x), case, "pass", opinion="符合条件")
    case.refresh_from_db()
    _act(login(world.approver_x), case, "decide", approved="1", opinion="准予登记")
    case.refresh_from_db()
    assert case.state == CaseState.DECIDED
    _act(clerk, case, "deliver_pickup")
    case.refresh_from_db()
    assert case.state == CaseState.READY
    wrong = _act(clerk, case, "handover", pickup_code="999999x", recipient_name="王小明")
    assert "取件码不正确" in wrong.content.decode() or "pickup code" in wrong.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.READY
    _act(clerk, case, "handover", pickup_code=case.pickup_code, recipient_name="王小明")
    case.refresh_from_db()
    assert case.state == CaseState.COMPLETED
    # every document renders as a PDF
    for doc in case.documents.all():
        pdf = clerk.get(f"/cases/{case.number}/documents/{doc.pk}/")
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF")


def test_refused_decision_leaves_nothing(world, login, entry_x):
    clerk = login(world.clerk_a)
    url = f"/cases/new/{entry_x.public_id}/"
    data = _intake_post(entry_x, ["self"], decision="refuse", applicant=str(world.person.public_id))
    response = clerk.post(url, data)
    assert response.status_code == 200  # the form again, with the message
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("clerk_a", 200),
        ("reviewer_x", 200),
        ("approver_x", 200),
        ("manager_a", 200),
        ("supervisor_a", 200),
        ("hotline_a", 200),
        ("admin_a", 200),
        ("clerk_b", 404),
        ("reviewer_y", 404),
        ("reviewer_z", 404),
        ("manager_b", 404),
        ("admin_b", 404),
        ("citizen", 404),
        ("stranger", 404),
    ],
)
def test_case_page_per_role(world, login, entry_x, persona, status):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    response = login(getattr(world, persona)).get(f"/cases/{case.number}/")
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert world.person.id_number not in html
        assert not re.search(r"(?<![\dA-Z])1[3-9]\d{9}(?!\d)", html), "a full mobile is shown"


def test_reviewer_cannot_act_for_the_window(world, login, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    response = _act(login(world.reviewer_x), case, "window_decision", decision="accept")
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED
    assert _act(login(world.clerk_a), case, "no-such-action").status_code == 404


def test_two_clerks_same_form_one_wins(world, login, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    revision = case.revision
    first = _act(login(world.clerk_a), case, "window_decision", decision="accept")
    assert first.status_code == 200
    case.revision = revision  # the second clerk's page was opened before the first acted
    second = _act(login(world.clerk_a), case, "window_decision", decision="correction")
    assert "刚刚" in second.content.decode() or "Someone else" in second.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.IN_REVIEW


def test_manager_confirms_refusal_over_http(world, login, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    acceptance.case_propose_refusal(
        case=case,
        expected_revision=case.revision,
        actor=world.clerk_a,
        reason="不属于本机关职权",
        basis="行政许可法第三十二条",
    )
    listing = login(world.manager_a).get("/cases/refusals/")
    assert case.number in listing.content.decode()
    assert login(world.clerk_a).get("/cases/refusals/").status_code == 403
    _act(login(world.manager_a), case, "refusal_review", confirm="1", opinion="同意")
    case.refresh_from_db()
    assert case.state == CaseState.REFUSED


def test_lists_per_role(world, login, entry_x):
    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    assert case.number in login(world.clerk_a).get("/cases/window/").content.decode()
    assert case.number not in login(world.clerk_b).get("/cases/window/").content.decode()
    acceptance.case_accept(case=case, expected_revision=case.revision, actor=world.clerk_a)
    assert case.number in login(world.reviewer_x).get("/cases/inbox/").content.decode()
    assert case.number not in login(world.approver_x).get("/cases/inbox/").content.decode()
    assert case.number not in login(world.reviewer_y).get("/cases/inbox/").content.decode()
    assert login(world.clerk_a).get("/cases/inbox/").status_code == 403
    assert case.number in login(world.supervisor_a).get("/cases/").content.decode()
    assert login(world.supervisor_a).get("/cases/supervision/acceptance-check/").status_code == 200
    assert login(world.clerk_a).get("/cases/supervision/acceptance-check/").status_code == 403


def test_joint_intake_at_the_counter(world, login):
    from onewindow.cases.factories import licence_entry
    from onewindow.cases.models import JointService, JointServiceItem
    from onewindow.cases.services import joint

    j = JointService.objects.create(code="YJS1", name="开办餐饮店一件事", region=world.county_a)
    first = licence_entry(world.dept_x, name="个体工商户设立登记")
    second = licence_entry(world.dept_y, name="税务登记")
    JointServiceItem.objects.create(joint=j, entry=first, stage=1)
    JointServiceItem.objects.create(joint=j, entry=second, stage=2)
    clerk = login(world.clerk_a)
    start = _start(clerk, world.person, "餐饮")
    assert "开办餐饮店一件事" in start.content.decode()
    answers = {first.code: ["self"], second.code: ["self"]}
    _clean, lines = joint.joint_checklist(j, answers)
    data = {
        "applicant": str(world.person.public_id),
        "decision": "accept",
        "delivery_method": "pickup",
        f"q-{first.code}-who": "self",
        f"q-{second.code}-who": "self",
    }
    for position, m in lines:
        data[f"m-{position}-status"] = "received"
        data[f"m-{position}-copies"] = str(m.copies)
    response = clerk.post(f"/cases/new/joint/{j.code}/", data)
    assert response.status_code == 302
    parent = Case.objects.get(kind="joint")
    assert parent.state == CaseState.IN_REVIEW
    assert parent.parts.count() == 2
    page = clerk.get(f"/cases/{parent.number}/")
    assert "税务登记" in page.content.decode()


def test_case_page_explains_the_deadline(world, login, entry_x):
    import datetime as dt

    accepted = dt.datetime(2026, 9, 29, 2, tzinfo=dt.UTC)  # Tuesday before National Day
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry_x,
        applicant=world.person,
        at=accepted,
    )
    acceptance.case_accept(
        case=case, expected_revision=case.revision, actor=world.clerk_a, at=accepted
    )
    case.refresh_from_db()
    # 3 working days from 29 Sep 2026 skip the National Day holiday
    assert case.due_date > dt.date(2026, 10, 2)
    html = login(world.clerk_a).get(f"/cases/{case.number}/").content.decode()
    assert 'data-testid="deadline-explanation"' in html
    assert "国庆节" in html


def test_deadline_in_plain_words(world, entry_x):
    import datetime as dt

    from onewindow.cases import clock

    accepted = dt.datetime(2026, 9, 29, 2, tzinfo=dt.UTC)
    case = receive_case(
        clerk=world.clerk_a,
        place=world.center_a,
        entry=entry_x,
        applicant=world.person,
        at=accepted,
    )
    acceptance.case_accept(
        case=case, expected_revision=case.revision, actor=world.clerk_a, at=accepted
    )
    case.refresh_from_db()
    with __import__("django.utils.translation", fromlist=["override"]).override("en"):
        words = clock.deadline_in_words(case)
    assert "3 working days counted" in words
    assert "National Day" in words or "国庆" in words
    assert case.due_date.isoformat() in words


def test_the_counter_takes_no_id_number_from_the_url(world, login):
    """Issue 17 item 3: ``/cases/new/?applicant=<ID number>`` no longer finds the applicant; the
    page goes on only under the applicant's public id, found by a POSTed number."""
    clerk = login(world.clerk_a)
    response = clerk.get("/cases/new/", {"applicant": world.person.id_number})
    assert response.status_code == 200
    assert response.context["applicant"] is None
    assert response.context["entries"] is None
    response = clerk.get("/cases/new/", {"applicant": str(world.person.public_id)})
    assert response.context["applicant"] == world.person
