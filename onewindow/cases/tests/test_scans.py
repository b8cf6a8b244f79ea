"""Scans are personal data (issue 17 item 4): only the roles that handle a case open its raw
scans, each opening is on the audit chain with who and why, and a scan whose file is gone from
storage is a clear message, never a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases.choices import ScanPurpose
from onewindow.cases.services import scans
from onewindow.core.audit import audit_verify
from onewindow.core.models import AuditEntry

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def scanned(world, entry_x):
    from onewindow.cases.factories import receive_case

    case = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.citizen_person
    )
    material = case.materials.order_by("position").first()
    material.file.save("id-card.pdf", SimpleUploadedFile("id-card.pdf", PDF), save=False)
    material.file_name = "id-card.pdf"
    material.save()
    return case, material


def _opened(case):
    return AuditEntry.objects.filter(kind=scans.AUDIT_KIND, ref=case.number)


def test_only_the_roles_handling_the_case_open_a_scan(world, login, scanned):
    case, material = scanned
    url = f"/cases/{case.number}/materials/{material.position}/"
    outsiders = {
        "manager": world.manager_a,
        "supervisor": world.supervisor_a,
        "hotline": world.hotline_a,
        "admin": world.admin_a,
    }
    for name, user in outsiders.items():
        client = login(user)
        # They see the case and that a scan is on file, without a link to it.
        page = client.get(f"/cases/{case.number}/").content.decode()
        assert 'data-testid="scan-on-file"' in page, name
        assert url not in page, name
        for response in (client.get(url), client.post(url, {"purpose": "review"})):
            assert response.status_code == 403, name
            assert b'data-testid="scan-refused"' in response.content
            assert PDF not in response.content
    assert not _opened(case).exists()
    # The receiving window and the department's reviewer are asked why, then get the scan.
    for user, purpose in ((world.clerk_a, "intake"), (world.reviewer_x, "review")):
        client = login(user)
        assert url in client.get(f"/cases/{case.number}/").content.decode()
        assert b'data-testid="scan-purpose"' in client.get(url).content
        refused = client.post(url, {"purpose": ""})
        assert refused.status_code == 200
        assert b"invalid-feedback" in refused.content
        response = client.post(url, {"purpose": purpose})
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
    entries = list(_opened(case).order_by("seq"))
    assert [(e.actor, e.content["purpose"], e.content["as"]) for e in entries] == [
        (world.clerk_a.username, "intake", ["clerk"]),
        (world.reviewer_x.username, "review", ["reviewer"]),
    ]
    assert entries[0].content["material"] == material.name
    assert audit_verify() is None


def test_other_needs_a_reason_and_the_reason_is_masked(world, login, scanned):
    case, material = scanned
    url = f"/cases/{case.number}/materials/{material.position}/"
    client = login(world.clerk_a)
    response = client.post(url, {"purpose": ScanPurpose.OTHER})
    assert response.status_code == 200
    assert not _opened(case).exists()
    too_long = client.post(url, {"purpose": ScanPurpose.OTHER, "note": "x" * 201})
    assert "201" in too_long.content.decode()
    assert not _opened(case).exists()
    response = client.post(
        url, {"purpose": ScanPurpose.OTHER, "note": f"核对 {world.citizen_person.id_number}"}
    )
    assert response.status_code == 200
    (entry,) = _opened(case)
    assert world.citizen_person.id_number not in entry.content["note"]


def test_the_applicant_opens_their_own_scan_and_it_is_logged(world, login, scanned):
    case, material = scanned
    client = login(world.citizen)
    response = client.get(f"/me/applications/{case.number}/materials/{material.position}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    (entry,) = _opened(case)
    assert (entry.actor, entry.content["purpose"]) == (world.citizen.username, "applicant")


def test_a_scan_missing_from_storage_is_a_clear_message(world, login, scanned):
    """Known defect: cases:material and portal:application-material answered 500."""
    case, material = scanned
    material.file.storage.delete(material.file.name)
    staff = login(world.clerk_a)
    response = staff.post(
        f"/cases/{case.number}/materials/{material.position}/", {"purpose": "intake"}
    )
    assert response.status_code == 404
    assert b'data-testid="scan-missing"' in response.content
    assert material.name in response.content.decode()
    applicant = login(world.citizen)
    response = applicant.get(f"/me/applications/{case.number}/materials/{material.position}/")
    assert response.status_code == 404
    assert b'data-testid="scan-missing"' in response.content
    assert not _opened(case).exists()  # nothing was opened
