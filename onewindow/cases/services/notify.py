"""What the applicant is told at each stage, queued in the outbox with the transition."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import override

from onewindow.cases import clock
from onewindow.cases.choices import Outcome
from onewindow.notifications.services import notification_queue

if TYPE_CHECKING:
    from onewindow.cases.choices import Action
    from onewindow.cases.models import Case


def _date(value: datetime.date | None) -> str:
    return formats.date_format(value, "Y-m-d") if value else _("to be set")


def _body(case: Case, event: str) -> str:
    place = case.home_place.name if case.home_place_id else ""
    texts = {
        "case.received": _(
            "Your application “%(title)s” has been received. Case number %(number)s; "
            "check its progress with the number and your ID number."
        ),
        "case.accepted": _(
            "Your application “%(title)s” (%(number)s) has been accepted; "
            "it will be decided by %(due)s."
        ),
        "case.correction": _(
            "Your application “%(title)s” (%(number)s) needs further materials: see the "
            "correction notice, which lists everything at once."
        ),
        "case.refused": _(
            "Your application “%(title)s” (%(number)s) was not accepted; the notice states the "
            "reasons and how to appeal."
        ),
        "case.in_review": _("Your application “%(title)s” (%(number)s) is now at “%(step)s”."),
        "case.special_procedure": _(
            "Your application “%(title)s” (%(number)s) has entered a special procedure; the "
            "written notice explains it. The deadline is now %(due)s."
        ),
        "case.decided": _(
            "Your application “%(title)s” (%(number)s) has been decided: %(outcome)s."
        ),
        "case.ready_for_pickup": _(
            "The result of “%(title)s” (%(number)s) is ready: pick it up at %(place)s with "
            "pickup code %(code)s."
        ),
        "case.mailed": _(
            "The result of “%(title)s” (%(number)s) has been mailed, tracking number %(tracking)s."
        ),
        "case.completed": _("Your application “%(title)s” (%(number)s) is completed."),
        "case.withdrawn": _("Your application “%(title)s” (%(number)s) has been withdrawn."),
        "case.returned": _(
            "Your application “%(title)s” (%(number)s) has been returned; see the notice."
        ),
    }
    step = None
    if event == "case.in_review":  # the only text that names the step
        step = case.steps.filter(finished_at__isnull=True).values_list("name", flat=True).first()
    body = texts[event] % {
        "title": case.title,
        "number": case.number,
        "due": _date(case.due_date),
        "step": step or "",
        "outcome": Outcome(case.outcome).label if case.outcome else "",
        "place": place,
        "code": case.pickup_code,
        "tracking": case.tracking_number,
    }
    if event in ("case.accepted", "case.special_procedure"):
        # A provisional or unknown deadline is never sent as a firm date (issue 11 item 5).
        reason = clock.deadline_shown(case).pending_reason
        if reason:
            body = f"{body} {reason}"
    return body


def case_notify(*, case: Case, event: str, action: Action, extra: str = "") -> None:
    """Queue the applicant's message (SMS log by default). Joint parts speak through the parent."""
    if case.parent_id:
        return
    with override(settings.LANGUAGE_CODE):
        body = _body(case, event)
        if extra:
            body = f"{body} {extra}"
        subject = _("OneWindow: %(number)s") % {"number": case.number}
    notification_queue(
        event=event,
        subject=subject,
        body=body,
        recipient_phone=case.contact_phone,
        recipient_user=case.submitted_by,
        case_number=case.number,
        place=case.home_place,
        region_code=case.region_code,
    )
