"""好差评: rating a service once, the default rating, and the 差评 loop's actions.

Every change goes through the engine (``machines.RATING``, ``machines.REVIEW``), which locks,
refuses a stale revision, checks the table, the capacity and the guards, and writes the audit
entry and the notices in the same transaction. These functions check what people entered and
fill the fields; bad input raises ``DomainError`` with the field and changes nothing.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from onewindow.cases.choices import Action, CaseState
from onewindow.cases.models import Case, CaseEvent
from onewindow.core.errors import DomainError
from onewindow.core.validators import checked, clean_person_name, clean_phone
from onewindow.deadlines.calendar import CalendarNotLoaded, calendar_for
from onewindow.evaluation.choices import (
    BAD_LEVELS,
    HALL_CHANNELS,
    HALL_INDICES,
    ONLINE_INDICES,
    Appeal,
    ComplaintAbout,
    ComplaintAction,
    ComplaintChannel,
    Level,
    RatingAction,
    RatingChannel,
    Reason,
    ReviewAction,
    ReviewState,
    RevisitResult,
)
from onewindow.evaluation.machines import COMPLAINT, RATEABLE_STATES, RATING, REVIEW
from onewindow.evaluation.models import Complaint, Rating, Review
from onewindow.organisations.models import Assignment
from onewindow.workflow.engine import transition
from onewindow.workflow.machine import NEW

if TYPE_CHECKING:
    from onewindow.accounts.models import User
    from onewindow.organisations.models import ServicePlace

logger = logging.getLogger(__name__)

MAX_COMMENT = 500
MAX_TEXT = 2000
TOKEN_SALT = "onewindow.evaluation.rate"  # noqa: S105 - a signing namespace, not a secret


def default_days() -> int:
    """Natural days after which an unrated service gets the default 基本满意."""
    return int(getattr(settings, "EVALUATION_DEFAULT_DAYS", 7))


def rectify_days() -> int:
    """Working days the unit has to verify, rectify and reply to a 差评."""
    return int(getattr(settings, "EVALUATION_RECTIFY_DAYS", 10))


def indices_for(channel: str) -> tuple[str, ...]:
    return tuple(HALL_INDICES if channel in HALL_CHANNELS else ONLINE_INDICES)


# --- input -----------------------------------------------------------------------------------


def _level(value: object, *, field: str = "level") -> int:
    try:
        level = int(str(value))
    except (TypeError, ValueError):
        level = 0
    if level not in Level.values:
        raise DomainError(
            _("Choose one of the five levels, from 1 (very satisfied) to 5 (very dissatisfied)."),
            field=field,
        )
    return level


def _text(value: str | None, *, field: str, missing: str = "", limit: int = MAX_TEXT) -> str:
    text = (value or "").strip()
    if missing and not text:
        raise DomainError(missing, field=field)
    if len(text) > limit:
        raise DomainError(
            _("Keep it within %(n)s characters (you wrote %(m)s).") % {"n": limit, "m": len(text)},
            field=field,
        )
    return text


def _indices(channel: str, values: Mapping[str, object] | None) -> dict[str, int]:
    allowed = indices_for(channel)
    result: dict[str, int] = {}
    for key, value in (values or {}).items():
        if value in (None, ""):
            continue
        if key not in allowed:
            raise DomainError(_("Unknown rating index: %(key)s.") % {"key": key}, field="indices")
        result[key] = _level(value, field=f"index_{key}")
    return result


def _reasons(level: int, values: Iterable[str] | None) -> list[str]:
    reasons = list(dict.fromkeys(values or ()))
    unknown = [r for r in reasons if r not in Reason.values]
    if unknown:
        raise DomainError(_("Unknown reason: %(r)s.") % {"r": unknown[0]}, field="reasons")
    if reasons and level not in BAD_LEVELS:
        raise DomainError(
            _("Reasons are given with a rating of dissatisfied or very dissatisfied."),
            field="reasons",
        )
    return reasons


# --- ratings ---------------------------------------------------------------------------------


def unrated(case: Case, *, channel: str) -> Rating:
    """The rating ``case`` would get: the unit that served filled in from the case."""
    received = (
        CaseEvent.objects.filter(case=case, action=Action.RECEIVE)
        .order_by("at")
        .values_list("actor_id", flat=True)
        .first()
    )
    return Rating(
        case=case,
        place_id=case.place_id,
        department_id=case.department_id,
        window_id=case.window_id,
        clerk_id=received,
        region_code=case.region_code,
        channel=channel,
        state=NEW,
        revision=0,
        level=Level.BASICALLY_SATISFIED,
    )


def may_rate(case: Case) -> bool:
    """Whether the service of ``case`` is over and not yet rated (what the pages ask)."""
    return case.state in RATEABLE_STATES and not Rating.objects.filter(case_id=case.pk).exists()


def rating_of(case: Case) -> Rating | None:
    return Rating.objects.filter(case_id=case.pk).select_related("review").first()


def _rate(
    case: Case,
    *,
    actor: User | None,
    channel: str,
    level: object,
    indices: Mapping[str, object] | None,
    reasons: Iterable[str] | None,
    comment: str | None,
    at: datetime.datetime | None,
) -> Rating:
    value = _level(level)
    fields = {
        "indices": _indices(channel, indices),
        "reasons": _reasons(value, reasons),
        "comment": _text(comment, field="comment", limit=MAX_COMMENT),
    }
    if value in BAD_LEVELS and not (fields["reasons"] or fields["comment"]):
        raise DomainError(
            _("Tell us what went wrong: choose a reason or write a comment."), field="reasons"
        )
    try:
        with transaction.atomic():
            # The case's lock serialises two ratings of one service sent at once.
            locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
            rating = unrated(locked, channel=channel)
            with transition(
                RATING, rating, RatingAction.RATE, actor=actor, expected_revision=None, at=at
            ) as change:
                for key, val in fields.items():
                    setattr(rating, key, val)
                rating.level = value
                rating.rated_by = actor
                rating.rated_at = change.at
    except IntegrityError as exc:  # a second rating raced past the guard
        raise DomainError(
            _("This service has already been rated; a rating is given once.")
        ) from exc
    return rating


def rate(
    *,
    case: Case,
    actor: User,
    level: object,
    indices: Mapping[str, object] | None = None,
    reasons: Iterable[str] | None = None,
    comment: str | None = None,
    channel: str = RatingChannel.PC,
    at: datetime.datetime | None = None,
) -> Rating:
    """The signed-in applicant rates the service of ``case``."""
    if channel in (RatingChannel.SMS, RatingChannel.DEFAULT):
        raise DomainError(_("This channel cannot be chosen here."), field="channel")
    return _rate(
        case,
        actor=actor,
        channel=channel,
        level=level,
        indices=indices,
        reasons=reasons,
        comment=comment,
        at=at,
    )


def rating_link_token(case: Case) -> str:
    """The signed token of the case's SMS rating link (no personal data in it)."""
    return signing.dumps({"c": str(case.public_id)}, salt=TOKEN_SALT, compress=True)


