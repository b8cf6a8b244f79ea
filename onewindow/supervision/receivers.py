"""Settling supervision records when the case moves on (the record's "result")."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from onewindow.cases.choices import STATE_CLOCK, WarningLevel
from onewindow.cases.models import Case, CaseEvent
from onewindow.cases.signals import case_transitioned
from onewindow.supervision.choices import Clock
from onewindow.supervision.models import SupervisionRecord


@receiver(case_transitioned)
def settle_records(
    sender: type,
    case: Case,
    event: CaseEvent,
    source: str,
    target: str,
    previous_level: str,
    **kwargs: object,
) -> None:
    """The warnings of a clock that stopped, and of a step that closed, get the action that ended
    them as their result. Costs one UPDATE, and only on transitions that can settle something."""
    ended = STATE_CLOCK.get(source)
    condition = Q()
    if ended and ended != STATE_CLOCK.get(target) and previous_level != WarningLevel.NORMAL:
        condition |= Q(clock=ended)
    if event.step_name:
        condition |= Q(clock=Clock.STEP, step__finished_at__isnull=False)
    if not condition:
        return
    with override(settings.LANGUAGE_CODE):
        result = _("%(action)s on %(day)s") % {
            "action": event.get_action_display(),
            "day": timezone.localdate(event.at).isoformat(),
        }
    SupervisionRecord.objects.filter(condition, case=case, result="").update(result=result[:300])
