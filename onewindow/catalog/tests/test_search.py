"""Finding items: keyword, pinyin, initials, theme, department and level; only public entries."""

from __future__ import annotations

import pytest

from onewindow.catalog.factories import make_entry
from onewindow.catalog.selectors import entry_search


@pytest.fixture
def catalog(world):
    return {
        "licence": make_entry(department=world.dept_x, name="营业执照变更登记", themes=("change",)),
        "food": make_entry(
            department=world.dept_x,
            name="食品经营许可（新办）",
            themes=("operation",),
            result_name="食品经营许可证",
        ),
        "marriage": make_entry(
            department=world.dept_y,
            name="结婚登记",
            result_name="结婚证",
            category="personal",
            themes=("marriage",),
            service_objects=["natural_person"],
        ),
        "town": make_entry(
            department=world.dept_y,
            region=world.town_a,
            name="农村宅基地和建房（规划许可）审批",
            result_name="乡村建设规划许可证",
            category="construction",
            themes=("housing", "farming"),
        ),
    }


def names(qs) -> list[str]:
    return [e.name for e in qs]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("营业执照", ["营业执照变更登记"]),
        ("yyzz", ["营业执照变更登记"]),  # pinyin initials
        ("YYZZ", ["营业执照变更登记"]),
        ("yingyezhizhao", ["营业执照变更登记"]),  # full pinyin
        ("shipin", ["食品经营许可（新办）"]),
        ("登记", ["结婚登记", "营业执照变更登记"]),
        ("jhdj", ["结婚登记"]),
        ("不存在的事项", []),
    ],
)
def test_keyword_pinyin_and_initials(catalog, query, expected):
    assert sorted(names(entry_search(q=query))) == sorted(expected)


def test_exact_and_prefix_matches_rank_first(world, catalog):
    make_entry(department=world.dept_x, name="补领营业执照")
    assert names(entry_search(q="营业执照"))[0] == "营业执照变更登记"  # starts with the keyword


def test_theme_department_and_level_filters(world, catalog):
    assert names(entry_search(theme="marriage")) == ["结婚登记"]
    assert sorted(names(entry_search(theme="farming"))) == ["农村宅基地和建房（规划许可）审批"]
    assert sorted(names(entry_search(department_id=world.dept_y.pk))) == sorted(
        ["结婚登记", "农村宅基地和建房（规划许可）审批"]
    )
    assert names(entry_search(level=5)) == ["农村宅基地和建房（规划许可）审批"]
    assert names(entry_search(q="登记", category="personal")) == ["结婚登记"]


def test_only_entries_in_use_are_found(catalog):
    entry = catalog["food"]
    entry.status = "suspended"
    entry.save()
    assert names(entry_search(q="食品")) == []


def test_search_page(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/catalog/", {"q": "yyzz"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "营业执照变更登记" in body
    assert "结婚登记" not in body
    # nonsense filters are ignored, never a 500
    assert client.get("/catalog/", {"level": "abc", "department": "-1"}).status_code == 200
    assert client.get("/catalog/", {"theme": "marriage"}).content.decode().count("结婚登记") >= 1


def test_items_are_found_by_what_they_produce_and_its_common_names(world, catalog):
    # Issue 11, item 11: 个体工商户设立登记 produces a 营业执照 without the word in its name.
    make_entry(department=world.dept_x, name="个体工商户设立登记", result_name="营业执照")
    make_entry(department=world.dept_x, name="农民专业合作社设立登记", result_name="营业执照")
    found = names(entry_search(q="营业执照"))
    assert found[0] == "营业执照变更登记"  # its name starts with the keyword: first
    assert sorted(found[1:]) == ["个体工商户设立登记", "农民专业合作社设立登记"]
    # The words people use: 执照 is a 营业执照, 食品许可证 a 食品经营许可证.
    assert "个体工商户设立登记" in names(entry_search(q="执照"))
    assert names(entry_search(q="食品许可证")) == ["食品经营许可（新办）"]
    assert names(entry_search(q="结婚证")) == ["结婚登记"]
