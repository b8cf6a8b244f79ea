"""Reads of the catalog for pages: search, lists, history."""

from __future__ import annotations

import re

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from onewindow.catalog.choices import ItemType
from onewindow.catalog.models import Entry, EntryVersion
from onewindow.catalog.search_text import expand

SEARCH_LIMIT = 200
CODE_LIKE = re.compile(r"^(?=.*\d)[0-9A-Z]{12,40}$")  # codes always carry digits


def entry_search(
    *,
    q: str = "",
    theme: str = "",
    department_id: int | None = None,
    level: int | None = None,
    category: str = "",
    item_type: str = "",
) -> QuerySet[Entry]:
    """Public entries matching a keyword (Chinese, pinyin or pinyin initials) and filters.

    Ranking: exact name, then name starting with the keyword, then anything else that matches.
    """
    qs = Entry.objects.public().select_related("department", "region", "item")
    if theme:
        qs = qs.filter(item__themes__theme=theme)
    if department_id:
        qs = qs.filter(department_id=department_id)
    if level:
        qs = qs.filter(region__level=level)
    if category:
        qs = qs.filter(item__category=category)
    if item_type:
        qs = qs.filter(item__item_type=item_type)
    keyword = (q or "").strip()
    if not keyword:
        return qs.order_by("item__category", "name")
    latin = keyword.lower().replace(" ", "")
    if CODE_LIKE.match(keyword.upper()):
        # A basic or implementation code typed at the window: an exact, indexed look-up.
        return qs.filter(Q(item__basic_code=keyword.upper()) | Q(code=keyword.upper()))
    # Chinese has no case: a plain LIKE is enough unless the keyword carries Latin letters.
    latin_letters = re.search("[A-Za-z]", keyword)
    condition = Q(name__icontains=keyword) if latin_letters else Q(name__contains=keyword)
    # What the item produces, and the words people use for it (营业执照 → 个体工商户设立登记).
    for term in expand(keyword):
        condition |= Q(keywords__icontains=term) if latin_letters else Q(keywords__contains=term)
    if latin.isascii() and latin.isalnum():
        condition |= Q(initials__contains=latin) | Q(pinyin__contains=latin)
    return (
        qs.filter(condition)
        .annotate(
            rank=Case(
                When(name=keyword, then=Value(0)),
                When(name__startswith=keyword, then=Value(1)),
                When(initials__startswith=latin, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "name")
    )


def entry_versions(*, entry: Entry) -> list[EntryVersion]:
    return list(entry.versions.select_related("published_by", "change_request").order_by("-number"))


def power_list(*, department_id: int) -> dict[str, list[Entry]]:
    """权力清单: the department's administrative powers in use, grouped by item type."""
    entries = (
        Entry.objects.public()
        .filter(department_id=department_id)
        .exclude(item__item_type=ItemType.PUBLIC_SERVICE)
        .select_related("item", "current_version")
        .order_by("item__item_type", "item__basic_code")
    )
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(str(ItemType(entry.item.item_type).label), []).append(entry)
    return groups
