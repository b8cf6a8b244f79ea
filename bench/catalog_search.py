"""Catalog search over 5,000 implementation entries: p50 / p95 latency, and the ratio to the
equivalent hand-written SQL on the same database in the same run.

Usage:  .venv/bin/python bench/catalog_search.py [--entries 5000] [--repeat 30]
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/onewindow_bench .venv/bin/python bench/...
Uses its own database (var/bench.sqlite3 by default) and rebuilds it on every run.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

QUERIES = [
    ("keyword", {"q": "营业执照"}),
    ("keyword-rare", {"q": "宅基地"}),
    ("initials", {"q": "yyzz"}),
    ("pinyin", {"q": "jiehun"}),
    ("theme", {"theme": "marriage"}),
    ("keyword+department", {"q": "登记", "department_id": None}),
]


def build(entries: int) -> int:
    """A fresh database with the demo county, then ``entries`` entries copied from its guides."""
    from onewindow.catalog.models import CatalogItem, Entry, EntryVersion, ItemTheme
    from onewindow.catalog.search_text import pinyin_forms
    from onewindow.demo.loader import load_demo
    from onewindow.organisations.models import Department, Region

    call_command("flush", interactive=False, verbosity=0)
    load_demo(password="bench-only")  # noqa: S106
    templates = list(Entry.objects.select_related("current_version", "item"))
    departments = list(Department.objects.all())
    regions = list(Region.objects.filter(level__gte=4))
    rng = random.Random(5000)
    now = timezone.now()
    new_items, new_entries, versions, themes = [], [], [], []
    serial = 0
    while len(templates) + len(new_entries) < entries:
        template = rng.choice(templates)
        serial += 1
        basic = f"9{serial:011d}"
        item = CatalogItem(
            basic_code=basic,
            name=template.name,
            item_type=template.item.item_type,
            category=template.item.category,
        )
        new_items.append(item)
        region = rng.choice(regions)
        department = rng.choice(departments)
        name = f"{template.name}（{region.name}）"
        pinyin, initials = pinyin_forms(name)
        new_entries.append(
            Entry(
                item=item,
                department=department,
                region=region,
                code=f"{department.uscc}{region.level}{basic}",
                name=name,
                pinyin=pinyin,
                initials=initials,
                case_type=template.case_type,
                promised_days=template.promised_days,
                visits=template.visits,
            )
        )
        versions.append((template.current_version.content, name))
        themes.append(list(template.item.themes.values_list("theme", flat=True)))
    CatalogItem.objects.bulk_create(new_items, batch_size=500)
    Entry.objects.bulk_create(new_entries, batch_size=500)
    ItemTheme.objects.bulk_create(
        [ItemTheme(item=i, theme=t) for i, ts in zip(new_items, themes, strict=True) for t in ts],
        batch_size=1000,
    )
    made = EntryVersion.objects.bulk_create(
        [
            EntryVersion(
                entry=e,
                number=1,
                content={**c, "name": n},
                effective_date=now.date(),
                published_at=now,
            )
            for e, (c, n) in zip(new_entries, versions, strict=True)
        ],
        batch_size=500,
    )
    for entry, version in zip(new_entries, made, strict=True):
        entry.current_version_id = version.pk
    Entry.objects.bulk_update(new_entries, ["current_version"], batch_size=500)
    return Entry.objects.count()


RAW_SQL = """
SELECT e.id, e.name FROM catalog_entry e
JOIN catalog_catalogitem i ON i.id = e.item_id
WHERE e.status = 'in_use' AND e.current_version_id IS NOT NULL
  AND (e.name LIKE %s OR e.initials LIKE %s OR e.pinyin LIKE %s)
ORDER BY CASE WHEN e.name LIKE %s THEN 1 ELSE 2 END, e.name
LIMIT 20
"""


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    from onewindow.catalog.selectors import entry_search
    from onewindow.organisations.models import Department

    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    total = build(args.entries)
    department = Department.objects.get(short_name="市场监管局")
    print(f"database: {connection.vendor}; entries: {total}; repeat: {args.repeat}")
    print(f"{'query':<20} {'p50 ms':>8} {'p95 ms':>8} {'hits':>6}")
    for label, params in QUERIES:
        if "department_id" in params:
            params = {**params, "department_id": department.pk}

        # What the search page does: count for the pager, then the first page of results.
        def run(params=params):
            qs = entry_search(**params)
            return qs.count(), list(qs[:20])

        samples = timed(run, args.repeat)
        hits = run()[0]
        print(f"{label:<20} {pct(samples, 50):8.2f} {pct(samples, 95):8.2f} {hits:6d}")

    keyword = "营业执照"

    def orm():
        return list(entry_search(q=keyword)[:20])

    def raw():
        with connection.cursor() as cursor:
            like = f"%{keyword}%"
            cursor.execute(RAW_SQL, [like, like, like, f"{keyword}%"])
            return cursor.fetchall()

    orm_p50, raw_p50 = pct(timed(orm, args.repeat), 50), pct(timed(raw, args.repeat), 50)
    print(
        f"keyword page via ORM vs raw SQL: {orm_p50:.2f} ms / {raw_p50:.2f} ms"
        f" = {orm_p50 / raw_p50:.1f}x"
    )


if __name__ == "__main__":
    main()
