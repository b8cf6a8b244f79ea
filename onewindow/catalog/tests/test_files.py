"""Blank forms and samples: uploaded by the department, checked by content, served to everyone."""

from __future__ import annotations

import pytest

from onewindow.catalog.attachments import MAX_BYTES, attachment_upload
from onewindow.catalog.factories import guide, make_entry
from onewindow.catalog.models import Attachment
from onewindow.core.errors import DomainError, NotPermitted

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_upload_and_public_download(world, client):
    attachment = attachment_upload(
        actor=world.reviewer_x, department=world.dept_x, name="开业申请书（空白表格）.pdf", data=PDF
    )
    response = client.get(attachment.path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    # the same bytes again are the same attachment
    again = attachment_upload(
        actor=world.reviewer_x, department=world.dept_x, name="开业申请书（空白表格）.pdf", data=PDF
    )
    assert again.pk == attachment.pk
    assert client.get(attachment.path.replace("开业", "停业")).status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("申请书.pdf", b"MZ\x90\x00 not a pdf"),  # renamed executable
        ("申请书.exe", b"MZ\x90\x00"),
        ("申请书", PDF),
        ("申请书.pdf", b""),
        ("申请书.pdf", b"%PDF" + b"0" * MAX_BYTES),
    ],
)
def test_bad_files_are_refused(world, name, data):
    with pytest.raises(DomainError):
        attachment_upload(actor=world.reviewer_x, department=world.dept_x, name=name, data=data)
    assert Attachment.objects.count() == 0


def test_only_the_departments_staff_upload(world):
    with pytest.raises(NotPermitted):
        attachment_upload(actor=world.reviewer_y, department=world.dept_x, name="a.pdf", data=PDF)


def test_guide_links_to_the_blank_form(world, client):
    attachment = attachment_upload(
        actor=world.reviewer_x, department=world.dept_x, name="登记申请书（空白表格）.pdf", data=PDF
    )
    content = guide()
    content["materials"][0]["blank_form"] = attachment.path
    entry = make_entry(department=world.dept_x, **{"materials": content["materials"]})
    page = client.get(f"/catalog/guides/{entry.public_id}/").content.decode()
    assert f'href="{attachment.path}"' in page


def test_upload_page(world, login, tmp_path):
    reviewer = login(world.reviewer_x)
    assert reviewer.get("/catalog/files/").status_code == 200
    upload = tmp_path / "委托书.pdf"
    upload.write_bytes(PDF)
    with upload.open("rb") as handle:
        response = reviewer.post("/catalog/files/", {"file": handle})
    assert response.status_code == 302
    assert Attachment.objects.get().department == world.dept_x
    fake = tmp_path / "委托书2.pdf"
    fake.write_bytes(b"not a pdf at all")
    with fake.open("rb") as handle:
        assert reviewer.post("/catalog/files/", {"file": handle}).status_code == 200
    assert Attachment.objects.count() == 1
    assert login(world.clerk_a).get("/catalog/files/").status_code == 403
