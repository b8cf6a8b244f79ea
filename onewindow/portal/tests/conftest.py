from __future__ import annotations

import uuid

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases.factories import licence_entry
from onewindow.cases.models import Case
from onewindow.cases.services import intake
from onewindow.cases.services.intake import MaterialInput

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _clear_cache():
    # The look-up throttle counts in the cache; every test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def entry(world):
    """个体工商户设立登记: 申请书 (0), 身份证件 (1), 场所证明 (2, 容缺), 委托书 (3, agents only)."""
    return licence_entry(world.dept_x)


@pytest.fixture
def submitted(world, entry) -> Case:
    """A complete online application by world.citizen, submitted for pre-review."""
    answers = ["self"]
    materials = [
        MaterialInput(position=p, upload=pdf(f"m{p}.pdf"))
        for p, _m in intake.checklist_lines(entry.current_version, answers)
    ]
    case = intake.case_draft_save(
        user=world.citizen,
        entry=entry,
        applicant=world.citizen_person,
        answers=answers,
        materials=materials,
        submission_key=uuid.uuid4(),
    )
    return intake.case_submit(case=case, expected_revision=case.revision, actor=world.citizen)
