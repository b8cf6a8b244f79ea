"""Publishes the demo catalog (``catalog_items.ITEMS``) through the catalog services."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from onewindow.catalog import services
from onewindow.catalog.models import Entry
from onewindow.demo.catalog_items import ITEMS

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
        content = spec["content"]
        item = services.item_ensure(
            basic_code=spec["basic_code"],
            name=content["name"],
            item_type=content["item_type"],
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
