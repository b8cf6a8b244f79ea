"""The home page promises only what OneWindow does (issue 11, item 13)."""

from __future__ import annotations

from django.urls import reverse


def test_the_home_page_promises_nothing_that_does_not_exist_yet(client, db):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    # Evaluation (好差评) is not built yet: the page must not invite ratings.
    assert "由您评价" not in html
    assert "评价" not in html
    # Some items count calendar days: the page must not say every limit is in working days.
    assert "（工作日）" not in html
    # What it offers instead works: the progress look-up.
    assert reverse("portal:progress") in html
    assert "查询办理进度" in html
    assert client.get(reverse("portal:progress")).status_code == 200
