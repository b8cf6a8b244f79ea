"""Publishes the demo catalog: each department's implementation list goes through the list import.

The catalog is data (``data/catalog/``, see its README): one folder per implementing body holding
its list workbook (``实施清单.xlsx``, the layout the import reads) and the blank forms and samples
its 材料 sheet names by path. ``load_catalog`` hands each folder to ``catalog_list_import`` as the
county's catalog manager, exactly as a department's list is imported, so every ``make run``
exercises the importer.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onewindow.catalog import xlsx
from onewindow.catalog.services_import import catalog_list_import

if TYPE_CHECKING:
    from onewindow.accounts.models import User

EFFECTIVE_DATE = datetime.date(2026, 1, 1)
DATA = Path(__file__).resolve().parent / "data" / "catalog"
LIST_NAME = "实施清单.xlsx"


def department_folders() -> list[tuple[str, Path]]:
    """(department short name, folder) in load order: folders are named ``NN-<short name>``."""
    return [
        (folder.name.split("-", 1)[1], folder)
        for folder in sorted(DATA.iterdir())
        if folder.is_dir() and (folder / LIST_NAME).is_file()
    ]


def folder_files(folder: Path) -> dict[str, bytes]:
    """The forms and samples beside a list, by their path relative to its folder."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != LIST_NAME
    }


def load_catalog(*, actor: User) -> int:
    """Import every department's list as ``actor`` (a catalog manager of the demo county);
    return how many entries were created. Entries that already exist and have not changed are
    left alone, as an import leaves them."""
    created = 0
    for _short, folder in department_folders():
        result = catalog_list_import(
            actor=actor,
            data=(folder / LIST_NAME).read_bytes(),
            effective_date=EFFECTIVE_DATE,
            files=folder_files(folder),
        )
        created += result.created
    return created


def demo_items() -> list[dict[str, Any]]:
    """Every demo item as its list holds it: basic_code, department (short name), category,
    themes and content (the guide, form and sample cells still naming the files by path).

    For checks of the data; loading goes through ``load_catalog``."""
    items = []
    for short, folder in department_folders():
        parsed = xlsx.parse_workbook((folder / LIST_NAME).read_bytes())
        if not parsed.ok:
            raise ValueError(f"{folder.name}/{LIST_NAME}: {parsed.problems}")
        items += [
            {
                "basic_code": entry.basic_code,
                "department": short,
                "uscc": entry.department,
                "category": entry.category,
                "themes": entry.themes,
                "content": entry.content,
            }
            for entry in parsed.entries
        ]
    return items
