"""Publishes the demo catalog (``catalog_items.ITEMS``) through the catalog services."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from onewindow.catalog import services
from onewindow.catalog.attachments import attachment_upload
from onewindow.catalog.choices import ServiceObject
from onewindow.catalog.models import Entry
from onewindow.catalog.schema import clean_guide
from onewindow.demo.catalog_items import ITEMS
from onewindow.demo.forms import form_title, form_workbook

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.organisations.models import Department, Region

EFFECTIVE_DATE = datetime.date(2026, 1, 1)


def load_catalog(
    *, departments: dict[str, Department], region: Region, actor: User | None = None
) -> int:
    """Create the catalog item and implementation entry of every demo item; return how many
    entries were created. Entries that already exist are left alone."""
    existing = set(Entry.objects.filter(region=region).values_list("code", flat=True))
    created = 0
    for spec in ITEMS:
        department = departments[spec["department"]]
        code = services.implementation_code(
            department=department, region=region, basic_code=spec["basic_code"]
        )
        if code in existing:
            continue
        content = _with_forms(spec["content"], department)
        guide = clean_guide(content)
        item = services.item_ensure(
            basic_code=spec["basic_code"],
            name=guide.name,
            item_type=guide.item_type,
            category=spec["category"],
            themes=spec["themes"],
        )
        services.entry_create(
            item=item,
            department=department,
            region=region,
            content=content,
            effective_date=EFFECTIVE_DATE,
            actor=actor,
        )
        created += 1
    return created


def _with_forms(content: dict, department: Department) -> dict:
    """Replace the names of blank forms and samples by real, downloadable workbooks."""
    for_companies = ServiceObject.NATURAL_PERSON not in content["service_objects"]
    materials = []
    for material in content["materials"]:
        material = dict(material)
        for key, sample in (("blank_form", False), ("sample", True)):
            label = material.get(key)
            if not label or label.startswith("/"):
                continue
            title = form_title(label)
            data = form_workbook(
                title=title, item_name=content["name"], for_companies=for_companies, sample=sample
            )
            suffix = "填写样例" if sample else "空白表格"
            attachment = attachment_upload(
                actor=None, department=department, name=f"{title}（{suffix}）.xlsx", data=data
            )
            material[key] = attachment.path
        materials.append(material)
    return {**content, "materials": materials}
