"""A list imported with its blank forms and samples: each named file is published and linked.

The catalog manager of county A imports an export of county A whose 材料 cells name files that
come with the workbook (as a department's folder or zip holds them).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from onewindow.catalog.models import Attachment, Entry, EntryVersion
from onewindow.catalog.services_import import ListRejected, catalog_list_import
from onewindow.catalog.tests.test_xlsx import (
    ITEM_A,
    Book,
    catalog,  # noqa: F401 — fixture
    county_a_export,
    list_manager_a,  # noqa: F401 — fixture
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FORM = "forms/登记申请书（空白表格）.pdf"


def _with_form(manager, world, name: str = FORM) -> bytes:
    book = Book(county_a_export(manager))
    row = book.rows_of("材料", ITEM_A, world.dept_x.uscc)[0]
    book.set("材料", row, "空白表格", name)
    return book.bytes()


def _import(manager, data: bytes, files: dict[str, bytes]):
    return catalog_list_import(
        actor=manager, data=data, effective_date=timezone.localdate(), files=files
    )


def test_a_named_file_is_published_for_the_body_and_linked(
    catalog,  # noqa: F811
    list_manager_a,  # noqa: F811
    world,
    client,
):
    result = _import(list_manager_a, _with_form(list_manager_a, world), {FORM: PDF})

    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    attachment = Attachment.objects.get()
    assert attachment.department == world.dept_x
    assert attachment.name == "登记申请书（空白表格）.pdf"
    assert attachment.uploaded_by == list_manager_a
    content = Entry.objects.get(pk=catalog["a_x"].pk).current_version.content
    assert content["materials"][0]["blank_form"] == attachment.path
    response = client.get(attachment.path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_importing_the_same_files_again_changes_nothing(
    catalog,  # noqa: F811
    list_manager_a,  # noqa: F811
    world,
):
    data = _with_form(list_manager_a, world)
    _import(list_manager_a, data, {FORM: PDF})
    versions = EntryVersion.objects.count()

    again = _import(list_manager_a, data, {FORM: PDF})

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Attachment.objects.count() == 1
    assert EntryVersion.objects.count() == versions


def test_a_name_without_a_file_stays_as_written(
    catalog,  # noqa: F811
    list_manager_a,  # noqa: F811
    world,
):
    _import(list_manager_a, _with_form(list_manager_a, world, "申请书.docx"), {FORM: PDF})

    content = Entry.objects.get(pk=catalog["a_x"].pk).current_version.content
    assert content["materials"][0]["blank_form"] == "申请书.docx"
    assert not Attachment.objects.exists()


def test_a_bad_file_refuses_the_whole_list(
    catalog,  # noqa: F811
    list_manager_a,  # noqa: F811
    world,
):
    versions = EntryVersion.objects.count()

    with pytest.raises(ListRejected) as info:
        _import(list_manager_a, _with_form(list_manager_a, world), {FORM: b"MZ\x90\x00"})

    (problem,) = info.value.problems
    assert (problem.sheet, problem.column) == ("材料", "空白表格")
    assert problem.message.startswith(FORM)
    assert EntryVersion.objects.count() == versions
    assert not Attachment.objects.exists()


# --- a zip of the list and its forms, as a department sends it ---------------------------------


def _zip(members: dict[str, bytes], *, gbk: bool = False) -> bytes:
    buffer = io.BytesIO()
    renames: dict[bytes, bytes] = {}
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, data) in enumerate(members.items()):
            if gbk:  # as Chinese Windows writes it: GBK bytes, no UTF-8 flag
                encoded = name.encode("gbk")
                placeholder = f"@{index}@".ljust(len(encoded), "_").encode()
                renames[placeholder] = encoded
                name = placeholder.decode()
            archive.writestr(name, data)
    data = buffer.getvalue()
    for placeholder, encoded in renames.items():  # in both headers of the member
        data = data.replace(placeholder, encoded)
    return data


@pytest.mark.parametrize("gbk", [False, True])
def test_a_zip_of_the_list_and_its_forms_imports_and_links(
    catalog,  # noqa: F811
    list_manager_a,  # noqa: F811
    world,
    gbk,
):
    data = _zip(
        {
            "市场监管局/实施清单.xlsx": _with_form(list_manager_a, world),
            f"市场监管局/{FORM}": PDF,
            "__MACOSX/市场监管局/._实施清单.xlsx": b"junk",
        },
        gbk=gbk,
    )

    result = catalog_list_import(
        actor=list_manager_a, data=data, effective_date=timezone.localdate()
    )

    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    attachment = Attachment.objects.get()
    assert attachment.name == "登记申请书（空白表格）.pdf"
    content = Entry.objects.get(pk=catalog["a_x"].pk).current_version.content
    assert content["materials"][0]["blank_form"] == attachment.path


@pytest.mark.parametrize(
    "members",
    [
        {"forms/a.xlsx": b"x", "samples/a.pdf": PDF},  # workbooks in folders are forms
        {"a.xlsx": b"x", "b.xlsx": b"y"},  # two
    ],
)
def test_a_zip_without_one_workbook_at_its_top_is_refused(
    list_manager_a,  # noqa: F811
    world,
    members,
):
    with pytest.raises(ListRejected) as info:
        catalog_list_import(
            actor=list_manager_a, data=_zip(members), effective_date=timezone.localdate()
        )

    assert "压缩包" in info.value.problems[0].message  # the archive, in the default Chinese
    assert not Attachment.objects.exists()


def test_the_upload_page_takes_a_zip(catalog, list_manager_a, world, login):  # noqa: F811
    upload = io.BytesIO(_zip({"实施清单.xlsx": _with_form(list_manager_a, world), FORM: PDF}))
    upload.name = "市场监管局.zip"

    response = login(list_manager_a).post(
        reverse("catalog:lists-import"),
        {"workbook": upload, "effective_date": timezone.localdate().isoformat()},
    )

    assert response.status_code == 200
    assert response.context["result"].updated == 1
    assert Attachment.objects.get().department == world.dept_x