def case_of_token(token: str) -> Case:
    """The case of a rating link; a forged, expired or used link is refused with a reason."""
    try:
        data = signing.loads(
            token, salt=TOKEN_SALT, max_age=datetime.timedelta(days=default_days())
        )
    except signing.SignatureExpired as exc:
        raise DomainError(_("This rating link has expired.")) from exc
    except signing.BadSignature as exc:
        raise DomainError(_("This rating link is not valid.")) from exc
    public_id = data.get("c") if isinstance(data, dict) else None
    case = Case.objects.filter(public_id=str(public_id)).first() if public_id else None
    if case is None:
        raise DomainError(_("This rating link is not valid."))
    return case


def rate_by_link(
    *,
    token: str,
    level: object,
    indices: Mapping[str, object] | None = None,
    reasons: Iterable[str] | None = None,
    comment: str | None = None,
    at: datetime.datetime | None = None,
) -> Rating:
    """The applicant rates through the SMS link: the token names the case; it works once (a
    service has one rating) and expires with the rating period."""
    case = case_of_token(token)
    return _rate(
        case,
        actor=None,
        channel=RatingChannel.SMS,
        level=level,
        indices=indices,
        reasons=reasons,
        comment=comment,
        at=at,
    )


def ratings_default_sweep(*, now: datetime.datetime | None = None) -> int:
    """Give 基本满意 by default to every service over for ``default_days()`` without a rating."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=default_days())
    due = (
        Case.objects.filter(
            Q(state=CaseState.COMPLETED, completed_at__lte=cutoff)
            | Q(state=CaseState.REFUSED, events__to_state=CaseState.REFUSED, events__at__lte=cutoff)
        )
        .filter(ratings__isnull=True)
        .values_list("pk", flat=True)
        .distinct()
    )
    # The ids first: no cursor stays open across the commits below.
    ids = list(due)
    made = 0
    for pk in ids:
        with transaction.atomic():
            case = Case.objects.select_for_update(of=("self",)).get(pk=pk)
            if Rating.objects.filter(case_id=pk).exists():
                continue
            rating = unrated(case, channel=RatingChannel.DEFAULT)
            with transition(
                RATING, rating, RatingAction.DEFAULT, actor=None, expected_revision=None, at=now
            ) as change:
                rating.is_default = True
                rating.rated_at = change.at
                # Nobody rated: not an applicant's real-name verdict.
                rating.real_name = False
        made += 1
    return made


# --- the 差评 loop ---------------------------------------------------------------------------


def _due(rating: Rating, start: datetime.date) -> datetime.date:
    days = rectify_days()
    try:
        return calendar_for(rating.place_id).add_days(start, days)
    except CalendarNotLoaded:
        # Without the year's schedule, twice the days in calendar days: never shorter than the
        # working days would give; the audit entry keeps the date.
        logger.warning("calendar missing for the 差评 deadline of rating %s", rating.pk)
        return start + datetime.timedelta(days=2 * days)


def review_open(*, rating: Rating, at: datetime.datetime | None = None) -> Review:
    """Open the loop of a bad rating (called by the rating's transition)."""
    review = Review(
        rating=rating,
        place_id=rating.place_id,
        department_id=rating.department_id,
        region_code=rating.region_code,
        state=NEW,
        revision=0,
    )
    with transition(
        REVIEW, review, ReviewAction.OPEN, actor=None, expected_revision=None, at=at
    ) as change:
        review.due_date = _due(rating, timezone.localdate(change.at))
    return review


def _act(
    review: Review,
    action: str,
    *,
    actor: User | None,
    expected_revision: int | None,
    fields: Mapping[str, Any],
    stay: bool = False,
    at: datetime.datetime | None = None,
) -> Review:
    if expected_revision is None and actor is not None:
        raise TypeError("expected_revision is required when a person acts")
    with transition(
        REVIEW, review, action, actor=actor, expected_revision=expected_revision, at=at
    ) as change:
        locked = change.obj
        for key, value in fields.items():
            setattr(locked, key, value)
        if actor is not None:
            locked.handled_by = actor
        if stay:  # marking overdue keeps the loop where it is
            change.target = change.source
    return change.obj


def review_confirm(
    *, review: Review, actor: User, finding: str | None, expected_revision: int | None
) -> Review:
    text = _text(finding, field="finding", missing=_("Write what the verification found."))
    return _act(
        review,
        ReviewAction.CONFIRM,
        actor=actor,
        expected_revision=expected_revision,
        fields={"finding": text},
    )


def review_appeal(
    *,
    review: Review,
    actor: User,
    kind: str | None,
    reason: str | None,
    expected_revision: int | None,
) -> Review:
    if kind not in Appeal.values:
        raise DomainError(_("Say whether the rating is mistaken or malicious."), field="kind")
    text = _text(
        reason,
        field="reason",
        missing=_("Give the reason and the evidence of the appeal."),
    )
    return _act(
        review,
        ReviewAction.APPEAL,
        actor=actor,
        expected_revision=expected_revision,
        fields={"appeal_kind": kind, "appeal_reason": text},
    )


def review_decide_appeal(
    *,
    review: Review,
    actor: User,
    uphold: bool,
    decision: str | None,
    expected_revision: int | None,
) -> Review:
    text = _text(decision, field="decision", missing=_("Give the reasons of the decision."))
    return _act(
        review,
        ReviewAction.UPHOLD_APPEAL if uphold else ReviewAction.DISMISS_APPEAL,
        actor=actor,
        expected_revision=expected_revision,
        fields={"appeal_decision": text},
    )


def review_reply(
    *,
    review: Review,
    actor: User,
    rectification: str | None,
    reply: str | None,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Review:
    fix = _text(rectification, field="rectification", missing=_("Describe the rectification."))
    answer = _text(
        reply, field="reply", missing=_("Write the reply the applicant will receive."), limit=300
    )
    return _act(
        review,
        ReviewAction.REPLY,
        actor=actor,
        expected_revision=expected_revision,
        fields={"rectification": fix, "reply": answer, "replied_at": at or timezone.now()},
        at=at,
    )


def review_revisit(
    *,
    review: Review,
    actor: User,
    result: str | None,
    note: str | None,
    expected_revision: int | None,
) -> Review:
    if result not in RevisitResult.values:
        raise DomainError(_("Record what the applicant said at the revisit."), field="result")
    return _act(
        review,
        ReviewAction.REVISIT,
        actor=actor,
        expected_revision=expected_revision,
        fields={"revisit_result": result, "revisit_note": _text(note, field="note")},
    )


def review_close(
    *, review: Review, actor: User, note: str | None, expected_revision: int | None
) -> Review:
    text = _text(note, field="note", missing=_("Write the closing note."))
    return _act(
        review,
        ReviewAction.CLOSE,
        actor=actor,
        expected_revision=expected_revision,
        fields={"closing_note": text, "closed_at": timezone.now()},
    )


def reviews_overdue_sweep(*, today: datetime.date | None = None) -> int:
    """Mark the loops still unanswered after their day (once each)."""
    today = today or timezone.localdate()
    ids = list(
        Review.objects.filter(
            state__in=(ReviewState.VERIFYING, ReviewState.RECTIFYING),
            overdue=False,
            due_date__lt=today,
        ).values_list("pk", flat=True)
    )
    marked = 0
    for pk in ids:
        review = Review.objects.get(pk=pk)
        with transaction.atomic():
            try:
                _act(
                    review,
                    ReviewAction.MARK_OVERDUE,
                    actor=None,
                    expected_revision=None,
                    fields={"overdue": True},
                    stay=True,
                )
            except DomainError:
                continue  # marked by a concurrent run meanwhile
        marked += 1
    return marked


# --- complaints ------------------------------------------------------------------------------


def complaint_days() -> int:
    """Working days within which a complaint is answered."""
    return int(getattr(settings, "EVALUATION_COMPLAINT_DAYS", 10))


def complaint_file(
    *,
    actor: User,
    channel: str,
    place: ServicePlace,
    about: str,
    content: str | None,
    name: str | None,
    phone: str | None,
    evidence: str | None = None,
    case: Case | None = None,
    staff_user: User | None = None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Take a complaint down (online by the complainant, at the complaint window, by 12345)."""
    if channel not in ComplaintChannel.values:
        raise DomainError(_("Choose how the complaint came in."), field="channel")
    if about not in ComplaintAbout.values:
        raise DomainError(_("Say what the complaint is about."), field="about")
    text = _text(content, field="content", missing=_("Write what the complaint is about."))
    who = checked(clean_person_name, name, field="name", label=_("Complainant's name"))
    number = checked(
        clean_phone, phone, field="phone", label=_("Phone for the answer"), required=True
    )
    if staff_user is not None and not scope_of_place(staff_user, place):
        raise DomainError(_("That person does not work at this center."), field="staff_user")
    complaint = Complaint(
        channel=channel,
        about=about,
        place=place,
        region_code=place.region.code,
        case=case,
        staff_user=staff_user,
        complainant_user=actor if channel == ComplaintChannel.PORTAL else None,
        complainant_name=who,
        complainant_phone=number,
        content=text,
        evidence=_text(evidence, field="evidence"),
        filed_by=actor,
        state=NEW,
        revision=0,
    )
    with (
        transaction.atomic(),
        transition(
            COMPLAINT, complaint, ComplaintAction.FILE, actor=actor, expected_revision=None, at=at
        ) as change,
    ):
        complaint.filed_at = change.at
        complaint.due_date = _due_at(place.pk, timezone.localdate(change.at), complaint_days())
    return complaint


def scope_of_place(user: User, place: ServicePlace) -> bool:
    """Whether ``user`` works at ``place`` (any role assigned there)."""
    return Assignment.objects.filter(staff__user=user, place=place).exists()


def _due_at(place_id: int, start: datetime.date, days: int) -> datetime.date:
    try:
        return calendar_for(place_id).add_days(start, days)
    except CalendarNotLoaded:
        logger.warning("calendar missing for a complaint deadline at place %s", place_id)
        return start + datetime.timedelta(days=2 * days)


COMPLAINT_FIELDS: dict[str, tuple[str, str]] = {
    ComplaintAction.NOT_ACCEPT: (
        "not_accepted_reason",
        gettext_noop("Give the reason for not accepting it."),
    ),
    ComplaintAction.HANDLE: ("handling", gettext_noop("Write what was found and what was done.")),
    ComplaintAction.ANSWER: (
        "answer",
        gettext_noop("Write the answer the complainant will receive."),
    ),
}


def complaint_act(
    *,
    complaint: Complaint,
    actor: User,
    action: str,
    text: str | None,
    expected_revision: int | None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """One handling step; the steps that say something need their text."""
    if action not in ComplaintAction.values or action == ComplaintAction.FILE:
        raise DomainError(_("Unknown action."))
    written = ""
    field = COMPLAINT_FIELDS.get(action)
    if field is not None:
        written = _text(
            text, field="text", missing=_(field[1]), limit=300 if action == "answer" else MAX_TEXT
        )
    with transition(
        COMPLAINT, complaint, action, actor=actor, expected_revision=expected_revision, at=at
    ) as change:
        locked = change.obj
        if field is not None:
            setattr(locked, field[0], written)
        if action == ComplaintAction.ACCEPT:
            locked.owner = actor
        if action == ComplaintAction.ANSWER:
            locked.answered_at = change.at
    return change.obj
