"""Documents promise only what exists (issue 11, item 13).

Evaluation (好差评) is not built yet: the 办结通知书 must not invite the applicant to rate the
service on a progress page that has no rating (the home page's promise was withdrawn for the
same reason).
"""

from __future__ import annotations

import re

from django.utils import translation

from onewindow.documents.choices import DocumentKind
from onewindow.documents.render import document_html
from onewindow.documents.samples import SAMPLE_VERIFY_URL, sample_data


def test_no_document_invites_a_rating_that_does_not_exist():
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for kind in DocumentKind.values:
                html = document_html(
                    kind=kind, data=sample_data(kind), verify_url=SAMPLE_VERIFY_URL
                )
                text = re.sub(r"<[^>]+>", "", html)
                assert "评价" not in text, kind
                assert "rate this service" not in text, kind


def test_the_completion_notice_points_to_the_progress_page():
    with translation.override("zh-hans"):
        html = document_html(
            kind="completion", data=sample_data("completion"), verify_url=SAMPLE_VERIFY_URL
        )
    assert "办件进度" in html
