"""The Django admin's calendar list refuses a year out of range instead of failing (issue 17,
item 9: ``?date__year=999…9`` raised OverflowError, a 500)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "query",
    [
        "date__year=99999999999999999999",
        "date__year=2026&date__month=99999999999999999999",
        "date__year=2026&date__month=2&date__day=99999999999",
        "date__year=-5",
    ],
)
def test_a_date_out_of_range_is_a_bad_filter_not_a_500(client, django_user_model, query):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)

    response = client.get(f"/admin/deadlines/calendarday/?{query}")

    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "e=1" in response["Location"]


def test_the_list_still_filters_by_a_real_year(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)

    response = client.get("/admin/deadlines/calendarday/?date__year=2026")

    assert response.status_code == 200
    assert "2026" in response.content.decode()
