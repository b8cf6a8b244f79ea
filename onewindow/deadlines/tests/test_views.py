"""The calendar pages: who may open them, what they change, and bad input."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from onewindow.deadlines.calendar import calendar_for
from onewindow.deadlines.models import CalendarChange, CalendarDay, CalendarYear
from onewindow.deadlines.signals import calendar_changed

D = datetime.date
PAGES = [
    reverse("deadlines:year", args=[2025]),
    reverse("deadlines:schedule"),
    reverse("deadlines:day") + "?date=2025-10-01",
    reverse("deadlines:explain") + "?start=2025-09-26&n=5&unit=working",
]


def _schedule_post(year=2027, holidays=(), makeups=(), **extra):
    data = {
        "year": year,
        "note": "国办发明电〔2026〕测试",
        "h-TOTAL_FORMS": len(holidays),
        "h-INITIAL_FORMS": 0,
        "m-TOTAL_FORMS": len(makeups),
        "m-INITIAL_FORMS": 0,
    }
    for i, (name, first, last) in enumerate(holidays):
        data |= {f"h-{i}-name": name, f"h-{i}-first_day": first, f"h-{i}-last_day": last}
    for i, (day, name) in enumerate(makeups):
        data |= {f"m-{i}-day": day, f"m-{i}-name": name}
    return data | extra


@pytest.fixture
def nothing_changes():
    """Asserts that the test leaves the calendar and its log as they were, and sends no signal."""
    sent = []

    def receiver(**kwargs):
        sent.append(kwargs)

    calendar_changed.connect(receiver)
    before = (CalendarDay.objects.count(), CalendarYear.objects.count())
    changes = CalendarChange.objects.count()
    yield
    calendar_changed.disconnect(receiver)
    assert (CalendarDay.objects.count(), CalendarYear.objects.count()) == before
    assert CalendarChange.objects.count() == changes
    assert not sent


@pytest.mark.parametrize("url", PAGES)
def test_administrator_opens_every_page(world, login, url):
    assert login(world.admin_province).get(url).status_code == 200


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("who", ["clerk_a", "supervisor_a", "manager_a", "citizen"])
def test_other_roles_are_refused(world, login, url, who):
    assert login(getattr(world, who)).get(url).status_code == 403


@pytest.mark.parametrize("url", [*PAGES, reverse("deadlines:home")])
def test_anonymous_goes_to_sign_in(login, url):
    response = login(None).get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_posts_are_guarded_too(world, login, nothing_changes):
    data = {"year": 2027}
    assert login(world.clerk_a).post(reverse("deadlines:load"), data).status_code == 403
    assert login(None).post(reverse("deadlines:load"), data).status_code == 302


def test_year_page_shows_months_legend_and_colours(world, login):
    page = login(world.admin_province).get(reverse("deadlines:year", args=[2025])).content.decode()
    assert page.count('class="cal-month"') == 12
    assert 'id="legend"' in page
    assert 'data-date="2025-09-28" data-reason="makeup"' in page
    assert 'data-date="2025-10-01" data-reason="holiday"' in page
    assert "国庆节" in page


def test_home_redirects_to_this_year(world, login):
    response = login(world.admin_province).get(reverse("deadlines:home"))
    assert response.url == reverse("deadlines:year", args=[timezone.localdate().year])


def test_place_outside_the_region_is_not_found(world, login):
    client = login(world.admin_a)
    url = reverse("deadlines:year", args=[2025])
    assert client.get(url, {"place": world.center_a.pk}).status_code == 200
    assert client.get(url, {"place": world.center_b.pk}).status_code == 404
    assert client.get(url, {"place": "x"}).status_code == 404
    assert client.get(reverse("deadlines:year", args=[1900])).status_code == 404


def test_load_a_provisional_year_from_the_library(world, login):
    response = login(world.admin_province).post(
        reverse("deadlines:load"), {"year": 2030}, follow=True
    )
    assert response.status_code == 200
    assert CalendarYear.objects.get(year=2030).needs_review
    assert b'data-testid="calendar-warning"' in response.content


@pytest.mark.parametrize("data", [{"year": "abc"}, {"year": 1850}, {"year": 2024}, {}])
def test_bad_load_changes_nothing(world, login, nothing_changes, data):
    response = login(world.admin_province).post(reverse("deadlines:load"), data, follow=True)
    assert response.status_code == 200
    assert next(iter(response.context["messages"])).level_tag == "error"


def test_enter_a_schedule(world, login):
    data = _schedule_post(
        holidays=[("元旦", "2027-01-01", "2027-01-03"), ("春节", "2027-02-05", "2027-02-12")],
        makeups=[("2027-02-14", ""), ("", "")],
    )
    response = login(world.admin_province).post(reverse("deadlines:schedule"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CalendarYear.objects.get(year=2027).source == "admin"
    cal = calendar_for()
    assert cal.is_workday(D(2027, 2, 14))
    assert not cal.is_workday(D(2027, 2, 8))
    assert CalendarChange.objects.filter(action="schedule", actor=world.admin_province).exists()


@pytest.mark.parametrize(
    "data",
    [
        _schedule_post(holidays=[("春节", "2027-02-12", "2027-02-05")]),
        _schedule_post(
            holidays=[("春节", "2027-02-05", "2027-02-12")], makeups=[("2027-02-15", "")]
        ),
        _schedule_post(holidays=[("春节", "2027-02-05", "")]),
        _schedule_post(holidays=[("春节", "5 Feb", "2027-02-12")]),
        _schedule_post(year=2026, holidays=[("春节", "2026-02-05", "2026-02-12")]),
        _schedule_post(year="", holidays=[("春节", "2027-02-05", "2027-02-12")]),
        {"year": 2027},  # no management form
    ],
)
def test_bad_schedule_shows_problems_and_changes_nothing(world, login, nothing_changes, data):
    response = login(world.admin_province).post(reverse("deadlines:schedule"), data)
    assert response.status_code == 200
    assert b'data-testid="problems"' in response.content


def test_schedule_form_opens_with_the_stored_year(world, login):
    response = login(world.admin_province).get(reverse("deadlines:schedule"), {"year": 2025})
    holidays = response.context["holidays"]
    assert holidays.initial[0]["name"] == "元旦"
    assert response.context["form"].initial["replace"] is True


def test_change_a_day_nationally_and_for_a_center(world, login):
    url = reverse("deadlines:day")
    response = login(world.admin_province).post(
        url, {"date": "2025-06-03", "kind": "closed", "name": "抢修"}
    )
    assert response.status_code == 302
    assert not calendar_for().is_workday(D(2025, 6, 3))
    client = login(world.admin_a)
    data = {"date": "2025-06-04", "kind": "closed", "place": world.center_a.pk}
    assert client.post(url, data).status_code == 302
    assert not calendar_for(world.center_a).is_workday(D(2025, 6, 4))
    assert calendar_for().is_workday(D(2025, 6, 4))
    page = client.get(reverse("deadlines:year", args=[2025]), {"place": world.center_a.pk})
    assert b"cal-override" in page.content


@pytest.mark.parametrize(
    "data",
    [
        {"date": "2025-06-04", "kind": "workday"},  # a weekday works already
        {"date": "2099-06-04", "kind": "closed"},  # year not loaded
        {"date": "not a date", "kind": "closed"},
        {"date": "2025-06-04", "kind": "weekend"},
        {"date": "2025-06-04", "kind": "closed", "place": "center_b"},  # outside the region
        {"date": "2025-06-04", "kind": "closed", "name": "x" * 61},
    ],
)
def test_bad_day_changes_nothing(world, login, nothing_changes, data):
    if data.get("place") == "center_b":
        data = {**data, "place": world.center_b.pk}
    admin = world.admin_a if "place" in data else world.admin_province
    response = login(admin).post(reverse("deadlines:day"), data)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_explain_page(world, login):
    client = login(world.admin_province)
    url = reverse("deadlines:explain")
    response = client.get(url, {"start": "2025-09-26", "n": 5, "unit": "working"})
    assert response.context["due"] == D(2025, 10, 10)
    assert "国庆节" in response.content.decode()
    response = client.get(url, {"start": "2099-01-05", "n": 5, "unit": "working"})
    assert response.status_code == 200
    assert b'data-testid="problems"' in response.content
    response = client.get(url, {"start": "9999-12-31", "n": 5, "unit": "calendar"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_workspace_shows_the_warning(world, login):
    client = login(world.admin_province)
    page = client.get(reverse("accounts:ws-admin")).content.decode()
    assert 'id="calendar-tile"' in page
    CalendarYear.objects.filter(year=timezone.localdate().year).delete()
    page = client.get(reverse("accounts:ws-admin")).content.decode()
    assert 'data-testid="calendar-warning"' in page


def test_confirm_a_provisional_year(world, login):
    client = login(world.admin_province)
    client.post(reverse("deadlines:load"), {"year": 2030})
    response = client.post(reverse("deadlines:year-confirm", args=[2030]), {"note": "已核对"})
    assert response.status_code == 302
    assert not CalendarYear.objects.get(year=2030).needs_review
    response = client.post(reverse("deadlines:year-confirm", args=[2030]), follow=True)
    assert list(response.context["messages"])[-1].level_tag == "error"
