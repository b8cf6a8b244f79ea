"""Tables show a short case number (the receipt day and serial) with the whole number in the title;
the case page shows the whole number with a copy button whose script is a static file; the case
search finds a case by any part of its number (issue 11 item 10)."""

from __future__ import annotations

import re

import pytest

from onewindow.cases.factories import receive_case
from onewindow.cases.models import number_search_text, short_case_number

NUMBER = "11620123MB1234567X400011100300020261202000042"  # entry code + day + serial


def test_short_form_is_the_day_and_the_serial():
    assert short_case_number(NUMBER) == "…20261202-000042"
    # Anything not ending in a day and a serial is shown whole: nothing unrecognisable.
    assert short_case_number("ABC123") == "ABC123"
    assert short_case_number("X" * 30 + "2026120200004Y") == "X" * 30 + "2026120200004Y"


@pytest.mark.parametrize(
    ("typed", "matched"),
    [
        ("…20261202-000042", "20261202000042"),
        (" 20261202 000042 ", "20261202000042"),
        ("x4000111", "X4000111"),
    ],
)
def test_what_a_typed_fragment_is_matched_as(typed, matched):
    assert number_search_text(typed) == matched


@pytest.fixture
def two_cases(world, entry_x):
    first = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    second = receive_case(
        clerk=world.clerk_a, place=world.center_a, entry=entry_x, applicant=world.person
    )
    return first, second


def _rows(html: str) -> list[tuple[str, str]]:
    """(whole number, short form) of every case link in the page's tables."""
    return re.findall(r'title="([0-9A-Z]{20,})"[^>]*>(…\d{8}-\d{6})</a>', html)


def test_case_list_shows_the_short_number_and_the_whole_one_in_the_title(world, login, two_cases):
    html = login(world.clerk_a).get("/cases/").content.decode()
    shown = dict(_rows(html))
    for case in two_cases:
        assert shown[case.number] == case.short_number
        # The whole number is never the link text of a table.
        assert f">{case.number}<" not in html


@pytest.mark.parametrize(
    "part",
    [
        lambda c: c.number[-6:],  # the serial, as said on the phone
        lambda c: c.short_number,  # copied from a table
        lambda c: c.short_number.lstrip("…").replace("-", " "),
        lambda c: c.number.lower(),  # the whole number in any letter case
        lambda c: c.number[10:30],  # any middle part
    ],
)
def test_search_finds_a_case_by_any_part_of_its_number(world, login, two_cases, part):
    first, second = two_cases
    html = login(world.clerk_a).get("/cases/", {"q": part(second)}).content.decode()
    found = {number for number, _short in _rows(html)}
    assert second.number in found
    # The other case is left out unless it holds the fragment too (the entry code is random and
    # common to both: a middle part always, a serial sometimes).
    assert (first.number in found) == (number_search_text(part(second)) in first.number)


def test_case_page_has_the_whole_number_and_a_copy_button_without_inline_script(
    world, login, two_cases
):
    case = two_cases[0]
    html = login(world.clerk_a).get(f"/cases/{case.number}/").content.decode()
    assert f'data-testid="case-number">{case.number}<' in html
    assert f'data-copy="{case.number}"' in html
    assert re.search(r'<script src="/static/js/copy(\.[0-9a-f]+)?\.js" defer></script>', html)
    # Another helper adds a Content-Security-Policy: no inline script on the case page.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
