"""The rating invitation: when a service is over, the applicant gets the case's rating link."""

from __future__ import annotations

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from onewindow.cases.models import Case, CaseEvent
from onewindow.cases.signals import case_transitioned
from onewindow.evaluation.machines import RATEABLE_STATES
from onewindow.evaluation.services import default_days, rating_link_token
from onewindow.notifications.services import notification_queue

EVENT_INVITE = "evaluation.invite"


def rating_link(case: Case) -> str:
    base = str(getattr(settings, "ONEWINDOW_PUBLIC_URL", "")).rstrip("/")
    return base + reverse("evaluation:rate-link", kwargs={"token": rating_link_token(case)})


@receiver(case_transitioned)
def invite_rating(
    sender: type, case: Case, event: CaseEvent, source: str, target: str, **kwargs: object
) -> None:
    if target not in RATEABLE_STATES or source in RATEABLE_STATES or not case.contact_phone:
        return
    if case.is_joint:  # the parts are rated, each by its own department
        return
    with override(settings.LANGUAGE_CODE):
        body = _(
            "Please rate the service of case %(number)s within %(days)s days: %(link)s "
            "(without a rating it is recorded as basically satisfied)."
        ) % {"number": case.number, "days": default_days(), "link": rating_link(case)}
        subject = _("Please rate our service")
    notification_queue(
        event=EVENT_INVITE,
        subject=subject,
        body=body,
        recipient_phone=case.contact_phone,
        case_number=case.number,
        place=case.place,
    )
